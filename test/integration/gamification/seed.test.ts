import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { users } from '#db/schema/auth.ts'
import { badgeAwards, pointsLedger, starNominations } from '#db/schema/gamification.ts'
import { PROMOTION_DEMO } from '#db/seed/gamification.ts'
import { seedDemo } from '#db/seed/index.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { badgesOf } from '#app/modules/gamification/badges.server.ts'
import { myRanks } from '#app/modules/gamification/leaderboard.server.ts'
import { pointsSummary } from '#app/modules/gamification/points.server.ts'
import { checklistFor } from '#app/modules/promotion/eligibility.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'

const { db } = withFreshDatabase()

/** Saturday 28 November 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-11-28T02:00:00Z')
const userId = (email: string) => db().select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id

test('the demo: history paid through the hooks, period badges, a confirmed 月度之星, one eligible and one a quarter short', { timeout: 60_000 }, async () => {
	setClock(NOW)
	await syncContent({ root: 'content', db: db() })
	const summary = await seedDemo(db(), { now: NOW })
	const ledgerRows = db().select({ n: sql<number>`count(*)` }).from(pointsLedger).get()!.n
	// Coaching was paid as the seed logged it (the app's writeCoaching), each on the evening it happened;
	// the backfill paid the other seeded events; closing the past periods paid indicators on target.
	const of = (source: 'indicator_on_target' | 'coaching_mentor' | 'coaching_mentee') =>
		db().select({ day: pointsLedger.day, points: pointsLedger.points }).from(pointsLedger).where(eq(pointsLedger.source, source)).all()
	const coaching = [...of('coaching_mentor'), ...of('coaching_mentee')]
	expect(new Set(coaching.map((c) => c.day)).size).toBeGreaterThan(10)
	expect(coaching.every((c) => c.points > 0)).toBe(true)
	expect(summary.pointsBackfilled).toBeGreaterThan(500)
	expect(of('indicator_on_target').length).toBeGreaterThan(0)
	expect(ledgerRows).toBe(summary.pointsBackfilled + of('indicator_on_target').length + coaching.length)
	const badges = new Set(db().selectDistinct({ badge: badgeAwards.badge }).from(badgeAwards).all().map((b) => b.badge))
	for (const badge of ['first_try', 'perfect_score', 'best_newcomer', 'fastest_improver', 'high_value_account', 'visit_champion', 'monthly_star', 'gold_mentor'] as const)
		expect(badges, badge).toContain(badge)

	const rep = userId('rep@example.com')
	expect(pointsSummary(rep).total).toBeGreaterThan(0)
	expect(badgesOf(rep).map((b) => b.badge)).toContain('monthly_star')
	expect(myRanks(rep).kpi).toMatchObject({ rank: expect.any(Number), total: expect.any(Number) })
	expect(db().select().from(starNominations).where(eq(starNominations.status, 'pending')).all()).toHaveLength(1)

	expect(checklistFor(userId(PROMOTION_DEMO.eligible))!.checklist).toMatchObject({ status: 'eligible', unmet: [] })
	const short = checklistFor(userId(PROMOTION_DEMO.quarterShort))!.checklist
	expect(short).toMatchObject({ status: 'nearly', unmet: ['quarters'] })
	expect(short.items.find((i) => i.rule === 'quarters')!.missing).toEqual(['promotion.missing.quarters?count=1&score=100'])
})
