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

/** rowids matching one term, as a subquery over the index the term is routed to. */
function termSubquery(term: ParsedQuery['terms'][number]): SQL {
	const phrase = ftsPhrase(term.text)
	return term.index === 'trigram'
		? sql`select rowid from kb_search_tri where kb_search_tri match ${phrase}`
		: sql`select rowid from kb_search_short where kb_search_short match ${phrase}`
}

function filterClause(filters: SearchFilters): SQL[] {
	const clauses: SQL[] = []
	if (filters.type) clauses.push(sql`a.type = ${filters.type}`)
	if (filters.stage) clauses.push(sql`a.stage = ${filters.stage}`)
	if (filters.category) clauses.push(sql`a.objection_category = ${filters.category}`)
	if (filters.tag) clauses.push(sql`exists (select 1 from json_each(a.tags) where value = ${filters.tag})`)
	if (filters.product) clauses.push(sql`exists (select 1 from json_each(a.products) where value = ${filters.product})`)
	if (filters.position) clauses.push(sql`exists (select 1 from json_each(a.positions) where value = ${filters.position})`)
	return clauses
}

function whereFor(query: ParsedQuery, filters: SearchFilters): SQL {
	const clauses = [...query.terms.map((t) => sql`a.id in (${termSubquery(t)})`), ...filterClause(filters)]
	return clauses.length ? sql`where ${sql.join(clauses, sql` and `)}` : sql``
}

/**
 * Ranking that stays cheap when a term matches thousands of articles: a hit in the title weighs
 * 10, in the tags 5, in the summary 3 (per term, via instr() on short normalised columns); the body
 * only decides membership. Ties go to the most recently updated.
 */
function orderBy(query: ParsedQuery): SQL {
	if (!query.terms.length) return sql`a.updated_on desc, a.id desc`
	const parts = query.terms.map(
		(t) =>
			sql`(instr(a.search_title, ${t.text}) > 0) * 10 + (instr(a.search_tags, ${t.text}) > 0) * 5 + (instr(a.search_summary, ${t.text}) > 0) * 3`,
	)
	return sql`${sql.join(parts, sql` + `)} desc, a.updated_on desc, a.id desc`
}

/** OR over the relaxed words: an article qualifies with any of them; more words rank higher. */
function relaxedWhere(terms: Term[], filters: SearchFilters): SQL {
	const any = sql.join(
		terms.map((t) => sql`a.id in (${termSubquery(t)})`),
		sql` or `,
	)
	return sql`where ${sql.join([sql`(${any})`, ...filterClause(filters)], sql` and `)}`
}

function relaxedOrder(terms: Term[]): SQL {
	const parts = terms.map(
		(t) =>
			sql`(a.id in (${termSubquery(t)})) * 20 + (instr(a.search_title, ${t.text}) > 0) * 10 + (instr(a.search_tags, ${t.text}) > 0) * 5 + (instr(a.search_summary, ${t.text}) > 0) * 3`,
	)
	return sql`${sql.join(parts, sql` + `)} desc, a.updated_on desc, a.id desc`
}

/** Every article id matching the query (no ranking, no limit): what recall is measured on. */
export function matchingIds(raw: string, tx: Tx = getDb()): number[] {
	const query = parseQuery(raw)
	if (!query.terms.length) return []
	return tx.all<{ id: number }>(sql`select a.id from kb_articles a ${whereFor(query, {})}`).map((r) => r.id)
}

/** The ranked page of results for a query and filters; an empty query browses by recency. */
export function searchArticles(
	raw: string | null | undefined,
	{ filters = {}, limit = 20, offset = 0 }: { filters?: SearchFilters; limit?: number; offset?: number } = {},
	tx: Tx = getDb(),
): SearchResult {
	const query = parseQuery(raw)
	let where = whereFor(query, filters)
	let order = orderBy(query)
	let highlightTerms = query.terms
	let relaxed: string[] | null = null
	let total = tx.get<{ n: number }>(sql`select count(*) as n from kb_articles a ${where}`)?.n ?? 0
	if (total === 0 && query.terms.length) {
		const words = relaxedTerms(query, segment)
		if (words.length) {
			where = relaxedWhere(words, filters)
			total = tx.get<{ n: number }>(sql`select count(*) as n from kb_articles a ${where}`)?.n ?? 0
			if (total > 0) {
				order = relaxedOrder(words)
				highlightTerms = words
				relaxed = words.map((w) => w.text)
			}
		}
	}
	const rows = total
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
			}>(sql`
				select a.id, a.slug, a.type, a.title, a.title_en, a.summary, a.body_text, a.tags, a.updated_on
				from kb_articles a ${where}
				order by ${order}
				limit ${limit} offset ${offset}`)
		: []
	return {
		query,
		total,
		relaxedTerms: relaxed,
		hits: rows.map((r) => ({
			id: r.id,
			slug: r.slug,
			type: r.type,
			title: highlight(r.title, highlightTerms),
			titleEn: r.title_en,
			summary: r.summary,
			snippet: highlight(snippet(`${r.summary}\n${r.body_text}`, highlightTerms), highlightTerms),
			tags: JSON.parse(r.tags) as string[],
			updatedOn: r.updated_on,
		})),
	}
}

export type FacetCounts = Record<'type' | 'tag' | 'stage' | 'category' | 'product' | 'position', Record<string, number>>

/**
 * For each filter, how many results each value would give, with the other filters applied (the
 * usual drill-down counts).
 */
export function facetCounts(raw: string | null | undefined, filters: SearchFilters, tx: Tx = getDb()): FacetCounts {
	const query = parseQuery(raw)
	let words: Term[] | undefined
	// The same fallback as searchArticles: when nothing contains the query as typed, count what the
	// relaxed words find, so the counts describe the results on the page.
	const whereCounted = (others: SearchFilters) => {
		const exact = whereFor(query, others)
		if (!query.terms.length || (tx.get<{ n: number }>(sql`select count(*) as n from kb_articles a ${exact}`)?.n ?? 0) > 0)
			return exact
		words ??= relaxedTerms(query, segment)
		return words.length ? relaxedWhere(words, others) : exact
	}
	const count = (facet: keyof SearchFilters, valueExpr: SQL, fromJson: boolean) => {
		const { [facet]: _, ...others } = filters
		const where = whereCounted(others)
		const rows = fromJson
			? tx.all<{ v: string; n: number }>(
					sql`select j.value as v, count(*) as n from kb_articles a, json_each(${valueExpr}) j ${where} group by j.value`,
				)
			: tx.all<{ v: string | null; n: number }>(
					sql`select ${valueExpr} as v, count(*) as n from kb_articles a ${where} group by ${valueExpr}`,
				)
		return Object.fromEntries(rows.filter((r) => r.v !== null).map((r) => [r.v, r.n])) as Record<string, number>
	}
	return {
		type: count('type', sql`a.type`, false),
		stage: count('stage', sql`a.stage`, false),
		category: count('category', sql`a.objection_category`, false),
		tag: count('tag', sql`a.tags`, true),
		product: count('product', sql`a.products`, true),
		position: count('position', sql`a.positions`, true),
	}
}

/** Remembers a search that found nothing, so HR can see what content is missing. */
export function recordSearchGap(normalizedQuery: string) {
	const at = now()
	getDb()
		.insert(kbSearchGaps)
		.values({ query: normalizedQuery, count: 1, firstSeenAt: at, lastSeenAt: at })
		.onConflictDoUpdate({ target: kbSearchGaps.query, set: { count: sql`${kbSearchGaps.count} + 1`, lastSeenAt: at } })
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
