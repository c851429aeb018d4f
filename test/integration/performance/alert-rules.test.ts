import { eq, like } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { alertRules, kpiRecords } from '#db/schema/performance.ts'
import { verifyAuditChain } from '#app/modules/audit/audit.server.ts'
import { listAlertRules, saveAlertRule, setAlertRuleActive } from '#app/modules/performance/alert-rules.server.ts'
import { evaluateAlerts } from '#app/modules/performance/alerts.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { action, loader } from '#app/routes/_shell.admin.kpi.alert-rules.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, indicatorId, run, type Outcome } from './helpers.ts'

const { db } = withFreshDatabase()

const PATH = '/admin/kpi/alert-rules'

const post = (cookie: string, fields: Record<string, string>) => run(() => action(args(formRequest(PATH, fields, { cookie }))))
const errorsOf = (o: Outcome) => (o.body as { result: { error?: Record<string, string[] | null> } } | undefined)?.result.error

const ruleAudits = () =>
	db()
		.select()
		.from(auditLog)
		.where(like(auditLog.action, 'kpi.alert_rule.%'))
		.orderBy(auditLog.id)
		.all()
		.map((r) => ({ action: r.action, actorId: r.actorId, actorRole: r.actorRole, entityId: r.entityId, data: JSON.parse(r.data) as unknown }))

async function setUp() {
	setClock(new Date('2026-11-20T02:00:00Z'))
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null })
	const staff = await createTestUser()
	return { hr, hrCookie: await sessionCookieFor(hr.id), staffCookie: await sessionCookieFor(staff.id) }
}

describe('/admin/kpi/alert-rules', () => {
	test('lists the seeded default rule (线索转化率 < 10 for 3 days) and the indicators a rule may watch', async () => {
		const { hrCookie } = await setUp()
		const page = await run(() => loader(args(getRequest(PATH, { cookie: hrCookie }))))
		expect(page.status).toBe(200)
		const body = page.body as { rules: unknown[]; indicators: Array<{ code: string }>; editing: unknown }
		expect(body.rules).toMatchObject([
			{ comparison: 'lt', threshold: 10, consecutive: 3, active: true, createdByName: null, indicator: { code: 'lead_conversion', unit: 'percent', grain: 'day' } },
		])
		expect(body.editing).toBeNull()
		const codes = body.indicators.map((i) => i.code)
		expect(codes).toContain('lead_conversion')
		// Exam scores have no daily series to watch.
		expect(codes).not.toContain('product_knowledge_score')

		const seeded = body.rules[0] as { id: number }
		const editing = await run(() => loader(args(getRequest(`${PATH}?edit=${seeded.id}`, { cookie: hrCookie }))))
		expect((editing.body as { editing: { id: number } }).editing.id).toBe(seeded.id)
	})

	test('creating, editing and deactivating are audited with before and after', async () => {
		const { hr, hrCookie } = await setUp()
		const visits = indicatorId('weekly_visits')
		const created = await post(hrCookie, { intent: 'save', indicatorId: String(visits), comparison: 'lt', threshold: '8', consecutive: '2' })
		expect(created.status).toBe(302)
		expect(created.response?.headers.get('location')).toBe(PATH)
		const rule = db().select().from(alertRules).where(eq(alertRules.indicatorId, visits)).get()!
		expect(rule).toMatchObject({ comparison: 'lt', threshold: 8, consecutive: 2, active: true, createdById: hr.id })

		const edited = await post(hrCookie, { intent: 'save', id: String(rule.id), indicatorId: String(visits), comparison: 'lte', threshold: '7.5', consecutive: '4' })
		expect(edited.status).toBe(302)
		expect(db().select().from(alertRules).where(eq(alertRules.id, rule.id)).get()).toMatchObject({ comparison: 'lte', threshold: 7.5, consecutive: 4 })

		// Saving it unchanged writes nothing.
		expect((await post(hrCookie, { intent: 'save', id: String(rule.id), indicatorId: String(visits), comparison: 'lte', threshold: '7.5', consecutive: '4' })).status).toBe(302)

		expect((await post(hrCookie, { intent: 'deactivate', id: String(rule.id) })).status).toBe(302)
		expect(db().select({ active: alertRules.active }).from(alertRules).where(eq(alertRules.id, rule.id)).get()!.active).toBe(false)
		// Deactivating twice changes nothing.
		expect(setAlertRuleActive(rule.id, false, { id: hr.id, roles: ['staff', 'hr_admin'] })).toEqual({ ok: true, changed: false })
		expect((await post(hrCookie, { intent: 'activate', id: String(rule.id) })).status).toBe(302)
		expect((await post(hrCookie, { intent: 'activate', id: '999999' })).status).toBe(404)

		const id = String(rule.id)
		expect(ruleAudits()).toEqual([
			{
				action: 'kpi.alert_rule.create',
				actorId: hr.id,
				actorRole: 'hr_admin',
				entityId: id,
				data: { indicator: 'weekly_visits', before: null, after: { indicatorId: visits, comparison: 'lt', threshold: 8, consecutive: 2, active: true } },
			},
			{
				action: 'kpi.alert_rule.update',
				actorId: hr.id,
				actorRole: 'hr_admin',
				entityId: id,
				data: {
					indicator: 'weekly_visits',
					before: { indicatorId: visits, comparison: 'lt', threshold: 8, consecutive: 2, active: true },
					after: { indicatorId: visits, comparison: 'lte', threshold: 7.5, consecutive: 4, active: true },
				},
			},
			{ action: 'kpi.alert_rule.deactivate', actorId: hr.id, actorRole: 'hr_admin', entityId: id, data: { before: { active: true }, after: { active: false } } },
			{ action: 'kpi.alert_rule.activate', actorId: hr.id, actorRole: 'hr_admin', entityId: id, data: { before: { active: false }, after: { active: true } } },
		])
		expect(verifyAuditChain()).toBeNull()
	})

	test('a non-finite threshold, a consecutive count outside 1–90 or not whole, a bad comparison or an exam indicator are field errors', async () => {
		const { hrCookie } = await setUp()
		const base = { intent: 'save', indicatorId: String(indicatorId('revenue')), comparison: 'lt', threshold: '1000', consecutive: '3' }
		const cases: Array<[Record<string, string>, string, string]> = [
			[{ ...base, threshold: 'Infinity' }, 'threshold', 'audit.rules.errors.threshold'],
			[{ ...base, threshold: 'NaN' }, 'threshold', 'audit.rules.errors.threshold'],
			[{ ...base, threshold: '' }, 'threshold', 'audit.rules.errors.threshold'],
			[{ ...base, consecutive: '0' }, 'consecutive', 'audit.rules.errors.consecutive'],
			[{ ...base, consecutive: '91' }, 'consecutive', 'audit.rules.errors.consecutive'],
			[{ ...base, consecutive: '2.5' }, 'consecutive', 'audit.rules.errors.consecutive'],
			[{ ...base, comparison: 'eq' }, 'comparison', 'audit.rules.errors.comparison'],
			[{ ...base, indicatorId: String(indicatorId('product_knowledge_score')) }, 'indicatorId', 'audit.rules.errors.indicator'],
			[{ ...base, indicatorId: '' }, 'indicatorId', 'audit.rules.errors.indicator'],
		]
		for (const [fields, field, key] of cases) {
			const result = await post(hrCookie, fields)
			expect(result.status, JSON.stringify(fields)).toBe(400)
			expect(errorsOf(result)?.[field], JSON.stringify(fields)).toEqual([key])
		}
		// Boundaries are allowed.
		expect((await post(hrCookie, { ...base, consecutive: '90', threshold: '-5' })).status).toBe(302)
		expect((await post(hrCookie, { ...base, consecutive: '1' })).status).toBe(302)
		expect(db().select().from(alertRules).all()).toHaveLength(3)
		expect(ruleAudits()).toHaveLength(2)
	})

	test('the module validates on its own and only HR may change rules', async () => {
		const { hr } = await setUp()
		const actor = { id: hr.id, roles: ['staff' as const, 'hr_admin' as const] }
		const input = { indicatorId: indicatorId('revenue'), comparison: 'lt' as const, threshold: 1, consecutive: 3 }
		expect(saveAlertRule({ ...input, threshold: Number.POSITIVE_INFINITY }, actor)).toEqual({ ok: false, reason: 'threshold' })
		expect(saveAlertRule({ ...input, consecutive: 91 }, actor)).toEqual({ ok: false, reason: 'consecutive' })
		expect(saveAlertRule({ ...input, consecutive: 1.5 }, actor)).toEqual({ ok: false, reason: 'consecutive' })
		expect(saveAlertRule({ ...input, indicatorId: 999_999 }, actor)).toEqual({ ok: false, reason: 'indicator' })
		expect(saveAlertRule({ ...input, id: 999_999 }, actor)).toEqual({ ok: false, reason: 'notFound' })
		expect(saveAlertRule(input, { id: hr.id, roles: ['staff', 'manager'] })).toEqual({ ok: false, reason: 'forbidden' })
		expect(setAlertRuleActive(1, false, { id: hr.id, roles: ['staff'] })).toEqual({ ok: false, reason: 'forbidden' })
		expect(listAlertRules()).toHaveLength(1)
	})

	test('a deactivated rule opens no alerts; reactivated, it does', async () => {
		const { hr } = await setUp()
		const actor = { id: hr.id, roles: ['staff' as const, 'hr_admin' as const] }
		const rep = await createTestUser()
		// Three days in a row at 5 % conversion (1 won of 20 assigned).
		for (const date of ['2026-11-18', '2026-11-19', '2026-11-20'])
			for (const [code, value] of [['leads_assigned', 20], ['leads_won', 1]] as const)
				db().insert(kpiRecords).values({ userId: rep.id, indicatorId: indicatorId(code), date, value, source: 'import' }).run()
		const seeded = listAlertRules()[0]!
		expect(setAlertRuleActive(seeded.id, false, actor)).toEqual({ ok: true, changed: true })
		expect(evaluateAlerts({ userIds: [rep.id], today: '2026-11-20' })).toEqual([])
		expect(setAlertRuleActive(seeded.id, true, actor)).toEqual({ ok: true, changed: true })
		expect(evaluateAlerts({ userIds: [rep.id], today: '2026-11-20' })).toHaveLength(1)
	})
})
