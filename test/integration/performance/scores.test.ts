import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { kpiAlerts, kpiRecords, integrityViolations, kpiScores } from '#db/schema/performance.ts'
import { evaluateAlerts, acknowledgeAlert, resolveAlert, openAlertsFor } from '#app/modules/performance/alerts.server.ts'
import { markStale } from '#app/modules/performance/stale.server.ts'
import { ensureFresh, kpiViewFor, monthlyTrend, teamScores } from '#app/modules/performance/scores.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { indicatorId, insertRecord, repTargets } from './helpers.ts'

const { db } = withFreshDatabase()

describe('stored scores', () => {
	test('a rep exactly on target scores 100; the ratio indicator is won ÷ assigned leads', async () => {
		setClock(new Date('2026-11-27T04:00:00Z'))
		const { id } = await createTestUser()
		repTargets(id)
		insertRecord(id, 'revenue', '2026-10-15', 600_000)
		insertRecord(id, 'revenue', '2026-11-15', 400_000)
		insertRecord(id, 'new_customers', '2026-11-02', 8)
		insertRecord(id, 'leads_assigned', '2026-10-10', 80)
		insertRecord(id, 'leads_assigned', '2026-11-10', 20)
		insertRecord(id, 'leads_won', '2026-11-10', 15)
		insertRecord(id, 'weekly_visits', '2026-10-05', 14)
		insertRecord(id, 'weekly_visits', '2026-10-12', 16)
		insertRecord(id, 'complaint_satisfaction', '2026-10-01', 90)

		const view = kpiViewFor(id, '2026-Q4')
		expect(view.score).toBeCloseTo(100, 9)
		expect(view.level).toBe('target')
		const conversion = view.indicators.find((i) => i.indicator.code === 'lead_conversion')!
		expect(conversion.actual).toBeCloseTo(15, 9)
		expect(conversion.weight).toBe(20)
		const visits = view.indicators.find((i) => i.indicator.code === 'weekly_visits')!
		expect(visits.actual).toBe(15)

		const [stored] = teamScores([id], '2026-Q4')
		expect(stored!.score).toBeCloseTo(100, 9)
	})

	test('a disputed record leaves the score; the stale mark rebuilds the stored row', async () => {
		setClock(new Date('2026-11-27T04:00:00Z'))
		const { id } = await createTestUser()
		repTargets(id)
		insertRecord(id, 'revenue', '2026-10-15', 1_000_000)
		expect(teamScores([id], '2026-Q4')[0]!.score).toBeCloseTo(50, 9)

		insertRecord(id, 'revenue', '2026-11-01', 3_000_000, 'disputed')
		db().transaction((tx) => markStale(tx, ['2026-11-01']))
		expect(teamScores([id], '2026-Q4')[0]!.score).toBeCloseTo(50, 9)
		expect(kpiViewFor(id, '2026-Q4').disputedCount).toBe(1)

		db().update(kpiRecords).set({ status: 'valid' }).where(eq(kpiRecords.date, '2026-11-01')).run()
		// Without the stale mark the stored row is what readers get …
		expect(teamScores([id], '2026-Q4')[0]!.score).toBeCloseTo(50, 9)
		db().transaction((tx) => markStale(tx, ['2026-11-01']))
		// … with it, the capped revenue (130 %) counts.
		expect(teamScores([id], '2026-Q4')[0]!.score).toBeCloseTo(65, 9)
	})

	test('an integrity deduction comes off the quarter', async () => {
		setClock(new Date('2026-11-27T04:00:00Z'))
		const { id } = await createTestUser()
		const { id: hr } = await createTestUser({ roles: ['hr_admin'], positionType: null })
		repTargets(id)
		insertRecord(id, 'revenue', '2026-10-15', 1_000_000)
		db().insert(integrityViolations).values({ userId: id, occurredOn: '2026-11-03', note: '虚假拜访', ordinal: 1, outcome: 'warning', deduction: 10, recordedById: hr, recordedAt: new Date() }).run()
		const view = kpiViewFor(id, '2026-Q4')
		expect(view.deduction).toBe(10)
		expect(view.score).toBeCloseTo(40, 9)
	})

	test('the product-knowledge exam is a capability indicator shown with weight 0; a month without targets takes a third of the quarter', async () => {
		setClock(new Date('2026-11-27T04:00:00Z'))
		const { id } = await createTestUser()
		repTargets(id)
		insertRecord(id, 'revenue', '2026-11-15', 400_000)
		const trend = monthlyTrend(id, ['2026-10', '2026-11'])
		const revenue = trend.find((s) => s.indicatorId === indicatorId('revenue'))!
		expect(revenue.points).toEqual([
			{ period: '2026-10', actual: null, target: expect.closeTo(333_333.33, 1) },
			{ period: '2026-11', actual: 400_000, target: expect.closeTo(333_333.33, 1) },
		])
		// Conversion is not summed: the month's target is the quarter's.
		expect(trend.find((s) => s.indicatorId === indicatorId('lead_conversion'))!.points[0]!.target).toBe(15)
	})

	test('people without a position are not scored; a recompute writes one row per scored person', async () => {
		setClock(new Date('2026-11-27T04:00:00Z'))
		await createTestUser()
		await createTestUser({ positionType: 'marketing' })
		await createTestUser({ positionType: null, roles: ['hr_admin'] })
		ensureFresh('2026-Q4')
		expect(db().select().from(kpiScores).all()).toHaveLength(2)
	})
})

describe('alerts (seed rule: lead conversion < 10 % for 3 consecutive days)', () => {
	async function setup() {
		setClock(new Date('2026-11-27T04:00:00Z'))
		const { id: managerId } = await createTestUser({ roles: ['manager'] })
		const team = createTestTeam('east', managerId)
		const { id: repId } = await createTestUser({ teamId: team.id })
		const { id: otherManager } = await createTestUser({ roles: ['manager'] })
		return { managerId, repId, otherManager }
	}
	const leads = (userId: number, date: string, assigned: number, won: number) => {
		insertRecord(userId, 'leads_assigned', date, assigned)
		insertRecord(userId, 'leads_won', date, won)
	}

	test('three low days open one alert; evaluating again does not open a second', async () => {
		const { repId } = await setup()
		leads(repId, '2026-11-24', 20, 4)
		leads(repId, '2026-11-25', 20, 1)
		leads(repId, '2026-11-26', 25, 2)
		leads(repId, '2026-11-27', 30, 2)
		expect(evaluateAlerts()).toHaveLength(1)
		expect(evaluateAlerts()).toHaveLength(0)
		const [alert] = openAlertsFor([repId])
		expect(alert).toMatchObject({ fromDate: '2026-11-25', toDate: '2026-11-27', indicator: { code: 'lead_conversion' } })
		expect(alert!.values.map((v) => Math.round(v * 100) / 100)).toEqual([5, 8, 6.67])
	})

	test('two low days do not', async () => {
		const { repId } = await setup()
		leads(repId, '2026-11-25', 20, 4)
		leads(repId, '2026-11-26', 25, 2)
		leads(repId, '2026-11-27', 30, 2)
		expect(evaluateAlerts()).toHaveLength(0)
	})

	test('the manager acknowledges and resolves; another manager and the rep may not', async () => {
		const { repId, managerId, otherManager } = await setup()
		for (const d of ['2026-11-25', '2026-11-26', '2026-11-27']) leads(repId, d, 20, 1)
		const [id] = evaluateAlerts()
		expect(acknowledgeAlert(id!, '看过了', { id: otherManager, roles: ['staff', 'manager'] })).toEqual({ ok: false, reason: 'forbidden' })
		expect(resolveAlert(id!, '自己关掉', { id: repId, roles: ['staff'] })).toEqual({ ok: false, reason: 'forbidden' })
		expect(acknowledgeAlert(id!, '周五陪访', { id: managerId, roles: ['staff', 'manager'] })).toEqual({ ok: true })
		expect(resolveAlert(id!, '转化率已回升', { id: managerId, roles: ['staff', 'manager'] })).toEqual({ ok: true })
		expect(db().select().from(kpiAlerts).get()).toMatchObject({ status: 'resolved', resolveNote: '转化率已回升' })
		// Resolved: a new run may open a new alert.
		expect(evaluateAlerts()).toHaveLength(1)
	})
})
