import { eq, sql } from 'drizzle-orm'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { mentorCapacities, mentorPairings, pairingFocus } from '#db/schema/mentoring.ts'
import { navItemsFor } from '#app/modules/auth/navigation.ts'
import { pairingSuggestions } from '#app/modules/mentoring/suggestions.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import MentoringReportPage, { action as reportAction, headers as reportHeaders, loader as reportLoader } from '#app/routes/_shell.admin.mentoring.tsx'
import { loader as adminLoader } from '#app/routes/_shell.admin._index.tsx'
import NewPairingPage, { action as newAction, loader as newLoader } from '#app/routes/_shell.mentoring.new.tsx'
import TeamPage, { loader as teamLoader } from '#app/routes/_shell.team.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { renderInRouter as render, textOf } from '#test/helpers/render.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, auditsLike, indicatorId, insertRecord, repTargets, run, type Outcome } from '../performance/helpers.ts'

const { db } = withFreshDatabase()

const TODAY = '2026-11-20'

async function setUp() {
	setClock(new Date('2026-11-20T02:00:00Z'))
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '人力' })
	const manager = await createTestUser({ roles: ['manager'], positionType: null, name: '王经理' })
	const otherManager = await createTestUser({ roles: ['manager'], positionType: null, name: '李经理' })
	const east = createTestTeam('east', manager.id)
	const west = createTestTeam('west', otherManager.id)
	const rep = await createTestUser({ teamId: east.id, name: '小新' })
	const rep2 = await createTestUser({ teamId: east.id, name: '小周' })
	const outsider = await createTestUser({ teamId: west.id, name: '西区小吴' })
	const mentor = await createTestUser({ roles: ['mentor'], teamId: west.id, name: '王磊' })
	const mentor2 = await createTestUser({ roles: ['mentor'], teamId: east.id, name: '赵导师' })
	const cookie = (id: number) => sessionCookieFor(id)
	return {
		ids: { hr: hr.id, manager: manager.id, rep: rep.id, rep2: rep2.id, outsider: outsider.id, mentor: mentor.id, mentor2: mentor2.id },
		teams: { east: east.id, west: west.id },
		cookies: {
			hr: await cookie(hr.id),
			manager: await cookie(manager.id),
			otherManager: await cookie(otherManager.id),
			rep: await cookie(rep.id),
			mentor: await cookie(mentor.id),
		},
	}
}

type Reply = { result: { status?: string; error?: Record<string, string[] | null> | null } }

const newPage = (cookie: string, query = '') => run(() => newLoader(args(getRequest(`/mentoring/new${query}`, { cookie }))))
const newPost = (cookie: string, fields: Record<string, string>) => run(() => newAction(args(formRequest('/mentoring/new', fields, { cookie }))))
const report = (cookie: string, query = '') => run(() => reportLoader(args(getRequest(`/admin/mentoring${query}`, { cookie }))))
const reportPost = (cookie: string, fields: Record<string, string>) => run(() => reportAction(args(formRequest('/admin/mentoring', fields, { cookie }))))
const team = (cookie: string, query = '') => run(() => teamLoader(args(getRequest(`/team${query}`, { cookie }))))

const pairingCount = () => db().select({ n: sql<number>`count(*)` }).from(mentorPairings).get()!.n
const errorsOf = (o: Outcome) => (o.body as Reply).result.error ?? {}

/** The pairing form as a browser sends it: three focus rows, the unused ones empty. */
function pairingFields(menteeId: number, mentorId: number, overrides: Record<string, string> = {}) {
	return {
		menteeId: String(menteeId),
		mentorId: String(mentorId),
		startsOn: TODAY,
		endsOn: '',
		'focus[0].indicatorId': String(indicatorId('weekly_visits')),
		'focus[0].fromValue': '',
		'focus[0].toValue': '',
		'focus[0].dueOn': '',
		'focus[1].indicatorId': '',
		'focus[1].fromValue': '',
		'focus[1].toValue': '',
		'focus[1].dueOn': '',
		'focus[2].indicatorId': '',
		'focus[2].fromValue': '',
		'focus[2].toValue': '',
		'focus[2].dueOn': '',
		...overrides,
	}
}

/** A refusal: status 400, exactly this error on this field, and no pairing written. */
async function expectRefused(post: Promise<Outcome>, field: string, key: string, before: number) {
	const outcome = await post
	expect(outcome.status).toBe(400)
	expect(errorsOf(outcome)[field]).toEqual([key])
	expect(pairingCount()).toBe(before)
}

describe('/mentoring/new', () => {
	test('only HR and managers may open it: 403 for a rep and a mentor', async () => {
		const { cookies } = await setUp()
		expect((await newPage(cookies.rep)).status).toBe(403)
		expect((await newPage(cookies.mentor)).status).toBe(403)
		expect((await newPost(cookies.rep, {})).status).toBe(403)
		expect((await newPost(cookies.mentor, {})).status).toBe(403)
	})

	test('a manager picks from their own team, HR from everyone; mentors show the slots left; the query string prefills', async () => {
		const { ids, cookies } = await setUp()
		db().insert(mentorPairings).values({ mentorId: ids.mentor2, menteeId: ids.rep2, startsOn: '2026-10-01' }).run()
		db().insert(mentorCapacities).values({ userId: ids.mentor2, capacity: 1 }).run()

		const managerPage = await newPage(cookies.manager, `?mentee=${ids.rep}&mentor=${ids.mentor}&indicator=${indicatorId('weekly_visits')}`)
		expect(managerPage.status).toBe(200)
		const form = managerPage.body as Awaited<ReturnType<typeof newLoader>>
		expect(form.mentees.map((m) => m.id).sort()).toEqual([ids.rep, ids.rep2, ids.mentor2].sort())
		expect(form.mentees.find((m) => m.id === ids.rep2)?.paired).toBe(true)
		expect(form.mentors).toEqual([
			{ id: ids.mentor, name: '王磊', regionZh: '华东', regionEn: 'East China', left: 3 },
			{ id: ids.mentor2, name: '赵导师', regionZh: '华东', regionEn: 'East China', left: 0 },
		])
		expect(form.prefill).toEqual({ menteeId: ids.rep, mentorId: ids.mentor, indicatorId: indicatorId('weekly_visits') })
		expect(form.today).toBe(TODAY)
		expect(form.isHr).toBe(false)
		// The raw counts behind the conversion rate are not something to focus on.
		expect(form.indicators.map((i) => i.id)).toContain(indicatorId('lead_conversion'))
		expect(form.indicators.map((i) => i.id)).not.toContain(indicatorId('leads_won'))

		// Someone outside the manager's team is not prefilled.
		const outside = (await newPage(cookies.manager, `?mentee=${ids.outsider}&mentor=abc`)).body as typeof form
		expect(outside.prefill).toEqual({ menteeId: undefined, mentorId: undefined, indicatorId: undefined })

		const hrPage = await newPage(cookies.hr)
		expect(hrPage.status).toBe(200)
		const hrForm = hrPage.body as typeof form
		expect(hrForm.mentees.map((m) => m.id)).toContain(ids.outsider)
		expect(hrForm.isHr).toBe(true)
	})

	test('a valid pairing is written with its focus rows and an audit row, then the pairing page opens with a toast', async () => {
		const { ids, cookies } = await setUp()
		const posted = await newPost(
			cookies.manager,
			pairingFields(ids.rep, ids.mentor, {
				'focus[0].fromValue': '10',
				'focus[0].toValue': '15',
				'focus[0].dueOn': '2027-01-31',
				'focus[1].indicatorId': String(indicatorId('lead_conversion')),
			}),
		)
		expect(posted.status).toBe(302)
		const pairing = db().select().from(mentorPairings).get()!
		expect(posted.response!.headers.get('Location')).toBe(`/mentoring/${pairing.id}`)
		expect(posted.response!.headers.get('Set-Cookie')).toContain('ascent_toast')
		expect(pairing).toMatchObject({ mentorId: ids.mentor, menteeId: ids.rep, startsOn: TODAY, endsOn: null, createdById: ids.manager })
		const focus = db().select().from(pairingFocus).where(eq(pairingFocus.pairingId, pairing.id)).orderBy(pairingFocus.position).all()
		expect(focus.map((f) => [f.position, f.indicatorId, f.fromValue, f.toValue, f.dueOn])).toEqual([
			[0, indicatorId('weekly_visits'), 10, 15, '2027-01-31'],
			[1, indicatorId('lead_conversion'), null, null, null],
		])
		const audits = auditsLike('mentoring.pairing.create')
		expect(audits).toHaveLength(1)
		expect(audits[0]).toMatchObject({ actorId: ids.manager, actorRole: 'manager', entityId: String(pairing.id) })
	})

	test('each bad input is refused on its field with status 400 and nothing written', async () => {
		const { ids, cookies } = await setUp()
		const before = pairingCount()
		// Pairing someone with themselves.
		await expectRefused(newPost(cookies.hr, pairingFields(ids.mentor, ids.mentor)), 'mentorId', 'mentoring.errors.self', before)
		// A goal due before the pairing starts.
		await expectRefused(
			newPost(cookies.manager, pairingFields(ids.rep, ids.mentor, { 'focus[0].fromValue': '10', 'focus[0].toValue': '15', 'focus[0].dueOn': '2026-11-01' })),
			'focus[0].dueOn',
			'mentoring.errors.goalBeforeStart',
			before,
		)
		// A manager pairing someone of another team.
		await expectRefused(newPost(cookies.manager, pairingFields(ids.outsider, ids.mentor)), 'menteeId', 'mentoring.errors.menteeNotYours', before)
		// No focus indicator at all.
		await expectRefused(
			newPost(cookies.manager, pairingFields(ids.rep, ids.mentor, { 'focus[0].indicatorId': '' })),
			'focus[0].indicatorId',
			'mentoring.errors.focusRequired',
			before,
		)

		// A mentee who already has a mentor over those days.
		db().insert(mentorPairings).values({ mentorId: ids.mentor2, menteeId: ids.rep, startsOn: '2026-10-01' }).run()
		const withOne = pairingCount()
		await expectRefused(newPost(cookies.manager, pairingFields(ids.rep, ids.mentor)), 'menteeId', 'mentoring.errors.alreadyPaired', withOne)

		// A mentor at capacity (the default 3).
		for (const menteeId of [ids.rep2, ids.outsider])
			db().insert(mentorPairings).values({ mentorId: ids.mentor2, menteeId, startsOn: '2026-10-01' }).run()
		const full = pairingCount()
		const another = await createTestUser({ name: '小钱' })
		await expectRefused(newPost(cookies.hr, pairingFields(another.id, ids.mentor2)), 'mentorId', 'mentoring.errors.capacityFull?capacity=3', full)
		expect(auditsLike('mentoring.pairing')).toHaveLength(0)
	})

	test('the form renders in both languages, with a refusal shown on its field in words', async () => {
		const { ids, cookies } = await setUp()
		const loaderData = (await newPage(cookies.manager, `?mentee=${ids.rep}`)).body
		const actionData = (await newPost(cookies.manager, pairingFields(ids.outsider, ids.mentor))).body
		const zh = textOf(await render(createElement(NewPairingPage), 'zh-CN', { loaderData, actionData }))
		expect(zh).toContain('安排结对')
		expect(zh).toContain('王磊（华东，剩余 3 个名额）')
		expect(zh).toContain('重点指标 1（必填）')
		expect(zh).toContain('你只能为本团队成员安排结对')
		// All three focus rows are back after the refusal, the first with its indicator still chosen.
		expect(zh).toContain('重点指标 3')
		expect(zh).not.toMatch(/mentoringAdmin\.|mentoring\.errors/)
		const en = textOf(await render(createElement(NewPairingPage), 'en', { loaderData }))
		expect(en).toContain('王磊 (East China, 3 slots left)')
		expect(en).toContain('Focus indicator 1 (required)')
		expect(en).not.toMatch(/mentoringAdmin\./)
	})
})

describe('/admin/mentoring', () => {
	test('HR only: the loader and the action answer 403 to anyone else', async () => {
		const { ids, cookies } = await setUp()
		for (const cookie of [cookies.manager, cookies.mentor, cookies.rep]) {
			expect((await report(cookie)).status).toBe(403)
			expect((await reportPost(cookie, { intent: 'capacity', mentorId: String(ids.mentor), capacity: '5' })).status).toBe(403)
		}
		expect(db().select().from(mentorCapacities).all()).toEqual([])
		expect((await run(() => adminLoader(args(getRequest('/admin', { cookie: cookies.hr })))))).toMatchObject({ status: 200 })
	})

	test('HR sees every pairing, the mentors (nothing measured is not 0) and their capacity, uncached', async () => {
		const { ids, cookies } = await setUp()
		const pairing = db().insert(mentorPairings).values({ mentorId: ids.mentor, menteeId: ids.rep, startsOn: '2026-10-01' }).returning().get()
		db().insert(pairingFocus).values({ pairingId: pairing.id, position: 0, indicatorId: indicatorId('weekly_visits') }).run()
		db().insert(mentorPairings).values({ mentorId: ids.mentor2, menteeId: ids.rep2, startsOn: '2026-06-01', endsOn: '2026-09-01' }).run()

		const raw = await reportLoader(args(getRequest('/admin/mentoring', { cookie: cookies.hr })))
		expect(new Headers(raw.init?.headers).get('Cache-Control')).toBe('no-store')
		expect(new Headers(reportHeaders({} as Parameters<typeof reportHeaders>[0])).get('Cache-Control')).toBe('no-store')
		const page = await report(cookies.hr)
		expect(page.status).toBe(200)
		const body = page.body as Awaited<ReturnType<typeof reportLoader>>['data']
		expect(body.pairings.total).toBe(2)
		expect(body.pairings.rows[0]).toMatchObject({ id: pairing.id, menteeName: '小新', mentorName: '王磊', status: 'running', lastDay: null })
		expect(body.pairings.rows[0]!.impact).toMatchObject({ status: 'insufficient', missing: 'before' })
		expect(body.pairings.rows[1]).toMatchObject({ status: 'ended', startsOn: '2026-06-01', lastDay: '2026-08-31', indicator: null, impact: null })
		expect(body.mentors.find((m) => m.mentorId === ids.mentor)).toMatchObject({ pairings: 1, measured: 0, unmeasured: 1, meanEffectRatio: null })
		expect(body.capacities.map((c) => [c.name, c.running, c.capacity, c.left])).toEqual([
			['王磊', 1, 3, 2],
			['赵导师', 0, 3, 3],
		])

		const zh = textOf(await render(createElement(MentoringReportPage), 'zh-CN', { loaderData: body }))
		expect(zh).toContain('数据不足：结对前只有 0 个月有数据，需要 2 个月')
		expect(zh).toContain('2026年10月1日 起')
		expect(zh).toContain('在带 1 名 / 名额 3 名')
		expect(zh).toContain('还没有可计算的成效，暂不画图。')
		expect(zh).not.toMatch(/mentoringAdmin\./)
		const en = textOf(await render(createElement(MentoringReportPage), 'en', { loaderData: body }))
		expect(en).toContain('Not enough data')
		expect(en).toContain('Jun 1, 2026 to Aug 31, 2026')
		expect(en).not.toMatch(/mentoringAdmin\./)
	})

	test('measured pairings: net effect per pairing and per mentor, drawn as bars either side of zero', async () => {
		const { ids, cookies } = await setUp()
		const visits = (userId: number, values: Record<string, number>) => {
			for (const [month, value] of Object.entries(values)) insertRecord(userId, 'weekly_visits', `${month}-05`, value)
		}
		// Started in September: June–August before, September–October since. The unpaired peer stays at 10.
		const months = (before: number, since: number) => ({ '2026-06': before, '2026-07': before, '2026-08': before, '2026-09': since, '2026-10': since })
		visits(ids.rep, months(10, 14))
		visits(ids.rep2, months(10, 8))
		visits(ids.outsider, months(10, 10))
		for (const [mentorId, menteeId] of [
			[ids.mentor, ids.rep],
			[ids.mentor2, ids.rep2],
		] as const) {
			const p = db().insert(mentorPairings).values({ mentorId, menteeId, startsOn: '2026-09-01' }).returning().get()
			db().insert(pairingFocus).values({ pairingId: p.id, position: 0, indicatorId: indicatorId('weekly_visits') }).run()
		}

		const body = (await report(cookies.hr)).body as Awaited<ReturnType<typeof reportLoader>>['data']
		const byMentee = new Map(body.pairings.rows.map((r) => [r.menteeName, r.impact]))
		expect(byMentee.get('小新')).toMatchObject({ status: 'ok', before: 10, since: 14, peerChange: 0, effect: 4, effectRatio: 0.4, improved: true })
		expect(byMentee.get('小周')).toMatchObject({ status: 'ok', effect: -2, effectRatio: -0.2, improved: false })
		expect(body.mentors.map((m) => [m.mentorName, m.measured, m.improved, m.beatPeers, m.meanEffectRatio])).toEqual([
			['王磊', 1, 1, 1, 0.4],
			['赵导师', 1, 0, 0, -0.2],
		])

		const html = await render(createElement(MentoringReportPage), 'zh-CN', { loaderData: body })
		expect(html).toMatch(/<svg[^>]*role="img"/)
		expect(html).toContain('<title')
		const zh = textOf(html)
		expect(zh).toContain('结对前 10 → 结对后 14')
		expect(zh).toContain('净效果 +4（+40%）')
		expect(zh).toContain('净效果 -2（-20%）')
		expect(zh).toContain('王磊 1 1 0 1 1 +40%')
		const en = textOf(await render(createElement(MentoringReportPage), 'en', { loaderData: body }))
		expect(en).toContain('Net effect +4 (+40%)')
		expect(en).toContain('Peers’ change 0')
	})

	test('HR sets a capacity; a bad value is a field error and writes nothing', async () => {
		const { ids, cookies } = await setUp()
		for (const bad of ['21', '-1', 'x', '1.5', '']) {
			const refused = await reportPost(cookies.hr, { intent: 'capacity', mentorId: String(ids.mentor), capacity: bad })
			expect(refused.status).toBe(400)
			expect(errorsOf(refused).capacity).toEqual(['mentoring.errors.capacity'])
			expect((refused.body as { mentorId: number }).mentorId).toBe(ids.mentor)
		}
		// Someone without the mentor role has no capacity to set.
		const notMentor = await reportPost(cookies.hr, { intent: 'capacity', mentorId: String(ids.rep), capacity: '2' })
		expect(notMentor.status).toBe(400)
		expect(errorsOf(notMentor).mentorId).toEqual(['mentoring.errors.mentor'])
		expect(db().select().from(mentorCapacities).all()).toEqual([])
		expect((await reportPost(cookies.hr, { intent: 'other', mentorId: String(ids.mentor), capacity: '2' })).status).toBe(400)

		const saved = await reportPost(cookies.hr, { intent: 'capacity', mentorId: String(ids.mentor), capacity: '5' })
		expect(saved.status).toBe(302)
		expect(saved.response!.headers.get('Location')).toBe('/admin/mentoring')
		expect(db().select({ userId: mentorCapacities.userId, capacity: mentorCapacities.capacity }).from(mentorCapacities).all()).toEqual([
			{ userId: ids.mentor, capacity: 5 },
		])
		expect(auditsLike('mentoring.capacity.set')).toHaveLength(1)
	})

	test('after HR lowers a mentor’s capacity to their running count, the pairing form refuses them', async () => {
		const { ids, cookies } = await setUp()
		db().insert(mentorPairings).values({ mentorId: ids.mentor, menteeId: ids.rep2, startsOn: '2026-10-01' }).run()
		expect((await reportPost(cookies.hr, { intent: 'capacity', mentorId: String(ids.mentor), capacity: '1' })).status).toBe(302)
		const form = (await newPage(cookies.manager)).body as Awaited<ReturnType<typeof newLoader>>
		expect(form.mentors.find((m) => m.id === ids.mentor)?.left).toBe(0)
		const before = pairingCount()
		await expectRefused(newPost(cookies.manager, pairingFields(ids.rep, ids.mentor)), 'mentorId', 'mentoring.errors.capacityFull?capacity=1', before)
	})
})

describe('mentor suggestions', () => {
	/** 小新 (east) made 5 visits a week in October, below the baseline of 12; 王磊 (west) made 18 against 15 last quarter. */
	async function withNeed() {
		const set = await setUp()
		repTargets(set.ids.rep, '2026-Q4')
		insertRecord(set.ids.rep, 'weekly_visits', '2026-10-05', 5)
		// On target for conversion (15 of 100 leads), so weekly visits is the one need.
		insertRecord(set.ids.rep, 'leads_assigned', '2026-10-10', 100)
		insertRecord(set.ids.rep, 'leads_won', '2026-10-10', 15)
		repTargets(set.ids.mentor, '2026-Q3')
		insertRecord(set.ids.mentor, 'weekly_visits', '2026-08-03', 18)
		return set
	}

	test('a person below baseline gets the top mentor on that indicator, with why', async () => {
		const { ids } = await withNeed()
		const rows = pairingSuggestions([ids.rep, ids.rep2])
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({ menteeId: ids.rep, indicatorId: indicatorId('weekly_visits'), reason: 'below', value: 5, month: '2026-10' })
		expect(rows[0]!.suggestions).toEqual([
			expect.objectContaining({ mentorId: ids.mentor, mentorName: '王磊', sameRegion: false, capacityLeft: 3, regionZh: '华东' }),
		])
		expect(rows[0]!.suggestions[0]!.achievement).toBeCloseTo(1.2, 9)
		// Once paired, the need leaves the list.
		db().insert(mentorPairings).values({ mentorId: ids.mentor, menteeId: ids.rep, startsOn: '2026-11-01' }).run()
		expect(pairingSuggestions([ids.rep])).toEqual([])
	})

	test('/team still answers the manager (and refuses a rep), now with the team’s suggestions', async () => {
		const { ids, cookies } = await withNeed()
		expect((await team(cookies.rep)).status).toBe(403)
		const page = await team(cookies.manager)
		expect(page.status).toBe(200)
		const body = page.body as Awaited<ReturnType<typeof teamLoader>>['data']
		expect(body.suggestions.map((s) => [s.menteeName, s.indicator.code, s.suggestions.map((m) => m.mentorName)])).toEqual([['小新', 'weekly_visits', ['王磊']]])
		// Another team's manager sees none of them.
		const other = (await team(cookies.otherManager)).body as typeof body
		expect(other.suggestions).toEqual([])

		const zh = textOf(await render(createElement(TeamPage), 'zh-CN', { loaderData: body }))
		expect(zh).toContain('导师配对建议')
		expect(zh).toContain('2026年10月为 5，低于基准值。')
		expect(zh).toContain('王磊：周拜访量 达成 120%，华东，剩余 3 个名额')
		const html = await render(createElement(TeamPage), 'zh-CN', { loaderData: body })
		expect(html).toContain(`href="/mentoring/new?mentee=${ids.rep}&amp;mentor=${ids.mentor}&amp;indicator=${indicatorId('weekly_visits')}"`)
		const en = textOf(await render(createElement(TeamPage), 'en', { loaderData: body }))
		expect(en).toContain('王磊: Weekly visits 120% of target, East China, 3 slots left')
		expect(en).not.toMatch(/mentoringAdmin\./)

		// HR sees the same on /admin/mentoring, for everyone.
		const admin = (await report(cookies.hr)).body as Awaited<ReturnType<typeof reportLoader>>['data']
		expect(admin.suggestions.rows.map((s) => s.menteeId)).toEqual([ids.rep])
	})
})

describe('navigation', () => {
	test('mentoring is in everyone’s navigation', () => {
		expect(navItemsFor(['staff']).map((i) => i.key)).toContain('mentoring')
	})
})

