import { sql } from 'drizzle-orm'
import type { Tx } from '../client.server.ts'
import { kbArticles, kbBookmarks, kbFeedback, kbSearchGaps, kbViews } from '../schema/knowledge.ts'
import type { Random } from './random.ts'

function daysBefore(today: string, days: number) {
	const d = new Date(`${today}T00:00:00Z`)
	d.setUTCDate(d.getUTCDate() - days)
	return d.toISOString().slice(0, 10)
}

/**
 * A month of reading in the knowledge base: views (objection scripts read most), a few bookmarks
 * and helpful votes, and the searches that found nothing. Needs the content synced first.
 */
export function seedKnowledge(
	tx: Tx,
	{ random, today, now, userIds, repId }: { random: Random; today: string; now: Date; userIds: number[]; repId: number },
) {
	const articles = tx.select({ id: kbArticles.id, type: kbArticles.type, slug: kbArticles.slug }).from(kbArticles).all()
	if (!articles.length) return { views: 0 }
	let views = 0
	for (const article of articles) {
		const popularity = article.type === 'objection' ? 0.12 : article.type === 'case' ? 0.06 : 0.04
		for (const userId of userIds)
			for (let day = 0; day < 30; day++)
				if (random.next() < popularity / 4) {
					tx.insert(kbViews).values({ articleId: article.id, userId, day: daysBefore(today, day) }).onConflictDoNothing().run()
					views++
				}
	}
	const bySlug = new Map(articles.map((a) => [a.slug, a.id]))
	for (const slug of ['competitor-30-percent-cheaper', 'price-too-high', 'seven-step-follow-up']) {
		const articleId = bySlug.get(slug)
		if (articleId) tx.insert(kbBookmarks).values({ userId: repId, articleId, createdAt: now }).onConflictDoNothing().run()
	}
	for (const article of articles.filter((a) => a.type === 'objection'))
		for (const userId of userIds.slice(0, 12))
			if (random.next() < 0.3)
				tx.insert(kbFeedback)
					.values({ articleId: article.id, userId, helpful: random.next() < 0.85, comment: null, createdAt: now, updatedAt: now })
					.onConflictDoNothing()
					.run()
	for (const [query, count] of [['私有化部署', 7], ['发票', 4], ['海外客户', 3], ['小程序', 2]] as const)
		tx.insert(kbSearchGaps)
			.values({ query, count, firstSeenAt: new Date(now.getTime() - 20 * 86_400_000), lastSeenAt: now })
			.onConflictDoUpdate({ target: kbSearchGaps.query, set: { count: sql`${count}` } })
			.run()
	return { views }
}
