import type { LoaderFunctionArgs } from '@remix-run/node'
import { UNSAFE_RemixContext, type UNSAFE_RemixContextObject } from '@remix-run/react'
import { and, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { createInstance } from 'i18next'
import { createElement, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { describe, expect, test } from 'vitest'
import { kpiImportBatches, kpiStalePeriods, kpiTargets, targetAdjustments } from '#db/schema/performance.ts'
import { loadAuthUser } from '#app/modules/auth/users.server.ts'
import { applyTemplateDefaults, importTargets, setTarget, targetsFor } from '#app/modules/performance/targets.server.ts'
import { proposeAdjustment } from '#app/modules/performance/adjustments.server.ts'
import { i18nConfig } from '#app/i18n.ts'
import * as adjustmentsPage from '#app/routes/_shell.admin.kpi.adjustments.tsx'
import * as gridPage from '#app/routes/_shell.admin.kpi.targets._index.tsx'
import * as personPage from '#app/routes/_shell.admin.kpi.targets.$userId.tsx'
import * as templatesPage from '#app/routes/_shell.admin.kpi.templates.tsx'
import * as teamPersonPage from '#app/routes/_shell.team_.$userId.targets.tsx'
import * as teamPage from '#app/routes/_shell.team_.targets.tsx'
import { action as gridAction, loader as gridLoader } from '#app/routes/_shell.admin.kpi.targets._index.tsx'
import { action as personAction, loader as personLoader } from '#app/routes/_shell.admin.kpi.targets.$userId.tsx'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, ORIGIN, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, auditsLike, indicatorId, run, stalePeriods } from './helpers.ts'

const { db } = withFreshDatabase()

const NOW = new Date('2026-11-20T02:00:00Z')


function stored(userId: number, code: string, period: string) {
	return db()
		.select()
		.from(kpiTargets)
		.where(and(eq(kpiTargets.userId, userId), eq(kpiTargets.indicatorId, indicatorId(code)), eq(kpiTargets.period, period)))
		.get()
}

const targetAudits = () => auditsLike('kpi.target.')

async function setUp() {
	setClock(NOW)
	const hrUser = await createTestUser({ roles: ['hr_admin'], positionType: null, email: 'hr@example.com' })
	const managerUser = await createTestUser({ roles: ['manager'], email: 'boss@example.com' })
	const east = createTestTeam('east', managerUser.id)
	const west = createTestTeam('west')
	const rep = await createTestUser({ teamId: east.id, email: 'rep@example.com', name: '小李' })
	const marketer = await createTestUser({ teamId: east.id, positionType: 'marketing', email: 'mk@example.com', name: '小市' })
	const westRep = await createTestUser({ teamId: west.id, email: 'west@example.com', name: '小西' })
	const cs = await createTestUser({ teamId: west.id, positionType: 'customer_success', email: 'cs@example.com', name: '小成' })
	return {
		hr: loadAuthUser(hrUser.id)!,
		manager: loadAuthUser(managerUser.id)!,
		east,
		west,
		rep,
		marketer,
		westRep,
		cs,
	}
}

const revenueGoal = { baseline: 800_000, target: 1_000_000, challenge: 1_300_000 }

describe('setTarget', () => {
	test('HR sets a goal: new targets keep their original; edits are audited with before and after; the quarter and its months go stale', async () => {
		const { hr, rep } = await setUp()
		const created = setTarget({ userId: rep.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', ...revenueGoal, reason: '年度目标分解' }, hr)
		expect(created).toMatchObject({ ok: true, created: true, changed: true })
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ ...revenueGoal, originalTarget: 1_000_000 })
		expect(stalePeriods()).toEqual(['2026-10', '2026-11', '2026-12', '2026-Q4'])

		const edited = setTarget({ userId: rep.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', baseline: 900_000, target: 1_100_000, challenge: 1_400_000, reason: '修正录入错误' }, hr)
		expect(edited).toMatchObject({ ok: true, created: false, changed: true })
		// The ±20 % rule keeps measuring from the target as first set.
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ target: 1_100_000, originalTarget: 1_000_000 })
		// Saving the same values again changes nothing and writes no audit row.
		expect(setTarget({ userId: rep.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', baseline: 900_000, target: 1_100_000, challenge: 1_400_000, reason: '再次确认目标' }, hr)).toMatchObject({ ok: true, changed: false })

		const audits = targetAudits()
		expect(audits.map((a) => [a.action, a.actorId, a.entityId, a.reason])).toEqual([
			['kpi.target.set', hr.id, String(created.ok && created.targetId), '年度目标分解'],
			['kpi.target.set', hr.id, String(created.ok && created.targetId), '修正录入错误'],
		])
		expect(audits[1]!.data).toMatchObject({ before: revenueGoal, after: { baseline: 900_000, target: 1_100_000, challenge: 1_400_000, originalTarget: 1_000_000 }, period: '2026-Q4' })

		// A month target marks only the month.
		db().delete(kpiStalePeriods).run()
		setTarget({ userId: rep.id, indicatorId: indicatorId('revenue'), period: '2027-01', baseline: 1, target: 2, challenge: 3, reason: '一月单独目标' }, hr)
		expect(stalePeriods()).toEqual(['2027-01'])
	})

	test('order: baseline ≤ target ≤ challenge, reversed when lower is better; refused field by field', async () => {
		const { hr, rep, cs } = await setUp()
		const base = { userId: rep.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', reason: '年度目标分解' }
		expect(setTarget({ ...base, baseline: 1_100_000, target: 1_000_000, challenge: 1_300_000 }, hr)).toEqual({
			ok: false,
			formErrors: [],
			fieldErrors: { target: ['kpiAdmin.errors.orderHigher'] },
		})
		expect(setTarget({ ...base, baseline: 0, target: 0, challenge: 0 }, hr)).toMatchObject({ ok: false, fieldErrors: { target: ['kpiAdmin.errors.zeroTarget'] } })
		expect(setTarget({ ...base, baseline: -1, target: 5, challenge: 6, reason: '短' }, hr)).toMatchObject({
			ok: false,
			fieldErrors: { baseline: ['kpiAdmin.errors.negative'], reason: ['kpiAdmin.errors.reasonTooShort'] },
		})
		const hours = { userId: cs.id, indicatorId: indicatorId('resolution_time'), period: '2026-Q4', reason: '客户成功时效目标' }
		expect(setTarget({ ...hours, baseline: 12, target: 24, challenge: 48 }, hr)).toMatchObject({ ok: false, fieldErrors: { target: ['kpiAdmin.errors.orderLower'] } })
		expect(setTarget({ ...hours, baseline: 48, target: 24, challenge: 12 }, hr)).toMatchObject({ ok: true })
		expect(db().select().from(kpiTargets).all()).toHaveLength(1)
	})

	test('only HR, never for oneself, never while an adjustment waits', async () => {
		const { hr, manager, rep } = await setUp()
		const goal = { indicatorId: indicatorId('revenue'), period: '2026-Q4', ...revenueGoal, reason: '年度目标分解' }
		expect(setTarget({ ...goal, userId: rep.id }, manager)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['kpiAdmin.errors.forbidden'] })
		expect(setTarget({ ...goal, userId: hr.id }, hr)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['kpiAdmin.errors.ownTarget'] })
		const set = setTarget({ ...goal, userId: rep.id }, hr)
		if (!set.ok) throw new Error('not set')
		db().insert(targetAdjustments).values({ targetId: set.targetId, fromTarget: 1_000_000, toTarget: 800_000, reason: '市场变化', proposedById: manager.id, proposedAt: NOW }).run()
		expect(setTarget({ ...goal, userId: rep.id, target: 1_100_000 }, hr)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.pendingAdjustment'] })
		const [view] = targetsFor(rep.id, '2026-Q4')
		expect(view).toMatchObject({ code: 'revenue', target: 1_000_000, pending: { toTarget: 800_000, proposedById: manager.id } })
	})
})

describe('applyTemplateDefaults', () => {
	test('a quarter takes the template’s defaults; a month a third of summed indicators and the rest as they are', async () => {
		const { hr, rep, marketer, westRep, cs } = await setUp()
		const quarter = applyTemplateDefaults({ period: '2026-Q4', overwrite: false }, hr)
		// Five people with positions (the manager is a sales rep too); HR (no position) is not one of them.
		expect(quarter).toEqual({ ok: true, people: 5, created: 25, updated: 0, skipped: 0, pending: 0 })
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ ...revenueGoal, originalTarget: 1_000_000 })
		expect(stored(westRep.id, 'lead_conversion', '2026-Q4')).toMatchObject({ baseline: 10, target: 15, challenge: 20 })
		expect(stored(marketer.id, 'leads', '2026-Q4')).toMatchObject({ baseline: 450, target: 600, challenge: 800 })
		expect(stored(cs.id, 'resolution_time', '2026-Q4')).toMatchObject({ baseline: 48, target: 24, challenge: 12 })
		expect(stalePeriods()).toEqual(['2026-10', '2026-11', '2026-12', '2026-Q4'])

		const month = applyTemplateDefaults({ period: '2026-11', positionType: 'sales_rep', overwrite: false }, hr)
		expect(month).toMatchObject({ ok: true, people: 3, created: 15 })
		const revenue = stored(rep.id, 'revenue', '2026-11')!
		expect(revenue.target).toBeCloseTo(333_333.33, 2)
		expect(revenue.baseline).toBeCloseTo(266_666.67, 2)
		expect(stored(rep.id, 'new_customers', '2026-11')!.target).toBeCloseTo(8 / 3, 6)
		// A ratio, an average and a percentage are not divided.
		expect(stored(rep.id, 'lead_conversion', '2026-11')).toMatchObject({ target: 15 })
		expect(stored(rep.id, 'weekly_visits', '2026-11')).toMatchObject({ target: 15 })
		expect(stored(rep.id, 'complaint_satisfaction', '2026-11')).toMatchObject({ target: 90 })
		expect(stored(marketer.id, 'leads', '2026-11')).toBeUndefined()
	})

	test('existing targets are kept unless overwritten; a pending adjustment is never overwritten; team filter; audited', async () => {
		const { hr, manager, rep, marketer, east, westRep } = await setUp()
		const set = setTarget({ userId: rep.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', baseline: 1, target: 2, challenge: 3, reason: '临时目标设定' }, hr)
		setTarget({ userId: rep.id, indicatorId: indicatorId('new_customers'), period: '2026-Q4', baseline: 1, target: 2, challenge: 3, reason: '临时目标设定' }, hr)
		if (!set.ok) throw new Error('not set')

		const kept = applyTemplateDefaults({ period: '2026-Q4', teamId: east.id, overwrite: false }, hr)
		expect(kept).toEqual({ ok: true, people: 2, created: 8, updated: 0, skipped: 2, pending: 0 })
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ target: 2 })
		expect(stored(westRep.id, 'revenue', '2026-Q4')).toBeUndefined()

		db().insert(targetAdjustments).values({ targetId: set.targetId, fromTarget: 2, toTarget: 2.2, reason: '市场变化', proposedById: manager.id, proposedAt: NOW }).run()
		const overwritten = applyTemplateDefaults({ period: '2026-Q4', teamId: east.id, overwrite: true }, hr)
		expect(overwritten).toEqual({ ok: true, people: 2, created: 0, updated: 1, skipped: 9, pending: 1 })
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ target: 2 })
		// Overwritten with the defaults; the original target stays the first one set.
		expect(stored(rep.id, 'new_customers', '2026-Q4')).toMatchObject({ baseline: 6, target: 8, challenge: 12, originalTarget: 2 })
		expect(stored(marketer.id, 'leads', '2026-Q4')).toMatchObject({ target: 600 })

		const audits = targetAudits().filter((a) => a.action === 'kpi.target.apply_defaults')
		expect(audits).toHaveLength(2)
		expect(audits[1]!.data).toMatchObject({ period: '2026-Q4', teamId: east.id, overwrite: true, created: 0, updated: 1, changes: [[rep.id, 'new_customers', 2, 8]] })

		expect(applyTemplateDefaults({ period: '2026-Q4', overwrite: true }, manager)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.forbidden'] })
		expect(applyTemplateDefaults({ period: '2026-Q5', overwrite: true }, hr)).toMatchObject({ ok: false, fieldErrors: { period: ['kpiAdmin.errors.period'] } })
	})
})

const encoder = new TextEncoder()
const csv = (text: string) => encoder.encode(text)

describe('importTargets', () => {
	test('a CSV with Chinese headers sets everything at once, as one audited batch', async () => {
		const { hr, rep, cs } = await setUp()
		const file = csv(
			'\uFEFF邮箱,指标,周期,基准值,目标值,挑战值\r\n' +
				'REP@example.com,销售额,2026-Q4,80万,"1,000,000",1300000\r\n' +
				'rep@example.com,lead_conversion,2026年第4季度,10,15,20\r\n' +
				'cs@example.com,问题解决时效,2026-11,48,24,12\r\n',
		)
		const outcome = await importTargets(file, 'targets.csv', hr)
		expect(outcome).toMatchObject({ ok: true, rows: 3, created: 3, updated: 0, unchanged: 0 })
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ ...revenueGoal, originalTarget: 1_000_000 })
		expect(stored(rep.id, 'lead_conversion', '2026-Q4')).toMatchObject({ target: 15 })
		expect(stored(cs.id, 'resolution_time', '2026-11')).toMatchObject({ baseline: 48, target: 24, challenge: 12 })
		expect(stalePeriods()).toEqual(['2026-10', '2026-11', '2026-12', '2026-Q4'])
		const batch = db().select().from(kpiImportBatches).get()!
		expect(batch).toMatchObject({ kind: 'targets', fileName: 'targets.csv', actorId: hr.id, rows: 3, inserted: 3, updated: 0, unchanged: 0 })
		const [audit] = targetAudits()
		expect(audit).toMatchObject({ action: 'kpi.target.import', batchId: batch.id, actorRole: 'hr_admin' })

		// The same file again changes nothing; a changed value updates and keeps the original.
		expect(await importTargets(file, 'targets.csv', hr)).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 })
		const changed = csv('email,indicator,period,baseline,target,challenge\nrep@example.com,revenue,2026-Q4,700000,900000,1200000\n')
		expect(await importTargets(changed, 'fix.csv', hr)).toMatchObject({ ok: true, updated: 1 })
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ target: 900_000, originalTarget: 1_000_000 })
	})

	test('all or nothing: every problem is named by line and column and nothing is written', async () => {
		const { hr } = await setUp()
		const file = csv(
			[
				'邮箱,指标,周期,基准值,目标值,挑战值',
				'rep@example.com,销售额,2026-Q4,800000,1000000,1300000',
				'nobody@example.com,销售额,2026-Q4,800000,1000000,1300000',
				'rep@example.com,新客户数,2026-Q5,6,8,12',
				'rep@example.com,销售额,2026-Q4,900000,1000000,1300000',
				'rep@example.com,周拜访量,2026-Q4,20,15,12',
				'rep@example.com,魔法值,2026-Q4,abc,,1',
				'hr@example.com,销售额,2026-Q4,1,2,3',
			].join('\n'),
		)
		const outcome = await importTargets(file, 'bad.csv', hr)
		expect(outcome.ok).toBe(false)
		if (outcome.ok) return
		expect(outcome.problems.map((p) => [p.line, p.column, p.key.replace('kpiAdmin.importErrors.', '')])).toEqual([
			[3, '邮箱', 'unknownPerson'],
			[4, '周期', 'period'],
			[5, '', 'duplicateInFile'],
			[6, '目标值', 'orderHigher'],
			[7, '指标', 'unknownIndicator'],
			[7, '基准值', 'number'],
			[7, '目标值', 'required'],
			[8, '邮箱', 'ownTarget'],
		])
		expect(outcome.problems[2]!.values).toEqual({ line: 2 })
		expect(db().select().from(kpiTargets).all()).toEqual([])
		expect(db().select().from(kpiImportBatches).all()).toEqual([])
		expect(targetAudits()).toEqual([])
	})

	test('missing columns, GB18030 and a broken encoding', async () => {
		const { hr, rep } = await setUp()
		const missing = await importTargets(csv('邮箱,指标,周期,目标值\nrep@example.com,销售额,2026-Q4,1\n'), 'x.csv', hr)
		expect(missing).toMatchObject({ ok: false, problems: [{ line: 1, column: '基准值', key: 'kpiAdmin.importErrors.missingColumn' }, { line: 1, column: '挑战值' }] })
		// 邮箱,指标,周期,基准值,目标值,挑战值 / rep@example.com,销售额,… saved by Chinese Excel (GB18030).
		const gb = new Uint8Array(
			Buffer.from(
				'd3cacfe42cd6b8b1ea2cd6dcc6da2cbbf9d7bcd6b52cc4bfb1ead6b52cccf4d5bdd6b50a726570406578616d706c652e636f6d2ccffacadbb6ee2c323032362d51342c312c322c330a',
				'hex',
			),
		)
		expect(await importTargets(gb, 'gb.csv', hr)).toMatchObject({ ok: true, created: 1 })
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ target: 2 })
		expect(await importTargets(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 'u16.csv', hr)).toMatchObject({ ok: false, problems: [{ line: 0, key: 'kpiAdmin.importErrors.encoding' }] })
		expect(await importTargets(csv('email,indicator\n'), 'x.csv', loadAuthUser(rep.id)!)).toMatchObject({ ok: false, problems: [{ key: 'kpiAdmin.importErrors.forbidden' }] })
	})

	test('an .xlsx file: numbers, a period Excel turned into a date, and its row numbers in problems', async () => {
		const { hr, rep, westRep } = await setUp()
		const workbook = new ExcelJS.Workbook()
		const sheet = workbook.addWorksheet('目标')
		sheet.addRow(['邮箱', '指标', '周期', '基准值', '目标值', '挑战值'])
		sheet.addRow(['rep@example.com', '销售额', '2026-Q4', 800000, 1000000, 1300000])
		sheet.addRow(['west@example.com', 'revenue', new Date(Date.UTC(2026, 9, 1)), 200000, 333333.33, 400000])
		const good = new Uint8Array(await workbook.xlsx.writeBuffer())
		expect(await importTargets(good, 'targets.xlsx', hr)).toMatchObject({ ok: true, rows: 2, created: 2 })
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject(revenueGoal)
		expect(stored(westRep.id, 'revenue', '2026-10')).toMatchObject({ target: 333_333.33 })

		sheet.addRow(['rep@example.com', '销售额', '2027-Q1', 1300000, 1000000, 800000])
		const bad = await importTargets(new Uint8Array(await workbook.xlsx.writeBuffer()), 'targets.xlsx', hr)
		expect(bad).toMatchObject({ ok: false, problems: [{ line: 4, column: '目标值', key: 'kpiAdmin.importErrors.orderHigher' }] })
		expect(await importTargets(encoder.encode('PK\u0003\u0004 not really a zip'), 'x.xlsx', hr)).toMatchObject({ ok: false, problems: [{ key: 'kpiAdmin.importErrors.xlsx' }] })
	})
})

describe('/admin/kpi/targets pages', () => {
	test('HR only, loader and action alike', async () => {
		const { manager, rep } = await setUp()
		for (const userId of [manager.id, rep.id]) {
			const cookie = await sessionCookieFor(userId)
			expect((await run(() => gridLoader(args(getRequest('/admin/kpi/targets', { cookie }))))).status).toBe(403)
			expect((await run(() => gridAction(args(formRequest('/admin/kpi/targets', { intent: 'apply', period: '2026-Q4' }, { cookie }))))).status).toBe(403)
			expect((await run(() => personLoader(args(getRequest(`/admin/kpi/targets/${rep.id}`, { cookie }), { userId: String(rep.id) })))).status).toBe(403)
			expect(
				(await run(() => personAction(args(formRequest(`/admin/kpi/targets/${rep.id}`, { intent: 'set' }, { cookie }), { userId: String(rep.id) })))).status,
			).toBe(403)
		}
		expect(db().select().from(kpiTargets).all()).toEqual([])
	})

	test('the table shows people × indicators; applying defaults from the form redirects with the counts', async () => {
		const { hr, east, rep, marketer } = await setUp()
		const cookie = await sessionCookieFor(hr.id)
		const applied = await run(() => gridAction(args(formRequest('/admin/kpi/targets?index', { intent: 'apply', period: '2026-Q4', teamId: String(east.id), positionType: 'sales_rep' }, { cookie }))))
		expect(applied.status).toBe(302)
		expect(applied.response!.headers.get('location')).toBe(`/admin/kpi/targets?period=2026-Q4&team=${east.id}&position=sales_rep`)
		const page = await run(() => gridLoader(args(getRequest(`/admin/kpi/targets?period=2026-Q4&team=${east.id}`, { cookie }))))
		const grid = (page.body as { grid: { people: Array<{ id: number; targets: Record<number, { target: number } | null> }>; columns: Array<{ code: string }> } }).grid
		expect(grid.people.map((p) => p.id).sort()).toEqual([rep.id, marketer.id].sort())
		const repRow = grid.people.find((p) => p.id === rep.id)!
		expect(repRow.targets[indicatorId('revenue')]).toMatchObject({ target: 1_000_000 })
		// The marketer's template indicators are columns too, not set yet.
		expect(grid.people.find((p) => p.id === marketer.id)!.targets[indicatorId('leads')]).toBeNull()
		expect(grid.columns.map((c) => c.code)).toContain('leads')

		const bad = await run(() => gridAction(args(formRequest('/admin/kpi/targets', { intent: 'apply', period: '2026-13' }, { cookie }))))
		expect(bad.status).toBe(400)
	})

	test('uploading a bad file lists the problems; a good one redirects', async () => {
		const { hr, rep } = await setUp()
		const cookie = await sessionCookieFor(hr.id)
		const upload = (text: string, name = 'targets.csv') => {
			const form = new FormData()
			form.append('file', new File([text], name, { type: 'text/csv' }))
			return run(() => gridAction(args(new Request(`${ORIGIN}/admin/kpi/targets?index&period=2026-Q4`, { method: 'POST', body: form, headers: { cookie, origin: ORIGIN } }))))
		}
		const bad = await upload('邮箱,指标,周期,基准值,目标值,挑战值\nrep@example.com,销售额,2026-Q4,1,2,x\n')
		expect(bad.status).toBe(400)
		expect((bad.body as { problems: unknown[] }).problems).toEqual([{ line: 2, column: '挑战值', key: 'kpiAdmin.importErrors.number', values: { value: 'x' } }])
		const good = await upload('邮箱,指标,周期,基准值,目标值,挑战值\nrep@example.com,销售额,2026-Q4,1,2,3\n')
		expect(good.status).toBe(302)
		expect(good.response!.headers.get('location')).toBe('/admin/kpi/targets?period=2026-Q4')
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject({ target: 2 })
	})

	test('one person: template rows with defaults, an edit per indicator, field errors, 404 for nobody', async () => {
		const { hr, rep } = await setUp()
		const cookie = await sessionCookieFor(hr.id)
		const path = `/admin/kpi/targets/${rep.id}`
		const view = await run(() => personLoader(args(getRequest(`${path}?period=2026-11`, { cookie }), { userId: String(rep.id) })))
		expect(view.status).toBe(200)
		const rows = (view.body as { rows: Array<{ indicator: { code: string }; weight: number | null; defaults: { target: number } | null; target: unknown }> }).rows
		expect(rows.map((r) => [r.indicator.code, r.weight])).toEqual([
			['revenue', 50],
			['new_customers', 10],
			['lead_conversion', 20],
			['weekly_visits', 10],
			['complaint_satisfaction', 10],
		])
		expect(rows[0]!.defaults!.target).toBeCloseTo(333_333.33, 2)
		expect((await run(() => personLoader(args(getRequest('/admin/kpi/targets/999999', { cookie }), { userId: '999999' })))).status).toBe(404)

		const fields = { intent: 'set', indicatorId: String(indicatorId('revenue')), period: '2026-Q4', baseline: '80万', target: '100万', challenge: '90万', reason: '年度目标分解' }
		const refused = await run(() => personAction(args(formRequest(path, fields, { cookie }), { userId: String(rep.id) })))
		expect(refused.status).toBe(400)
		expect((refused.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ target: ['kpiAdmin.errors.orderHigher'] })
		const saved = await run(() => personAction(args(formRequest(path, { ...fields, challenge: '130万' }, { cookie }), { userId: String(rep.id) })))
		expect(saved.status).toBe(302)
		expect(saved.response!.headers.get('location')).toBe(`${path}?period=2026-Q4`)
		expect(stored(rep.id, 'revenue', '2026-Q4')).toMatchObject(revenueGoal)

		// HR's own page: forms refused.
		const own = await run(() => personAction(args(formRequest(`/admin/kpi/targets/${hr.id}`, fields, { cookie }), { userId: String(hr.id) })))
		expect(own.status).toBe(400)
	})
})

type Page = { loader: (args: LoaderFunctionArgs) => Promise<unknown>; default: ComponentType }

/** Server-renders a page as the app would: its loader's data through a static router, in one language. */
async function renderPage(page: Page, pattern: string, path: string, cookie: string, lng: 'zh-CN' | 'en') {
	const i18n = createInstance()
	await i18n.use(initReactI18next).init({ ...i18nConfig, lng })
	const handler = createStaticHandler([
		{ id: 'page', path: pattern, loader: ({ request, params }) => page.loader({ request: new Request(request.url, { headers: { cookie } }), params, context: {} }), Component: page.default },
	])
	const context = await handler.query(getRequest(path, { cookie }))
	if (context instanceof Response) throw new Error(`${path}: ${context.status}`)
	expect(context.errors, path).toBeNull()
	const router = createStaticRouter(handler.dataRoutes, context)
	// Link and Form only read the manifest for prefetching and route discovery.
	const remix = { manifest: { routes: {}, entry: { module: '', imports: [] }, url: '', version: '' }, routeModules: {}, future: {}, isSpaMode: false } as unknown as UNSAFE_RemixContextObject
	// Without React's text separators, so assertions read like the page.
	return renderToString(
		createElement(UNSAFE_RemixContext.Provider, { value: remix }, createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context, hydrate: false }))),
	).replace(/<!-- -->/g, '')
}

describe('every page renders in Chinese and English', () => {
	test('no missing translation key, the figures formatted for the reader', async () => {
		const { hr, manager, rep, marketer } = await setUp()
		const other = await createTestUser({ roles: ['hr_admin'], positionType: null })
		applyTemplateDefaults({ period: '2026-Q4', overwrite: false }, hr)
		const target = targetsFor(rep.id, '2026-Q4').find((t) => t.code === 'revenue')!
		proposeAdjustment({ targetId: target.id, toTarget: 800_000, reason: '市场需求下降' }, manager)
		const hrCookie = await sessionCookieFor(other.id)
		const managerCookie = await sessionCookieFor(manager.id)
		for (const lng of ['zh-CN', 'en'] as const) {
			const pages = {
				templates: await renderPage(templatesPage, '/admin/kpi/templates', '/admin/kpi/templates', hrCookie, lng),
				grid: await renderPage(gridPage, '/admin/kpi/targets', '/admin/kpi/targets?period=2026-Q4', hrCookie, lng),
				person: await renderPage(personPage, '/admin/kpi/targets/:userId', `/admin/kpi/targets/${rep.id}`, hrCookie, lng),
				adjustments: await renderPage(adjustmentsPage, '/admin/kpi/adjustments', '/admin/kpi/adjustments', hrCookie, lng),
				teamPerson: await renderPage(teamPersonPage, '/team/:userId/targets', `/team/${marketer.id}/targets`, managerCookie, lng),
				team: await renderPage(teamPage, '/team/targets', '/team/targets', managerCookie, lng),
			}
			for (const [name, html] of Object.entries(pages)) {
				expect(html, name).not.toMatch(/kpiAdmin\.|kpiTerms\.|positions\./)
				expect(html, name).toContain('<h1')
			}
			if (lng === 'zh-CN') {
				expect(pages.templates).toContain('岗位权重模板')
				expect(pages.grid).toContain('¥100 万')
				expect(pages.adjustments).toContain('¥100 万 → ¥80 万')
				expect(pages.teamPerson).toContain('允许范围 480 – 720（原定目标 600 的 ±20%）')
			} else {
				expect(pages.templates).toContain('Role templates')
				expect(pages.grid).toContain('¥1,000,000')
				expect(pages.adjustments).toContain('Decided adjustments')
			}
		}
	})
})
