import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

/** The "← back to the list" link above a detail or form page. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
	return (
		<p className="mb-2 text-sm">
			<Link to={to} className="text-brand-700 underline">
				{children}
			</Link>
		</p>
	)
}
