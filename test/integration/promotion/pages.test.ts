import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { users } from '#db/schema/auth.ts'
import { promotionDecisions, promotionRules } from '#db/schema/gamification.ts'
import { decide } from '#app/modules/promotion/decisions.server.ts'
import PromotionAdminPage, { action as adminAction, headers as adminHeaders, loader as adminLoader } from '#app/routes/_shell.admin.promotion.tsx'
import { loader as exportLoader } from '#app/routes/_shell.admin.promotion_.export[.xlsx].ts'
import PromotionPage, { loader as promotionLoader } from '#app/routes/_shell.promotion.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { renderInRouter as render, textOf } from '#test/helpers/render.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, auditsLike, run, type Outcome } from '../performance/helpers.ts'
import { atToday, coreExam, promotable, violation } from './helpers.ts'

const { db } = withFreshDatabase()

async function setUp() {
	atToday()
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '人力' })
	const manager = await createTestUser({ roles: ['manager'], positionType: null, name: '王经理' })
	const otherManager = await createTestUser({ roles: ['manager'], positionType: null, name: '李经理' })
	const east = createTestTeam('east', manager.id)
	const west = createTestTeam('west', otherManager.id)
	const exam = coreExam()
	const ready = await createTestUser({ name: '赵敏', hireDate: '2024-03-01', teamId: east.id })
	promotable(ready.id, exam)
	const short = await createTestUser({ name: '钱多', hireDate: '2024-03-01', teamId: east.id })
	promotable(short.id, exam, [112, 105, 90])
	const outsider = await createTestUser({ name: '=HYPERLINK("http://evil","点我")', hireDate: '2024-03-01', teamId: west.id })
	promotable(outsider.id, exam)
	const mentor = await createTestUser({ roles: ['mentor'], teamId: west.id, name: '导师' })
	return {
		ids: { hr: hr.id, manager: manager.id, ready: ready.id, short: short.id, outsider: outsider.id, mentor: mentor.id },
		cookies: {
			hr: await sessionCookieFor(hr.id),
			manager: await sessionCookieFor(manager.id),
			otherManager: await sessionCookieFor(otherManager.id),
			ready: await sessionCookieFor(ready.id),
			short: await sessionCookieFor(short.id),
			mentor: await sessionCookieFor(mentor.id),
		},
	}
}

const page = (cookie: string | undefined, query = '') => run(() => promotionLoader(args(getRequest(`/promotion${query}`, { cookie }))))
const admin = (cookie: string, query = '') => run(() => adminLoader(args(getRequest(`/admin/promotion${query}`, { cookie }))))
const post = (cookie: string, fields: Record<string, string>, query = '') => run(() => adminAction(args(formRequest(`/admin/promotion${query}`, fields, { cookie }))))
const exported = (cookie: string, query = '') => run(() => exportLoader(args(getRequest(`/admin/promotion/export.xlsx${query}`, { cookie }))))

type PageData = Awaited<ReturnType<typeof promotionLoader>>['data']
type AdminData = Awaited<ReturnType<typeof adminLoader>>['data']
type Reply = { decision?: { result: { error?: Record<string, string[] | null> | null } }; rules?: { error?: Record<string, string[] | null> | null } }

const decisionErrors = (o: Outcome) => (o.body as Reply).decision?.result.error ?? {}
const titleOf = (id: number) => db().select({ title: users.title }).from(users).where(eq(users.id, id)).get()!.title

describe('/promotion access', () => {
	test('own checklist for everyone signed in; anonymous goes to login', async () => {
		const { ids, cookies } = await setUp()
		const own = await page(cookies.ready)
		expect(own.status).toBe(200)
		const body = own.body as PageData
		expect(body).toMatchObject({ self: true, person: { id: ids.ready, name: '赵敏' }, checklist: { status: 'eligible' }, lastDecision: null })
		expect((await page(cookies.ready, `?user=${ids.ready}`)).status).toBe(200)
		const anonymous = await page(undefined)
		expect(anonymous.status).toBe(302)
		expect(anonymous.response!.headers.get('Location')).toContain('/login')
	})

	test("?user= : the person's manager and HR may; another rep, another manager and a mentor get 403", async () => {
		const { ids, cookies } = await setUp()
		const byManager = await page(cookies.manager, `?user=${ids.short}`)
		expect(byManager.status).toBe(200)
		expect(byManager.body as PageData).toMatchObject({ self: false, person: { id: ids.short }, checklist: { status: 'nearly' } })
		expect((await page(cookies.hr, `?user=${ids.outsider}`)).status).toBe(200)
		expect((await page(cookies.short, `?user=${ids.ready}`)).status).toBe(403)
		expect((await page(cookies.otherManager, `?user=${ids.ready}`)).status).toBe(403)
		expect((await page(cookies.manager, `?user=${ids.outsider}`)).status).toBe(403)
		expect((await page(cookies.mentor, `?user=${ids.outsider}`)).status).toBe(403)
		// Someone who does not exist: 403 for a rep (nothing learnt), 404 for HR.
		expect((await page(cookies.short, '?user=999999')).status).toBe(403)
		expect((await page(cookies.hr, '?user=999999')).status).toBe(404)
		expect((await page(cookies.hr, '?user=abc')).status).toBe(404)
	})

	test('/admin/promotion and its export are HR only', async () => {
		const { cookies } = await setUp()
		for (const cookie of [cookies.ready, cookies.manager, cookies.mentor]) {
			expect((await admin(cookie)).status).toBe(403)
			expect((await post(cookie, { intent: 'rules' })).status).toBe(403)
			expect((await exported(cookie)).status).toBe(403)
		}
		const ok = await admin(cookies.hr)
		expect(ok.status).toBe(200)
		expect(adminHeaders({} as never)).toEqual({ 'Cache-Control': 'no-store' })
	})
})

describe('/admin/promotion', () => {
	test('the list: eligible first, nearly next, filtered by a GET form; the rules and what they can reach', async () => {
		const { ids, cookies } = await setUp()
		const body = (await admin(cookies.hr)).body as AdminData
		expect(body.candidates.map((c) => [c.id, c.status])).toEqual([
			[ids.outsider, 'eligible'],
			[ids.ready, 'eligible'],
			[ids.short, 'nearly'],
		])
		expect(body.candidates.find((c) => c.id === ids.short)!.missing).toEqual(['promotion.missing.quarters?count=1&score=100'])
		expect(body.rules.targetTitle).toBe('销售主管')
		expect(body.context.maxScore).toBe(133.5)
		const nearly = (await admin(cookies.hr, '?status=nearly')).body as AdminData
		expect(nearly.candidates.map((c) => c.id)).toEqual([ids.short])
		expect(nearly.filters).toEqual({ status: 'nearly' })
		// Unknown filter values are ignored rather than failing.
		const odd = (await admin(cookies.hr, '?status=bogus&team=x&position=ceo')).body as AdminData
		expect(odd.candidates).toHaveLength(3)
	})

	test('approve sets the title, writes the decision and audit, and redirects with a toast', async () => {
		const { ids, cookies } = await setUp()
		const done = await post(cookies.hr, { intent: 'approved', decision: 'approved', userId: String(ids.ready), newTitle: '销售主管' }, '?status=eligible')
		expect(done.status).toBe(302)
		expect(done.response!.headers.get('Location')).toBe('/admin/promotion?status=eligible')
		expect(done.response!.headers.get('Set-Cookie')).toContain('ascent_toast')
		expect(titleOf(ids.ready)).toBe('销售主管')
		expect(auditsLike('promotion.approve')).toMatchObject([{ actorId: ids.hr, entityId: String(ids.ready), data: { before: { title: null }, after: { title: '销售主管' } } }])
		// The person now sees the decision on their own page.
		expect(((await page(cookies.ready)).body as PageData).lastDecision).toMatchObject({ decision: 'approved', newTitle: '销售主管', decidedByName: '人力' })
	})

	test('approve of a not-eligible person → 400 with the reason on the form, nothing written', async () => {
		const { ids, cookies } = await setUp()
		const refused = await post(cookies.hr, { intent: 'approved', decision: 'approved', userId: String(ids.short), newTitle: '销售主管' })
		expect(refused.status).toBe(400)
		expect(decisionErrors(refused)).toEqual({ decision: ['promotion.errors.notEligible?count=1'] })
		expect(titleOf(ids.short)).toBeNull()
		expect(db().select().from(promotionDecisions).all()).toEqual([])
		expect(auditsLike('promotion.')).toEqual([])
	})

	test('reject without a reason → 400 nothing written; with one → recorded, title unchanged', async () => {
		const { ids, cookies } = await setUp()
		const refused = await post(cookies.hr, { intent: 'rejected', decision: 'rejected', userId: String(ids.short), reason: '' })
		expect(refused.status).toBe(400)
		expect(decisionErrors(refused)).toEqual({ reason: ['promotion.errors.reasonRequired?min=5'] })
		expect(db().select().from(promotionDecisions).all()).toEqual([])

		const done = await post(cookies.hr, { intent: 'rejected', decision: 'rejected', userId: String(ids.short), reason: '再观察一个季度' })
		expect(done.status).toBe(302)
		expect(db().select().from(promotionDecisions).all()).toMatchObject([{ userId: ids.short, decision: 'rejected', reason: '再观察一个季度' }])
		expect(titleOf(ids.short)).toBeNull()
		expect(auditsLike('promotion.reject')).toHaveLength(1)
	})

	test('an impossible rule set → 400 with the field error, nothing written; a good one is saved', async () => {
		const { cookies } = await setUp()
		const fields = {
			intent: 'rules',
			consecutiveQuarters: '3',
			minScore: '100',
			requireCoreExams: 'on',
			'capabilityMins.product_knowledge_score': '80',
			minTenureMonths: '12',
			violationFreeMonths: '12',
			targetTitle: '销售主管',
		}
		const before = db().select().from(promotionRules).get()
		for (const [field, value, error] of [
			['consecutiveQuarters', '0', 'promotion.errors.quarters?min=1&max=8'],
			['minScore', '150', 'promotion.errors.scoreAbove?max=133.5'],
			['capabilityMins.product_knowledge_score', '120', 'promotion.errors.capabilityAbove?max=100&unit=score'],
			['minTenureMonths', '700', 'promotion.errors.tenure?min=0&max=600'],
		] as const) {
			const refused = await post(cookies.hr, { ...fields, [field]: value })
			expect(refused.status).toBe(400)
			expect((refused.body as Reply).rules?.error).toEqual({ [field]: [error] })
		}
		expect(db().select().from(promotionRules).get()).toEqual(before)

		const saved = await post(cookies.hr, { ...fields, consecutiveQuarters: '2', requireCoreExams: '' })
		expect(saved.status).toBe(302)
		expect(db().select().from(promotionRules).get()).toMatchObject({ consecutiveQuarters: 2, requireCoreExams: false, capabilityMins: { product_knowledge_score: 80 } })
		expect(auditsLike('promotion.rules')).toHaveLength(1)
	})
})

describe('/admin/promotion/export.xlsx', () => {
	test('same filters; cells starting with = are neutralised; missing words in the language asked for', async () => {
		const { ids, cookies } = await setUp()
		const outcome = await exported(cookies.hr)
		expect(outcome.status).toBe(200)
		const response = outcome.response!
		expect(response.headers.get('Content-Type')).toContain('spreadsheetml')
		expect(response.headers.get('Content-Disposition')).toContain('attachment')
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(await response.arrayBuffer())
		const sheet = workbook.worksheets[0]!
		const rows = sheet.getSheetValues().slice(2) as unknown[][]
		expect(sheet.getRow(1).getCell(1).value).toBe('姓名')
		expect(rows.map((r) => r[1])).toEqual([`'=HYPERLINK("http://evil","点我")`, '赵敏', '钱多'])
		expect(rows.map((r) => r[6])).toEqual(['符合晋升条件', '符合晋升条件', '接近符合'])
		expect(rows[2]![9]).toBe('再有 1 个季度达标（加权得分 ≥ 100）')

		const filtered = await exported(cookies.hr, '?status=nearly&lng=en')
		const english = new ExcelJS.Workbook()
		await english.xlsx.load(await filtered.response!.arrayBuffer())
		const only = english.worksheets[0]!.getSheetValues().slice(2) as unknown[][]
		expect(only.map((r) => r[1])).toEqual(['钱多'])
		expect(only[0]![9]).toBe('1 more quarter on target (weighted score ≥ 100)')
		expect(ids.short).toBeGreaterThan(0)
	})
})

describe('rendering', () => {
	test('/promotion in zh-CN and en: status, evidence and missing words, no raw keys', async () => {
		const { ids, cookies } = await setUp()
		// In 2026-Q3: its 10-point deduction leaves Q3 at 102, still on target.
		violation(ids.short, '2026-07-28', ids.hr)
		const loaderData = (await page(cookies.manager, `?user=${ids.short}`)).body
		const zh = textOf(await render(createElement(PromotionPage), 'zh-CN', { loaderData }))
		expect(zh).toContain('钱多的晋升资格')
		expect(zh).toContain('尚未符合')
		expect(zh).toContain('再有 1 个季度达标（加权得分 ≥ 100）')
		expect(zh).toContain('距上次诚信违规满 12 个月还差 8 个月')
		expect(zh).toContain('还有 2 项条件未满足。')
		expect(zh).toContain('2026年第3季度')
		expect(zh).toContain('骨干：团队管理')
		expect(zh).toContain('还没有晋升决定。')
		expect(zh).not.toMatch(/promotion\.|positions\./)
		const en = textOf(await render(createElement(PromotionPage), 'en', { loaderData }))
		expect(en).toContain('Promotion eligibility: 钱多')
		expect(en).toContain('1 more quarter on target (weighted score ≥ 100)')
		expect(en).toContain('Q3 2026')
		expect(en).toContain('Core: team management')
		expect(en).not.toMatch(/promotion\./)
	})

	test('/admin/promotion in zh-CN and en, with a refused approval shown on its form', async () => {
		const { ids, cookies } = await setUp()
		decide({ id: ids.hr, roles: ['staff', 'hr_admin'] }, ids.short, { decision: 'rejected', reason: '再观察一个季度' })
		const loaderData = (await admin(cookies.hr)).body
		const actionData = (await post(cookies.hr, { intent: 'approved', decision: 'approved', userId: String(ids.short), newTitle: '销售主管' })).body
		const zh = textOf(await render(createElement(PromotionAdminPage), 'zh-CN', { loaderData, actionData }))
		expect(zh).toContain('晋升管理')
		expect(zh).toContain('符合 2 人，接近符合 1 人，尚未符合 1 人')
		expect(zh).toContain('此人还有 1 项条件未满足，不能批准晋升。')
		expect(zh).toContain('由人力驳回。原因：再观察一个季度')
		expect(zh).toContain('加权得分最高可达 133.5')
		expect(zh).toContain('产品知识测试得分')
		expect(zh).not.toMatch(/promotion\.|positions\./)
		const en = textOf(await render(createElement(PromotionAdminPage), 'en', { loaderData }))
		expect(en).toContain('Promotions')
		expect(en).toContain('1 more quarter on target')
		expect(en).toContain('Save rules')
		expect(en).not.toMatch(/promotion\./)
	})
})
