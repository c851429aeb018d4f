import { eq } from 'drizzle-orm'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { badgeAwards, badgeSettings, pointRules, pointsLedger, starNominations } from '#db/schema/gamification.ts'
import { onExamPassed, onLessonCompleted } from '#app/modules/gamification/events.server.ts'
import { awardPoints } from '#app/modules/gamification/points.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import AdminPage, { action as adminAction, loader as adminLoader } from '#app/routes/_shell.admin.gamification.tsx'
import BadgesPage, { action as badgesAction, loader as badgesLoader } from '#app/routes/_shell.badges.tsx'
import { loader as homeLoader } from '#app/routes/_shell._index.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { renderInRouter as render, textOf } from '#test/helpers/render.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, auditsLike, run, type Outcome } from '../performance/helpers.ts'

const { db } = withFreshDatabase()

/** Friday 20 November 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-11-20T02:00:00Z')

async function setUp() {
	setClock(NOW)
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '人力' })
	const manager = await createTestUser({ roles: ['manager'], positionType: null, name: '王经理' })
	const otherManager = await createTestUser({ roles: ['manager'], positionType: null, name: '李经理' })
	const east = createTestTeam('east', manager.id)
	const west = createTestTeam('west', otherManager.id)
	const rep = await createTestUser({ teamId: east.id, name: '小新' })
	const rep2 = await createTestUser({ teamId: east.id, name: '小周' })
	const outsider = await createTestUser({ teamId: west.id, name: '西区小吴' })
	return {
		ids: { hr: hr.id, manager: manager.id, otherManager: otherManager.id, rep: rep.id, rep2: rep2.id, outsider: outsider.id },
		cookies: {
			hr: await sessionCookieFor(hr.id),
			manager: await sessionCookieFor(manager.id),
			otherManager: await sessionCookieFor(otherManager.id),
			rep: await sessionCookieFor(rep.id),
		},
	}
}

const badges = (cookie?: string) => run(() => badgesLoader(args(getRequest('/badges', { cookie }))))
const nominate = (cookie: string | undefined, fields: Record<string, string>) =>
	run(() => badgesAction(args(formRequest('/badges', { intent: 'nominate', ...fields }, { cookie }))))
const admin = (cookie?: string) => run(() => adminLoader(args(getRequest('/admin/gamification', { cookie }))))
const adminPost = (cookie: string | undefined, fields: Record<string, string>) => run(() => adminAction(args(formRequest('/admin/gamification', fields, { cookie }))))

type Reply = { result: { error?: Record<string, string[] | null> | null } }
const errorsOf = (o: Outcome) => (o.body as Reply).result.error ?? {}
const nominations = () => db().select().from(starNominations).all()
const rulesNow = () => db().select({ source: pointRules.source, points: pointRules.points, dailyCap: pointRules.dailyCap }).from(pointRules).all()

/** The price list as the form posts it, with overrides per source. */
function rulesForm(overrides: Record<string, [string, string]> = {}) {
	const fields: Record<string, string> = { intent: 'rules' }
	rulesNow().forEach((rule, i) => {
		const [points, cap] = overrides[rule.source] ?? [String(rule.points), rule.dailyCap === null ? '' : String(rule.dailyCap)]
		fields[`rules[${i}].source`] = rule.source
		fields[`rules[${i}].points`] = points
		fields[`rules[${i}].dailyCap`] = cap
	})
	return fields
}

describe('who may open what', () => {
	test('anonymous people are sent to log in; a rep sees /badges but gets 403 on the admin page and on nominating', async () => {
		const { ids, cookies } = await setUp()
		for (const outcome of [await badges(), await admin(), await nominate(undefined, {}), await adminPost(undefined, { intent: 'rules' })]) {
			expect(outcome.status).toBe(302)
			expect(outcome.response?.headers.get('location')).toMatch(/^\/login/)
		}
		const page = await badges(cookies.rep)
		expect(page.status).toBe(200)
		expect((page.body as Awaited<ReturnType<typeof badgesLoader>>).star).toBeNull()
		expect((await admin(cookies.rep)).status).toBe(403)
		expect((await admin(cookies.manager)).status).toBe(403)
		expect((await adminPost(cookies.rep, rulesForm({ lesson_completed: ['999', ''] }))).status).toBe(403)
		expect((await nominate(cookies.rep, { userId: String(ids.rep2), month: '2026-10', reason: '十月签下三个 KA 客户' })).status).toBe(403)
		expect(nominations()).toEqual([])
		expect(rulesNow().find((r) => r.source === 'lesson_completed')?.points).toBe(10)
	})
})

describe('/badges', () => {
	test('my level, my badges, every badge with its criteria, my latest points with "封顶" where a cap cut them', async () => {
		const { ids, cookies } = await setUp()
		db().transaction((tx) => {
			onExamPassed(tx, { userId: ids.rep, examSlug: 'canary', attemptId: 1, firstTry: true, perfect: false })
			onLessonCompleted(tx, ids.rep, 77)
		})
		db().update(pointRules).set({ dailyCap: 12 }).where(eq(pointRules.source, 'lesson_completed')).run()
		db().transaction((tx) => awardPoints(tx, { userId: ids.rep, source: 'lesson_completed', sourceKey: 'lesson:78' }))

		const page = (await badges(cookies.rep)).body as Awaited<ReturnType<typeof badgesLoader>>
		expect(page.level).toMatchObject({ level: 1, total: 82, next: 100 })
		expect(page.mine.map((b) => b.badge)).toEqual(['first_try'])
		expect(page.catalogue).toHaveLength(9)
		expect(page.catalogue.find((c) => c.code === 'first_try')).toMatchObject({ held: 1, holders: 1, kind: 'event' })
		expect(page.catalogue.find((c) => c.code === 'high_value_account')?.criteria).toBe('points.badges.high_value_account.criteria?value=150000&unit=cny')
		expect(page.history.map((h) => [h.source, h.points, h.capped])).toEqual([
			['lesson_completed', 2, true],
			['lesson_completed', 10, false],
			['exam_first_try', 20, false],
			['exam_passed', 50, false],
		])

		const zh = textOf(await render(createElement(BadgesPage), 'zh-CN', { loaderData: page }))
		expect(zh).toContain('Lv.1 新手')
		expect(zh).toContain('还差 18 分升到 Lv.2')
		expect(zh).toContain('一次通过')
		expect(zh).toContain('一个期间内有一笔销售额记录达到 ¥15 万')
		expect(zh).toContain('封顶')
		expect(zh).toContain('当日已达上限，按规则应得 10 分')
		expect(zh).not.toContain('提名月度之星')
		expect(zh).not.toMatch(/points\.[a-zA-Z]/)
		const en = textOf(await render(createElement(BadgesPage), 'en', { loaderData: page }))
		expect(en).toContain('18 more points to Lv.2')
		expect(en).toContain('A single revenue record of at least ¥150,000 in a period')
		expect(en).toContain('Capped')
		expect(en).not.toMatch(/points\.[a-zA-Z]/)
	})

	test('a manager nominates their own people only: 403 for someone else’s, field errors for a month to come or a repeat', async () => {
		const { ids, cookies } = await setUp()
		const page = (await badges(cookies.manager)).body as Awaited<ReturnType<typeof badgesLoader>>
		expect(page.star?.people.map((p) => p.name)).toEqual(['小周', '小新'])
		expect(page.star?.months.slice(0, 2)).toEqual(['2026-11', '2026-10'])

		expect((await nominate(cookies.manager, { userId: String(ids.outsider), month: '2026-10', reason: '西区的好同事' })).status).toBe(403)
		expect((await nominate(cookies.otherManager, { userId: String(ids.rep), month: '2026-10', reason: '别人团队的人' })).status).toBe(403)
		expect((await nominate(cookies.manager, { userId: String(ids.manager), month: '2026-10', reason: '提名我自己吧' })).status).toBe(403)
		const future = await nominate(cookies.manager, { userId: String(ids.rep), month: '2026-12', reason: '十二月会很好' })
		expect(future.status).toBe(400)
		expect(errorsOf(future).month).toEqual(['points.errors.month'])
		const short = await nominate(cookies.manager, { userId: String(ids.rep), month: '2026-10', reason: '好' })
		expect(short.status).toBe(400)
		expect(errorsOf(short).reason).toEqual(['points.errors.reasonShort'])
		expect(nominations()).toEqual([])

		const done = await nominate(cookies.manager, { userId: String(ids.rep), month: '2026-10', reason: '十月签下三个 KA 客户' })
		expect(done.status).toBe(302)
		expect(done.response?.headers.get('location')).toBe('/badges')
		expect(nominations()).toMatchObject([{ userId: ids.rep, month: '2026-10', status: 'pending', nominatedById: ids.manager, reason: '十月签下三个 KA 客户' }])
		expect(auditsLike('points.star.nominate')).toHaveLength(1)

		const again = await nominate(cookies.manager, { userId: String(ids.rep), month: '2026-10', reason: '再提名一次试试' })
		expect(again.status).toBe(400)
		expect(errorsOf(again).month).toEqual(['points.errors.alreadyNominated'])
		expect(nominations()).toHaveLength(1)

		// The form and the manager's list, in both languages, with the refusal's message.
		const loaderData = (await badges(cookies.manager)).body
		const zh = textOf(await render(createElement(BadgesPage), 'zh-CN', { loaderData, actionData: again.body }))
		expect(zh).toContain('提名月度之星')
		expect(zh).toContain('这位同事该月已经被提名过')
		expect(zh).toContain('待确认')
		expect(zh).not.toMatch(/points\.[a-zA-Z]/)
		const en = textOf(await render(createElement(BadgesPage), 'en', { loaderData }))
		expect(en).toContain('Nominate a monthly star')
		expect(en).toContain('Waiting for HR')
		expect(en).not.toMatch(/points\.[a-zA-Z]/)
	})
})

describe('/admin/gamification', () => {
	test('HR confirms a nomination (月度之星 for that month) or declines it with a note; both audited, decided once', async () => {
		const { ids, cookies } = await setUp()
		await nominate(cookies.manager, { userId: String(ids.rep), month: '2026-10', reason: '十月签下三个 KA 客户' })
		await nominate(cookies.manager, { userId: String(ids.rep2), month: '2026-10', reason: '十月拜访量全组第一' })
		const [first, second] = nominations()

		const page = (await admin(cookies.hr)).body as Awaited<ReturnType<typeof adminLoader>>['data']
		expect(page.pending.map((n) => [n.name, n.month, n.nominatedBy])).toEqual([
			['小新', '2026-10', '王经理'],
			['小周', '2026-10', '王经理'],
		])
		const zh = textOf(await render(createElement(AdminPage), 'zh-CN', { loaderData: page }))
		expect(zh).toContain('待确认的月度之星提名')
		expect(zh).toContain('小新 · 2026年10月')
		expect(zh).toContain('每日上限')
		expect(zh).not.toMatch(/points\.[a-zA-Z]/)

		const confirmed = await adminPost(cookies.hr, { intent: 'decide', nominationId: String(first!.id), decision: 'confirmed' })
		expect(confirmed.status).toBe(302)
		expect(db().select().from(badgeAwards).where(eq(badgeAwards.userId, ids.rep)).all()).toMatchObject([
			{ badge: 'monthly_star', period: '2026-10', awardKey: `nomination:${first!.id}` },
		])

		const noNote = await adminPost(cookies.hr, { intent: 'decide', nominationId: String(second!.id), decision: 'declined' })
		expect(noNote.status).toBe(400)
		expect(errorsOf(noNote).note).toEqual(['points.errors.noteRequired'])
		expect(nominations()[1]!.status).toBe('pending')
		const declined = await adminPost(cookies.hr, { intent: 'decide', nominationId: String(second!.id), decision: 'declined', note: '请补充具体事例' })
		expect(declined.status).toBe(302)
		expect(nominations().map((n) => [n.status, n.decisionNote])).toEqual([
			['confirmed', null],
			['declined', '请补充具体事例'],
		])
		expect(auditsLike('points.star.decide').map((a) => a.data.after)).toMatchObject([{ status: 'confirmed' }, { status: 'declined', note: '请补充具体事例' }])

		// Decided is decided.
		const twice = await adminPost(cookies.hr, { intent: 'decide', nominationId: String(first!.id), decision: 'declined', note: '改主意了' })
		expect(twice.status).toBe(400)
		expect(db().select().from(badgeAwards).all()).toHaveLength(1)

		// The manager sees HR's answer.
		const mine = (await badges(cookies.manager)).body as Awaited<ReturnType<typeof badgesLoader>>
		expect(mine.star?.nominations.map((n) => [n.name, n.status, n.decisionNote])).toEqual([
			['小周', 'declined', '请补充具体事例'],
			['小新', 'confirmed', null],
		])
	})

	test('a bad price list is a 400 on the field with nothing written; a good one is saved and audited', async () => {
		const { cookies } = await setUp()
		const before = rulesNow()
		const capBelow = await adminPost(cookies.hr, rulesForm({ kb_helpful: ['5', '4'] }))
		expect(capBelow.status).toBe(400)
		const index = before.findIndex((r) => r.source === 'kb_helpful')
		expect(errorsOf(capBelow)[`rules[${index}].dailyCap`]).toEqual(['points.errors.capBelowPoints'])
		const tooMany = await adminPost(cookies.hr, rulesForm({ lesson_completed: ['1001', ''] }))
		expect(tooMany.status).toBe(400)
		expect(errorsOf(tooMany)[`rules[${before.findIndex((r) => r.source === 'lesson_completed')}].points`]).toEqual(['points.errors.points'])
		expect(rulesNow()).toEqual(before)
		expect(auditsLike('points.rules')).toEqual([])

		// The refusal renders on its field, in both languages.
		const loaderData = (await admin(cookies.hr)).body
		const zh = textOf(await render(createElement(AdminPage), 'zh-CN', { loaderData, actionData: capBelow.body }))
		expect(zh).toContain('每日上限不能低于每次积分')
		expect(zh).not.toMatch(/points\.[a-zA-Z]/)
		const en = textOf(await render(createElement(AdminPage), 'en', { loaderData, actionData: capBelow.body }))
		expect(en).toContain('The daily cap may not be below the points')
		expect(en).not.toMatch(/points\.[a-zA-Z]/)

		const saved = await adminPost(cookies.hr, rulesForm({ lesson_completed: ['15', ''], kb_helpful: ['5', '30'] }))
		expect(saved.status).toBe(302)
		expect(rulesNow().filter((r) => ['lesson_completed', 'kb_helpful'].includes(r.source))).toEqual([
			{ source: 'lesson_completed', points: 15, dailyCap: null },
			{ source: 'kb_helpful', points: 5, dailyCap: 30 },
		])
		expect(auditsLike('points.rules.update')).toHaveLength(1)
		expect(auditsLike('points.rules.update')[0]!.data.changes).toHaveLength(2)
		// Past entries stay as they were paid; the next event pays the new price.
		expect(db().select().from(pointsLedger).all()).toEqual([])
	})

	test('the 高价值客户开发奖 amount: 1–100,000,000 yuan, "15万" understood, audited', async () => {
		const { cookies } = await setUp()
		const bad = await adminPost(cookies.hr, { intent: 'highValue', amount: '0' })
		expect(bad.status).toBe(400)
		expect(errorsOf(bad).amount).toEqual(['points.errors.amount'])
		const ok = await adminPost(cookies.hr, { intent: 'highValue', amount: '20万' })
		expect(ok.status).toBe(302)
		expect(db().select({ value: badgeSettings.value }).from(badgeSettings).get()?.value).toBe(200_000)
		expect(auditsLike('points.badge_setting.update')[0]!.data).toEqual({ before: { value: 150_000 }, after: { value: 200_000 } })
		expect((await adminPost(cookies.hr, { intent: 'bogus' })).status).toBe(400)
	})
})

describe('home', () => {
	test('everyone with a position type sees their level; HR without one does not', async () => {
		const { ids, cookies } = await setUp()
		db().transaction((tx) => onLessonCompleted(tx, ids.rep, 5))
		const rep = await homeLoader(args(getRequest('/', { cookie: cookies.rep })))
		expect(rep.points).toMatchObject({ level: 1, total: 10, percent: 10 })
		const hr = await homeLoader(args(getRequest('/', { cookie: cookies.hr })))
		expect(hr.points).toBeNull()
	})
})
