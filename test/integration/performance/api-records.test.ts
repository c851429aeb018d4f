import { asc, eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { users } from '#db/schema/auth.ts'
import { indicators, kpiImportBatches, kpiRecords } from '#db/schema/performance.ts'
import { verifyAuditChain } from '#app/modules/audit/audit.server.ts'
import type { ApiScope } from '#app/modules/auth/api-scopes.ts'
import { createApiToken } from '#app/modules/auth/api-tokens.server.ts'
import { importHistory, revertBatch } from '#app/modules/performance/import.server.ts'
import { action as recordsAction, loader as recordsLoader } from '#app/routes/api.v1.kpi.records.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { ORIGIN, settle } from '#test/helpers/requests.ts'

const { db } = withFreshDatabase()

async function setup(scopes: ApiScope[] = ['kpi:write']) {
	setClock(new Date('2026-03-02T02:00:00Z'))
	const hr = await createTestUser({ email: 'hr@example.com', roles: ['hr_admin'], positionType: null, password: null })
	await createTestUser({ email: 'rep@example.com', password: null })
	await createTestUser({ email: 'li.na@example.com', password: null })
	const { id, token } = createApiToken({ name: 'CRM 指标推送', scopes, createdById: hr.id })
	return { hr, tokenId: id, token }
}

function post(body: unknown, token?: string, init: { method?: string; contentType?: string; raw?: string } = {}) {
	const headers = new Headers({ 'content-type': init.contentType ?? 'application/json' })
	if (token) headers.set('authorization', `Bearer ${token}`)
	return new Request(`${ORIGIN}/api/v1/kpi/records`, {
		method: init.method ?? 'POST',
		headers,
		body: init.method === 'GET' ? undefined : (init.raw ?? JSON.stringify(body)),
	})
}

const args = (request: Request) => ({ request, params: {}, context: {} })

async function call(request: Request, fn: typeof recordsAction | typeof recordsLoader = recordsAction) {
	const res = (await settle(() => fn(args(request)))) as Response
	return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; problems?: unknown[] } }, res }
}

const stored = () =>
	db()
		.select({ email: users.email, code: indicators.code, date: kpiRecords.date, value: kpiRecords.value, evidence: kpiRecords.evidence, source: kpiRecords.source })
		.from(kpiRecords)
		.innerJoin(users, eq(users.id, kpiRecords.userId))
		.innerJoin(indicators, eq(indicators.id, kpiRecords.indicatorId))
		.orderBy(asc(kpiRecords.id))
		.all()
const recordCount = () => db().select({ n: sql<number>`count(*)` }).from(kpiRecords).get()!.n

describe('POST /api/v1/kpi/records', () => {
	test('a batch is written as one revertible API batch and the counts come back', async () => {
		const { token, tokenId } = await setup()
		const { status, body } = await call(
			post(
				{
					records: [
						{ email: 'rep@example.com', indicator: 'revenue', date: '2026-02-27', value: 12800.5, evidence: 'SO-1' },
						{ email: 'REP@example.com', indicator: '新客户数', date: '2026-02-27', value: '2' },
						{ email: 'li.na@example.com', indicator: 'Weekly visits', date: '2026-02-26', value: 15, evidence: null },
					],
				},
				token,
			),
		)
		expect(status).toBe(200)
		expect(body).toEqual({ batchId: expect.any(Number), inserted: 3, updated: 0, unchanged: 0 })
		expect(stored()).toEqual([
			{ email: 'rep@example.com', code: 'revenue', date: '2026-02-27', value: 12800.5, evidence: 'SO-1', source: 'api' },
			{ email: 'rep@example.com', code: 'new_customers', date: '2026-02-27', value: 2, evidence: null, source: 'api' },
			{ email: 'li.na@example.com', code: 'weekly_visits', date: '2026-02-23', value: 15, evidence: null, source: 'api' },
		])
		expect(importHistory()).toEqual([
			expect.objectContaining({ id: body.batchId, kind: 'api', fileName: null, actor: null, token: { id: tokenId, name: 'CRM 指标推送' }, rows: 3, inserted: 3 }),
		])
		const audit = db().select().from(auditLog).where(eq(auditLog.action, 'kpi.api.records')).all()
		expect(audit.map((a) => [a.actorId, a.actorRole, a.batchId])).toEqual([[null, 'api', body.batchId]])
		expect(JSON.parse(audit[0]!.data)).toMatchObject({ kind: 'api', rows: 3, inserted: 3, token: { id: tokenId, name: 'CRM 指标推送' } })
	})

	test('sending again updates changed values (audited) and leaves the same ones alone', async () => {
		const { token, hr } = await setup()
		const records = [
			{ email: 'rep@example.com', indicator: 'revenue', date: '2026-02-27', value: 100 },
			{ email: 'rep@example.com', indicator: 'revenue', date: '2026-02-28', value: 200 },
		]
		const first = await call(post({ records }, token))
		const second = await call(post({ records: [records[0], { ...records[1], value: 250 }] }, token))
		expect(second.body).toEqual({ batchId: (first.body.batchId as number) + 1, inserted: 0, updated: 1, unchanged: 1 })
		expect(stored().map((r) => r.value)).toEqual([100, 250])
		const update = db().select().from(auditLog).where(eq(auditLog.action, 'kpi.record.update')).get()!
		expect(update.batchId).toBe(second.body.batchId)
		expect(JSON.parse(update.data)).toMatchObject({ before: { value: 200 }, after: { value: 250 } })
		// HR can undo an API batch like a file.
		expect(revertBatch(second.body.batchId as number, hr)).toMatchObject({ ok: true, restored: 1, deleted: 0 })
		expect(stored().map((r) => r.value)).toEqual([100, 200])
		expect(verifyAuditChain()).toBeNull()
	})

	test('any problem refuses the whole batch, with every problem by record index and field', async () => {
		const { token } = await setup()
		const { status, body } = await call(
			post(
				{
					records: [
						{ email: 'rep@example.com', indicator: 'revenue', date: '2026-02-27', value: 1 },
						{ email: 'nobody@example.com', indicator: 'revenue', date: '2026-02-27', value: -5 },
						'not a record',
						{ email: 'rep@example.com', indicator: 'lead_conversion', date: '2026-03-09', value: true },
						{ email: 'rep@example.com', indicator: 'revenue', date: '2026-02-27', value: 2, evidence: '=HYPERLINK("x")' },
						{},
					],
				},
				token,
			),
		)
		expect(status).toBe(400)
		expect(body.error?.code).toBe('invalid_request')
		expect(body.error?.message).toBe('12 problem(s) in 5 record(s); nothing was written.')
		expect(body.error?.problems).toEqual([
			{ index: 1, field: 'email', code: 'unknownPerson', reason: 'Nobody has the email "nobody@example.com".' },
			{ index: 1, field: 'value', code: 'negative', reason: 'Values cannot be negative: "-5".' },
			{ index: 2, field: null, code: 'notObject', reason: 'Each record must be an object.' },
			{ index: 3, field: 'indicator', code: 'ratioIndicator', reason: '"lead_conversion" is a ratio computed as leads_won ÷ leads_assigned; import those two instead.' },
			{ index: 3, field: 'date', code: 'dateInFuture', reason: 'The date "2026-03-09" is after today (2026-03-02).' },
			{ index: 3, field: 'value', code: 'type', reason: 'Must be text or a number.' },
			{ index: 4, field: 'email', code: 'duplicateInBatch', reason: 'The same person, indicator and date (2026-02-27) already appear in record 0.' },
			{ index: 4, field: 'evidence', code: 'formula', reason: '"=HYPERLINK("x")" looks like a formula (starts with = + - @); it is refused to prevent formula injection.' },
			{ index: 5, field: 'email', code: 'required', reason: 'Required.' },
			{ index: 5, field: 'indicator', code: 'required', reason: 'Required.' },
			{ index: 5, field: 'date', code: 'required', reason: 'Required.' },
			{ index: 5, field: 'value', code: 'required', reason: 'Required.' },
		])
		expect(recordCount()).toBe(0)
		expect(db().select().from(kpiImportBatches).all()).toEqual([])
	})

	test('at most 10,000 records per call', async () => {
		const { token } = await setup()
		const record = { email: 'rep@example.com', indicator: 'revenue', date: '2026-02-27', value: 1 }
		const tooMany = await call(post({ records: Array.from({ length: 10_001 }, () => record) }, token))
		expect(tooMany.status).toBe(413)
		expect(tooMany.body.error).toEqual({ code: 'invalid_request', message: expect.stringContaining('At most 10000 records per request; this one has 10001') })
		expect(recordCount()).toBe(0)

		const dates = Array.from({ length: 5_000 }, (_, i) => new Date(Date.UTC(2026, 2, 1 - i)).toISOString().slice(0, 10))
		const records = ['rep@example.com', 'li.na@example.com'].flatMap((email) => dates.map((date) => ({ ...record, email, date })))
		const full = await call(post({ records }, token))
		expect(full.status).toBe(200)
		expect(full.body).toMatchObject({ inserted: 10_000 })
	})

	test('malformed requests get a reason, not a 500', async () => {
		const { token } = await setup()
		const cases: Array<[Request, number, RegExp]> = [
			[post(null, token, { raw: '{"records": [' }), 400, /not valid JSON/],
			[post({ rows: [] }, token), 400, /"records" array/],
			[post([1, 2], token), 400, /"records" array/],
			[post({ records: [] }, token), 400, /empty/],
			[post({ records: [] }, token, { contentType: 'text/plain' }), 400, /application\/json/],
		]
		for (const [request, status, message] of cases) {
			const res = await call(request)
			expect(res.status).toBe(status)
			expect(res.body.error?.code).toBe('invalid_request')
			expect(res.body.error?.message).toMatch(message)
		}
	})

	test('401 without a token, 403 without the kpi:write scope, 405 for other methods', async () => {
		const { token } = await setup(['kpi:read', 'users:read'])
		const record = { records: [{ email: 'rep@example.com', indicator: 'revenue', date: '2026-02-27', value: 1 }] }
		const anonymous = await call(post(record))
		expect(anonymous.status).toBe(401)
		expect(anonymous.body.error?.code).toBe('unauthorized')
		const scoped = await call(post(record, token))
		expect(scoped.status).toBe(403)
		expect(scoped.body.error?.code).toBe('insufficient_scope')
		expect(recordCount()).toBe(0)

		const hr = await createTestUser({ email: 'hr2@example.com', roles: ['hr_admin'], positionType: null, password: null })
		const writer = createApiToken({ name: 'CRM', scopes: ['kpi:write'], createdById: hr.id }).token
		const get = await call(post(null, writer, { method: 'GET' }), recordsLoader)
		expect(get.status).toBe(405)
		expect(get.res.headers.get('allow')).toBe('POST')
		const put = await call(post(record, writer, { method: 'PUT' }))
		expect(put.status).toBe(405)
	})
})
