import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react'
import { cn } from './cn.ts'

/**
 * Scrolls sideways on a phone instead of squeezing columns. The scroll box is a labelled, focusable
 * region so keyboard users can scroll it too.
 */
export function Table({ caption, children }: { caption: string; children: ReactNode }) {
	return (
		<div role="region" aria-label={caption} tabIndex={0} className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
			<table className="min-w-full divide-y divide-slate-200 text-sm">
				<caption className="sr-only">{caption}</caption>
				{children}
			</table>
		</div>
	)
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
	return (
		<th
			scope="col"
			className={cn('bg-slate-50 px-3 py-2 text-left font-semibold whitespace-nowrap text-slate-700', className)}
			{...props}
		/>
	)
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
	return <td className={cn('px-3 py-2 align-top text-slate-800', className)} {...props} />
}

export function Tr(props: HTMLAttributes<HTMLTableRowElement>) {
	return <tr className="border-t border-slate-100" {...props} />
}
