import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { getDb } from '#db/client.server.ts'
import { badgeAwards } from '#db/schema/gamification.ts'
import { honoursWall } from '#app/modules/gamification/honours.server.ts'
import { closePeriod } from '#app/modules/gamification/period-close.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import LeaderboardPage, { headers, loader } from '#app/routes/_shell.leaderboard.tsx'
import HonoursPage, { loader as honoursLoader } from '#app/routes/_shell.leaderboard_.honours.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { renderInRouter, textOf } from '#test/helpers/render.ts'
import { getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, insertRecord, repTargets, run } from '../performance/helpers.ts'

withFreshDatabase()

const NOW = new Date('2026-11-20T02:00:00Z')

type Page = Awaited<ReturnType<typeof loader>>['data']

const board = async (cookie: string, query = '') => {
	const outcome = await run(() => loader(args(getRequest(`/leaderboard${query}`, { cookie }))))
	expect(outcome.status).toBe(200)
	return outcome.body as Page
}

/** 14 core sales reps in two teams with October revenue 140k … 10k, one new hire, and an HR person. */
async function setUp() {
	setClock(NOW)
	const east = createTestTeam('east')
	const west = createTestTeam('west')
	const reps: number[] = []
	for (let i = 0; i < 14; i++) {
		const { id } = await createTestUser({ name: `销售${String(i + 1).padStart(2, '0')}`, hireDate: '2024-01-01', teamId: i % 2 ? west.id : east.id })
		repTargets(id)
		insertRecord(id, 'revenue', '2026-10-10', (14 - i) * 10_000)
		insertRecord(id, 'revenue', '2026-09-10', (i + 1) * 10_000)
		reps.push(id)
	}
	const { id: newbie } = await createTestUser({ name: '新同事', hireDate: '2026-09-15', teamId: east.id })
	repTargets(newbie)
	insertRecord(newbie, 'revenue', '2026-10-20', 5_000)
	const { id: hr } = await createTestUser({ name: '人力', positionType: null, roles: ['hr_admin'] })
	return { reps, newbie, hr, east: east.id, west: west.id }
}

/** No raw i18n key of these namespaces reaches the page. */
function expectNoKeys(html: string) {
	expect(textOf(html)).not.toMatch(/\b(leaderboard|points|positions)\.[a-zA-Z]/)
}

describe('/leaderboard', () => {
	test('signed-out people are sent to log in', async () => {
		const outcome = await run(() => loader(args(getRequest('/leaderboard'))))
		expect(outcome.status).toBe(302)
		expect(outcome.response!.headers.get('Location')).toMatch(/^\/login/)
		const honours = await run(() => honoursLoader(args(getRequest('/leaderboard/honours'))))
		expect(honours.status).toBe(302)
		expect(headers({} as never)).toEqual({ 'Cache-Control': 'no-store' })
	})

	test('defaults: the KPI board of last month, company-wide, the viewer’s own position type and cohort', async () => {
		const { reps, newbie } = await setUp()
		const page = await board(await sessionCookieFor(reps[0]!))
		expect(page.filters).toEqual({ board: 'kpi', period: '2026-10', scope: 'company', positionType: 'sales_rep', cohort: 'core', scopeId: null })
		expect(page.view.stored).toBe(true)
		expect(page.view.head.map((r) => r.userId)).toEqual(reps.slice(0, 10))
		expect(page.inProgress).toBe(false)

		// The new hire is compared with new hires by default.
		const fresh = await board(await sessionCookieFor(newbie))
		expect(fresh.filters.cohort).toBe('new')
		expect(fresh.view.head.map((r) => [r.userId, r.rank])).toEqual([[newbie, 1]])
	})

	test('filters: board, period, cohort, scope; bad and future periods fall back with a notice', async () => {
		const { reps, newbie } = await setUp()
		const cookie = await sessionCookieFor(reps[1]!)
		const revenue = await board(cookie, '?board=revenue&period=2026-09&cohort=core')
		expect(revenue.filters).toMatchObject({ board: 'revenue', period: '2026-09', cohort: 'core' })
		// September ran the other way round: 销售14 was first.
		expect(revenue.view.head[0]).toMatchObject({ userId: reps[13], rank: 1, value: 140_000, movement: null })

		const everyone = await board(cookie, '?board=revenue&cohort=all')
		expect(everyone.view.stored).toBe(false)
		expect(everyone.view.total).toBe(15)
		expect(everyone.view.head.map((r) => r.userId)).not.toContain(newbie)

		// Team scope: the viewer's own team (销售02 is in the west team: 销售02, 04, …, 14).
		const team = await board(cookie, '?board=revenue&scope=team')
		expect(team.view.head.map((r) => r.userId)).toEqual(reps.filter((_, i) => i % 2 === 1))
		expect(team.view.head.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7])

		const bad = await board(cookie, '?period=2026-13')
		expect(bad.notice).toEqual({ kind: 'invalid', value: '2026-13' })
		expect(bad.filters.period).toBe('2026-10')
		const future = await board(cookie, '?period=2027-Q1')
		expect(future.notice).toEqual({ kind: 'future', value: '2027-Q1' })
		expect(future.filters.period).toBe('2026-10')
		const quarter = await board(cookie, '?period=2026-Q4&board=revenue')
		expect(quarter.inProgress).toBe(true)
		expect(quarter.periods.quarters).toContain('2026-Q4')
	})

	test('only HR picks another team; everyone else sees their own', async () => {
		const { reps, newbie, hr, east, west } = await setUp()
		const rep = await board(await sessionCookieFor(reps[1]!), `?board=revenue&scope=team&team=${east}`)
		expect(rep.filters.scopeId).toBe(west)
		expect(rep.scopeOptions).toBeNull()
		const hrCookie = await sessionCookieFor(hr)
		const chosen = await board(hrCookie, `?board=revenue&scope=team&team=${east}&type=sales_rep&cohort=all`)
		expect(chosen.filters.scopeId).toBe(east)
		expect(chosen.scopeName?.nameZh).toBe('华东销售团队')
		// The east team of any cohort: 销售01, 03, …, 13 and the new hire, by revenue.
		expect(chosen.view.head.map((r) => r.userId)).toEqual([...reps.filter((_, i) => i % 2 === 0), newbie])
		expect(chosen.scopeOptions?.teams.map((t) => t.id).sort()).toEqual([east, west].sort())
		// HR has no team of their own: nothing chosen, nothing shown.
		const none = await board(hrCookie, '?board=revenue&scope=team')
		expect(none.filters.scopeId).toBeNull()
		expect(none.view.head).toEqual([])
	})

	test('a viewer below the top 10 sees their own row and neighbours, highlighted', async () => {
		const { reps } = await setUp()
		const viewer = reps[12]!
		const page = await board(await sessionCookieFor(viewer), '?board=revenue')
		expect(page.view.head).toHaveLength(10)
		expect(page.view.tail.map((r) => r.rank)).toEqual([11, 12, 13, 14])
		expect(page.view.viewer).toMatchObject({ userId: viewer, rank: 13, movement: -11 })

		const html = await renderInRouter(createElement(LeaderboardPage), 'zh-CN', { loaderData: page, path: '/leaderboard?board=revenue' })
		const text = textOf(html)
		expect(text).toContain('你在这个榜单排第 13 名，共 14 人。')
		expect(text).toContain('比上期下降了 11 位')
		expect(text).toContain('你前后的同事')
		expect(text).toContain('下降 11 位')
		expect(html).toContain('aria-current="true"')
		expect(text).toContain('¥3 万')
		expectNoKeys(html)
	})

	test('renders in zh-CN and en with no leaked keys; a disputed record is mentioned', async () => {
		const { reps } = await setUp()
		insertRecord(reps[0]!, 'revenue', '2026-10-11', 1_000, 'disputed')
		const page = await board(await sessionCookieFor(reps[0]!), '?board=revenue')
		expect(page.view.viewerDisputed).toBe(1)
		const zh = await renderInRouter(createElement(LeaderboardPage), 'zh-CN', { loaderData: page })
		expectNoKeys(zh)
		expect(textOf(zh)).toContain('你有 1 条记录正在申诉中')
		expect(textOf(zh)).toContain('销售额榜 · 2026年10月 · 全公司')
		const en = await renderInRouter(createElement(LeaderboardPage), 'en', { loaderData: page })
		expectNoKeys(en)
		expect(textOf(en)).toContain('1 of your records is under dispute')
		expect(textOf(en)).toContain('You are in place 1 of 14 on this board.')

		// Not on the board at all (an HR person on the KPI board) and an empty board.
		const { id: hr } = await createTestUser({ positionType: null, roles: ['hr_admin'] })
		const hrPage = await board(await sessionCookieFor(hr), '?period=2026-06')
		for (const lng of ['zh-CN', 'en'] as const) {
			const html = await renderInRouter(createElement(LeaderboardPage), lng, { loaderData: hrPage })
			expectNoKeys(html)
			expect(textOf(html)).toContain(lng === 'en' ? 'Nobody is on this board' : '这个榜单本期还没有人上榜')
			expect(textOf(html)).toContain(lng === 'en' ? 'Your position is not ranked' : '你的岗位不参加排名')
		}
	})
})

describe('/leaderboard/honours', () => {
	test('each period’s awards with criteria and evidence, newest first, in both languages', async () => {
		const { reps } = await setUp()
		insertRecord(reps[0]!, 'revenue', '2026-09-12', 200_000)
		closePeriod('2026-09')
		closePeriod('2026-10')
		const outcome = await run(async () => honoursLoader(args(getRequest('/leaderboard/honours', { cookie: await sessionCookieFor(reps[0]!) }))))
		expect(outcome.status).toBe(200)
		const data = outcome.body as Awaited<ReturnType<typeof honoursLoader>>
		expect(data.periods.map((p) => p.period)).toEqual(['2026-09'])
		const zh = textOf(await renderInRouter(createElement(HonoursPage), 'zh-CN', { loaderData: data }))
		expect(zh).toContain('2026年9月的获奖者')
		expect(zh).toContain('高价值客户开发奖')
		expect(zh).toContain('2026-09-12 单笔销售额 ¥20 万；本期共 1 笔达到 ¥15 万 的高价值门槛。')
		const enHtml = await renderInRouter(createElement(HonoursPage), 'en', { loaderData: data })
		expectNoKeys(enHtml)
		expect(textOf(enHtml)).toContain('A single revenue record of ¥200,000 on 2026-09-12')

		// Newest first by the period's end; a quarter before the month that ends it.
		for (const period of ['2026-Q3', '2026-10', '2026-08'])
			getDb().insert(badgeAwards).values({ userId: reps[1]!, badge: 'monthly_star', awardKey: `test:${period}`, period, evidence: {}, awardedAt: NOW }).run()
		expect(honoursWall().map((p) => p.period)).toEqual(['2026-10', '2026-Q3', '2026-09', '2026-08'])

		const empty = textOf(await renderInRouter(createElement(HonoursPage), 'zh-CN', { loaderData: { periods: [], criteria: data.criteria } }))
		expect(empty).toContain('还没有颁发过奖项')
	})
})
