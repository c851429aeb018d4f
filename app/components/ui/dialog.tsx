import type { ReactNode } from 'react'
import { buttonClass } from './button.tsx'
import { cn } from './cn.ts'

/**
 * A confirmation step before a destructive action, built on <details> so it works without
 * JavaScript: the trigger opens a panel that holds the real submit button.
 */
export function ConfirmDialog({
	trigger,
	title,
	children,
	variant = 'danger',
}: {
	trigger: ReactNode
	title: ReactNode
	children: ReactNode
	variant?: 'danger' | 'secondary' | 'primary'
}) {
	return (
		<details className="group">
			<summary className={cn(buttonClass(variant), 'cursor-pointer list-none whitespace-nowrap [&::-webkit-details-marker]:hidden')}>
				{trigger}
			</summary>
			<div role="group" aria-label={typeof title === 'string' ? title : undefined} className="mt-3 rounded-lg border border-slate-300 bg-white p-4 shadow-md">
				<p className="mb-3 text-sm text-slate-800">{title}</p>
				{children}
			</div>
		</details>
	)
}
