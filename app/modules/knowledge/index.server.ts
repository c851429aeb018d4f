import { eq, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.server.ts'
import { kbArticleIndex, kbArticles, type KbArticle } from '#db/schema/knowledge.ts'
import { normalize, shortTokens } from './query.ts'

export type ArticleInput = Omit<KbArticle, 'id'>

/** The normalised fields both indexes and the ranking read. */
export function searchFields(a: Pick<ArticleInput, 'title' | 'titleEn' | 'tags' | 'products' | 'summary' | 'summaryEn' | 'bodyText'>) {
	return {
		title: normalize(`${a.title}\n${a.titleEn}`),
		tags: normalize([...a.tags, ...a.products].join('\n')),
		summary: normalize(`${a.summary}\n${a.summaryEn}`),
		body: normalize(a.bodyText),
	}
}

function writeIndexes(tx: Tx, id: number, a: ArticleInput, f: ReturnType<typeof searchFields>) {
	tx.insert(kbArticleIndex)
		.values({
			articleId: id,
			type: a.type,
			stage: a.stage,
			objectionCategory: a.objectionCategory,
			tags: JSON.stringify(a.tags),
			products: JSON.stringify(a.products),
			positions: JSON.stringify(a.positions),
			updatedOn: a.updatedOn,
			searchTitle: f.title,
			searchTags: f.tags,
			searchSummary: f.summary,
		})
		.run()
	tx.run(sql`insert into kb_search_tri (rowid, title, tags, summary, body) values (${id}, ${f.title}, ${f.tags}, ${f.summary}, ${f.body})`)
	tx.run(
		sql`insert into kb_search_short (rowid, title, tags, summary, body) values (${id}, ${shortTokens(f.title)}, ${shortTokens(f.tags)}, ${shortTokens(f.summary)}, ${shortTokens(f.body)})`,
	)
}

function deleteIndexes(tx: Tx, id: number) {
	tx.delete(kbArticleIndex).where(eq(kbArticleIndex.articleId, id)).run()
	tx.run(sql`delete from kb_search_tri where rowid = ${id}`)
	tx.run(sql`delete from kb_search_short where rowid = ${id}`)
}

/** Inserts or replaces an article (by slug) and its index entries. Call inside a transaction. */
export function upsertArticle(tx: Tx, input: ArticleInput): number {
	const f = searchFields(input)
	const existing = tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, input.slug)).get()
	let id: number
	if (existing) {
		id = existing.id
		tx.update(kbArticles).set(input).where(eq(kbArticles.id, id)).run()
		deleteIndexes(tx, id)
	} else {
		id = tx.insert(kbArticles).values(input).returning({ id: kbArticles.id }).get().id
	}
	writeIndexes(tx, id, input, f)
	return id
}

export function deleteArticle(tx: Tx, slug: string) {
	const existing = tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, slug)).get()
	if (!existing) return
	deleteIndexes(tx, existing.id)
	tx.delete(kbArticles).where(eq(kbArticles.id, existing.id)).run()
}
