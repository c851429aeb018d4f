import { Link } from '@remix-run/react'
import { Card } from './ui/index.ts'

export type Section = { to: string; title: string; body: string; badge?: string | null }

/** The cards of a hub page (/admin, /admin/kpi): a linked title, what is there, and an optional note. */
export function SectionCards({ sections, heading: Heading = 'h2', className = 'md:grid-cols-2' }: { sections: readonly Section[]; heading?: 'h2' | 'h3'; className?: string }) {
	return (
		<ul className={`grid gap-4 ${className}`}>
			{sections.map((section) => (
				<li key={section.to}>
					<Card className="h-full">
						<Heading className="mb-2 text-lg font-semibold">
							<Link to={section.to} className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
								{section.title}
							</Link>
						</Heading>
						<p className="text-sm text-slate-700">{section.body}</p>
						{section.badge ? <p className="mt-2 text-sm font-semibold text-amber-800">{section.badge}</p> : null}
					</Card>
				</li>
			))}
		</ul>
	)
}
