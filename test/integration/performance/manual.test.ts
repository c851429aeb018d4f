import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { integrityViolations, kpiRecords } from '#db/schema/performance.ts'
import { verifyAuditChain } from '#app/modules/audit/audit.server.ts'
import { INTEGRITY_DEDUCTION, violationOutcome } from '#app/modules/performance/integrity.ts'
import { disputeRecord, recordViolation, resolveDispute, saveManualRecord } from '#app/modules/performance/manual.server.ts'
import { kpiViewFor } from '#app/modules/performance/scores.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { action as personAction, loader as personLoader } from '#app/routes/_shell.admin.kpi.people.$userId.tsx'
import { action as rulesAction, loader as rulesLoader } from '#app/routes/_shell.admin.kpi.alert-rules.tsx'
import { action as auditAction, loader as auditLoader } from '#app/routes/_shell.admin.audit.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, auditsLike, indicatorId, insertRecord, run, stalePeriods, type Outcome } from './helpers.ts'

const { db } = withFreshDatabase()

const pagePath = (userId: number) => `/admin/kpi/people/${userId}`
const view = (cookie: string, userId: number, search = '') =>
	run(() => personLoader(args(getRequest(pagePath(userId) + search, { cookie }), { userId: String(userId) })))
const post = (cookie: string, userId: number, fields: Record<string, string>) =>
	run(() => personAction(args(formRequest(pagePath(userId), fields, { cookie }), { userId: String(userId) })))

type Reply = { form: string; result: { error?: Record<string, string[] | null> } }
const errorsOf = (o: Outcome) => (o.body as Reply | undefined)?.result.error

async function setUp() {
	// 2026-11-20 10:00 in Shanghai.
	setClock(new Date('2026-11-20T02:00:00Z'))
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '周敏' })
	const otherHr = await createTestUser({ roles: ['hr_admin'], positionType: 'sales_rep', name: '吴芳' })
	const manager = await createTestUser({ roles: ['manager'], name: '王经理' })
	const team = createTestTeam('east', manager.id)
	const rep = await createTestUser({ teamId: team.id, name: '李雷' })
	const colleague = await createTestUser({ teamId: team.id, name: '韩梅梅' })
	return {
		hr: { id: hr.id, roles: ['staff', 'hr_admin'] as const },
		otherHr: { id: otherHr.id, roles: ['staff', 'hr_admin'] as const },
		rep,
		colleague,
		manager,
		cookies: {
			hr: await sessionCookieFor(hr.id),
			otherHr: await sessionCookieFor(otherHr.id),
			manager: await sessionCookieFor(manager.id),
			rep: await sessionCookieFor(rep.id),
		},
	}
}

const actorOf = (a: { id: number; roles: readonly string[] }) => ({ id: a.id, roles: [...a.roles] as Array<'staff' | 'hr_admin'> })

describe('integrity rules (pure)', () => {
	test('the first violation is a warning, every later one dismissal; the deduction is 10 points', () => {
		expect(violationOutcome(1)).toBe('warning')
		expect(violationOutcome(2)).toBe('dismissal')
		expect(violationOutcome(5)).toBe('dismissal')
		expect(() => violationOutcome(0)).toThrow(RangeError)
		expect(() => violationOutcome(1.5)).toThrow(RangeError)
		expect(INTEGRITY_DEDUCTION).toBe(10)
	})
})

describe('manual records', () => {
	test('HR enters a record with a reason: audited with before/after, role and reason; a correction updates the same record', async () => {
		const { rep, cookies, hr } = await setUp()
		const revenue = indicatorId('revenue')
		const fields = { intent: 'manual', indicatorId: String(revenue), date: '2026-11-18', value: '50000', evidence: '合同 HT-2026-118', reason: 'CRM 漏推，按合同补录' }
		const created = await post(cookies.hr, rep.id, fields)
		expect(created.status).toBe(302)
		expect(created.response?.headers.get('location')).toBe(pagePath(rep.id))

		const rows = () => db().select().from(kpiRecords).where(eq(kpiRecords.userId, rep.id)).all()
		expect(rows()).toMatchObject([{ indicatorId: revenue, date: '2026-11-18', value: 50000, source: 'manual', status: 'valid', evidence: '合同 HT-2026-118' }])
		expect(stalePeriods()).toEqual(['2026-11', '2026-Q4'])

		const corrected = await post(cookies.hr, rep.id, { ...fields, value: '60000', reason: '合同金额更正为六万' })
		expect(corrected.status).toBe(302)
		expect(rows()).toHaveLength(1)
		expect(rows()[0]!.value).toBe(60000)

		// The same values again change nothing and write no audit row.
		const again = await post(cookies.hr, rep.id, { ...fields, value: '60000', reason: '再次提交' })
		expect(again.status).toBe(302)

		const trail = auditsLike('kpi.record.manual')
		expect(trail).toHaveLength(2)
		expect(trail[0]).toMatchObject({
			action: 'kpi.record.manual_create',
			actorId: hr.id,
			actorRole: 'hr_admin',
			entity: 'kpi_record',
			entityId: String(rows()[0]!.id),
			reason: 'CRM 漏推，按合同补录',
			data: { userId: rep.id, indicator: 'revenue', date: '2026-11-18', before: null, after: { value: 50000, evidence: '合同 HT-2026-118', status: 'valid' } },
		})
		expect(trail[1]).toMatchObject({
			action: 'kpi.record.manual_update',
			reason: '合同金额更正为六万',
			data: { before: { value: 50000 }, after: { value: 60000 } },
		})
		expect(verifyAuditChain()).toBeNull()

		// The person's page lists it.
		const page = await view(cookies.hr, rep.id)
		expect(page.status).toBe(200)
		expect(page.body).toMatchObject({ canEdit: true, records: [{ code: 'revenue', value: 60000, source: 'manual', status: 'valid' }] })
	})

	test('a weekly indicator’s record is dated on its Monday, a monthly one on the 1st', async () => {
		const { rep, hr } = await setUp()
		const weekly = saveManualRecord({ userId: rep.id, indicatorId: indicatorId('weekly_visits'), date: '2026-11-19', value: 14, reason: '拜访记录补录' }, actorOf(hr))
		const monthly = saveManualRecord({ userId: rep.id, indicatorId: indicatorId('complaint_satisfaction'), date: '2026-11-19', value: 92.5, reason: '月度满意度调查' }, actorOf(hr))
		expect(weekly.ok && monthly.ok).toBe(true)
		expect(db().select({ date: kpiRecords.date }).from(kpiRecords).orderBy(kpiRecords.id).all()).toEqual([{ date: '2026-11-16' }, { date: '2026-11-01' }])
	})

	test('future dates, negative or infinite values, a percentage over 100, ratio and exam indicators and a missing reason are field errors; nothing is written', async () => {
		const { rep, cookies } = await setUp()
		const base = { intent: 'manual', indicatorId: String(indicatorId('revenue')), date: '2026-11-18', value: '100', reason: '补录数据' }
		const cases: Array<[Record<string, string>, string, string]> = [
			[{ ...base, date: '2026-11-21' }, 'date', 'audit.person.errors.futureDate'],
			[{ ...base, date: '2026-02-30' }, 'date', 'audit.person.errors.date'],
			[{ ...base, value: '-1' }, 'value', 'audit.person.errors.value'],
			[{ ...base, value: 'Infinity' }, 'value', 'audit.person.errors.value'],
			[{ ...base, value: 'abc' }, 'value', 'audit.person.errors.value'],
			[{ ...base, value: '' }, 'value', 'audit.person.errors.value'],
			[{ ...base, indicatorId: String(indicatorId('complaint_satisfaction')), value: '150' }, 'value', 'audit.person.errors.percentRange'],
			[{ ...base, indicatorId: String(indicatorId('lead_conversion')) }, 'indicatorId', 'audit.person.errors.indicator'],
			[{ ...base, indicatorId: String(indicatorId('product_knowledge_score')) }, 'indicatorId', 'audit.person.errors.indicator'],
			[{ ...base, reason: ' ' }, 'reason', 'audit.person.errors.reasonTooShort'],
			[{ ...base, reason: '长'.repeat(501) }, 'reason', 'audit.person.errors.reasonTooLong'],
		]
		for (const [fields, field, key] of cases) {
			const result = await post(cookies.hr, rep.id, fields)
			expect(result.status, JSON.stringify(fields).slice(0, 120)).toBe(400)
			expect(errorsOf(result)?.[field], JSON.stringify(fields).slice(0, 120)).toEqual([key])
		}
		expect(db().select().from(kpiRecords).all()).toEqual([])
		expect(auditsLike('kpi.')).toEqual([])
		expect(stalePeriods()).toEqual([])
	})

	test('the module refuses the same things on its own, whoever calls it', async () => {
		const { rep, hr, manager } = await setUp()
		const input = { userId: rep.id, indicatorId: indicatorId('revenue'), date: '2026-11-18', value: 100, reason: '补录数据' }
		expect(saveManualRecord({ ...input, date: '2026-11-21' }, actorOf(hr))).toEqual({ ok: false, reason: 'futureDate' })
		expect(saveManualRecord({ ...input, value: Number.NaN }, actorOf(hr))).toEqual({ ok: false, reason: 'invalidValue' })
		expect(saveManualRecord({ ...input, value: -0.5 }, actorOf(hr))).toEqual({ ok: false, reason: 'invalidValue' })
		expect(saveManualRecord({ ...input, indicatorId: indicatorId('lead_conversion') }, actorOf(hr))).toEqual({ ok: false, reason: 'indicatorRefused' })
		expect(saveManualRecord({ ...input, userId: 999_999 }, actorOf(hr))).toEqual({ ok: false, reason: 'personNotFound' })
		expect(saveManualRecord(input, { id: manager.id, roles: ['staff', 'manager'] })).toEqual({ ok: false, reason: 'forbidden' })
		expect(saveManualRecord(input, actorOf(hr))).toMatchObject({ ok: true, changed: true })
	})
})

describe('segregation of duties', () => {
	test('HR may view their own page but not change their own records: the forms are hidden and every action is 403', async () => {
		const { otherHr, hr, cookies } = await setUp()
		const own = insertRecord(otherHr.id, 'revenue', '2026-11-10', 100_000)

		const page = await view(cookies.otherHr, otherHr.id)
		expect(page.status).toBe(200)
		expect(page.body).toMatchObject({ canEdit: false, records: [{ id: own }] })

		for (const fields of [
			{ intent: 'manual', indicatorId: String(indicatorId('revenue')), date: '2026-11-18', value: '1', reason: '给自己补录' } as Record<string, string>,
			{ intent: 'dispute', recordId: String(own), reason: '自己的数据有误' },
			{ intent: 'violation', occurredOn: '2026-11-18', note: '自己记录自己' },
		])
			expect((await post(cookies.otherHr, otherHr.id, fields)).status).toBe(403)

		const me = actorOf(otherHr)
		expect(saveManualRecord({ userId: otherHr.id, indicatorId: indicatorId('revenue'), date: '2026-11-18', value: 1, reason: '给自己补录' }, me)).toEqual({
			ok: false,
			reason: 'ownRecord',
		})
		expect(disputeRecord(own, '自己的数据有误', me)).toEqual({ ok: false, reason: 'ownRecord' })
		expect(recordViolation({ userId: otherHr.id, occurredOn: '2026-11-18', note: '自己记录自己' }, me)).toEqual({ ok: false, reason: 'ownRecord' })

		expect(db().select().from(kpiRecords).where(eq(kpiRecords.userId, otherHr.id)).all()).toMatchObject([{ id: own, status: 'valid', value: 100_000 }])
		expect(db().select().from(integrityViolations).all()).toEqual([])
		expect(auditsLike('kpi.')).toEqual([])

		// Another HR colleague may.
		expect(disputeRecord(own, '与合同金额不符', actorOf(hr))).toEqual({ ok: true })
	})

	test('non-HR people get 403 from the loaders and actions of the person, alert-rule and audit pages; anonymous visitors go to login', async () => {
		const { rep, colleague, cookies } = await setUp()
		const record = insertRecord(colleague.id, 'revenue', '2026-11-10', 100)
		for (const cookie of [cookies.manager, cookies.rep]) {
			expect((await view(cookie, colleague.id)).status).toBe(403)
			for (const fields of [
				{ intent: 'manual', indicatorId: String(indicatorId('revenue')), date: '2026-11-18', value: '1', reason: '补录数据' } as Record<string, string>,
				{ intent: 'dispute', recordId: String(record), reason: '数据存疑' },
				{ intent: 'violation', occurredOn: '2026-11-18', note: '数据造假' },
			])
				expect((await post(cookie, colleague.id, fields)).status).toBe(403)
			expect((await run(() => rulesLoader(args(getRequest('/admin/kpi/alert-rules', { cookie }))))).status).toBe(403)
			expect(
				(await run(() => rulesAction(args(formRequest('/admin/kpi/alert-rules', { intent: 'deactivate', id: '1' }, { cookie }))))).status,
			).toBe(403)
			expect((await run(() => auditLoader(args(getRequest('/admin/audit', { cookie }))))).status).toBe(403)
			expect((await run(() => auditAction(args(formRequest('/admin/audit', { intent: 'verify' }, { cookie }))))).status).toBe(403)
		}
		const anonymous = await run(() => personLoader(args(getRequest(pagePath(rep.id)), { userId: String(rep.id) })))
		expect(anonymous.status).toBe(302)
		expect(anonymous.response?.headers.get('location')).toMatch(/^\/login/)
		expect(db().select().from(kpiRecords).all()).toHaveLength(1)
		expect(auditsLike('kpi.')).toEqual([])
	})
})

describe('disputes', () => {
	test('a disputed record leaves the score until resolved; both steps audited with the reason and mark the periods stale', async () => {
		const { rep, hr, cookies } = await setUp()
		const record = insertRecord(rep.id, 'revenue', '2026-11-10', 300_000)
		const revenueActual = () => kpiViewFor(rep.id, '2026-Q4').indicators.find((i) => i.indicator.code === 'revenue')?.actual ?? null
		expect(revenueActual()).toBe(300_000)

		const disputed = await post(cookies.hr, rep.id, { intent: 'dispute', recordId: String(record), reason: '金额与合同不符，待核实' })
		expect(disputed.status).toBe(302)
		const status = () => db().select({ status: kpiRecords.status }).from(kpiRecords).where(eq(kpiRecords.id, record)).get()!.status
		expect(status()).toBe('disputed')
		expect(revenueActual()).not.toBe(300_000)
		expect(stalePeriods()).toEqual(['2026-11', '2026-Q4'])

		const twice = await post(cookies.hr, rep.id, { intent: 'dispute', recordId: String(record), reason: '再标记一次' })
		expect(twice.status).toBe(400)
		expect(errorsOf(twice)?.['']).toEqual(['audit.person.errors.alreadyDisputed'])

		const noReason = await post(cookies.hr, rep.id, { intent: 'resolve', recordId: String(record), reason: '' })
		expect(noReason.status).toBe(400)
		expect(errorsOf(noReason)?.reason).toEqual(['audit.person.errors.reasonTooShort'])
		expect(status()).toBe('disputed')

		expect((await post(cookies.hr, rep.id, { intent: 'resolve', recordId: String(record), reason: '已与财务核对，金额无误' })).status).toBe(302)
		expect(status()).toBe('valid')
		expect(revenueActual()).toBe(300_000)
		expect(resolveDispute(record, '再解决一次', actorOf(hr))).toEqual({ ok: false, reason: 'notDisputed' })

		expect(auditsLike('kpi.record.').map((r) => ({ action: r.action, actorRole: r.actorRole, reason: r.reason, data: r.data }))).toEqual([
			{
				action: 'kpi.record.dispute',
				actorRole: 'hr_admin',
				reason: '金额与合同不符，待核实',
				data: { userId: rep.id, indicatorId: indicatorId('revenue'), date: '2026-11-10', source: 'import', before: { status: 'valid' }, after: { status: 'disputed' } },
			},
			{
				action: 'kpi.record.resolve',
				actorRole: 'hr_admin',
				reason: '已与财务核对，金额无误',
				data: { userId: rep.id, indicatorId: indicatorId('revenue'), date: '2026-11-10', source: 'import', before: { status: 'disputed' }, after: { status: 'valid' } },
			},
		])
	})

	test('a record of somebody else cannot be disputed through this person’s page', async () => {
		const { rep, colleague, cookies } = await setUp()
		const theirs = insertRecord(colleague.id, 'revenue', '2026-11-10', 1)
		expect((await post(cookies.hr, rep.id, { intent: 'dispute', recordId: String(theirs), reason: '数据存疑' })).status).toBe(404)
		expect(db().select({ status: kpiRecords.status }).from(kpiRecords).get()!.status).toBe('valid')
	})
})

describe('integrity violations', () => {
	test('the first is a warning with a 10-point deduction, the second flags dismissal; both audited and the quarter loses the points', async () => {
		const { rep, colleague, hr, cookies } = await setUp()
		const record = insertRecord(rep.id, 'revenue', '2026-10-08', 500_000)
		const theirs = insertRecord(colleague.id, 'revenue', '2026-10-08', 1)

		const page = await view(cookies.hr, rep.id)
		expect(page.body).toMatchObject({ next: { ordinal: 1, outcome: 'warning', deduction: 10 }, violations: [] })

		const wrongRecord = await post(cookies.hr, rep.id, { intent: 'violation', occurredOn: '2026-10-09', note: '伪造签约记录', recordId: String(theirs) })
		expect(wrongRecord.status).toBe(400)
		expect(errorsOf(wrongRecord)?.recordId).toEqual(['audit.person.errors.recordNotFound'])
		const future = await post(cookies.hr, rep.id, { intent: 'violation', occurredOn: '2026-11-21', note: '伪造签约记录' })
		expect(errorsOf(future)?.occurredOn).toEqual(['audit.person.errors.futureDate'])
		expect(db().select().from(integrityViolations).all()).toEqual([])

		const first = await post(cookies.hr, rep.id, { intent: 'violation', occurredOn: '2026-10-09', note: '伪造签约记录', recordId: String(record) })
		expect(first.status).toBe(302)
		expect(stalePeriods()).toEqual(['2026-10', '2026-Q4'])
		const second = recordViolation({ userId: rep.id, occurredOn: '2026-11-02', note: '再次虚报拜访量' }, actorOf(hr))
		expect(second).toMatchObject({ ok: true, ordinal: 2, outcome: 'dismissal', deduction: 10 })

		const rows = db().select().from(integrityViolations).where(eq(integrityViolations.userId, rep.id)).orderBy(integrityViolations.ordinal).all()
		expect(rows).toMatchObject([
			{ ordinal: 1, outcome: 'warning', deduction: 10, occurredOn: '2026-10-09', recordId: record, recordedById: hr.id },
			{ ordinal: 2, outcome: 'dismissal', deduction: 10, occurredOn: '2026-11-02', recordId: null },
		])
		expect(kpiViewFor(rep.id, '2026-Q4').deduction).toBe(20)
		expect(kpiViewFor(rep.id, '2026-11').deduction).toBe(10)

		const trail = auditsLike('kpi.integrity_violation')
		expect(trail).toHaveLength(2)
		expect(trail[0]).toMatchObject({
			actorId: hr.id,
			actorRole: 'hr_admin',
			entity: 'integrity_violation',
			entityId: String(rows[0]!.id),
			reason: '伪造签约记录',
			data: { before: null, after: { userId: rep.id, ordinal: 1, outcome: 'warning', deduction: 10, recordId: record } },
		})
		expect(trail[1]!.data).toMatchObject({ after: { ordinal: 2, outcome: 'dismissal' } })

		const after = await view(cookies.hr, rep.id)
		expect(after.body).toMatchObject({ next: { ordinal: 3, outcome: 'dismissal' }, violations: [{ ordinal: 1 }, { ordinal: 2 }] })
		// A third one is still possible and still a dismissal; ordinals never repeat.
		expect(recordViolation({ userId: rep.id, occurredOn: '2026-11-03', note: '第三次' }, actorOf(hr))).toMatchObject({ ordinal: 3, outcome: 'dismissal' })
		expect(db().select().from(integrityViolations).where(and(eq(integrityViolations.userId, rep.id), eq(integrityViolations.ordinal, 3))).all()).toHaveLength(1)
	})
})

describe('the person page', () => {
	test('shows the last 60 days by default and filters by indicator and date range', async () => {
		const { rep, cookies } = await setUp()
		insertRecord(rep.id, 'revenue', '2026-11-20', 1)
		insertRecord(rep.id, 'revenue', '2026-09-22', 2)
		insertRecord(rep.id, 'revenue', '2026-09-21', 3)
		insertRecord(rep.id, 'new_customers', '2026-11-01', 4)
		const values = (o: Outcome) => (o.body as { records: Array<{ value: number }> }).records.map((r) => r.value)

		const byDefault = await view(cookies.hr, rep.id)
		expect(byDefault.body).toMatchObject({ filter: { from: '2026-09-22', to: '2026-11-20', indicatorId: null } })
		expect(values(byDefault)).toEqual([1, 4, 2])
		expect(values(await view(cookies.hr, rep.id, `?indicator=${indicatorId('new_customers')}`))).toEqual([4])
		expect(values(await view(cookies.hr, rep.id, '?from=2026-09-01&to=2026-09-30'))).toEqual([2, 3])
		// A nonsense filter falls back to the default rather than failing.
		expect(values(await view(cookies.hr, rep.id, '?from=yesterday&indicator=x'))).toEqual([1, 4, 2])
		expect((await view(cookies.hr, 999_999)).status).toBe(404)
	})
})
