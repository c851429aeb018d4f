import { eq, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.server.ts'
import { kbArticles, type KbArticle } from '#db/schema/knowledge.ts'
import { normalize, shortTokens } from './query.ts'

export type ArticleInput = Omit<KbArticle, 'id' | 'searchTitle' | 'searchTags' | 'searchSummary'>

/** The normalised fields both indexes and the ranking read. */
export function searchFields(a: Pick<ArticleInput, 'title' | 'titleEn' | 'tags' | 'products' | 'summary' | 'summaryEn' | 'bodyText'>) {
	return {
		title: normalize(`${a.title}\n${a.titleEn}`),
		tags: normalize([...a.tags, ...a.products].join('\n')),
		summary: normalize(`${a.summary}\n${a.summaryEn}`),
		body: normalize(a.bodyText),
	}
}

function writeIndexes(tx: Tx, id: number, f: ReturnType<typeof searchFields>) {
	tx.run(sql`insert into kb_search_tri (rowid, title, tags, summary, body) values (${id}, ${f.title}, ${f.tags}, ${f.summary}, ${f.body})`)
	tx.run(
		sql`insert into kb_search_short (rowid, title, tags, summary, body) values (${id}, ${shortTokens(f.title)}, ${shortTokens(f.tags)}, ${shortTokens(f.summary)}, ${shortTokens(f.body)})`,
	)
}

function deleteIndexes(tx: Tx, id: number) {
	tx.run(sql`delete from kb_search_tri where rowid = ${id}`)
	tx.run(sql`delete from kb_search_short where rowid = ${id}`)
}

/** Inserts or replaces an article (by slug) and its index entries. Call inside a transaction. */
export function upsertArticle(tx: Tx, input: ArticleInput): number {
	const f = searchFields(input)
	const values = { ...input, searchTitle: f.title, searchTags: f.tags, searchSummary: f.summary }
	const existing = tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, input.slug)).get()
	let id: number
	if (existing) {
		id = existing.id
		tx.update(kbArticles).set(values).where(eq(kbArticles.id, id)).run()
		deleteIndexes(tx, id)
	} else {
		id = tx.insert(kbArticles).values(values).returning({ id: kbArticles.id }).get().id
	}
	writeIndexes(tx, id, f)
	return id
}

export function deleteArticle(tx: Tx, slug: string) {
	const existing = tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, slug)).get()
	if (!existing) return
	deleteIndexes(tx, existing.id)
	tx.delete(kbArticles).where(eq(kbArticles.id, existing.id)).run()
}
