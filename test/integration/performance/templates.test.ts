import { describe, expect, test } from 'vitest'
import { kpiScores, kpiStalePeriods, roleTemplates } from '#db/schema/performance.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { problemText } from '#app/modules/performance/targets.ts'
import { saveTemplateVersion, templateFor, templateHistory, type SaveTemplateInput } from '#app/modules/performance/templates.server.ts'
import { loadAuthUser } from '#app/modules/auth/users.server.ts'
import { action, loader } from '#app/routes/_shell.admin.kpi.templates.tsx'
import { setClock } from '#app/utils/clock.server.ts'
import { translatorFor } from '#app/utils/meta.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, auditsLike, indicatorId, run } from './helpers.ts'

const { db } = withFreshDatabase()

const NOW = new Date('2026-11-20T02:00:00Z')


function weightsByCode(positionType: 'sales_rep' | 'marketing' | 'customer_success', period: string) {
	const template = templateFor(positionType, period)
	return Object.fromEntries(template!.weights.map((w) => [w.code, w.weight]))
}

async function setUp() {
	setClock(NOW)
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '人事小王' })
	const manager = await createTestUser({ roles: ['manager'] })
	return { hr: loadAuthUser(hr.id)!, manager: loadAuthUser(manager.id)!, hrId: hr.id, managerId: manager.id }
}

/** The seed's sales-rep weights with a change: `changes` maps codes to weights (null removes). */
function salesRep(changes: Record<string, number | null> = {}, extra: Partial<SaveTemplateInput> = {}): SaveTemplateInput {
	const current = templateFor('sales_rep', '2026-11')!.weights.map((w) => ({
		indicatorId: w.indicatorId,
		weight: w.weight,
		baseline: w.baseline,
		target: w.target,
		challenge: w.challenge,
		code: w.code,
	}))
	const rows = current.filter((w) => changes[w.code] !== null).map(({ code, ...w }) => ({ ...w, weight: changes[code] ?? w.weight }))
	for (const [code, weight] of Object.entries(changes))
		if (weight !== null && !current.some((w) => w.code === code)) rows.push({ indicatorId: indicatorId(code), weight, baseline: null, target: null, challenge: null })
	return { positionType: 'sales_rep', effectiveFrom: '2027-01', weights: rows, reason: '明年加大新客户开拓', ...extra }
}

const templateAudits = () => auditsLike('kpi.template.')

describe('role templates', () => {
	test('the seed’s three weight tables, exactly, with quarterly default goals', async () => {
		await setUp()
		expect(weightsByCode('sales_rep', '2026-Q4')).toEqual({ revenue: 50, new_customers: 10, lead_conversion: 20, weekly_visits: 10, complaint_satisfaction: 10 })
		expect(weightsByCode('marketing', '2026-Q4')).toEqual({ leads: 30, campaign_conversion: 10, content_reach: 25, channel_engagement: 15, report_quality: 20 })
		expect(weightsByCode('customer_success', '2026-Q4')).toEqual({
			renewal_rate: 40,
			expansion_revenue: 20,
			followup_frequency: 20,
			resolution_time: 10,
			training_coverage: 10,
		})
		const rep = templateFor('sales_rep', '2026-Q4')!
		expect(rep).toMatchObject({ version: 1, effectiveFrom: '2000-01' })
		expect(rep.weights[0]).toMatchObject({ code: 'revenue', nameZh: '销售额', category: 'result', unit: 'cny', direction: 'higher', rollup: 'sum', baseline: 800_000, target: 1_000_000, challenge: 1_300_000 })
		expect(templateFor('customer_success', '2026-Q4')!.weights.find((w) => w.code === 'resolution_time')).toMatchObject({ direction: 'lower', baseline: 48, target: 24, challenge: 12 })
		expect(templateFor('sales_rep', '1999-12')).toBeNull()
	})

	test('a new version applies from its month on; earlier periods keep the old one', async () => {
		const { hr, hrId } = await setUp()
		const saved = saveTemplateVersion(salesRep({ revenue: 40, new_customers: 20 }), hr)
		expect(saved).toMatchObject({ ok: true, version: 2, replaced: false })
		expect(weightsByCode('sales_rep', '2026-Q4').revenue).toBe(50)
		expect(weightsByCode('sales_rep', '2026-12').revenue).toBe(50)
		expect(weightsByCode('sales_rep', '2027-01')).toMatchObject({ revenue: 40, new_customers: 20 })
		expect(weightsByCode('sales_rep', '2027-Q1').revenue).toBe(40)
		expect(templateFor('sales_rep', '2027-Q1')).toMatchObject({ version: 2, effectiveFrom: '2027-01', reason: '明年加大新客户开拓', createdById: hrId, createdByName: '人事小王' })
		expect(templateHistory('sales_rep').map((v) => [v.version, v.effectiveFrom])).toEqual([
			[2, '2027-01'],
			[1, '2000-01'],
		])
		// The other positions are untouched.
		expect(templateHistory('marketing')).toHaveLength(1)
	})

	test('weights that do not sum to 100 are refused with the sum, and nothing is written', async () => {
		const { hr } = await setUp()
		const before = db().select().from(roleTemplates).all()
		const refused = saveTemplateVersion(salesRep({ complaint_satisfaction: 5 }), hr)
		expect(refused).toEqual({ ok: false, formErrors: [], fieldErrors: { weights: ['kpiAdmin.errors.weightSum?sum=95'] } })
		const t = translatorFor('zh-CN')
		expect(problemText('kpiAdmin.errors.weightSum?sum=95', (k, v) => String(t(k as never, v as never)), 'zh-CN')).toBe('权重合计必须为 100（当前 95）。')
		expect(saveTemplateVersion(salesRep({ revenue: 51 }), hr)).toMatchObject({ ok: false, fieldErrors: { weights: ['kpiAdmin.errors.weightSum?sum=101'] } })
		expect(saveTemplateVersion(salesRep({ revenue: 49.5, new_customers: 10.5 }), hr)).toMatchObject({
			ok: false,
			fieldErrors: { 'weights[0].weight': ['kpiAdmin.errors.weightInteger'], 'weights[1].weight': ['kpiAdmin.errors.weightInteger'] },
		})
		expect(saveTemplateVersion({ ...salesRep(), weights: [] }, hr)).toMatchObject({ ok: false, fieldErrors: { weights: ['kpiAdmin.errors.weightsEmpty'] } })
		expect(db().select().from(roleTemplates).all()).toEqual(before)
		expect(templateAudits()).toEqual([])
	})

	test('default goals must be in order for the direction, all three or none; indicators once', async () => {
		const { hr } = await setUp()
		const input = salesRep()
		input.weights[0] = { ...input.weights[0]!, baseline: 1_100_000 }
		expect(saveTemplateVersion(input, hr)).toMatchObject({ ok: false, fieldErrors: { 'weights[0].target': ['kpiAdmin.errors.orderHigher'] } })
		input.weights[0] = { ...input.weights[0]!, baseline: 800_000, challenge: null }
		expect(saveTemplateVersion(input, hr)).toMatchObject({
			ok: false,
			fieldErrors: { 'weights[0].challenge': ['kpiAdmin.errors.goalIncomplete'] },
		})
		const twice = salesRep()
		twice.weights[1] = { ...twice.weights[1]!, indicatorId: twice.weights[0]!.indicatorId }
		expect(saveTemplateVersion(twice, hr)).toMatchObject({ ok: false, fieldErrors: { 'weights[1].indicatorId': ['kpiAdmin.errors.duplicateIndicator'] } })

		// Lower is better (resolution hours) reads the other way round.
		const cs = templateFor('customer_success', '2026-11')!.weights.map((w) => ({ indicatorId: w.indicatorId, weight: w.weight, baseline: w.baseline, target: w.target, challenge: w.challenge }))
		const i = templateFor('customer_success', '2026-11')!.weights.findIndex((w) => w.code === 'resolution_time')
		const base = { positionType: 'customer_success' as const, effectiveFrom: '2027-01', reason: '缩短问题解决时效要求' }
		cs[i] = { ...cs[i]!, baseline: 12, target: 24, challenge: 48 }
		expect(saveTemplateVersion({ ...base, weights: cs }, hr)).toMatchObject({ ok: false, fieldErrors: { [`weights[${i}].target`]: ['kpiAdmin.errors.orderLower'] } })
		cs[i] = { ...cs[i]!, baseline: 36, target: 20, challenge: 10 }
		expect(saveTemplateVersion({ ...base, weights: cs }, hr)).toMatchObject({ ok: true, version: 2 })
		expect(templateFor('customer_success', '2027-Q1')!.weights.find((w) => w.code === 'resolution_time')).toMatchObject({ baseline: 36, target: 20, challenge: 10 })
	})

	test('an effective month in the past is refused; a month already in force cannot be rewritten', async () => {
		const { hr } = await setUp()
		expect(saveTemplateVersion(salesRep({}, { effectiveFrom: '2026-10' }), hr)).toMatchObject({
			ok: false,
			fieldErrors: { effectiveFrom: ['kpiAdmin.errors.effectiveFromPast?month=2026-11'] },
		})
		expect(saveTemplateVersion(salesRep({}, { effectiveFrom: '2026-13' }), hr)).toMatchObject({ ok: false, fieldErrors: { effectiveFrom: ['kpiAdmin.errors.month'] } })
		// This month is allowed once …
		expect(saveTemplateVersion(salesRep({ revenue: 45, new_customers: 15 }, { effectiveFrom: '2026-11' }), hr)).toMatchObject({ ok: true, version: 2 })
		// … but once it scores this month it is history.
		expect(saveTemplateVersion(salesRep({}, { effectiveFrom: '2026-11' }), hr)).toMatchObject({
			ok: false,
			fieldErrors: { effectiveFrom: ['kpiAdmin.errors.effectiveFromTaken?month=2026-11'] },
		})
		expect(saveTemplateVersion(salesRep({}, { reason: '短' }), hr)).toMatchObject({ ok: false, fieldErrors: { reason: ['kpiAdmin.errors.reasonTooShort'] } })
	})

	test('saving again for a month not yet in force replaces that version; both audited with before and after', async () => {
		const { hr } = await setUp()
		expect(saveTemplateVersion(salesRep({ revenue: 40, new_customers: 20 }), hr)).toMatchObject({ ok: true, version: 2, replaced: false })
		// Adding an indicator (the exam score) and removing one (weekly visits).
		const replaced = saveTemplateVersion(salesRep({ revenue: 40, new_customers: 20, weekly_visits: null, product_knowledge_score: 10 }, { reason: '改为考核产品知识' }), hr)
		expect(replaced).toMatchObject({ ok: true, version: 2, replaced: true })
		expect(templateHistory('sales_rep')).toHaveLength(2)
		expect(weightsByCode('sales_rep', '2027-Q1')).toEqual({ revenue: 40, new_customers: 20, lead_conversion: 20, complaint_satisfaction: 10, product_knowledge_score: 10 })

		const audits = templateAudits()
		expect(audits.map((a) => [a.action, a.actorId, a.actorRole, a.reason])).toEqual([
			['kpi.template.create', hr.id, 'hr_admin', '明年加大新客户开拓'],
			['kpi.template.replace', hr.id, 'hr_admin', '改为考核产品知识'],
		])
		const created = audits[0]!.data as { before: { version: number; weights: Array<{ code: string; weight: number }> }; after: { version: number; weights: Array<{ code: string; weight: number }> } }
		expect(created.before.version).toBe(1)
		expect(created.before.weights.find((w) => w.code === 'revenue')!.weight).toBe(50)
		expect(created.after.weights.find((w) => w.code === 'revenue')!.weight).toBe(40)
		const second = audits[1]!.data as typeof created
		expect(second.before.version).toBe(2)
		expect(second.before.weights.map((w) => w.code)).toContain('weekly_visits')
		expect(second.after.weights.map((w) => w.code)).not.toContain('weekly_visits')
	})

	test('a save marks every stored period stale; only HR may save', async () => {
		const { hr, manager } = await setUp()
		const user = await createTestUser()
		db().insert(kpiScores).values({ userId: user.id, period: '2026-Q3', detail: [], computedAt: NOW }).run()
		db().insert(kpiScores).values({ userId: user.id, period: '2026-10', detail: [], computedAt: NOW }).run()
		expect(saveTemplateVersion(salesRep(), manager)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['kpiAdmin.errors.forbidden'] })
		expect(db().select().from(kpiStalePeriods).all()).toEqual([])
		expect(saveTemplateVersion(salesRep(), hr)).toMatchObject({ ok: true })
		expect(db().select({ period: kpiStalePeriods.period }).from(kpiStalePeriods).all().map((r) => r.period).sort()).toEqual(['2026-10', '2026-Q3'])
	})
})

describe('/admin/kpi/templates', () => {
	/** The form as the page sends it: one row per indicator, blank weights for those left out. */
	function formFields(weights: Record<string, number | ''>, goals: Record<string, [number, number, number]> = {}, extra: Record<string, string> = {}) {
		const fields: Record<string, string> = { positionType: 'sales_rep', effectiveFrom: '2027-01', reason: '明年加大新客户开拓', ...extra }
		listIndicators().forEach((indicator, i) => {
			fields[`weights[${i}].indicatorId`] = String(indicator.id)
			fields[`weights[${i}].weight`] = String(weights[indicator.code] ?? '')
			const goal = goals[indicator.code]
			fields[`weights[${i}].baseline`] = goal ? String(goal[0]) : ''
			fields[`weights[${i}].target`] = goal ? String(goal[1]) : ''
			fields[`weights[${i}].challenge`] = goal ? String(goal[2]) : ''
		})
		return fields
	}
	const indexOf = (code: string) => listIndicators().findIndex((i) => i.code === code)

	test('HR only: anybody else gets 403 from the loader and the action', async () => {
		const { hrId, managerId } = await setUp()
		const staff = await createTestUser()
		for (const userId of [managerId, staff.id]) {
			const cookie = await sessionCookieFor(userId)
			expect((await run(() => loader(args(getRequest('/admin/kpi/templates', { cookie }))))).status).toBe(403)
			expect((await run(() => action(args(formRequest('/admin/kpi/templates', formFields({ revenue: 100 }), { cookie }))))).status).toBe(403)
		}
		const page = await run(() => loader(args(getRequest('/admin/kpi/templates', { cookie: '' }))))
		expect(page.status).toBe(302)
		const hr = await run(async () => loader(args(getRequest('/admin/kpi/templates', { cookie: await sessionCookieFor(hrId) }))))
		expect(hr.status).toBe(200)
		expect(hr.body).toMatchObject({ currentMonth: '2026-11', nextMonth: '2026-12' })
		expect((hr.body as { positions: Array<{ positionType: string; current: { version: number } }> }).positions.map((p) => [p.positionType, p.current.version])).toEqual([
			['sales_rep', 1],
			['marketing', 1],
			['customer_success', 1],
		])
	})

	test('a sum of 95 comes back as a field error that reads “合计必须为 100（当前 95）”; a bad goal lands on its own row', async () => {
		const { hrId } = await setUp()
		const cookie = await sessionCookieFor(hrId)
		const weights = { revenue: 50, new_customers: 10, lead_conversion: 20, weekly_visits: 10, complaint_satisfaction: 5 }
		const result = await run(() => action(args(formRequest('/admin/kpi/templates', formFields(weights), { cookie }))))
		expect(result.status).toBe(400)
		const errors = (result.body as { result: { error: Record<string, string[]> } }).result.error
		const t = translatorFor('zh-CN')
		expect(errors.weights!.map((e) => problemText(e, (k, v) => String(t(k as never, v as never)), 'zh-CN'))).toEqual(['权重合计必须为 100（当前 95）。'])

		// The row of the out-of-order goal is its row in the form, even with blank rows before it.
		const bad = await run(() =>
			action(args(formRequest('/admin/kpi/templates', formFields({ ...weights, complaint_satisfaction: 10 }, { complaint_satisfaction: [95, 90, 85] }), { cookie }))),
		)
		expect(bad.status).toBe(400)
		expect((bad.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({
			[`weights[${indexOf('complaint_satisfaction')}].target`]: ['kpiAdmin.errors.orderHigher'],
		})
		expect(templateHistory('sales_rep')).toHaveLength(1)
	})

	test('a valid form saves the version and redirects with a toast', async () => {
		const { hrId } = await setUp()
		const cookie = await sessionCookieFor(hrId)
		const saved = await run(() =>
			action(
				args(
					formRequest(
						'/admin/kpi/templates',
						formFields({ revenue: 40, new_customers: 20, lead_conversion: 20, weekly_visits: 10, complaint_satisfaction: 10 }, { revenue: [80, 100, 130].map((n) => n * 10_000) as [number, number, number] }),
						{ cookie },
					),
				),
			),
		)
		expect(saved.status).toBe(302)
		expect(saved.response!.headers.get('location')).toBe('/admin/kpi/templates')
		expect(weightsByCode('sales_rep', '2027-01')).toEqual({ revenue: 40, new_customers: 20, lead_conversion: 20, weekly_visits: 10, complaint_satisfaction: 10 })
		expect(templateFor('sales_rep', '2027-01')!.weights.find((w) => w.code === 'new_customers')).toMatchObject({ baseline: null, target: null, challenge: null })
	})
})
