import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { kpiStalePeriods, kpiTargets, targetAdjustments } from '#db/schema/performance.ts'
import { loadAuthUser } from '#app/modules/auth/users.server.ts'
import {
	adjustmentHistory,
	decideAdjustment,
	decideAdjustmentGroup,
	pendingAdjustments,
	proposeAdjustment,
	proposeTeamAdjustment,
} from '#app/modules/performance/adjustments.server.ts'
import { problemText, readProblem } from '#app/modules/performance/targets.ts'
import { setTarget } from '#app/modules/performance/targets.server.ts'
import { action as hrAction, loader as hrLoader } from '#app/routes/_shell.admin.kpi.adjustments.tsx'
import { action as personAction, loader as personLoader } from '#app/routes/_shell.team_.$userId.targets.tsx'
import { action as teamAction, loader as teamLoader } from '#app/routes/_shell.team_.targets.tsx'
import { setClock } from '#app/utils/clock.server.ts'
import { translatorFor } from '#app/utils/meta.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, auditsLike, indicatorId, run } from './helpers.ts'

const { db } = withFreshDatabase()

const NOW = new Date('2026-11-20T02:00:00Z')
const 万 = 10_000

type Reply = { result: { error?: Record<string, string[] | null> } }
const errorsOf = (o: { body?: unknown }) => (o.body as Reply).result.error ?? {}

function zh(text: string) {
	const t = translatorFor('zh-CN')
	return problemText(text, (k, v) => String(t(k as never, v as never)), 'zh-CN')
}

const target = (id: number) => db().select().from(kpiTargets).where(eq(kpiTargets.id, id)).get()!
const adjustment = (id: number) => db().select().from(targetAdjustments).where(eq(targetAdjustments.id, id)).get()!
const adjustmentCount = () => db().select().from(targetAdjustments).all().length
const audits = () => auditsLike('kpi.adjustment.')

async function setUp() {
	setClock(NOW)
	const hr1User = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '人事甲' })
	const hr2User = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '人事乙' })
	const managerUser = await createTestUser({ roles: ['manager'], name: '王经理' })
	const otherManagerUser = await createTestUser({ roles: ['manager'], name: '赵经理' })
	const east = createTestTeam('east', managerUser.id)
	const west = createTestTeam('west', otherManagerUser.id)
	const li = await createTestUser({ teamId: east.id, name: '小李' })
	const zhang = await createTestUser({ teamId: east.id, name: '小张' })
	const wang = await createTestUser({ teamId: east.id, name: '小王' })
	const outsider = await createTestUser({ teamId: west.id, name: '小西' })
	const hr1 = loadAuthUser(hr1User.id)!
	const set = (userId: number, tgt: number) => {
		const r = setTarget({ userId, indicatorId: indicatorId('revenue'), period: '2026-Q4', baseline: tgt * 0.8, target: tgt, challenge: tgt * 1.3, reason: '年度目标分解' }, hr1)
		if (!r.ok) throw new Error(JSON.stringify(r))
		return r.targetId
	}
	const targets = { li: set(li.id, 1000 * 万), zhang: set(zhang.id, 1000 * 万), wang: set(wang.id, 500 * 万), outsider: set(outsider.id, 1000 * 万) }
	db().delete(kpiStalePeriods).run()
	return {
		hr1,
		hr2: loadAuthUser(hr2User.id)!,
		manager: loadAuthUser(managerUser.id)!,
		otherManager: loadAuthUser(otherManagerUser.id)!,
		east,
		people: { li, zhang, wang, outsider },
		targets,
	}
}

describe('proposing', () => {
	test('±20 % of the original target: 1000万 → 800万 is allowed, 799万 is refused naming the range', async () => {
		const { manager, targets } = await setUp()
		const refused = proposeAdjustment({ targetId: targets.li, toTarget: 799 * 万, reason: '市场需求下降' }, manager)
		expect(refused.ok).toBe(false)
		if (refused.ok) return
		const [error] = refused.fieldErrors.toTarget!
		expect(readProblem(error!)).toEqual({
			key: 'kpiAdmin.errors.outOfRange',
			values: { min: String(800 * 万), max: String(1200 * 万), unit: 'cny', value: String(799 * 万) },
		})
		expect(zh(error!)).toBe('超出允许范围：调整后须在 ¥800 万 – ¥1,200 万 之间（原定目标的 ±20%），当前填写 ¥799 万。')
		expect(proposeAdjustment({ targetId: targets.li, toTarget: 1201 * 万, reason: '市场需求上升' }, manager)).toMatchObject({ ok: false })
		expect(adjustmentCount()).toBe(0)

		const allowed = proposeAdjustment({ targetId: targets.li, toTarget: 800 * 万, reason: '市场需求下降' }, manager)
		expect(allowed).toMatchObject({ ok: true })
		if (!allowed.ok) return
		expect(adjustment(allowed.id)).toMatchObject({ status: 'pending', fromTarget: 1000 * 万, toTarget: 800 * 万, proposedById: manager.id, reason: '市场需求下降', groupKey: null })
		// Proposing is not changing: the target and the stored scores stay until HR decides.
		expect(target(targets.li).target).toBe(1000 * 万)
		expect(db().select().from(kpiStalePeriods).all()).toEqual([])
		expect(audits().map((a) => [a.action, a.actorId, a.actorRole])).toEqual([['kpi.adjustment.propose', manager.id, 'manager']])

		// One pending change per target.
		expect(proposeAdjustment({ targetId: targets.li, toTarget: 900 * 万, reason: '再次调整目标' }, manager)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.pendingExists'] })
		expect(proposeAdjustment({ targetId: targets.zhang, toTarget: 1000 * 万, reason: '保持不变试试' }, manager)).toMatchObject({ ok: false, fieldErrors: { toTarget: ['kpiAdmin.errors.noChange'] } })
		expect(proposeAdjustment({ targetId: targets.zhang, toTarget: 900 * 万, reason: '短' }, manager)).toMatchObject({ ok: false, fieldErrors: { reason: ['kpiAdmin.errors.reasonTooShort'] } })
	})

	test('only the person’s manager (or HR) proposes; nobody for their own target; not for a closed period', async () => {
		const { manager, otherManager, hr1, targets, people } = await setUp()
		expect(proposeAdjustment({ targetId: targets.outsider, toTarget: 900 * 万, reason: '市场需求下降' }, manager)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.notYourTeam'] })
		expect(proposeAdjustment({ targetId: targets.li, toTarget: 900 * 万, reason: '市场需求下降' }, otherManager)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.notYourTeam'] })
		const staff = loadAuthUser(people.zhang.id)!
		expect(proposeAdjustment({ targetId: targets.li, toTarget: 900 * 万, reason: '市场需求下降' }, staff)).toMatchObject({ ok: false })
		expect(proposeAdjustment({ targetId: targets.li, toTarget: 900 * 万, reason: '本人申请调整' }, loadAuthUser(people.li.id)!)).toMatchObject({
			ok: false,
			formErrors: ['kpiAdmin.errors.ownTarget'],
		})
		expect(adjustmentCount()).toBe(0)
		expect(proposeAdjustment({ targetId: targets.li, toTarget: 900 * 万, reason: '人力资源提出' }, hr1)).toMatchObject({ ok: true })
		setClock(new Date('2027-01-05T02:00:00Z'))
		expect(proposeAdjustment({ targetId: targets.zhang, toTarget: 900 * 万, reason: '季度结束后调整' }, manager)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.periodClosed'] })
	})
})

describe('deciding', () => {
	test('approving sets the target, scales baseline and challenge, keeps the original, is audited and marks the period stale', async () => {
		const { manager, hr1, hr2, targets } = await setUp()
		const proposed = proposeAdjustment({ targetId: targets.li, toTarget: 800 * 万, reason: '市场需求下降' }, manager)
		if (!proposed.ok) throw new Error('not proposed')
		expect(decideAdjustment(proposed.id, 'approved', null, hr1, new Date('2026-11-21T02:00:00Z'))).toEqual({ ok: true, status: 'approved' })
		expect(target(targets.li)).toMatchObject({ baseline: 640 * 万, target: 800 * 万, challenge: 1040 * 万, originalTarget: 1000 * 万 })
		expect(adjustment(proposed.id)).toMatchObject({ status: 'approved', decidedById: hr1.id, decisionNote: null })
		expect(db().select({ p: kpiStalePeriods.period }).from(kpiStalePeriods).all().map((r) => r.p).sort()).toEqual(['2026-10', '2026-11', '2026-12', '2026-Q4'])
		const approve = audits().find((a) => a.action === 'kpi.adjustment.approve')!
		expect(approve).toMatchObject({ actorId: hr1.id, actorRole: 'hr_admin', entityId: String(proposed.id) })
		expect(approve.data).toMatchObject({
			targetId: targets.li,
			before: { baseline: 800 * 万, target: 1000 * 万, challenge: 1300 * 万 },
			after: { baseline: 640 * 万, target: 800 * 万, challenge: 1040 * 万 },
		})
		expect(decideAdjustment(proposed.id, 'rejected', '重复审批测试', hr2)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.notPending'] })

		// A second change still measures ±20 % from the original 1000万, not from 800万.
		expect(proposeAdjustment({ targetId: targets.li, toTarget: 700 * 万, reason: '继续下调目标' }, manager)).toMatchObject({ ok: false })
		expect(proposeAdjustment({ targetId: targets.li, toTarget: 1200 * 万, reason: '市场回暖上调' }, manager)).toMatchObject({ ok: true })
	})

	test('rejecting keeps the target, needs a note, and is audited', async () => {
		const { manager, hr1, targets } = await setUp()
		const proposed = proposeAdjustment({ targetId: targets.li, toTarget: 900 * 万, reason: '市场需求下降' }, manager)
		if (!proposed.ok) throw new Error('not proposed')
		expect(decideAdjustment(proposed.id, 'rejected', '', hr1)).toMatchObject({ ok: false, fieldErrors: { note: ['kpiAdmin.errors.noteRequired'] } })
		expect(decideAdjustment(proposed.id, 'rejected', '  依据不足，请补充数据  ', hr1)).toEqual({ ok: true, status: 'rejected' })
		expect(target(targets.li)).toMatchObject({ baseline: 800 * 万, target: 1000 * 万, challenge: 1300 * 万 })
		expect(adjustment(proposed.id)).toMatchObject({ status: 'rejected', decidedById: hr1.id, decisionNote: '依据不足，请补充数据' })
		expect(db().select().from(kpiStalePeriods).all()).toEqual([])
		expect(audits().at(-1)).toMatchObject({ action: 'kpi.adjustment.reject', actorId: hr1.id, reason: '依据不足，请补充数据' })
		// History per target, latest first.
		const again = proposeAdjustment({ targetId: targets.li, toTarget: 950 * 万, reason: '补充数据后再提' }, manager, new Date('2026-11-22T02:00:00Z'))
		if (!again.ok) throw new Error('not proposed')
		expect(adjustmentHistory(targets.li).map((a) => [a.status, a.toTarget, a.proposedByName, a.decidedByName])).toEqual([
			['pending', 950 * 万, '王经理', null],
			['rejected', 900 * 万, '王经理', '人事甲'],
		])
		expect(pendingAdjustments().map((a) => a.id)).toEqual([again.id])
	})

	test('segregation: nobody approves their own proposal or a change of their own target; only HR decides', async () => {
		const { manager, hr1, hr2, targets, people } = await setUp()
		const byHr1 = proposeAdjustment({ targetId: targets.zhang, toTarget: 900 * 万, reason: '人力资源提出' }, hr1)
		if (!byHr1.ok) throw new Error('not proposed')
		expect(decideAdjustment(byHr1.id, 'approved', null, hr1)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['kpiAdmin.errors.ownProposal'] })
		expect(decideAdjustment(byHr1.id, 'approved', null, manager)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['kpiAdmin.errors.forbidden'] })
		expect(adjustment(byHr1.id).status).toBe('pending')
		expect(target(targets.zhang).target).toBe(1000 * 万)
		expect(decideAdjustment(byHr1.id, 'approved', '同意', hr2)).toMatchObject({ ok: true })
		expect(target(targets.zhang).target).toBe(900 * 万)

		// HR 乙 has a target of their own; HR 甲 proposes a change, 乙 may not decide it.
		const own = setTarget({ userId: hr2.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', baseline: 80, target: 100, challenge: 130, reason: '人力资源个人目标' }, hr1)
		if (!own.ok) throw new Error('not set')
		const forHr2 = proposeAdjustment({ targetId: own.targetId, toTarget: 90, reason: '工作量调整' }, hr1)
		if (!forHr2.ok) throw new Error('not proposed')
		expect(decideAdjustment(forHr2.id, 'approved', null, hr2)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.ownTarget'] })
		expect(target(own.targetId).target).toBe(100)
		expect(people.li.id).toBeGreaterThan(0)
	})
})

describe('team-wide proposals', () => {
	test('all or nothing: one member beyond ±20 % refuses the lot, naming each offender with the allowed range', async () => {
		const { manager, hr1, hr2, east, targets } = await setUp()
		// 小王's target was cut once already: 500万 → 450万 (original stays 500万, range 400万–600万).
		const cut = proposeAdjustment({ targetId: targets.wang, toTarget: 450 * 万, reason: '个人情况调整' }, manager)
		if (!cut.ok) throw new Error('not proposed')
		decideAdjustment(cut.id, 'approved', null, hr1)
		const before = adjustmentCount()

		// A market shock: −20 % for everyone. 小李 and 小张 may (1000万 → 800万); 小王 would drop to 360万.
		const refused = proposeTeamAdjustment({ teamId: east.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', percent: -20, reason: '市场冲击，全员下调' }, manager)
		expect(refused.ok).toBe(false)
		if (refused.ok) return
		expect(refused.offenders).toEqual([{ userId: expect.any(Number), name: '小王', toTarget: 360 * 万, min: 400 * 万, max: 600 * 万, unit: 'cny' }])
		expect(refused.formErrors.map(zh)).toEqual(['小王：调整为 ¥360 万 超出允许范围 ¥400 万 – ¥600 万。'])
		expect(adjustmentCount()).toBe(before)

		// −10 % fits everyone: one group, one row per member (the manager's own target is never in it).
		const ok = proposeTeamAdjustment({ teamId: east.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', percent: -10, reason: '市场冲击，全员下调' }, manager)
		expect(ok).toMatchObject({ ok: true, count: 3 })
		if (!ok.ok) return
		const group = db().select().from(targetAdjustments).where(eq(targetAdjustments.groupKey, ok.groupKey)).all()
		expect(group.map((a) => [a.targetId, a.fromTarget, a.toTarget]).sort((a, b) => a[0]! - b[0]!)).toEqual([
			[targets.li, 1000 * 万, 900 * 万],
			[targets.zhang, 1000 * 万, 900 * 万],
			[targets.wang, 450 * 万, 405 * 万],
		])
		expect(audits().at(-1)).toMatchObject({ action: 'kpi.adjustment.propose_team', actorId: manager.id, data: { groupKey: ok.groupKey, percent: -10 } })

		// HR decides the group at once.
		expect(decideAdjustmentGroup(ok.groupKey, 'approved', null, hr2)).toMatchObject({ ok: true, count: 3 })
		expect([target(targets.li).target, target(targets.zhang).target, target(targets.wang).target]).toEqual([900 * 万, 900 * 万, 405 * 万])
	})

	test('per-person new targets: each offender named; other teams and strangers refused; a group with one’s own target is refused whole', async () => {
		const { manager, otherManager, hr1, east, targets, people } = await setUp()
		const refused = proposeTeamAdjustment(
			{ teamId: east.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', targets: { [people.li.id]: 1300 * 万, [people.zhang.id]: 700 * 万, [people.wang.id]: 550 * 万 }, reason: '逐人调整目标' },
			manager,
		)
		expect(refused).toMatchObject({ ok: false })
		if (refused.ok) return
		expect(refused.offenders.map((o) => o.name)).toEqual(['小张', '小李'])
		expect(Object.keys(refused.fieldErrors).sort()).toEqual([`targets.${people.li.id}`, `targets.${people.zhang.id}`].sort())
		expect(adjustmentCount()).toBe(0)

		expect(proposeTeamAdjustment({ teamId: east.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', percent: -10, reason: '跨团队调整' }, otherManager)).toMatchObject({
			ok: false,
			formErrors: ['kpiAdmin.errors.notYourTeam'],
		})
		expect(
			proposeTeamAdjustment({ teamId: east.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', targets: { [people.outsider.id]: 900 * 万 }, reason: '夹带外队成员' }, manager),
		).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.notYourTeam'] })

		// HR 甲 proposes for the team and tries to approve the group: refused, and nothing in it decided.
		const byHr = proposeTeamAdjustment({ teamId: east.id, indicatorId: indicatorId('revenue'), period: '2026-Q4', targets: { [people.li.id]: 900 * 万, [people.wang.id]: 450 * 万 }, reason: '人力资源统一调整' }, hr1)
		if (!byHr.ok) throw new Error('not proposed')
		expect(decideAdjustmentGroup(byHr.groupKey, 'approved', null, hr1)).toMatchObject({ ok: false, formErrors: ['kpiAdmin.errors.ownProposal'] })
		expect(pendingAdjustments()).toHaveLength(2)
		expect(target(targets.li).target).toBe(1000 * 万)
	})
})

describe('pages', () => {
	test('a manager cannot open or propose for someone outside their team (403); their own person page works', async () => {
		const { manager, people, targets } = await setUp()
		const cookie = await sessionCookieFor(manager.id)
		const path = (id: number) => `/team/${id}/targets`
		const fields = { intent: 'propose', targetId: String(targets.outsider), toTarget: '900万', reason: '市场需求下降' }
		expect((await run(() => personLoader(args(getRequest(path(people.outsider.id), { cookie }), { userId: String(people.outsider.id) })))).status).toBe(403)
		expect((await run(() => personAction(args(formRequest(path(people.outsider.id), fields, { cookie }), { userId: String(people.outsider.id) })))).status).toBe(403)
		// Nor for their own targets.
		expect((await run(() => personLoader(args(getRequest(path(manager.id), { cookie }), { userId: String(manager.id) })))).status).toBe(403)
		// Smuggling another team's target through a team member's page is refused too.
		expect((await run(() => personAction(args(formRequest(path(people.li.id), fields, { cookie }), { userId: String(people.li.id) })))).status).toBe(404)
		expect(adjustmentCount()).toBe(0)

		const page = await run(() => personLoader(args(getRequest(path(people.li.id), { cookie }), { userId: String(people.li.id) })))
		expect(page.status).toBe(200)
		expect(page.body).toMatchObject({ period: '2026-Q4', targets: [{ id: targets.li, range: { min: 800 * 万, max: 1200 * 万, unit: 'cny' }, pending: null }] })

		const out = await run(() =>
			personAction(args(formRequest(path(people.li.id), { ...fields, targetId: String(targets.li), toTarget: '799万' }, { cookie }), { userId: String(people.li.id) })),
		)
		expect(out.status).toBe(400)
		expect(errorsOf(out).toTarget!.map((e) => zh(e))).toEqual(['超出允许范围：调整后须在 ¥800 万 – ¥1,200 万 之间（原定目标的 ±20%），当前填写 ¥799 万。'])
		const ok = await run(() =>
			personAction(args(formRequest(path(people.li.id), { ...fields, targetId: String(targets.li), toTarget: '800万' }, { cookie }), { userId: String(people.li.id) })),
		)
		expect(ok.status).toBe(302)
		expect(pendingAdjustments().map((a) => [a.userName, a.toTarget])).toEqual([['小李', 800 * 万]])
	})

	test('the team page: managers only; a refused team proposal lists each person', async () => {
		const { manager, hr1, east, people } = await setUp()
		const staffCookie = await sessionCookieFor(people.li.id)
		expect((await run(() => teamLoader(args(getRequest('/team/targets', { cookie: staffCookie })))))).toMatchObject({ status: 403 })
		expect((await run(() => teamAction(args(formRequest('/team/targets', { intent: 'percent' }, { cookie: staffCookie })))))).toMatchObject({ status: 403 })
		expect((await run(async () => teamLoader(args(getRequest('/team/targets', { cookie: await sessionCookieFor(hr1.id) })))))).toMatchObject({ status: 403 })

		const cookie = await sessionCookieFor(manager.id)
		const page = await run(() => teamLoader(args(getRequest('/team/targets', { cookie }))))
		expect(page.status).toBe(200)
		const body = page.body as { team: { id: number }; indicator: { code: string }; members: Array<{ name: string }> }
		expect(body.team.id).toBe(east.id)
		expect(body.indicator.code).toBe('revenue')
		expect(body.members.map((m) => m.name).sort()).toEqual(['小张', '小李', '小王'].sort())

		const base = { teamId: String(east.id), indicatorId: String(indicatorId('revenue')), reason: '市场冲击，全员下调' }
		const refused = await run(() => teamAction(args(formRequest('/team/targets', { ...base, intent: 'percent', percent: '-25' }, { cookie }))))
		expect(refused.status).toBe(400)
		const formErrors = (refused.body as Reply).result.error?.[''] ?? []
		expect(formErrors.map(zh).sort()).toEqual(
			['小李：调整为 ¥750 万 超出允许范围 ¥800 万 – ¥1,200 万。', '小张：调整为 ¥750 万 超出允许范围 ¥800 万 – ¥1,200 万。', '小王：调整为 ¥375 万 超出允许范围 ¥400 万 – ¥600 万。'].sort(),
		)
		expect(adjustmentCount()).toBe(0)
		const each = await run(() =>
			teamAction(args(formRequest('/team/targets', { ...base, intent: 'each', [`targets.${people.zhang.id}`]: '850万', [`targets.${people.li.id}`]: '' }, { cookie }))),
		)
		expect(each.status).toBe(302)
		expect(pendingAdjustments().map((a) => [a.userName, a.toTarget])).toEqual([['小张', 850 * 万]])
	})

	test('HR page: approve and reject by form; one’s own proposal is refused there too; others get 403', async () => {
		const { manager, hr1, hr2, targets } = await setUp()
		const managerCookie = await sessionCookieFor(manager.id)
		expect((await run(() => hrLoader(args(getRequest('/admin/kpi/adjustments', { cookie: managerCookie })))))).toMatchObject({ status: 403 })
		expect((await run(() => hrAction(args(formRequest('/admin/kpi/adjustments', { intent: 'approve', id: '1' }, { cookie: managerCookie })))))).toMatchObject({ status: 403 })

		const a = proposeAdjustment({ targetId: targets.li, toTarget: 800 * 万, reason: '市场需求下降' }, manager)
		const b = proposeAdjustment({ targetId: targets.zhang, toTarget: 900 * 万, reason: '人力资源提出' }, hr1)
		if (!a.ok || !b.ok) throw new Error('not proposed')
		const cookie = await sessionCookieFor(hr1.id)
		const page = await run(() => hrLoader(args(getRequest('/admin/kpi/adjustments', { cookie }))))
		expect((page.body as { pending: unknown[] }).pending).toHaveLength(2)

		const own = await run(() => hrAction(args(formRequest('/admin/kpi/adjustments', { intent: 'approve', id: String(b.id) }, { cookie }))))
		expect(own.status).toBe(400)
		expect(errorsOf(own)['']).toEqual(['kpiAdmin.errors.ownProposal'])
		const noNote = await run(() => hrAction(args(formRequest('/admin/kpi/adjustments', { intent: 'reject', id: String(a.id), note: '' }, { cookie }))))
		expect(noNote.status).toBe(400)
		expect(errorsOf(noNote).note).toEqual(['kpiAdmin.errors.noteRequired'])
		const approved = await run(() => hrAction(args(formRequest('/admin/kpi/adjustments', { intent: 'approve', id: String(a.id), note: '' }, { cookie }))))
		expect(approved.status).toBe(302)
		expect(target(targets.li).target).toBe(800 * 万)
		const rejected = await run(async () =>
			hrAction(args(formRequest('/admin/kpi/adjustments', { intent: 'reject', id: String(b.id), note: '缺少市场数据支撑' }, { cookie: await sessionCookieFor(hr2.id) }))),
		)
		expect(rejected.status).toBe(302)
		expect(target(targets.zhang).target).toBe(1000 * 万)
		const after = await run(() => hrLoader(args(getRequest('/admin/kpi/adjustments', { cookie }))))
		expect((after.body as { pending: unknown[]; decided: Array<{ status: string }> }).decided.map((d) => d.status).sort()).toEqual(['approved', 'rejected'])
	})
})
