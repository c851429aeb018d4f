import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ArticleLinks, Highlighted, TypeBadge } from '#app/components/kb.tsx'
import { Badge, Button, ButtonLink, Card, CardTitle, EmptyState, Select } from '#app/components/ui/index.ts'
import { requireKnowledgeUnlocked } from '#app/modules/exams/lock.server.ts'
import { listBookmarks, popularArticles, recentArticles } from '#app/modules/knowledge/articles.server.ts'
import { articlePositions, articleTypes, objectionCategories, salesStages } from '#app/modules/knowledge/frontmatter.ts'
import { highlight, parseQuery } from '#app/modules/knowledge/query.ts'
import { facetCounts, searchAndRecordGaps, type SearchFilters } from '#app/modules/knowledge/search.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

const PAGE_SIZE = 20
const FILTER_KEYS = ['type', 'stage', 'category', 'product', 'position', 'tag'] as const
type FilterKey = (typeof FILTER_KEYS)[number]

const freeText = z.string().trim().min(1).max(40).optional().catch(undefined)

// A hand-edited or stale URL (unknown type, page=abc) shows what it can rather than an error.
const SearchQuery = z.object({
	// parseQuery cuts the query to 200 characters and says so; this only bounds what is echoed back.
	q: z.string().max(1000).catch(''),
	type: z.enum(articleTypes).optional().catch(undefined),
	stage: z.enum(salesStages).optional().catch(undefined),
	category: z.enum(objectionCategories).optional().catch(undefined),
	position: z.enum(articlePositions).optional().catch(undefined),
	product: freeText,
	tag: freeText,
	page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

/** Tags and products are open-ended: offer the most frequent ones (and the one chosen), not hundreds. */
const MAX_OPEN_OPTIONS = 30

function topFacets(facets: ReturnType<typeof facetCounts>, filters: SearchFilters) {
	const top = (counts: Record<string, number>, selected?: string) =>
		Object.fromEntries(
			Object.entries(counts)
				.sort((a, b) => b[1] - a[1])
				.filter(([value], i) => i < MAX_OPEN_OPTIONS || value === selected),
		)
	return { ...facets, tag: top(facets.tag, filters.tag), product: top(facets.product, filters.product) }
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data?.query.display ? pageTitle(matches, 'kb.searchTitle', { query: data.query.display }) : pageTitle(matches, 'kb.title')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	requireKnowledgeUnlocked(user.id)
	const params = new URL(request.url).searchParams
	const raw = Object.fromEntries([...params].filter(([, v]) => v !== ''))
	const { q, page, ...filters } = SearchQuery.parse(raw)
	const activeFilters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as SearchFilters
	const filtered = Object.keys(activeFilters).length > 0

	const result = searchAndRecordGaps(q, { filters: activeFilters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
	const { gapRecorded } = result
	const searching = result.query.terms.length > 0
	// When nothing contained the query as typed, the core searched some of its words instead.
	const terms = result.relaxedTerms ? parseQuery(result.relaxedTerms.join(' ')).terms : result.query.terms
	const browsing = !searching && !filtered && page === 1
	const bookmarks = browsing ? listBookmarks(user.id) : []
	return {
		q,
		query: { display: result.query.display, truncated: result.query.truncated, searching, relaxed: result.relaxedTerms },
		filters: activeFilters,
		facets: topFacets(facetCounts(q, activeFilters), activeFilters),
		page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
		total: result.total,
		gapRecorded,
		hits: result.hits.map(({ id: _id, ...hit }) => ({ ...hit, titleEnMarked: highlight(hit.titleEn, terms) })),
		landing: browsing
			? { recent: recentArticles(8), popular: popularArticles(5), bookmarks: bookmarks.slice(0, 10) }
			: null,
	}
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

/** A GET form's fields without the empty ones, so URLs stay short and shareable. */
function searchParamsOf(form: HTMLFormElement) {
	const params = new URLSearchParams()
	for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value.trim() !== '') params.append(key, value)
	return params
}

function useFacetOptions(data: LoaderData) {
	const { t } = useTranslation()
	const labelFor: Record<FilterKey, (value: string) => string> = {
		type: (v) => t(`kb.types.${v as 'faq'}`),
		stage: (v) => t(`kb.stages.${v as 'lead'}`),
		category: (v) => t(`kb.categories.${v as 'price'}`),
		position: (v) => t(`positions.${v as 'sales_rep'}`),
		product: (v) => v,
		tag: (v) => v,
	}
	const fixedOrder: Partial<Record<FilterKey, readonly string[]>> = {
		type: articleTypes,
		stage: salesStages,
		category: objectionCategories,
		position: articlePositions,
	}
	return (key: FilterKey) => {
		const counts = data.facets[key]
		const selected = data.filters[key]
		const values = fixedOrder[key]
			? fixedOrder[key].filter((v) => (counts[v] ?? 0) > 0 || v === selected)
			: Object.keys(counts)
					.concat(selected && !(selected in counts) ? [selected] : [])
					.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b, 'zh-CN'))
		return values.map((value) => ({
			value,
			label: t('kb.facetOption', { label: labelFor[key](value), count: counts[value] ?? 0 }),
		}))
	}
}

const filterLabels = {
	type: 'kb.filterType',
	stage: 'kb.filterStage',
	category: 'kb.filterCategory',
	product: 'kb.filterProduct',
	position: 'kb.filterPosition',
	tag: 'kb.filterTag',
} as const

function SearchForm({ data }: { data: LoaderData }) {
	const { t } = useTranslation()
	const submit = useSubmit()
	const formRef = useRef<HTMLFormElement>(null)
	const inputRef = useRef<HTMLInputElement>(null)
	const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
	const optionsFor = useFacetOptions(data)
	const filterCount = Object.keys(data.filters).length

	// Links (clear filters, back/forward) change q without typing: show it, unless the person is typing.
	useEffect(() => {
		if (inputRef.current && document.activeElement !== inputRef.current) inputRef.current.value = data.q
	}, [data.q])
	useEffect(() => () => clearTimeout(timer.current), [])

	function searchSoon() {
		clearTimeout(timer.current)
		timer.current = setTimeout(() => {
			if (formRef.current)
				submit(searchParamsOf(formRef.current), { method: 'get', action: '/kb', replace: true, preventScrollReset: true })
		}, 250)
	}

	function onSubmit(event: FormEvent<HTMLFormElement>) {
		event.preventDefault()
		clearTimeout(timer.current)
		submit(searchParamsOf(event.currentTarget), { method: 'get', action: '/kb' })
	}

	return (
		<Form ref={formRef} method="get" action="/kb" onSubmit={onSubmit} className="mb-6 space-y-3">
			<div role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
				<div className="min-w-0 flex-1 space-y-1">
					<label htmlFor="kb-q" className="block text-sm font-medium text-slate-800">
						{t('kb.searchLabel')}
					</label>
					<input
						ref={inputRef}
						id="kb-q"
						name="q"
						type="search"
						defaultValue={data.q}
						placeholder={t('kb.searchPlaceholder')}
						autoComplete="off"
						enterKeyHint="search"
						className="block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500"
						onChange={(e) => {
							// While an IME is composing (pinyin), the value is not yet what the person means.
							if (!(e.nativeEvent as InputEvent).isComposing) searchSoon()
						}}
						onCompositionEnd={searchSoon}
					/>
				</div>
				<Button type="submit">{t('kb.searchSubmit')}</Button>
			</div>
			<details open={filterCount > 0} className="group rounded-lg border border-slate-200 bg-white">
				<summary className="flex min-h-11 cursor-pointer items-center gap-2 px-4 text-sm font-medium text-slate-800 [&::-webkit-details-marker]:hidden">
					<span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
						▸
					</span>
					{t('kb.filters')}
					{filterCount > 0 ? <Badge tone="brand">{filterCount}</Badge> : null}
				</summary>
				<div className="border-t border-slate-200 p-4">
					<div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
						{FILTER_KEYS.map((key) => (
							<Select key={key} label={t(filterLabels[key])} name={key} defaultValue={data.filters[key] ?? ''}>
								<option value="">{t('kb.any')}</option>
								{optionsFor(key).map((o) => (
									<option key={o.value} value={o.value}>
										{o.label}
									</option>
								))}
							</Select>
						))}
					</div>
					<div className="mt-4 flex flex-wrap items-center gap-3">
						<Button type="submit" variant="secondary">
							{t('kb.applyFilters')}
						</Button>
						{filterCount > 0 ? (
							<Link
								to={data.q ? `/kb?${new URLSearchParams({ q: data.q })}` : '/kb'}
								className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
							>
								{t('kb.clearFilters')}
							</Link>
						) : null}
					</div>
				</div>
			</details>
		</Form>
	)
}

function Results({ data }: { data: LoaderData }) {
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const pageLink = (to: number) => {
		const params = new URLSearchParams()
		if (data.q) params.set('q', data.q)
		for (const [key, value] of Object.entries(data.filters)) if (value) params.set(key, value)
		if (to > 1) params.set('page', String(to))
		return `/kb?${params}`
	}
	const filtered = Object.keys(data.filters).length > 0

	if (data.total === 0) {
		if (!data.query.searching)
			return <EmptyState title={filtered ? t('kb.noResultsFilteredHint') : t('kb.browseEmpty')} />
		return data.gapRecorded ? (
			<EmptyState title={t('kb.noResults', { query: data.query.display })}>{t('kb.noResultsHint')}</EmptyState>
		) : (
			<EmptyState title={t('kb.noResultsFiltered', { query: data.query.display })}>{t('kb.noResultsFilteredHint')}</EmptyState>
		)
	}

	return (
		<section aria-labelledby="kb-results">
			<h2 id="kb-results" className="sr-only">
				{t('kb.resultsTitle')}
			</h2>
			<ol className="space-y-3">
				{data.hits.map((hit) => (
					<li key={hit.slug}>
						<article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
							<div className="mb-1 flex flex-wrap items-center gap-2">
								<TypeBadge type={hit.type} />
								<span className="text-xs text-slate-600">{t('kb.updated', { date: hit.updatedOn })}</span>
							</div>
							<h3 className="text-lg font-semibold">
								<Link
									to={`/kb/${hit.slug}`}
									className="inline-flex min-h-11 items-center text-brand-700 underline-offset-2 hover:underline"
									lang={en ? 'en' : 'zh-CN'}
								>
									<span>
										<Highlighted segments={en ? hit.titleEnMarked : hit.title} />
									</span>
								</Link>
							</h3>
							<p className="text-sm text-slate-600" lang={en ? 'zh-CN' : 'en'}>
								<Highlighted segments={en ? hit.title : hit.titleEnMarked} />
							</p>
							<p className="mt-2 text-sm leading-6 text-slate-800" lang="zh-CN">
								<Highlighted segments={hit.snippet} />
							</p>
							<ul className="mt-2 flex flex-wrap gap-1" aria-label={t('kb.filterTag')}>
								{hit.tags.map((tag) => (
									<li key={tag}>
										<Badge>{tag}</Badge>
									</li>
								))}
							</ul>
						</article>
					</li>
				))}
			</ol>
			{data.pages > 1 ? (
				<nav aria-label={t('kb.pagination')} className="mt-4 flex flex-wrap items-center gap-3">
					{data.page > 1 ? (
						<ButtonLink to={pageLink(data.page - 1)} variant="secondary" rel="prev">
							{t('kb.prev')}
						</ButtonLink>
					) : null}
					<span className="text-sm text-slate-700">{t('kb.page', { page: data.page, pages: data.pages })}</span>
					{data.page < data.pages ? (
						<ButtonLink to={pageLink(data.page + 1)} variant="secondary" rel="next">
							{t('kb.next')}
						</ButtonLink>
					) : null}
				</nav>
			) : null}
		</section>
	)
}

function Landing({ landing }: { landing: NonNullable<LoaderData['landing']> }) {
	const { t } = useTranslation()
	return (
		<div className="grid gap-4 md:grid-cols-2">
			{landing.bookmarks.length ? (
				<Card className="md:col-span-2">
					<CardTitle>{t('kb.bookmarks')}</CardTitle>
					<ArticleLinks articles={landing.bookmarks} />
				</Card>
			) : null}
			{landing.popular.length ? (
				<Card>
					<CardTitle>{t('kb.popular')}</CardTitle>
					<ArticleLinks articles={landing.popular} showViews />
				</Card>
			) : null}
			<Card className={landing.popular.length ? undefined : 'md:col-span-2'}>
				<CardTitle>{t('kb.recent')}</CardTitle>
				<ArticleLinks articles={landing.recent} />
			</Card>
		</div>
	)
}

export default function KnowledgeBase() {
	const data = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const busy = navigation.state === 'loading' && navigation.location.pathname === '/kb'

	return (
		<>
			<h1 className="mb-4 text-2xl font-bold text-slate-900">{t('kb.title')}</h1>
			<SearchForm data={data} />
			{data.query.truncated ? (
				<p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{t('kb.truncated')}
				</p>
			) : null}
			<div aria-busy={busy} className={busy ? 'opacity-70 transition-opacity' : undefined}>
				<div className="mb-3 space-y-1 text-sm text-slate-700" aria-live="polite">
					<p>{data.landing ? '' : t('kb.results', { count: data.total })}</p>
					{data.query.relaxed && data.total > 0 ? (
						<p className="rounded-md border border-brand-100 bg-brand-50 p-3 text-brand-800">
							{t('kb.relaxed', { query: data.query.display, words: data.query.relaxed.join(en ? ', ' : '、') })}
						</p>
					) : null}
				</div>
				{data.landing && data.total > 0 ? <Landing landing={data.landing} /> : <Results data={data} />}
			</div>
		</>
	)
}
