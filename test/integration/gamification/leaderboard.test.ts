import { and, eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { leaderboardEntries, leaderboardStale } from '#db/schema/gamification.ts'
import { kpiRecords } from '#db/schema/performance.ts'
import { cohortBounds, cohortSql, myRanks, readBoard, recomputeBoard, type BoardQuery } from '#app/modules/gamification/leaderboard.server.ts'
import { awardPoints } from '#app/modules/gamification/points.server.ts'
import { competitionRank } from '#app/modules/gamification/ranking.ts'
import { tenureMonths, tierByTenure } from '#app/modules/learning/tier.ts'
import { disputeRecord, resolveDispute } from '#app/modules/performance/manual.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { insertRecord, repTargets } from '../performance/helpers.ts'

const { db } = withFreshDatabase()

const NOW = new Date('2026-11-20T02:00:00Z')

const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const OCT = '2026-10'

const read = (viewerId: number, overrides: Partial<BoardQuery> = {}) =>
	readBoard({ board: 'kpi', period: OCT, scope: 'company', positionType: 'sales_rep', cohort: 'core', viewerId, ...overrides })

const entry = (board: 'kpi' | 'revenue' | 'points', period: string, userId: number) =>
	db()
		.select()
		.from(leaderboardEntries)
		.where(and(eq(leaderboardEntries.board, board), eq(leaderboardEntries.period, period), eq(leaderboardEntries.userId, userId)))
		.get()

const staleMarks = () =>
	db()
		.select({ board: leaderboardStale.board, period: leaderboardStale.period })
		.from(leaderboardStale)
		.all()
		.map((r) => `${r.board}:${r.period}`)
		.sort()

async function rep(name: string, hireDate: string, teamId: number | null = null) {
	const { id } = await createTestUser({ name, hireDate, teamId })
	repTargets(id)
	return id
}

describe('stored leaderboards', () => {
	test('the cohort SQL agrees with tenureMonths + tierByTenure', () => {
		const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
		const query = db().$client.prepare(`select ${cohortSql('@hire')} as cohort`)
		const check = (hire: string, on: string) => {
			const { cohort } = query.get({ hire, ...cohortBounds(on) }) as { cohort: string }
			expect(cohort, `${hire} on ${on}`).toBe(tierByTenure(tenureMonths(hire, on)))
		}
		// Month ends, leap days and the 29th–31st, where clamping bites.
		for (const [hire, on] of [
			['2026-01-31', '2026-04-30'],
			['2026-01-30', '2026-04-30'],
			['2025-11-30', '2026-02-28'],
			['2024-02-29', '2025-02-28'],
			['2024-02-29', '2025-03-01'],
			['2026-07-31', '2026-10-31'],
			['2026-08-01', '2026-10-31'],
		] as const)
			check(hire, on)
		fc.assert(fc.property(date, date, check), { numRuns: 1000 })
		// Hire dates within 13 months before: dense around both boundaries.
		fc.assert(fc.property(date, fc.integer({ min: 0, max: 400 }), (on, back) => check(shiftDays(on, -back), on)), { numRuns: 1000 })
	})

	test('a new hire is ranked among new hires, core staff among core staff (tenure at the period end)', async () => {
		setClock(NOW)
		const core1 = await rep('老张', '2023-03-01')
		const core2 = await rep('老李', '2024-06-01')
		const newbie = await rep('小新', '2026-09-10')
		const middle = await rep('小周', '2026-05-01')
		insertRecord(core1, 'revenue', '2026-10-10', 300_000)
		insertRecord(core2, 'revenue', '2026-10-10', 250_000)
		insertRecord(newbie, 'revenue', '2026-10-12', 90_000)
		insertRecord(middle, 'revenue', '2026-10-12', 120_000)

		const core = read(core2)
		expect(core.stored).toBe(true)
		expect(core.head.map((r) => [r.name, r.rank])).toEqual([
			['老张', 1],
			['老李', 2],
		])
		expect(core.total).toBe(2)

		const fresh = read(newbie, { cohort: 'new' })
		expect(fresh.head.map((r) => [r.name, r.rank])).toEqual([['小新', 1]])
		expect(fresh.viewer?.rank).toBe(1)
		expect(entry('kpi', OCT, newbie)).toMatchObject({ cohort: 'new', rank: 1, positionType: 'sales_rep' })
		expect(entry('kpi', OCT, middle)).toMatchObject({ cohort: 'intermediate', rank: 1 })
		// A month later the same person is still new (2 months); in 2027-Q1 (Mar 31) they are intermediate.
		expect(tierByTenure(tenureMonths('2026-09-10', '2027-03-31'))).toBe('intermediate')

		// Everyone together: ranked over the stored rows (window function), not the stored partition.
		const all = read(newbie, { cohort: 'all' })
		expect(all.stored).toBe(false)
		expect(all.head.map((r) => [r.name, r.rank])).toEqual([
			['老张', 1],
			['老李', 2],
			['小周', 3],
			['小新', 4],
		])
	})

	test('stored ranks are competition ranks per position type and cohort (ties share, the next skips)', async () => {
		setClock(NOW)
		const values = [500, 300, 300, 200, 200, 200, 100, 900, 50]
		const ids: number[] = []
		for (const [i, value] of values.entries()) {
			const id = await rep(`销售${i}`, i % 2 ? '2024-01-01' : '2026-10-01')
			ids.push(id)
			insertRecord(id, 'revenue', '2026-10-05', value * 1000)
		}
		recomputeBoard('revenue', OCT)
		const stored = db().select().from(leaderboardEntries).where(eq(leaderboardEntries.board, 'revenue')).all()
		expect(stored).toHaveLength(values.length)
		for (const cohort of ['new', 'core'] as const) {
			const rows = stored.filter((r) => r.cohort === cohort)
			const expected = competitionRank(rows.map((r) => ({ userId: r.userId, value: r.value })))
			for (const e of expected) expect(rows.find((r) => r.userId === e.userId)!.rank).toBe(e.rank)
		}
	})

	test('a disputed record drops out of the value until it is resolved; the viewer is told', async () => {
		setClock(NOW)
		const { id: hrId } = await createTestUser({ roles: ['hr_admin'], positionType: null })
		const hr = { id: hrId, roles: ['hr_admin' as const] }
		const id = await rep('小王', '2024-01-01')
		insertRecord(id, 'revenue', '2026-10-03', 100_000)
		const disputed = insertRecord(id, 'revenue', '2026-10-20', 50_000)
		const revenue = () => read(id, { board: 'revenue' })
		expect(revenue().viewer?.value).toBe(150_000)
		expect(revenue().viewerDisputed).toBe(0)

		expect(disputeRecord(disputed, '客户未签字', hr)).toEqual({ ok: true })
		expect(staleMarks()).toEqual(expect.arrayContaining(['kpi:2026-10', 'kpi:2026-Q4', 'revenue:2026-10', 'revenue:2026-Q4']))
		expect(revenue().viewer?.value).toBe(100_000)
		expect(revenue().viewerDisputed).toBe(1)
		expect(read(id).viewerDisputed).toBe(1)

		expect(resolveDispute(disputed, '已核实', hr)).toEqual({ ok: true })
		expect(revenue().viewer?.value).toBe(150_000)
		expect(revenue().viewerDisputed).toBe(0)
	})

	test('movement compares with the previous period in the same partition', async () => {
		setClock(NOW)
		const a = await rep('甲', '2024-01-01')
		const b = await rep('乙', '2024-01-01')
		const c = await rep('丙', '2024-01-01')
		insertRecord(a, 'revenue', '2026-09-10', 300_000)
		insertRecord(b, 'revenue', '2026-09-10', 200_000)
		insertRecord(c, 'revenue', '2026-09-10', 100_000)
		insertRecord(a, 'revenue', '2026-10-10', 100_000)
		insertRecord(b, 'revenue', '2026-10-10', 200_000)
		insertRecord(c, 'revenue', '2026-10-10', 300_000)
		// Reading October builds September first.
		const board = read(a, { board: 'revenue' })
		expect(board.head.map((r) => [r.name, r.rank, r.previousRank, r.movement])).toEqual([
			['丙', 1, 3, 2],
			['乙', 2, 2, 0],
			['甲', 3, 1, -2],
		])
		expect(entry('revenue', '2026-09', a)?.rank).toBe(1)

		// September changes: October's movement follows once September is rebuilt.
		insertRecord(c, 'revenue', '2026-09-20', 500_000)
		db().transaction((tx) => tx.run(sql`insert into leaderboard_stale (board, period, since) values ('revenue', '2026-09', 0)`))
		expect(read(a, { board: 'revenue' }).head.find((r) => r.userId === c)).toMatchObject({ previousRank: 1, movement: 0 })
	})

	test('a points award marks the points board stale and the next read includes it', async () => {
		setClock(NOW)
		const id = await rep('小刘', '2024-01-01')
		const other = await rep('小陈', '2024-01-01')
		const points = () => read(id, { board: 'points', period: '2026-11' })
		// Nobody has points this month: nothing to rank yet.
		expect(points()).toMatchObject({ total: 0, viewer: null, viewerOnBoard: false })
		db().transaction((tx) => awardPoints(tx, { userId: other, source: 'session_presented', sourceKey: 'session:1' }))
		expect(staleMarks()).toContain('points:2026-11')
		const board = points()
		expect(board.head.map((r) => [r.userId, r.value, r.rank])).toEqual([[other, 100, 1]])
		// Only people who earned points are listed: nobody sits at the bottom with 0.
		expect(board.viewerOnBoard).toBe(false)
		expect(staleMarks()).not.toContain('points:2026-11')
	})

	test('reads use the stored entries only: deleting every record afterwards changes nothing', async () => {
		setClock(NOW)
		const id = await rep('小林', '2024-01-01')
		insertRecord(id, 'revenue', '2026-10-10', 200_000)
		const before = read(id)
		expect(before.viewer?.value).toBeGreaterThan(0)
		db().delete(kpiRecords).run()
		db().run(sql`delete from kpi_scores`)
		expect(read(id)).toEqual(before)
		expect(read(id, { cohort: 'all' }).viewer).toEqual(before.viewer)
	})

	test('outside the top N the viewer sees their own row with two neighbours each side', async () => {
		setClock(NOW)
		const { id: teamId } = createTestTeam('east')
		const ids: number[] = []
		for (let i = 0; i < 20; i++) {
			const id = await rep(`员工${String(i).padStart(2, '0')}`, '2024-01-01', i < 5 ? teamId : null)
			ids.push(id)
			insertRecord(id, 'revenue', '2026-10-10', (20 - i) * 10_000)
		}
		const viewer = ids[15]!
		const board = read(viewer, { board: 'revenue', top: 10 })
		expect(board.head.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
		expect(board.tail.map((r) => r.rank)).toEqual([14, 15, 16, 17, 18])
		expect(board.viewer?.rank).toBe(16)
		expect(board.total).toBe(20)

		// The same through the window-function path gives the same places.
		const all = read(viewer, { board: 'revenue', cohort: 'all', top: 10 })
		expect(all.tail.map((r) => r.rank)).toEqual([14, 15, 16, 17, 18])

		// Team scope ranks within the team.
		const team = read(ids[4]!, { board: 'revenue', scope: 'team', scopeId: teamId })
		expect(team.head.map((r) => [r.userId, r.rank])).toEqual(ids.slice(0, 5).map((id, i) => [id, i + 1]))
		expect(team.total).toBe(5)
	})

	test('myRanks gives this month, or last month when there is nothing yet this month', async () => {
		setClock(NOW)
		const id = await rep('小赵', '2024-01-01')
		insertRecord(id, 'revenue', '2026-10-10', 200_000)
		// Points earned in October only: November's points board has nobody yet.
		db().transaction((tx) => awardPoints(tx, { userId: id, source: 'lesson_completed', sourceKey: 'lesson:1', at: new Date('2026-10-15T02:00:00Z') }))
		const ranks = myRanks(id)
		// The KPI board this month: scored (the quarter's targets apply) even with no November records yet.
		expect(ranks.kpi).toMatchObject({ period: '2026-11', rank: 1, total: 1, cohort: 'core', positionType: 'sales_rep' })
		expect(ranks.points).toMatchObject({ period: '2026-10', rank: 1, total: 1, previousRank: null, movement: null })
		const { id: hr } = await createTestUser({ positionType: null, roles: ['hr_admin'] })
		expect(myRanks(hr)).toEqual({ kpi: null, points: null })
	})
})
