import { ButtonLink } from './button.tsx'

/** Previous / "page N of M" / next links for a list split into pages; nothing when there is one page. */
export function Pagination({
	page,
	pages,
	hrefFor,
	labels,
}: {
	page: number
	pages: number
	hrefFor: (page: number) => string
	/** Already translated: the nav's name, the two links and the position text. */
	labels: { nav: string; prev: string; next: string; position: string }
}) {
	if (pages <= 1) return null
	return (
		<nav aria-label={labels.nav} className="mt-4 flex flex-wrap items-center gap-3">
			{page > 1 ? (
				<ButtonLink to={hrefFor(page - 1)} variant="secondary" rel="prev">
					{labels.prev}
				</ButtonLink>
			) : null}
			<span className="text-sm text-slate-700">{labels.position}</span>
			{page < pages ? (
				<ButtonLink to={hrefFor(page + 1)} variant="secondary" rel="next">
					{labels.next}
				</ButtonLink>
			) : null}
		</nav>
	)
}
