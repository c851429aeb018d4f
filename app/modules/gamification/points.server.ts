import { and, eq, sql } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { leaderboardStale, pointRules, pointsLedger, type PointRule, type PointSource } from '#db/schema/gamification.ts'
import { periodsContaining } from '#app/modules/performance/periods.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { levelFor, pointsToPay } from './points.ts'

/**
 * The points ledger (ADR 010). Event sources call `awardPoints` inside the transaction that records the
 * event, so the points and the event commit together or not at all. The ledger's unique key (person,
 * source, event key) makes a replayed event pay nothing; the daily cap is counted in the same
 * transaction, so two events in parallel cannot both slip under it (SQLite serialises writers).
 */

export type Award = { userId: number; source: PointSource; sourceKey: string; at?: Date }
export type AwardResult = { paid: number; capped: boolean; duplicate: boolean }

export function pointRuleFor(source: PointSource, tx: Tx = getDb()): PointRule | undefined {
	return tx.select().from(pointRules).where(eq(pointRules.source, source)).get()
}

/** Marks the points board of the periods containing `day` for recomputation. */
export function markPointsBoardsStale(tx: Tx, day: string, at: Date) {
	const rows = periodsContaining(day).map((period) => ({ board: 'points' as const, period, since: at }))
	tx.insert(leaderboardStale).values(rows).onConflictDoNothing().run()
}

/**
 * Pays one event once. A replay (same person, source and key) writes nothing; a rule at 0 points writes
 * nothing; over the daily cap the event is still written with what it actually paid (maybe 0), so it
 * cannot pay on a later day either.
 */
export function awardPoints(tx: Tx, { userId, source, sourceKey, at = now() }: Award): AwardResult {
	const rule = pointRuleFor(source, tx)
	if (!rule || rule.points <= 0) return { paid: 0, capped: false, duplicate: false }
	const seen = tx
		.select({ id: pointsLedger.id })
		.from(pointsLedger)
		.where(and(eq(pointsLedger.userId, userId), eq(pointsLedger.source, source), eq(pointsLedger.sourceKey, sourceKey)))
		.get()
	if (seen) return { paid: 0, capped: false, duplicate: true }
	const day = businessDate(at)
	const paidToday =
		rule.dailyCap === null
			? 0
			: (tx
					.select({ sum: sql<number>`coalesce(sum(${pointsLedger.points}), 0)` })
					.from(pointsLedger)
					.where(and(eq(pointsLedger.userId, userId), eq(pointsLedger.source, source), eq(pointsLedger.day, day)))
					.get()?.sum ?? 0)
	const paid = pointsToPay(rule, paidToday)
	tx.insert(pointsLedger).values({ userId, source, sourceKey, points: paid, rulePoints: rule.points, day, at }).run()
	if (paid > 0) markPointsBoardsStale(tx, day, at)
	return { paid, capped: paid < rule.points, duplicate: false }
}

/** A person's total points and level. */
export function pointsSummary(userId: number, tx: Tx = getDb()) {
	const total =
		tx
			.select({ sum: sql<number>`coalesce(sum(${pointsLedger.points}), 0)` })
			.from(pointsLedger)
			.where(eq(pointsLedger.userId, userId))
			.get()?.sum ?? 0
	return levelFor(total)
}

/** A person's latest ledger entries, newest first. */
export function recentPoints(userId: number, limit = 10, tx: Tx = getDb()) {
	return tx
		.select({ source: pointsLedger.source, sourceKey: pointsLedger.sourceKey, points: pointsLedger.points, rulePoints: pointsLedger.rulePoints, day: pointsLedger.day })
		.from(pointsLedger)
		.where(eq(pointsLedger.userId, userId))
		.orderBy(sql`${pointsLedger.id} desc`)
		.limit(limit)
		.all()
}
