import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { verifyChainReport } from '#app/modules/audit/query.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { action, loader } from '#app/routes/_shell.admin.audit.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor, settle } from '#test/helpers/requests.ts'

const { db } = withFreshDatabase()

const args = (request: Request) => ({ request, params: {}, context: {} })

type Page = Exclude<Awaited<ReturnType<typeof loader>>, Response>
type Verify = { verify: ReturnType<typeof verifyChainReport> }

async function setUp() {
	// createTestUser writes `user.create` rows of its own, on 2026-10-01.
	setClock(new Date('2026-10-01T02:00:00Z'))
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, email: 'zhou.min@example.com', name: '周敏' })
	const manager = await createTestUser({ roles: ['manager'], email: 'wang.jl@example.com', name: '王经理' })
	const at = (iso: string) => setClock(new Date(iso))

	at('2026-11-10T02:00:00Z') // 11-10 10:00 in Shanghai
	recordAudit(db(), {
		actorId: hr.id,
		actorRole: 'hr_admin',
		action: 'kpi.record.dispute',
		entity: 'kpi_record',
		entityId: 7,
		data: { userId: 3, before: { status: 'valid' }, after: { status: 'disputed' } },
		reason: '金额与合同不符',
	})
	at('2026-11-10T16:30:00Z') // 11-11 00:30 in Shanghai: the next business day
	recordAudit(db(), { actorId: manager.id, actorRole: 'manager', action: 'kpi.alert.acknowledge', entity: 'kpi_alert', entityId: 1, data: {}, reason: '已电话沟通' })
	at('2026-11-15T02:00:00Z')
	recordAudit(db(), { actorId: null, actorRole: 'api', action: 'kpi.import', entity: 'kpi_import_batch', entityId: 3, data: { rows: 10, inserted: 10 }, batchId: 3 })
	return { hr, manager, cookie: await sessionCookieFor(hr.id), managerCookie: await sessionCookieFor(manager.id) }
}

async function page(cookie: string, search = '') {
	const result = await settle(() => loader(args(getRequest(`/admin/audit${search}`, { cookie }))))
	if (result instanceof Response) throw new Error(`loader answered ${result.status}`)
	return result as Page
}

async function verify(cookie: string) {
	return (await action(args(formRequest('/admin/audit', { intent: 'verify' }, { cookie })))) as Verify
}

describe('/admin/audit', () => {
	test('lists everything newest first with the actor, and filters by actor email, action, entity, batch and business date', async () => {
		const { cookie, hr, manager } = await setUp()
		const all = await page(cookie)
		expect(all.total).toBe(5)
		expect(all.rows.map((r) => r.action)).toEqual(['kpi.import', 'kpi.alert.acknowledge', 'kpi.record.dispute', 'user.create', 'user.create'])
		expect(all.actions).toEqual(['kpi.alert.acknowledge', 'kpi.import', 'kpi.record.dispute', 'user.create'])
		expect(all.entities).toEqual(['kpi_alert', 'kpi_import_batch', 'kpi_record', 'user'])

		const dispute = all.rows[2]!
		expect(dispute).toMatchObject({ actorId: hr.id, actorName: '周敏', actorEmail: 'zhou.min@example.com', actorRole: 'hr_admin', entityId: '7', reason: '金额与合同不符' })
		expect(dispute.change).toEqual({ kind: 'change', before: '{\n  "status": "valid"\n}', after: '{\n  "status": "disputed"\n}', context: '{\n  "userId": 3\n}' })
		expect(all.rows[0]!.change).toEqual({ kind: 'data', data: '{\n  "rows": 10,\n  "inserted": 10\n}' })
		expect(all.rows[1]!.change).toEqual({ kind: 'data', data: null })

		const actions = async (search: string) => (await page(cookie, search)).rows.map((r) => r.action)
		expect(await actions('?actor=ZHOU.MIN')).toEqual(['kpi.record.dispute'])
		expect((await page(cookie, `?actor=${encodeURIComponent('wang.jl@example.com')}`)).rows.map((r) => r.actorId)).toEqual([manager.id])
		expect(await actions('?action=kpi.record.dispute')).toEqual(['kpi.record.dispute'])
		expect(await actions('?entity=user')).toEqual(['user.create', 'user.create'])
		expect(await actions('?entity=kpi_record&entityId=7')).toEqual(['kpi.record.dispute'])
		expect(await actions('?entity=kpi_record&entityId=8')).toEqual([])
		expect(await actions('?batch=3')).toEqual(['kpi.import'])
		// Dates are Asia/Shanghai business dates: 16:30 UTC on the 10th is already the 11th.
		expect(await actions('?from=2026-11-10&to=2026-11-10')).toEqual(['kpi.record.dispute'])
		expect(await actions('?from=2026-11-11&to=2026-11-14')).toEqual(['kpi.alert.acknowledge'])
		expect(await actions('?from=2026-11-11')).toEqual(['kpi.import', 'kpi.alert.acknowledge'])
		expect(await actions('?to=2026-10-31')).toEqual(['user.create', 'user.create'])
		expect(await actions('?actor=zhou&action=kpi.import')).toEqual([])
		// A broken filter value is dropped rather than failing the page.
		expect((await page(cookie, '?batch=abc&from=2026-13-01&page=-4')).total).toBe(5)
	})

	test('pages hold 50 rows; a page past the end shows the last one', async () => {
		const { cookie } = await setUp()
		for (let i = 0; i < 60; i++) recordAudit(db(), { actorId: null, action: 'bulk.test', entity: 'thing', entityId: i, data: { i } })
		const first = await page(cookie, '?action=bulk.test')
		expect(first).toMatchObject({ total: 60, page: 1, pages: 2 })
		expect(first.rows).toHaveLength(50)
		expect(first.rows[0]!.entityId).toBe('59')
		const second = await page(cookie, '?action=bulk.test&page=2')
		expect(second.rows.map((r) => r.entityId)).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0'])
		expect((await page(cookie, '?action=bulk.test&page=99')).page).toBe(2)
	})

	test('verifying reports an intact chain, then names the first row altered behind the triggers’ back', async () => {
		const { cookie } = await setUp()
		expect((await verify(cookie)).verify).toEqual({ ok: true, rows: 5 })

		const rows = db().select().from(auditLog).orderBy(auditLog.id).all()
		const victim = rows.find((r) => r.action === 'kpi.record.dispute')!
		db().run(sql`drop trigger audit_log_no_update`)
		db().run(sql`update audit_log set data = ${JSON.stringify({ userId: 3, before: { status: 'valid' }, after: { status: 'valid' } })} where id = ${victim.id}`)

		const report = (await verify(cookie)).verify
		expect(report).toEqual({ ok: false, rows: rows.indexOf(victim) + 1, firstBad: { id: victim.id, at: victim.at, action: 'kpi.record.dispute' } })
		expect(report.firstBad!.at.toISOString()).toBe('2026-11-10T02:00:00.000Z')
		expect(verifyChainReport()).toEqual(report)
	})

	test('a row inserted out of chain (a forged prevHash) is found too', async () => {
		const { cookie } = await setUp()
		const last = db().select().from(auditLog).orderBy(auditLog.id).all().at(-1)!
		db().run(
			sql`insert into audit_log (at, actor_id, action, entity, data, prev_hash, hash) values (${Date.now()}, null, 'forged', 'user', '{}', ${'0'.repeat(64)}, ${last.hash})`,
		)
		const report = (await verify(cookie)).verify
		expect(report.ok).toBe(false)
		expect(report.firstBad?.action).toBe('forged')
		expect(report.firstBad?.id).toBe(last.id + 1)
	})

	test('only HR sees the page or verifies; an unknown intent is a 400', async () => {
		const { managerCookie, cookie } = await setUp()
		expect(((await settle(() => loader(args(getRequest('/admin/audit', { cookie: managerCookie }))))) as Response).status).toBe(403)
		expect(((await settle(() => action(args(formRequest('/admin/audit', { intent: 'verify' }, { cookie: managerCookie }))))) as Response).status).toBe(403)
		expect(((await settle(() => action(args(formRequest('/admin/audit', { intent: 'wipe' }, { cookie }))))) as Response).status).toBe(400)
	})
})
