import { NavLink } from '@remix-run/react'
import { cn } from './cn.ts'

/** Tabs as links: each tab is a URL, so they work without JavaScript and can be bookmarked. */
export function Tabs({ label, tabs }: { label: string; tabs: Array<{ to: string; label: string; end?: boolean }> }) {
	return (
		<nav aria-label={label} className="mb-4 border-b border-slate-200">
			<ul className="-mb-px flex gap-1 overflow-x-auto">
				{tabs.map((tab) => (
					<li key={tab.to}>
						<NavLink
							to={tab.to}
							end={tab.end}
							className={({ isActive }) =>
								cn(
									'inline-block min-h-11 border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap',
									isActive
										? 'border-brand-700 text-brand-800'
										: 'border-transparent text-slate-700 hover:border-slate-400',
								)
							}
						>
							{tab.label}
						</NavLink>
					</li>
				))}
			</ul>
		</nav>
	)
}
