import { and, count, desc, eq, gte, inArray, ne, notInArray, sql, type SQL } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { kbArticles, kbBookmarks, kbFeedback, kbViews, type KbArticle } from '#db/schema/knowledge.ts'
import { onKbHelpful } from '#app/modules/gamification/events.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { FEEDBACK_COMMENT_MAX } from './feedback.ts'

export const POPULAR_WINDOW_DAYS = 90
export const RELATED_MAX = 5

/** What a list of articles shows: enough for a link, a type badge and the titles in both languages. */
export type ArticleCard = {
	id: number
	slug: string
	type: KbArticle['type']
	title: string
	titleEn: string
	updatedOn: string
}

const card = {
	id: kbArticles.id,
	slug: kbArticles.slug,
	type: kbArticles.type,
	title: kbArticles.title,
	titleEn: kbArticles.titleEn,
	updatedOn: kbArticles.updatedOn,
}

export function getArticleBySlug(slug: string, tx: Tx = getDb()): KbArticle | undefined {
	return tx.select().from(kbArticles).where(eq(kbArticles.slug, slug)).get()
}

/**
 * Counts a person's view once per business day (Asia/Shanghai), so refreshing the page does not
 * inflate the count. True when this was the first view of the day.
 */
export function recordView(articleId: number, userId: number): boolean {
	const day = businessDate(now())
	return getDb().transaction(
		(tx) => tx.insert(kbViews).values({ articleId, userId, day }).onConflictDoNothing().run().changes > 0,
	)
}

/** Views as person-days: the same person on two days counts twice. */
export function viewCount(articleId: number, tx: Tx = getDb()): number {
	return tx.select({ n: count() }).from(kbViews).where(eq(kbViews.articleId, articleId)).get()?.n ?? 0
}

export function recentArticles(limit = 10, tx: Tx = getDb()): ArticleCard[] {
	return tx.select(card).from(kbArticles).orderBy(desc(kbArticles.updatedOn), desc(kbArticles.id)).limit(limit).all()
}

/** The first business day of the window that ends today (today included). */
function windowStart(days: number): string {
	const today = businessDate(now())
	const start = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000)
	return start.toISOString().slice(0, 10)
}

/** The articles most viewed in the last 90 business days; articles nobody opened are left out. */
export function popularArticles(limit = 5, tx: Tx = getDb()): Array<ArticleCard & { views: number }> {
	const views = sql<number>`count(*)`.mapWith(Number)
	return tx
		.select({ ...card, views })
		.from(kbViews)
		.innerJoin(kbArticles, eq(kbArticles.id, kbViews.articleId))
		.where(gte(kbViews.day, windowStart(POPULAR_WINDOW_DAYS)))
		.groupBy(kbArticles.id)
		.orderBy(desc(views), desc(kbArticles.updatedOn), desc(kbArticles.id))
		.limit(limit)
		.all()
}

/**
 * What to read next: the article's own `related` slugs in the author's order, then articles sharing
 * the most tags (most recent first), at most five and never the article itself.
 */
export function relatedArticles(
	article: Pick<KbArticle, 'id' | 'related' | 'tags'>,
	limit = RELATED_MAX,
	tx: Tx = getDb(),
): ArticleCard[] {
	const named = article.related.length
		? tx
				.select(card)
				.from(kbArticles)
				.where(and(inArray(kbArticles.slug, article.related), ne(kbArticles.id, article.id)))
				.all()
				.sort((a, b) => article.related.indexOf(a.slug) - article.related.indexOf(b.slug))
		: []
	const picked = named.slice(0, limit)
	if (picked.length >= limit || article.tags.length === 0) return picked

	const shared = sql<number>`(select count(*) from json_each(${kbArticles.tags}) where value in (select value from json_each(${JSON.stringify(article.tags)})))`
	const exclude = [article.id, ...picked.map((a) => a.id)]
	const byTags = tx
		.select(card)
		.from(kbArticles)
		.where(and(notInArray(kbArticles.id, exclude), sql`${shared} > 0`))
		.orderBy(desc(shared), desc(kbArticles.updatedOn), desc(kbArticles.id))
		.limit(limit - picked.length)
		.all()
	return [...picked, ...byTags]
}

/** Adds or removes a bookmark; returns whether the article is bookmarked afterwards. */
export function toggleBookmark(userId: number, articleId: number): boolean {
	return getDb().transaction((tx) => {
		const removed = tx
			.delete(kbBookmarks)
			.where(and(eq(kbBookmarks.userId, userId), eq(kbBookmarks.articleId, articleId)))
			.run().changes
		if (removed > 0) return false
		tx.insert(kbBookmarks).values({ userId, articleId, createdAt: now() }).run()
		return true
	})
}

export function isBookmarked(userId: number, articleId: number, tx: Tx = getDb()): boolean {
	const where: SQL | undefined = and(eq(kbBookmarks.userId, userId), eq(kbBookmarks.articleId, articleId))
	return (tx.select({ n: count() }).from(kbBookmarks).where(where).get()?.n ?? 0) > 0
}

/** A person's bookmarks, the newest first. */
export function listBookmarks(userId: number, tx: Tx = getDb()): ArticleCard[] {
	return tx
		.select(card)
		.from(kbBookmarks)
		.innerJoin(kbArticles, eq(kbArticles.id, kbBookmarks.articleId))
		.where(eq(kbBookmarks.userId, userId))
		.orderBy(desc(kbBookmarks.createdAt), desc(kbArticles.id))
		.all()
}

/**
 * "Was this helpful?": one answer per person and article; answering again replaces the earlier
 * answer (a blank comment clears it). The form validates the comment length; this guards it again.
 */
export function saveFeedback(articleId: number, userId: number, helpful: boolean, comment?: string | null) {
	const text = comment?.trim() || null
	if (text && Array.from(text).length > FEEDBACK_COMMENT_MAX)
		throw new RangeError(`A feedback comment has at most ${FEEDBACK_COMMENT_MAX} characters`)
	const at = now()
	getDb().transaction((tx) => {
		tx.insert(kbFeedback)
			.values({ articleId, userId, helpful, comment: text, createdAt: at, updatedAt: at })
			.onConflictDoUpdate({
				target: [kbFeedback.articleId, kbFeedback.userId],
				set: { helpful, comment: text, updatedAt: at },
			})
			.run()
		// Someone else finding it helpful pays its author once per rater; "not helpful" pays nothing.
		if (helpful) onKbHelpful(tx, { articleId, raterId: userId, at })
	})
}

export function feedbackSummary(articleId: number, tx: Tx = getDb()): { yes: number; no: number } {
	const row = tx
		.select({
			yes: sql<number>`coalesce(sum(${kbFeedback.helpful} = 1), 0)`.mapWith(Number),
			no: sql<number>`coalesce(sum(${kbFeedback.helpful} = 0), 0)`.mapWith(Number),
		})
		.from(kbFeedback)
		.where(eq(kbFeedback.articleId, articleId))
		.get()
	return { yes: row?.yes ?? 0, no: row?.no ?? 0 }
}

export function myFeedback(articleId: number, userId: number, tx: Tx = getDb()): { helpful: boolean; comment: string | null } | null {
	return (
		tx
			.select({ helpful: kbFeedback.helpful, comment: kbFeedback.comment })
			.from(kbFeedback)
			.where(and(eq(kbFeedback.articleId, articleId), eq(kbFeedback.userId, userId)))
			.get() ?? null
	)
}
