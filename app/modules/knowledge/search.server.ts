import { sql, type SQL } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { kbSearchGaps } from '#db/schema/knowledge.ts'
import { now } from '#app/utils/clock.server.ts'
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict'
import { ftsPhrase, highlight, parseQuery, relaxedTerms, snippet, type ParsedQuery, type Segment, type Term } from './query.ts'

export type SearchFilters = {
	type?: string
	tag?: string
	stage?: string
	category?: string
	product?: string
	position?: string
}

export type SearchHit = {
	id: number
	slug: string
	type: string
	title: Segment[]
	titleEn: string
	summary: string
	snippet: Segment[]
	tags: string[]
	updatedOn: string
}

export type SearchResult = {
	query: ParsedQuery
	total: number
	hits: SearchHit[]
	/** Set when nothing contained the query as typed and these words of it were searched instead. */
	relaxedTerms: string[] | null
}

let jieba: Jieba | undefined
function segment(text: string): string[] {
	jieba ??= Jieba.withDict(dict)
	return jieba.cutForSearch(text, true)
}

/** rowids matching one term, from the index the term is routed to. */
function termSubquery(term: Term): SQL {
	const phrase = ftsPhrase(term.text)
	return term.index === 'trigram'
		? sql`select rowid from kb_search_tri where kb_search_tri match ${phrase}`
		: sql`select rowid from kb_search_short where kb_search_short match ${phrase}`
}

/**
 * The article ids a query selects, straight from the FTS indexes: every term (AND, the query as
 * typed) or any of them (OR, the relaxed words).
 */
function matchSet(terms: readonly Term[], mode: 'all' | 'any'): SQL {
	return sql.join(
		terms.map((t) => termSubquery(t)),
		mode === 'all' ? sql` intersect ` : sql` union `,
	)
}

function filterClauses(filters: SearchFilters): SQL[] {
	const clauses: SQL[] = []
	if (filters.type) clauses.push(sql`s.type = ${filters.type}`)
	if (filters.stage) clauses.push(sql`s.stage = ${filters.stage}`)
	if (filters.category) clauses.push(sql`s.objection_category = ${filters.category}`)
	if (filters.tag) clauses.push(sql`exists (select 1 from json_each(s.tags) where value = ${filters.tag})`)
	if (filters.product) clauses.push(sql`exists (select 1 from json_each(s.products) where value = ${filters.product})`)
	if (filters.position) clauses.push(sql`exists (select 1 from json_each(s.positions) where value = ${filters.position})`)
	return clauses
}

/** What one search selects: the matching ids (null = every article) and the filters on top. */
type Selection = { ids: SQL | null; filters: SearchFilters }

function whereOf({ ids, filters }: Selection): SQL {
	const clauses = [...(ids ? [sql`s.article_id in (${ids})`] : []), ...filterClauses(filters)]
	return clauses.length ? sql`where ${sql.join(clauses, sql` and `)}` : sql``
}

function countOf(selection: Selection, tx: Tx): number {
	const noFilters = !Object.values(selection.filters).some(Boolean)
	// Without filters the FTS indexes alone answer, without touching article rows.
	const query =
		selection.ids && noFilters
			? sql`select count(*) as n from (${selection.ids})`
			: sql`select count(*) as n from kb_article_index s ${whereOf(selection)}`
	return tx.get<{ n: number }>(query)?.n ?? 0
}

/**
 * Ranking that stays cheap when a term matches thousands of articles: per term, a hit in the title
 * weighs 10, in the tags 5, in the summary 3 (instr() on the narrow index rows); the body only
 * decides membership. For relaxed words, each word an article contains adds 20 first. Ties go to
 * the most recently updated.
 */
function rankingOf(terms: readonly Term[], relaxed: boolean): SQL {
	if (!terms.length) return sql`s.updated_on desc, s.article_id desc`
	const parts = terms.map((t) => {
		const fields = sql`(instr(s.search_title, ${t.text}) > 0) * 10 + (instr(s.search_tags, ${t.text}) > 0) * 5 + (instr(s.search_summary, ${t.text}) > 0) * 3`
		return relaxed ? sql`(s.article_id in (${termSubquery(t)})) * 20 + ${fields}` : fields
	})
	return sql`${sql.join(parts, sql` + `)} desc, s.updated_on desc, s.article_id desc`
}

/**
 * The query as typed, or — when nothing contains it — its words (jieba) with OR, so a sentence
 * heard on a call still finds the script. Filters apply either way.
 */
function select(query: ParsedQuery, filters: SearchFilters, tx: Tx) {
	if (!query.terms.length) {
		const selection: Selection = { ids: null, filters }
		return { selection, total: countOf(selection, tx), terms: [] as Term[], relaxed: null }
	}
	const exact: Selection = { ids: matchSet(query.terms, 'all'), filters }
	const total = countOf(exact, tx)
	if (total > 0) return { selection: exact, total, terms: query.terms, relaxed: null }
	// Matches that the filters exclude are still matches: say "none with these filters", don't relax.
	const filtered = Object.values(filters).some(Boolean)
	if (filtered && countOf({ ids: exact.ids, filters: {} }, tx) > 0)
		return { selection: exact, total: 0, terms: query.terms, relaxed: null }
	const words = relaxedTerms(query, segment)
	if (words.length) {
		const loose: Selection = { ids: matchSet(words, 'any'), filters }
		const looseTotal = countOf(loose, tx)
		if (looseTotal > 0) return { selection: loose, total: looseTotal, terms: words, relaxed: words.map((w) => w.text) }
	}
	return { selection: exact, total: 0, terms: query.terms, relaxed: null }
}

/** Every article id containing the query as typed (no ranking, no limit): what recall is measured on. */
export function matchingIds(raw: string, tx: Tx = getDb()): number[] {
	const query = parseQuery(raw)
	if (!query.terms.length) return []
	return tx.all<{ id: number }>(sql`select rowid as id from (${matchSet(query.terms, 'all')}) order by 1`).map((r) => r.id)
}

/** The ranked page of results for a query and filters; an empty query browses by recency. */
export function searchArticles(
	raw: string | null | undefined,
	{ filters = {}, limit = 20, offset = 0 }: { filters?: SearchFilters; limit?: number; offset?: number } = {},
	tx: Tx = getDb(),
): SearchResult {
	const query = parseQuery(raw)
	const { selection, total, terms, relaxed } = select(query, filters, tx)
	const pageIds = total
		? tx
				.all<{ id: number }>(
					sql`select s.article_id as id from kb_article_index s ${whereOf(selection)}
						order by ${rankingOf(terms, relaxed !== null)} limit ${limit} offset ${offset}`,
				)
				.map((r) => r.id)
		: []
	// Only the page's articles are read in full.
	const rows = pageIds.length
		? tx.all<{
				id: number
				slug: string
				type: string
				title: string
				title_en: string
				summary: string
				body_text: string
				tags: string
				updated_on: string
			}>(
				sql`select id, slug, type, title, title_en, summary, body_text, tags, updated_on from kb_articles
					where id in (${sql.join(pageIds.map((id) => sql`${id}`), sql`, `)})`,
			)
		: []
	const byId = new Map(rows.map((r) => [r.id, r]))
	return {
		query,
		total,
		relaxedTerms: relaxed,
		hits: pageIds.map((id) => {
			const r = byId.get(id)!
			return {
				id: r.id,
				slug: r.slug,
				type: r.type,
				title: highlight(r.title, terms),
				titleEn: r.title_en,
				summary: r.summary,
				snippet: highlight(snippet(`${r.summary}\n${r.body_text}`, terms), terms),
				tags: JSON.parse(r.tags) as string[],
				updatedOn: r.updated_on,
			}
		}),
	}
}

export type FacetCounts = Record<'type' | 'tag' | 'stage' | 'category' | 'product' | 'position', Record<string, number>>

type FacetRow = {
	type: string
	stage: string | null
	category: string | null
	tags: string[]
	products: string[]
	positions: string[]
}

function rowPasses(row: FacetRow, filters: SearchFilters, skip: keyof SearchFilters): boolean {
	return (
		(skip === 'type' || !filters.type || row.type === filters.type) &&
		(skip === 'stage' || !filters.stage || row.stage === filters.stage) &&
		(skip === 'category' || !filters.category || row.category === filters.category) &&
		(skip === 'tag' || !filters.tag || row.tags.includes(filters.tag)) &&
		(skip === 'product' || !filters.product || row.products.includes(filters.product)) &&
		(skip === 'position' || !filters.position || row.positions.includes(filters.position))
	)
}

/**
 * For each filter, how many results each value would give with the other filters applied (the
 * usual drill-down counts), over the same selection as the results — relaxed words included. One
 * read of the narrow index rows; the counting is done here.
 */
export function facetCounts(raw: string | null | undefined, filters: SearchFilters, tx: Tx = getDb()): FacetCounts {
	const query = parseQuery(raw)
	const { selection } = select(query, {}, tx)
	const rows: FacetRow[] = tx
		.all<{ type: string; stage: string | null; objection_category: string | null; tags: string; products: string; positions: string }>(
			sql`select s.type, s.stage, s.objection_category, s.tags, s.products, s.positions from kb_article_index s ${whereOf(selection)}`,
		)
		.map((r) => ({
			type: r.type,
			stage: r.stage,
			category: r.objection_category,
			tags: JSON.parse(r.tags) as string[],
			products: JSON.parse(r.products) as string[],
			positions: JSON.parse(r.positions) as string[],
		}))
	const counts: FacetCounts = { type: {}, tag: {}, stage: {}, category: {}, product: {}, position: {} }
	const add = (facet: keyof FacetCounts, value: string | null) => {
		if (value !== null) counts[facet][value] = (counts[facet][value] ?? 0) + 1
	}
	for (const row of rows) {
		if (rowPasses(row, filters, 'type')) add('type', row.type)
		if (rowPasses(row, filters, 'stage')) add('stage', row.stage)
		if (rowPasses(row, filters, 'category')) add('category', row.category)
		if (rowPasses(row, filters, 'tag')) for (const v of row.tags) add('tag', v)
		if (rowPasses(row, filters, 'product')) for (const v of row.products) add('product', v)
		if (rowPasses(row, filters, 'position')) for (const v of row.positions) add('position', v)
	}
	return counts
}

/**
 * A search as a person or a bot makes it: the results, and — when the query (filters aside) finds
 * nothing at all — a gap recorded for HR. A query that only the filters empty is not a content gap.
 */
export function searchAndRecordGaps(
	raw: string | null | undefined,
	options: { filters?: SearchFilters; limit?: number; offset?: number } = {},
): SearchResult & { gapRecorded: boolean } {
	const result = searchArticles(raw, options)
	let gapRecorded = false
	if (result.query.terms.length && result.total === 0) {
		const filtered = Object.values(options.filters ?? {}).some(Boolean)
		if (!filtered || searchArticles(raw, { limit: 0 }).total === 0) {
			recordSearchGap(result.query.normalized)
			gapRecorded = true
		}
	}
	return { ...result, gapRecorded }
}

/**
 * The same text searched again within this window is the same search: search-as-you-type fires after a
 * pause, then the person presses Enter, or the page is reloaded.
 */
export const GAP_REPEAT_MS = 30_000

/** Remembers a search that found nothing, so HR can see what content is missing. */
export function recordSearchGap(normalizedQuery: string) {
	const at = now()
	const repeatSince = at.getTime() - GAP_REPEAT_MS
	getDb()
		.insert(kbSearchGaps)
		.values({ query: normalizedQuery, count: 1, firstSeenAt: at, lastSeenAt: at })
		.onConflictDoUpdate({
			target: kbSearchGaps.query,
			set: { count: sql`${kbSearchGaps.count} + (case when ${kbSearchGaps.lastSeenAt} <= ${repeatSince} then 1 else 0 end)`, lastSeenAt: at },
		})
		.run()
}

export function listSearchGaps(limit = 200) {
	return getDb()
		.select()
		.from(kbSearchGaps)
		.orderBy(sql`${kbSearchGaps.count} desc`, sql`${kbSearchGaps.lastSeenAt} desc`)
		.limit(limit)
		.all()
}
