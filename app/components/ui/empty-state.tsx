import type { ReactNode } from 'react'

export function EmptyState({ title, children, action }: { title: ReactNode; children?: ReactNode; action?: ReactNode }) {
	return (
		<div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
			<p className="text-base font-semibold text-slate-900">{title}</p>
			{children ? <div className="mx-auto mt-2 max-w-prose text-sm text-slate-700">{children}</div> : null}
			{action ? <div className="mt-4">{action}</div> : null}
		</div>
	)
}
