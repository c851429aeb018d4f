import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { badgeAwards, pointsLedger } from '#db/schema/gamification.ts'
import { mentorPairings, pairingFocus } from '#db/schema/mentoring.ts'
import { closeDuePeriods, closePeriod, duePeriods } from '#app/modules/gamification/period-close.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { indicatorId, insertRecord, repTargets } from '../performance/helpers.ts'

const { db } = withFreshDatabase()

const NOW = new Date('2026-11-20T02:00:00Z')

const awards = () =>
	db()
		.select({ userId: badgeAwards.userId, badge: badgeAwards.badge, awardKey: badgeAwards.awardKey, period: badgeAwards.period, evidence: badgeAwards.evidence })
		.from(badgeAwards)
		.orderBy(badgeAwards.id)
		.all()

const ledger = () =>
	db()
		.select({ userId: pointsLedger.userId, source: pointsLedger.source, sourceKey: pointsLedger.sourceKey, points: pointsLedger.points })
		.from(pointsLedger)
		.orderBy(pointsLedger.id)
		.all()

const person = async (name: string, hireDate = '2024-01-01') => (await createTestUser({ name, hireDate })).id

describe('closing a month', () => {
	test('on-target process indicators pay 30 points once; high-value records and the visit champions get their badges', async () => {
		setClock(NOW)
		const a = await person('甲')
		const b = await person('乙')
		const c = await person('丙')
		for (const id of [a, b, c]) repTargets(id)
		// 甲: conversion 20 % (target 15 %) and visits averaging 15 (target 15): both process indicators on target.
		insertRecord(a, 'leads_assigned', '2026-10-08', 100)
		insertRecord(a, 'leads_won', '2026-10-08', 20)
		for (const week of ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']) insertRecord(a, 'weekly_visits', week, 15)
		// 乙: the same visit total, but conversion 10 %: only visits on target.
		insertRecord(b, 'leads_assigned', '2026-10-08', 100)
		insertRecord(b, 'leads_won', '2026-10-08', 10)
		for (const week of ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']) insertRecord(b, 'weekly_visits', week, 15)
		// 丙: fewer visits; one big deal, one small, one disputed big one.
		for (const week of ['2026-10-05', '2026-10-12']) insertRecord(c, 'weekly_visits', week, 10)
		insertRecord(c, 'revenue', '2026-10-09', 200_000)
		insertRecord(c, 'revenue', '2026-10-10', 90_000)
		insertRecord(c, 'revenue', '2026-10-11', 300_000, 'disputed')
		// A second big deal the same month: still one award, citing the larger deal.
		const bigger = insertRecord(c, 'revenue', '2026-10-20', 260_000)
		// A September record is September's business.
		insertRecord(a, 'revenue', '2026-09-30', 500_000)

		const first = closePeriod('2026-10')
		expect(first).toMatchObject({ period: '2026-10', closed: true, payouts: 3 })
		expect(ledger()).toEqual([
			{ userId: a, source: 'indicator_on_target', sourceKey: 'lead_conversion:2026-10', points: 30 },
			{ userId: a, source: 'indicator_on_target', sourceKey: 'weekly_visits:2026-10', points: 30 },
			{ userId: b, source: 'indicator_on_target', sourceKey: 'weekly_visits:2026-10', points: 30 },
		])
		expect(awards()).toEqual([
			{ userId: c, badge: 'high_value_account', awardKey: '2026-10', period: '2026-10', evidence: { amount: 260_000, threshold: 150_000, date: '2026-10-20', record: bigger, deals: 2 } },
			{ userId: a, badge: 'visit_champion', awardKey: '2026-10', period: '2026-10', evidence: { visits: 60, reps: 3 } },
			{ userId: b, badge: 'visit_champion', awardKey: '2026-10', period: '2026-10', evidence: { visits: 60, reps: 3 } },
		])

		// Closing again pays and awards nothing new.
		expect(closePeriod('2026-10')).toEqual({ period: '2026-10', closed: true, payouts: 0, badges: [] })
		expect(ledger()).toHaveLength(3)
		expect(awards()).toHaveLength(3)
	})

	test('HR’s high-value amount applies; a month still running is left alone', async () => {
		setClock(NOW)
		const a = await person('甲')
		insertRecord(a, 'revenue', '2026-10-09', 120_000)
		insertRecord(a, 'revenue', '2026-11-09', 900_000)
		db().run(sql`update badge_settings set value = 100000 where key = 'high_value_amount'`)
		expect(closePeriod('2026-11')).toEqual({ period: '2026-11', closed: false, payouts: 0, badges: [] })
		expect(closePeriod('2026-10').badges).toEqual(['high_value_account'])
		expect(awards().map((a) => a.evidence.threshold)).toEqual([100_000])
	})
})

describe('closing a quarter', () => {
	test('best newcomer, fastest improver and gold mentor, each once', async () => {
		setClock(NOW)
		// Newcomers at 2026-09-30: 小新 (1 month) and 小周 (2 months); 老张 is core and not compared.
		const newA = await person('小新', '2026-08-01')
		const newB = await person('小周', '2026-07-15')
		const x = await person('老张', '2023-01-01')
		const y = await person('老李', '2023-01-01')
		for (const id of [newA, newB, x, y]) repTargets(id, '2026-Q3')
		for (const id of [x, y]) repTargets(id, '2026-Q2')
		insertRecord(newA, 'revenue', '2026-09-10', 500_000)
		insertRecord(newB, 'revenue', '2026-09-10', 300_000)
		insertRecord(x, 'revenue', '2026-05-10', 400_000)
		insertRecord(x, 'revenue', '2026-08-10', 800_000)
		insertRecord(y, 'revenue', '2026-05-10', 600_000)
		insertRecord(y, 'revenue', '2026-08-10', 900_000)

		// Mentoring: 导师王's mentee went from 10 to 14 visits a month; 导师赵's mentee slipped from 12 to 9.
		const mentor = await person('导师王', '2020-01-01')
		const mentor2 = await person('导师赵', '2020-01-01')
		const mentee = await person('学员甲', '2025-01-01')
		const mentee2 = await person('学员乙', '2025-01-01')
		const peer = await person('同事丙', '2025-01-01')
		for (const [pairMentor, pairMentee] of [
			[mentor, mentee],
			[mentor2, mentee2],
		] as const) {
			const pairing = db().insert(mentorPairings).values({ mentorId: pairMentor, menteeId: pairMentee, startsOn: '2026-07-01' }).returning().get()
			db().insert(pairingFocus).values({ pairingId: pairing.id, position: 0, indicatorId: indicatorId('weekly_visits') }).run()
		}
		for (const month of ['04', '05', '06', '07', '08', '09']) {
			const before = month <= '06'
			insertRecord(mentee, 'weekly_visits', `2026-${month}-01`, before ? 10 : 14)
			insertRecord(mentee2, 'weekly_visits', `2026-${month}-01`, before ? 12 : 9)
			insertRecord(peer, 'weekly_visits', `2026-${month}-01`, 12)
		}

		const closed = closePeriod('2026-Q3')
		expect(closed).toMatchObject({ period: '2026-Q3', closed: true, payouts: 0 })
		expect(closed.badges.sort()).toEqual(['best_newcomer', 'fastest_improver', 'gold_mentor'])
		const byBadge = Object.fromEntries(awards().map((a) => [a.badge, a]))
		expect(byBadge.best_newcomer).toMatchObject({ userId: newA, awardKey: '2026-Q3', period: '2026-Q3', evidence: { newcomers: 2, tenureMonths: 1, hireDate: '2026-08-01' } })
		expect(byBadge.fastest_improver).toMatchObject({ userId: x, awardKey: '2026-Q3', evidence: { previousPeriod: '2026-Q2', compared: 2 } })
		const improver = byBadge.fastest_improver!.evidence
		expect(Number(improver.increase)).toBeCloseTo(Number(improver.score) - Number(improver.previousScore), 9)
		expect(Number(improver.increase)).toBeCloseTo(20, 6)
		expect(byBadge.gold_mentor).toMatchObject({
			userId: mentor,
			evidence: { pairings: 1, measured: 1, improved: 1, beatPeers: 1, lastMonth: '2026-09' },
		})
		// No points for quarters (the months pay on-target indicators).
		expect(ledger()).toEqual([])

		expect(closePeriod('2026-Q3').badges).toEqual([])
		expect(awards()).toHaveLength(3)
	})

	test('ties share the award; nobody improved means no improver award', async () => {
		setClock(NOW)
		const a = await person('甲', '2026-08-01')
		const b = await person('乙', '2026-08-01')
		for (const id of [a, b]) {
			repTargets(id, '2026-Q3')
			insertRecord(id, 'revenue', '2026-09-10', 400_000)
		}
		expect(closePeriod('2026-Q3').badges).toEqual(['best_newcomer', 'best_newcomer'])
		expect(db().select().from(badgeAwards).where(eq(badgeAwards.badge, 'fastest_improver')).all()).toEqual([])
	})
})

describe('closeDuePeriods', () => {
	test('closes the last 12 months and 4 quarters, and a second run awards nothing', async () => {
		setClock(NOW)
		const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']
		expect(duePeriods('2026-11-20')).toEqual([...months, '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'])
		const a = await person('甲')
		insertRecord(a, 'revenue', '2026-03-09', 200_000)
		const first = closeDuePeriods()
		expect(first).toHaveLength(16)
		expect(first.every((c) => c.closed)).toBe(true)
		expect(first.find((c) => c.period === '2026-03')?.badges).toEqual(['high_value_account'])
		expect(closeDuePeriods().flatMap((c) => c.badges)).toEqual([])
	})
})
