import type { ReactNode } from 'react'

/**
 * A row header cell for a ui/Table. Not `<Th className=…>`: that would add a second background and
 * weight to Th's own, and with plain class joining the stylesheet order, not the class order, decides.
 */
export function RowHeader({ children, className = 'font-normal' }: { children: ReactNode; className?: string }) {
	return (
		<th scope="row" className={`bg-white px-3 py-2 text-left align-top whitespace-nowrap text-slate-900 ${className}`}>
			{children}
		</th>
	)
}
