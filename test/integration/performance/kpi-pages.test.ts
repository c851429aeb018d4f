import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { createElement, type ReactNode } from 'react'
import { describe, expect, test } from 'vitest'
import { mentorPairings } from '#db/schema/mentoring.ts'
import { alertRules, kpiAlerts } from '#db/schema/performance.ts'
import { AlertList, Heatmap, KpiReport } from '#app/components/kpi/index.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { action as alertAction, loader as alertLoader } from '#app/routes/_shell.alerts.$alertId.tsx'
import { loader as kpiLoader } from '#app/routes/_shell.kpi.tsx'
import TeamPage, { action as teamAction, loader as teamLoader } from '#app/routes/_shell.team.tsx'
import { loader as personKpiLoader } from '#app/routes/_shell.team_.$userId.kpi.tsx'
import { loader as exportLoader } from '#app/routes/_shell.team_.export[.xlsx].ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { renderInRouter, textOf } from '#test/helpers/render.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, outcome, type Outcome } from '../learning/helpers.ts'
import { indicatorId, insertRecord, repTargets } from './helpers.ts'

const { db } = withFreshDatabase()

const INJECTION = '=HYPERLINK("http://evil.example","点我")'

async function setUp() {
	setClock(new Date('2026-11-20T02:00:00Z'))
	const manager = await createTestUser({ roles: ['manager'], positionType: null, name: '王经理' })
	const east = createTestTeam('east', manager.id)
	const rep = await createTestUser({ teamId: east.id, name: '小新' })
	const injected = await createTestUser({ teamId: east.id, name: INJECTION })
	const otherManager = await createTestUser({ roles: ['manager'], positionType: null, name: '李经理' })
	const west = createTestTeam('west', otherManager.id)
	const outsider = await createTestUser({ teamId: west.id, name: '西区小周' })
	const mentor = await createTestUser({ roles: ['mentor'], teamId: west.id, name: '赵导师' })
	const otherMentor = await createTestUser({ roles: ['mentor'], name: '钱导师' })
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '人力' })
	const colleague = await createTestUser({ teamId: east.id, name: '同事' })
	db().insert(mentorPairings).values({ mentorId: mentor.id, menteeId: rep.id, startsOn: '2026-09-01' }).run()
	db().insert(mentorPairings).values({ mentorId: otherMentor.id, menteeId: outsider.id, startsOn: '2026-09-01' }).run()

	// 小新: ¥120 万 of revenue (over the challenge? no: 130 万 is the challenge) and the rest on target.
	repTargets(rep.id)
	insertRecord(rep.id, 'revenue', '2026-10-15', 700_000)
	insertRecord(rep.id, 'revenue', '2026-11-10', 500_000)
	insertRecord(rep.id, 'new_customers', '2026-11-02', 8)
	insertRecord(rep.id, 'leads_assigned', '2026-11-10', 100)
	insertRecord(rep.id, 'leads_won', '2026-11-10', 15)
	insertRecord(rep.id, 'weekly_visits', '2026-11-02', 15)
	insertRecord(rep.id, 'complaint_satisfaction', '2026-11-01', 90)
	// The other east rep: half the revenue target, nothing else.
	repTargets(injected.id)
	insertRecord(injected.id, 'revenue', '2026-11-03', 500_000)
	repTargets(outsider.id)
	insertRecord(outsider.id, 'revenue', '2026-11-03', 900_000)
	// Last quarter, for the period switch.
	repTargets(rep.id, '2026-Q3')
	insertRecord(rep.id, 'revenue', '2026-08-01', 400_000)

	const ruleId = db().select({ id: alertRules.id }).from(alertRules).get()!.id
	const alertOf = (userId: number) =>
		db()
			.insert(kpiAlerts)
			.values({ ruleId, userId, fromDate: '2026-11-17', toDate: '2026-11-19', values: [5, 8, 6.5], openedAt: new Date('2026-11-19T12:00:00Z') })
			.returning({ id: kpiAlerts.id })
			.get().id

	const cookie = async (userId: number) => sessionCookieFor(userId)
	return {
		ids: { manager: manager.id, rep: rep.id, injected: injected.id, outsider: outsider.id, mentor: mentor.id, hr: hr.id, colleague: colleague.id },
		teams: { east: east.id, west: west.id },
		alerts: { rep: alertOf(rep.id), outsider: alertOf(outsider.id) },
		cookies: {
			manager: await cookie(manager.id),
			otherManager: await cookie(otherManager.id),
			rep: await cookie(rep.id),
			outsider: await cookie(outsider.id),
			mentor: await cookie(mentor.id),
			otherMentor: await cookie(otherMentor.id),
			hr: await cookie(hr.id),
			colleague: await cookie(colleague.id),
		},
	}
}

/** A loader's data, whether it returned a plain object or `data(…)`. */
function body<T>(o: Outcome<T>) {
	if (!('body' in o)) throw new Error(`expected data, got ${o.status}`)
	const value = o.body as unknown as { type?: string; data?: unknown; init?: ResponseInit | null }
	return (value.type === 'DataWithResponseInit' ? value.data : value) as Exclude<Awaited<T>, Response> extends { data: infer D } ? D : never
}

function headersOf(o: Outcome<unknown>) {
	const value = ('body' in o ? o.body : null) as { init?: ResponseInit | null } | null
	return new Headers(value?.init?.headers)
}

const kpi = (cookie: string | undefined, query = '') => outcome(() => kpiLoader(args(getRequest(`/kpi${query}`, { cookie }))))
const personKpi = (cookie: string, userId: number | string, query = '') =>
	outcome(() => personKpiLoader(args(getRequest(`/team/${userId}/kpi${query}`, { cookie }), { userId: String(userId) })))
const team = (cookie: string, query = '') => outcome(() => teamLoader(args(getRequest(`/team${query}`, { cookie }))))
const teamPost = (cookie: string, fields: Record<string, string>, query = '') =>
	outcome(() => teamAction(args(formRequest(`/team${query}`, fields, { cookie }))))
const alertPost = (cookie: string, alertId: number, fields: Record<string, string>) =>
	outcome(() => alertAction(args(formRequest(`/alerts/${alertId}`, fields, { cookie }), { alertId: String(alertId) })))
const exportFile = (cookie: string, query = '') => outcome(() => exportLoader(args(getRequest(`/team/export.xlsx${query}`, { cookie }))))
const alertRow = (id: number) => db().select().from(kpiAlerts).where(eq(kpiAlerts.id, id)).get()!

describe('/kpi', () => {
	test('a rep sees their own score, indicators, trend and commission inputs, uncached', async () => {
		const { ids, cookies } = await setUp()
		const page = await kpi(cookies.rep)
		expect(page.status).toBe(200)
		expect(headersOf(page).get('Cache-Control')).toBe('no-store')
		const report = body(page)
		expect(report.person).toEqual({ id: ids.rep, name: '小新' })
		expect(report.access).toBe('self')
		expect(report.choice).toMatchObject({ period: '2026-Q4', notice: null, quarters: ['2026-Q4', '2026-Q3'], months: ['2026-10', '2026-11'] })
		// Revenue 120 % (weight 50) and the rest exactly on target: 0.5 × 120 + 0.5 × 100 = 110.
		expect(report.view.score).toBeCloseTo(110, 6)
		expect(report.view.level).toBe('target')
		const revenue = report.view.indicators.find((i) => i.indicator.code === 'revenue')!
		expect(revenue).toMatchObject({ actual: 1_200_000, weight: 50, gap: { target: 0, challenge: 100_000 } })
		// The trend covers Q3 and Q4 up to this month, only for the scored indicators (not the raw lead counts).
		const revenueTrend = report.trend.find((s) => s.indicatorId === revenue.indicator.id)!
		expect(revenueTrend.points.map((p) => p.period)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11'])
		expect(revenueTrend.points[1]!.actual).toBe(400_000)
		expect(report.trend.some((s) => s.indicatorId === indicatorId('leads_won'))).toBe(false)
	})

	test('the period switch: last quarter, a month, and a bad or future period falling back with a notice', async () => {
		const { cookies } = await setUp()
		const q3 = body(await kpi(cookies.rep, '?period=2026-Q3'))
		expect(q3.choice.period).toBe('2026-Q3')
		expect(q3.choice.months).toEqual(['2026-07', '2026-08', '2026-09'])
		expect(q3.view.indicators.find((i) => i.indicator.code === 'revenue')!.actual).toBe(400_000)

		const november = body(await kpi(cookies.rep, '?period=2026-11'))
		expect(november.view.period).toBe('2026-11')
		expect(november.view.indicators.find((i) => i.indicator.code === 'revenue')!.actual).toBe(500_000)

		for (const [query, kind] of [
			['?period=2026-13', 'invalid'],
			['?period=%3Cscript%3E', 'invalid'],
			['?period=2027-Q1', 'future'],
			['?period=2026-12', 'future'],
		] as const) {
			const page = await kpi(cookies.rep, query)
			expect(page.status, query).toBe(200)
			expect(body(page).choice).toMatchObject({ period: '2026-Q4', notice: { kind } })
		}
	})

	test('people without a position get the explanation instead of a score; anonymous visitors go to log in', async () => {
		const { cookies } = await setUp()
		const hr = body(await kpi(cookies.hr))
		expect(hr.view).toMatchObject({ positionType: null, score: null, indicators: [] })
		expect(hr.trend).toEqual([])
		const anonymous = await kpi(undefined)
		expect(anonymous.status).toBe(302)
	})
})

describe('/team/:userId/kpi', () => {
	test('self, the manager of the team, the active mentor and HR may look; everyone else gets 403', async () => {
		const { ids, cookies } = await setUp()
		const allowed: Array<[string, string]> = [
			[cookies.rep, 'self'],
			[cookies.manager, 'manager'],
			[cookies.mentor, 'mentor'],
			[cookies.hr, 'hr'],
		]
		for (const [cookie, access] of allowed) {
			const page = await personKpi(cookie, ids.rep)
			expect(page.status, access).toBe(200)
			expect(body(page)).toMatchObject({ access, person: { id: ids.rep, name: '小新' }, view: { userId: ids.rep } })
			expect(headersOf(page).get('Cache-Control')).toBe('no-store')
		}
		for (const cookie of [cookies.otherManager, cookies.otherMentor, cookies.colleague, cookies.outsider])
			expect((await personKpi(cookie, ids.rep)).status).toBe(403)
		// A rep may not look at a colleague; the other manager may look at their own person.
		expect((await personKpi(cookies.rep, ids.injected)).status).toBe(403)
		expect((await personKpi(cookies.otherManager, ids.outsider)).status).toBe(200)
		// Whether someone exists is only HR's to learn.
		expect((await personKpi(cookies.manager, 999_999)).status).toBe(403)
		expect((await personKpi(cookies.hr, 999_999)).status).toBe(404)
		expect((await personKpi(cookies.hr, 'abc')).status).toBe(404)
	})

	test('a mentor whose pairing has ended no longer sees the mentee', async () => {
		const { ids, cookies } = await setUp()
		db().update(mentorPairings).set({ endsOn: '2026-11-01' }).where(eq(mentorPairings.mentorId, ids.mentor)).run()
		expect((await personKpi(cookies.mentor, ids.rep)).status).toBe(403)
	})
})

describe('/team', () => {
	test('only managers and HR; staff and mentors get 403 on the page, the action and the export', async () => {
		const { cookies, alerts } = await setUp()
		for (const cookie of [cookies.rep, cookies.mentor, cookies.colleague]) {
			expect((await team(cookie)).status).toBe(403)
			expect((await teamPost(cookie, { alertId: String(alerts.rep), intent: 'acknowledge', note: '已经沟通过了' })).status).toBe(403)
			expect((await exportFile(cookie)).status).toBe(403)
		}
		expect(alertRow(alerts.rep).status).toBe('open')
	})

	test('a manager sees their own team only, scored and sortable, with its open alerts', async () => {
		const { ids, cookies, teams, alerts } = await setUp()
		const page = await team(cookies.manager)
		expect(page.status).toBe(200)
		expect(headersOf(page).get('Cache-Control')).toBe('no-store')
		const data = body(page)
		expect(data.team).toMatchObject({ id: teams.east })
		expect(data.teams.map((t) => t.id)).toEqual([teams.east])
		// By score, highest first: 小新 (110) before the other rep (25); the colleague has no targets.
		expect(data.rows.map((r) => r.id)).toEqual([ids.rep, ids.injected, ids.colleague])
		expect(data.rows[0]!.score).toBeCloseTo(110, 6)
		expect(data.rows[1]!.score).toBeCloseTo(25, 6)
		expect(data.rows[2]!.score).toBeNull()
		expect(data.columns.map((c) => c.code)).toEqual(['revenue', 'new_customers', 'lead_conversion', 'weekly_visits', 'complaint_satisfaction'])
		expect(data.rows[0]!.cells[0]).toMatchObject({ actual: 1_200_000, achievement: 1.2, level: 'target' })
		expect(data.alerts.map((a) => a.id)).toEqual([alerts.rep])
		expect(data.showTargets).toBe(true)

		const ascending = body(await team(cookies.manager, '?sort=revenue&dir=asc'))
		expect(ascending.sort).toEqual({ key: 'revenue', dir: 'asc' })
		// Lowest revenue achievement first; people with no value last either way.
		expect(ascending.rows.map((r) => r.id)).toEqual([ids.injected, ids.rep, ids.colleague])
		const byName = body(await team(cookies.manager, '?sort=nonsense&dir=sideways'))
		expect(byName.sort).toEqual({ key: 'score', dir: 'desc' })

		// Another team's id is refused, not silently replaced.
		expect((await team(cookies.manager, `?team=${teams.west}`)).status).toBe(403)
		expect((await team(cookies.otherManager, `?team=${teams.east}`)).status).toBe(403)
	})

	test('HR chooses any team; a team that does not exist is 404', async () => {
		const { ids, cookies, teams } = await setUp()
		const first = body(await team(cookies.hr))
		expect(first.team?.id).toBe(teams.east)
		expect(first.teams.map((t) => t.id)).toEqual([teams.east, teams.west])
		expect(first.showTargets).toBe(false)
		const west = body(await team(cookies.hr, `?team=${teams.west}&period=2026-Q4`))
		expect(west.rows.map((r) => r.id)).toEqual([ids.outsider, ids.mentor])
		expect((await team(cookies.hr, '?team=999999')).status).toBe(404)
	})
})

describe('/team/export.xlsx', () => {
	async function workbookOf(o: Outcome<unknown>) {
		if (!('response' in o)) throw new Error(`expected a response, got ${o.status}`)
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(await o.response.arrayBuffer())
		const sheet = workbook.worksheets[0]!
		const rows: unknown[][] = []
		sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
		return rows
	}

	test('a manager’s export holds only their team, and a formula-looking name stays text', async () => {
		const { cookies, teams } = await setUp()
		const file = await exportFile(cookies.manager, '?lng=zh-CN')
		expect(file.status).toBe(200)
		const response = (file as { response: Response }).response
		expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
		expect(response.headers.get('Cache-Control')).toBe('private, no-store')
		expect(response.headers.get('Content-Disposition')).toContain(`filename="team-kpi-${teams.east}-2026-Q4.xlsx"`)
		const rows = await workbookOf(file)
		expect(rows[0]!.slice(0, 7)).toEqual(['姓名', '邮箱', '团队', '周期', '岗位', '加权得分', '档位'])
		expect(rows[0]).toContain('销售额 实际值')
		const names = rows.slice(1).map((r) => r[0])
		expect(names).toEqual(['小新', `'${INJECTION}`, '同事'])
		expect(names).not.toContain('西区小周')
		// Numbers stay numbers: the score, revenue and its achievement.
		expect(rows[1]![5]).toBeCloseTo(110, 6)
		expect(rows[1]![7]).toBe(1_200_000)
		expect(rows[1]![8]).toBeCloseTo(1.2, 9)
		// No text cell anywhere starts a formula.
		for (const row of rows) for (const cell of row) if (typeof cell === 'string') expect(cell).not.toMatch(/^[=+\-@]/)
	})

	test('the export follows the same team rules as the page', async () => {
		const { cookies, teams } = await setUp()
		expect((await exportFile(cookies.manager, `?team=${teams.west}`)).status).toBe(403)
		const west = await workbookOf(await exportFile(cookies.hr, `?team=${teams.west}&lng=en`))
		expect(west[0]!.slice(0, 2)).toEqual(['Name', 'Email'])
		expect(west.slice(1).map((r) => r[0])).toEqual(['西区小周', '赵导师'])
	})
})

describe('acknowledging and resolving alerts', () => {
	test('on /team: a note of 2–500 characters is required, field by field; the manager acknowledges, then resolves', async () => {
		const { cookies, alerts } = await setUp()
		for (const [note, key] of [
			['', 'kpi.alerts.noteTooShort'],
			[' 好 ', 'kpi.alerts.noteTooShort'],
			['长'.repeat(501), 'kpi.alerts.noteTooLong'],
		] as const) {
			const result = await teamPost(cookies.manager, { alertId: String(alerts.rep), intent: 'acknowledge', note })
			expect(result.status).toBe(200)
			const reply = body(result) as unknown as { alertId: number; result: { error?: Record<string, string[]> } }
			expect(headersOf(result).get('Cache-Control')).toBe('no-store')
			expect((result as { body: { init: ResponseInit } }).body.init.status).toBe(400)
			expect(reply.alertId).toBe(alerts.rep)
			expect(reply.result.error?.note).toEqual([key])
		}
		expect(alertRow(alerts.rep).status).toBe('open')

		const acknowledged = await teamPost(cookies.manager, { alertId: String(alerts.rep), intent: 'acknowledge', note: '周五陪访' }, '?sort=score')
		expect(acknowledged.status).toBe(302)
		expect((acknowledged as { response: Response }).response.headers.get('location')).toBe('/team?sort=score')
		expect(alertRow(alerts.rep)).toMatchObject({ status: 'acknowledged', acknowledgeNote: '周五陪访' })
		expect(body(await team(cookies.manager)).alerts[0]).toMatchObject({ id: alerts.rep, status: 'acknowledged' })

		expect((await teamPost(cookies.manager, { alertId: String(alerts.rep), intent: 'resolve', note: '转化率已回升' })).status).toBe(302)
		expect(alertRow(alerts.rep)).toMatchObject({ status: 'resolved', resolveNote: '转化率已回升' })
		expect(body(await team(cookies.manager)).alerts).toEqual([])
		// Resolved is final.
		const again = await teamPost(cookies.manager, { alertId: String(alerts.rep), intent: 'resolve', note: '再来一次' })
		expect((again as { body: { init: ResponseInit } }).body.init.status).toBe(409)
	})

	test('on /team: another team’s manager gets 403 and nothing changes', async () => {
		const { cookies, alerts } = await setUp()
		const refused = await teamPost(cookies.otherManager, { alertId: String(alerts.rep), intent: 'resolve', note: '不是我的人' })
		expect(refused.status).toBe(403)
		expect(alertRow(alerts.rep).status).toBe('open')
		expect((await teamPost(cookies.manager, { alertId: '999999', intent: 'resolve', note: '没有这条' })).status).toBe(404)
	})

	test('via /alerts/:id: the mentor may, back to where they came from; the person, a colleague and another mentor get 403', async () => {
		const { cookies, alerts } = await setUp()
		const note = { intent: 'acknowledge', note: '已约好周三辅导', redirectTo: '/mentoring' }
		for (const cookie of [cookies.rep, cookies.colleague, cookies.otherMentor, cookies.otherManager]) {
			expect((await alertPost(cookie, alerts.rep, note)).status).toBe(403)
		}
		expect(alertRow(alerts.rep).status).toBe('open')

		const done = await alertPost(cookies.mentor, alerts.rep, note)
		expect(done.status).toBe(302)
		const response = (done as { response: Response }).response
		expect(response.headers.get('location')).toBe('/mentoring')
		expect(response.headers.get('set-cookie')).toContain('ascent_toast')
		expect(alertRow(alerts.rep)).toMatchObject({ status: 'acknowledged', acknowledgeNote: '已约好周三辅导' })

		// A short note without JavaScript comes back as an error toast; an off-site redirect goes home.
		const short = await alertPost(cookies.mentor, alerts.rep, { intent: 'resolve', note: 'x', redirectTo: '//evil.example' })
		expect(short.status).toBe(302)
		expect((short as { response: Response }).response.headers.get('location')).toBe('/')
		expect(alertRow(alerts.rep).status).toBe('acknowledged')

		// HR may act on anyone's alert.
		expect((await alertPost(cookies.hr, alerts.outsider, { intent: 'resolve', note: '数据源已修复' })).status).toBe(302)
		expect(alertRow(alerts.outsider).status).toBe('resolved')
		expect((await alertPost(cookies.hr, 999_999, { intent: 'resolve', note: '没有这条' })).status).toBe(404)
	})

	test('the resource route has nothing to show', async () => {
		const { cookies, alerts } = await setUp()
		const page = await outcome(() => alertLoader(args(getRequest(`/alerts/${alerts.rep}`, { cookie: cookies.manager }), { alertId: String(alerts.rep) })))
		expect(page.status).toBe(404)
		const anonymous = await outcome(() => alertLoader(args(getRequest(`/alerts/${alerts.rep}`), { alertId: String(alerts.rep) })))
		expect(anonymous.status).toBe(302)
	})
})


describe('the pages render in both languages with no missing text', () => {
	test('/kpi: score, gaps, commission tiers, trend tables', async () => {
		const { cookies } = await setUp()
		const report = body(await kpi(cookies.rep))
		const zh = textOf(await render(createElement(KpiReport, report), 'zh-CN'))
		expect(zh).toContain('我的指标')
		expect(zh).toContain('110')
		expect(zh).toContain('已达到目标值 · 距挑战值还差 ¥10 万')
		expect(zh).toContain('达成目标值：提成 5%；达成挑战值：提成 8%，超额部分 10%。')
		// ¥120 万 is past the target: 5 % of it; at the challenge 8 % of ¥130 万.
		expect(zh).toContain('按 5% 计提，约 ¥6 万')
		expect(zh).toContain('再完成 ¥10 万 即达到挑战值，提成将变为 ¥10.4 万')
		expect(zh).toContain('本季度 · 2026年第4季度')
		expect(zh).not.toMatch(/kpi\.|kpiTerms\./)
		const en = textOf(await render(createElement(KpiReport, report), 'en'))
		expect(en).toContain('My KPI')
		expect(en).toContain('Target reached · ¥100,000 to challenge')
		expect(en).toContain('Sales revenue')
		expect(en).not.toMatch(/kpi\.|kpiTerms\./)
	})

	test('a person without a position reads the explanation', async () => {
		const { cookies } = await setUp()
		const html = textOf(await render(createElement(KpiReport, body(await kpi(cookies.hr))), 'zh-CN'))
		expect(html).toContain('你的岗位不参与指标考核')
		expect(html).not.toContain('提成预览')
		expect(html).not.toContain('各项指标')
	})

	test('the alert list: the rule in words and a note form for those who may act, none for the person', async () => {
		const { cookies } = await setUp()
		const { alerts } = body(await team(cookies.manager))
		const html = await render(createElement(AlertList, { alerts, canAct: true }), 'zh-CN')
		expect(textOf(html)).toContain('线索转化率连续 3 天低于 10%')
		expect(textOf(html)).toContain('5%、8%、6.5%')
		expect(html).toMatch(/<textarea[^>]*name="note"/)
		expect(html).toMatch(/<button[^>]*name="intent"[^>]*value="acknowledge"/)
		expect(html).toMatch(/<input type="hidden" name="alertId" value="\d+"/)
		const viaResource = await render(createElement(AlertList, { alerts, canAct: true, redirectTo: '/' }), 'en')
		expect(viaResource).toMatch(/<form[^>]*action="\/alerts\/\d+"/)
		expect(viaResource).toContain('name="redirectTo" value="/"')
		const own = await render(createElement(AlertList, { alerts, canAct: false, linkToPerson: false }), 'zh-CN')
		expect(own).not.toContain('<form')
		expect(textOf(own)).toContain('预警由你的导师、经理或人力资源处理。')
	})

	test('the team page: sortable headers, heatmap, alerts with field errors, export link', async () => {
		const { cookies, alerts } = await setUp()
		const loaderData = body(await team(cookies.manager, '?sort=revenue&dir=asc'))
		const reply = body(await teamPost(cookies.manager, { alertId: String(alerts.rep), intent: 'resolve', note: '' }))
		const html = await render(createElement(TeamPage), 'zh-CN', { loaderData, actionData: reply })
		expect(html).toMatch(/<th scope="col"[^>]*aria-sort="ascending"[^>]*><a[^>]*href="\/team\?team=\d+&amp;period=2026-Q4&amp;sort=revenue&amp;dir=desc"/)
		expect(html).toMatch(/href="\/team\/export\.xlsx\?team=\d+&amp;period=2026-Q4"/)
		expect(html).toMatch(/href="\/team\/\d+\/targets"/)
		expect(textOf(html)).toContain('请填写处理说明（至少 2 个字）。')
		expect(textOf(html)).toContain('完成率热力图')
		expect(textOf(html)).not.toMatch(/kpi\.|kpiTerms\./)
		const en = await render(createElement(TeamPage), 'en', { loaderData })
		expect(textOf(en)).toContain('Achievement heatmap')
		expect(textOf(en)).not.toMatch(/kpi\.|kpiTerms\./)
	})

	test('the heatmap of the team page', async () => {
		const { cookies } = await setUp()
		const data = body(await team(cookies.manager))
		const html = textOf(
			await render(
				createElement(Heatmap, {
					caption: 'x',
					rowHeader: '姓名',
					columns: data.columns.map((c) => ({ key: c.code, label: c.nameZh })),
					rows: data.rows.map((r) => ({ key: r.id, label: r.name, cells: r.cells.map((c) => ({ value: c?.achievement ?? null, level: c?.level ?? null })) })),
					formatValue: (v) => `${Math.floor(v * 100)}%`,
					levelLabels: { below: '未达基准', baseline: '达到基准值', target: '达到目标值', challenge: '达到挑战值' },
					legendLabel: '图例',
				}),
				'zh-CN',
			),
		)
		expect(html).toContain('小新 120% 达到目标值')
		expect(html).toContain('50% 未达基准')
	})
})

/** The pages' forms post to the current URL: render them where they live. */
const render = (node: ReactNode, lng: 'zh-CN' | 'en', data: { loaderData?: unknown; actionData?: unknown } = {}) =>
	renderInRouter(node, lng, { ...data, path: '/team' })
