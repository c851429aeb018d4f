import { and, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.server.ts'
import { badgeAwards, type BadgeCode } from '#db/schema/gamification.ts'
import { now } from '#app/utils/clock.server.ts'

export type BadgeGrant = {
	userId: number
	badge: BadgeCode
	/** What earned it (`attempt:55`, `2026-Q3`, `nomination:4`): the same key never awards twice. */
	awardKey: string
	/** Set for period awards (the honours wall lists them by period). */
	period?: string | null
	evidence?: Record<string, string | number>
	at?: Date
}

/**
 * Awards a badge once per (badge, key, person), inside the caller's transaction, so the badge commits
 * with the event or period close that earned it. True when it was new.
 */
export function awardBadge(tx: Tx, { userId, badge, awardKey, period = null, evidence = {}, at = now() }: BadgeGrant): boolean {
	const seen = tx
		.select({ id: badgeAwards.id })
		.from(badgeAwards)
		.where(and(eq(badgeAwards.badge, badge), eq(badgeAwards.awardKey, awardKey), eq(badgeAwards.userId, userId)))
		.get()
	if (seen) return false
	tx.insert(badgeAwards).values({ userId, badge, awardKey, period, evidence, awardedAt: at }).run()
	return true
}
