import { eq, sql } from 'drizzle-orm'
import { createElement, type ReactNode } from 'react'
import { describe, expect, test } from 'vitest'
import { kbArticles } from '#db/schema/knowledge.ts'
import { coachingSessions, mentoringAssignments, mentorPairings } from '#db/schema/mentoring.ts'
import { alertRules, indicators, kpiAlerts, kpiRecords } from '#db/schema/performance.ts'
import { createPairing } from '#app/modules/mentoring/pairings.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import Home, { loader as homeLoader } from '#app/routes/_shell._index.tsx'
import PairingPage, { action as pairingAction, loader as pairingLoader } from '#app/routes/_shell.mentoring.$pairing.tsx'
import MentoringPage, { loader as dashboardLoader } from '#app/routes/_shell.mentoring._index.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { renderInRouter, textOf } from '#test/helpers/render.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, insertRecord } from '../performance/helpers.ts'

const { db } = withFreshDatabase()

const TODAY = '2026-11-20'

type Result = {
	status: number
	body?: unknown
	headers: Headers
	response?: Response
}

/** What the browser would get from a loader or action: its data (unwrapping `data()`), or the returned or thrown Response. */
async function run(fn: () => Promise<unknown>): Promise<Result> {
	try {
		const value = await fn()
		if (value instanceof Response) return { status: value.status, response: value, headers: value.headers }
		if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit') {
			const wrapped = value as { data: unknown; init: ResponseInit | null }
			return {
				status: wrapped.init?.status ?? 200,
				body: wrapped.data,
				headers: new Headers(wrapped.init?.headers),
			}
		}
		return { status: 200, body: value, headers: new Headers() }
	} catch (error) {
		if (error instanceof Response) return { status: error.status, response: error, headers: error.headers }
		throw error
	}
}

type DashboardData = Exclude<Awaited<ReturnType<typeof dashboardLoader>>, Response>['data']
type PairingData = Exclude<Awaited<ReturnType<typeof pairingLoader>>, Response>['data']
type HomeData = Exclude<Awaited<ReturnType<typeof homeLoader>>, Response>

const indicatorId = (code: string) => db().select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code)).get()!.id
const count = (table: typeof coachingSessions | typeof mentoringAssignments | typeof kpiRecords) =>
	db()
		.select({ n: sql<number>`count(*)` })
		.from(table)
		.get()!.n

function pair(mentorId: number, menteeId: number, actor: { id: number; roles: Array<'hr_admin'> }, startsOn = '2026-09-01') {
	const created = createPairing(
		{
			mentorId,
			menteeId,
			startsOn,
			endsOn: null,
			focus: [
				{
					indicatorId: indicatorId('lead_conversion'),
					fromValue: 8,
					toValue: 15,
					dueOn: '2026-12-31',
				},
			],
		},
		actor
	)
	if (!created.ok) throw new Error(`pairing refused: ${JSON.stringify(created)}`)
	return created.pairingId
}

function insertArticle(slug: string, indicatorCodes: string[]) {
	return db()
		.insert(kbArticles)
		.values({
			slug,
			type: 'objection',
			title: '价格太贵怎么回应',
			titleEn: 'When the price is too high',
			summary: '摘要',
			summaryEn: 'Summary',
			tags: [],
			products: [],
			positions: ['sales_rep'],
			indicators: indicatorCodes,
			related: [],
			author: '作者',
			updatedOn: '2026-10-01',
			code: '',
			bodyText: '',
			contentHash: slug,
			sourcePath: `content/kb/objections/${slug}.mdx`,
			syncedAt: new Date('2026-10-01T00:00:00Z'),
		})
		.returning({ id: kbArticles.id })
		.get().id
}

/** Lead conversion by month (won of 100 assigned leads), June to October. */
function conversions(userId: number, won: readonly number[]) {
	won.forEach((n, i) => {
		const date = `2026-${String(6 + i).padStart(2, '0')}-15`
		insertRecord(userId, 'leads_assigned', date, 100)
		insertRecord(userId, 'leads_won', date, n)
	})
}

async function setUp() {
	setClock(new Date('2026-11-20T02:00:00Z'))
	const manager = await createTestUser({
		roles: ['manager'],
		positionType: null,
		name: '王经理',
	})
	const east = createTestTeam('east', manager.id)
	const otherManager = await createTestUser({
		roles: ['manager'],
		positionType: null,
		name: '李经理',
	})
	const west = createTestTeam('west', otherManager.id)
	const hr = await createTestUser({
		roles: ['hr_admin'],
		positionType: null,
		name: '人力',
	})
	const mentor = await createTestUser({
		roles: ['mentor'],
		teamId: east.id,
		name: '赵导师',
		hireDate: '2022-03-01',
	})
	const otherMentor = await createTestUser({
		roles: ['mentor'],
		teamId: west.id,
		name: '钱导师',
		hireDate: '2022-03-01',
	})
	const rep = await createTestUser({ teamId: east.id, name: '小新' })
	const alerted = await createTestUser({ teamId: east.id, name: '小预警' })
	const colleague = await createTestUser({ teamId: east.id, name: '同事' })
	const outsider = await createTestUser({ teamId: west.id, name: '西区小周' })
	const hrActor = { id: hr.id, roles: ['hr_admin' as const] }
	const pairings = {
		rep: pair(mentor.id, rep.id, hrActor),
		alerted: pair(mentor.id, alerted.id, hrActor, '2026-10-01'),
		outsider: pair(otherMentor.id, outsider.id, hrActor),
	}
	// 小预警 has an open alert: they come before 小新 on the mentor's dashboard.
	const ruleId = db().select({ id: alertRules.id }).from(alertRules).get()!.id
	db()
		.insert(kpiAlerts)
		.values({
			ruleId,
			userId: alerted.id,
			fromDate: '2026-11-17',
			toDate: '2026-11-19',
			values: [5, 8, 6.5],
			openedAt: new Date('2026-11-19T12:00:00Z'),
		})
		.run()
	const article = insertArticle('price-too-high', ['lead_conversion'])
	const cookie = sessionCookieFor
	return {
		ids: {
			manager: manager.id,
			hr: hr.id,
			mentor: mentor.id,
			rep: rep.id,
			alerted: alerted.id,
			outsider: outsider.id,
			colleague: colleague.id,
		},
		pairings,
		article,
		cookies: {
			manager: await cookie(manager.id),
			otherManager: await cookie(otherManager.id),
			hr: await cookie(hr.id),
			mentor: await cookie(mentor.id),
			otherMentor: await cookie(otherMentor.id),
			rep: await cookie(rep.id),
			alerted: await cookie(alerted.id),
			colleague: await cookie(colleague.id),
		},
	}
}

const dashboard = (cookie: string) => run(() => dashboardLoader(args(getRequest('/mentoring', { cookie }))))
const pairingPage = (cookie: string, id: number | string) => run(() => pairingLoader(args(getRequest(`/mentoring/${id}`, { cookie }), { pairing: String(id) })))
const post = (cookie: string, id: number, fields: Record<string, string>) =>
	run(() =>
		pairingAction(
			args(formRequest(`/mentoring/${id}`, fields, { cookie }), {
				pairing: String(id),
			})
		)
	)
const home = async (cookie: string) => (await run(() => homeLoader(args(getRequest('/', { cookie }))))).body as HomeData

const ROLE_PLAY = {
	intent: 'coach',
	kind: 'role_play',
	occurredOn: '2026-11-19',
	notes: '价格异议处理得不错，促成偏急。',
	nextSteps: '下周再演练一次促成。',
	fabeFeature: '4',
	fabeAdvantage: '5',
	fabeBenefit: '3',
	fabeEvidence: '4',
	objectionHandling: '4',
	closing: '5',
}

describe('/mentoring', () => {
	test('a mentor sees only their own running mentees, who needs attention first, uncached', async () => {
		const { ids, cookies, pairings } = await setUp()
		const page = await dashboard(cookies.mentor)
		expect(page.status).toBe(200)
		expect(page.headers.get('Cache-Control')).toBe('no-store')
		const d = page.body as DashboardData
		expect(d.mentees.map((c) => c.pairing.menteeId)).toEqual([ids.alerted, ids.rep])
		expect(d.mentees[0]).toMatchObject({
			pairing: { id: pairings.alerted },
			reasons: ['alerts', 'neverCoached'],
			daysSinceCoaching: null,
		})
		expect(d.mentees[0]!.alerts).toHaveLength(1)
		expect(d.mentees.some((c) => c.pairing.menteeId === ids.outsider)).toBe(false)
		expect(d).toMatchObject({
			isMentor: true,
			myMentor: null,
			teamPairings: null,
			isHr: false,
			canPair: false,
			ended: [],
		})

		const other = (await dashboard(cookies.otherMentor)).body as DashboardData
		expect(other.mentees.map((c) => c.pairing.menteeId)).toEqual([ids.outsider])
	})

	test('the mentee sees their mentor, the manager the team, HR the way to all; someone unpaired the explanation', async () => {
		const { ids, cookies, pairings } = await setUp()
		const mentee = (await dashboard(cookies.rep)).body as DashboardData
		expect(mentee.myMentor).toMatchObject({
			id: pairings.rep,
			mentorId: ids.mentor,
			mentorName: '赵导师',
		})
		expect(mentee.myMentor!.focus.map((f) => f.code)).toEqual(['lead_conversion'])
		expect(mentee.isMentor).toBe(false)

		const manager = (await dashboard(cookies.manager)).body as DashboardData
		expect(manager.teamPairings!.map((p) => p.id).sort()).toEqual([pairings.rep, pairings.alerted].sort())
		expect(manager.canPair).toBe(true)
		const hr = (await dashboard(cookies.hr)).body as DashboardData
		expect(hr).toMatchObject({ isHr: true, canPair: true, teamPairings: null })

		const unpaired = (await dashboard(cookies.colleague)).body as DashboardData
		expect(unpaired).toMatchObject({
			isMentor: false,
			mentees: [],
			myMentor: null,
			teamPairings: null,
			isHr: false,
			ended: [],
			upcoming: [],
		})
	})

	test('a mentor’s ended pairing moves to the past list, one not yet started to its own', async () => {
		const { ids, cookies, pairings } = await setUp()
		db().update(mentorPairings).set({ endsOn: '2026-11-10', endReason: '调岗' }).where(eq(mentorPairings.id, pairings.rep)).run()
		const d = (await dashboard(cookies.mentor)).body as DashboardData
		expect(d.mentees.map((c) => c.pairing.id)).toEqual([pairings.alerted])
		expect(d.ended).toMatchObject([{ id: pairings.rep, endReason: '调岗' }])
		expect(d.upcoming).toEqual([])

		// One that starts next month is listed as about to start, not as a running mentee.
		const later = pair(ids.mentor, (await createTestUser({ name: '新同事' })).id, { id: ids.hr, roles: ['hr_admin'] }, '2026-12-01')
		const again = (await dashboard(cookies.mentor)).body as DashboardData
		expect(again.upcoming.map((p) => p.id)).toEqual([later])
		expect(again.mentees.map((c) => c.pairing.id)).toEqual([pairings.alerted])
	})
})

describe('/mentoring/:pairing', () => {
	test('its mentor, mentee, the mentee’s manager and HR may look; others get 403, a missing pairing 404', async () => {
		const { cookies, pairings } = await setUp()
		for (const [cookie, access] of [
			[cookies.mentor, 'mentor'],
			[cookies.rep, 'mentee'],
			[cookies.manager, 'manager'],
			[cookies.hr, 'hr'],
		] as const) {
			const page = await pairingPage(cookie, pairings.rep)
			expect(page.status, access).toBe(200)
			expect(page.headers.get('Cache-Control')).toBe('no-store')
			const d = page.body as PairingData
			expect(d.detail.access).toBe(access)
			expect(d.detail.canCoach).toBe(access === 'mentor')
			expect(d.canEnd).toBe(access === 'manager' || access === 'hr')
		}
		for (const cookie of [cookies.otherMentor, cookies.colleague, cookies.alerted, cookies.otherManager])
			expect((await pairingPage(cookie, pairings.rep)).status).toBe(403)
		// Signed-out visitors go to log in.
		expect((await run(() => pairingLoader(args(getRequest(`/mentoring/${pairings.rep}`), { pairing: String(pairings.rep) })))).status).toBe(302)
		expect((await run(() => dashboardLoader(args(getRequest('/mentoring'))))).status).toBe(302)
		expect((await post('', pairings.rep, ROLE_PLAY)).status).toBe(302)
		expect(count(coachingSessions)).toBe(0)
		expect((await pairingPage(cookies.hr, 999_999)).status).toBe(404)
		expect((await pairingPage(cookies.mentor, 'abc')).status).toBe(404)
	})

	test('the mentor gets recommendations for the focus indicator and a default due date a week out', async () => {
		const { cookies, pairings, article } = await setUp()
		const d = (await pairingPage(cookies.mentor, pairings.rep)).body as PairingData
		expect(d.detail.recommendations).toMatchObject([
			{
				kind: 'article',
				id: article,
				matches: ['lead_conversion'],
				assigned: false,
			},
		])
		expect(d.defaultDue).toBe('2026-11-27')
		expect(d.today).toBe(TODAY)
		const mentee = (await pairingPage(cookies.rep, pairings.rep)).body as PairingData
		expect(mentee.detail.recommendations).toEqual([])
	})

	test('impact: before and since means, the unpaired peers’ change and the net effect', async () => {
		const { ids, cookies, pairings } = await setUp()
		// 小新 9 % before the pairing (Jun–Aug) and 15 % since (Sep–Oct); the unpaired colleague 10 % then 11 %.
		conversions(ids.rep, [8, 9, 10, 14, 16])
		conversions(ids.colleague, [10, 10, 10, 11, 11])
		const d = (await pairingPage(cookies.manager, pairings.rep)).body as PairingData
		const [lead] = d.detail.impact
		expect(lead!.months).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'])
		expect(lead!.impact.status).toBe('ok')
		if (lead!.impact.status !== 'ok') return
		expect(lead!.impact.before).toBeCloseTo(9, 6)
		expect(lead!.impact.since).toBeCloseTo(15, 6)
		expect(lead!.impact.peerChange).toBeCloseTo(1, 6)
		expect(lead!.impact.effect).toBeCloseTo(5, 6)
		expect(lead!.impact.improved).toBe(true)

		const html = await render(createElement(PairingPage), 'zh-CN', d, `/mentoring/${pairings.rep}`)
		const zh = textOf(html)
		expect(zh).toContain('学员指标有改善')
		expect(zh).toContain('+5 个百分点（+55%）')
		expect(zh).toContain('2026年9月（结对开始）')
		expect(html).toContain('role="img"')
		expect(html).toContain('stroke-dasharray="5 3"')
		const en = textOf(await render(createElement(PairingPage), 'en', d, `/mentoring/${pairings.rep}`))
		expect(en).toContain('+5 pp (+55%)')
		expect(en).toContain('Mentee improved')

		// Without peers' data the page says so and shows no number.
		db().delete(kpiRecords).where(eq(kpiRecords.userId, ids.colleague)).run()
		const none = (await pairingPage(cookies.manager, pairings.rep)).body as PairingData
		expect(none.detail.impact[0]!.impact).toMatchObject({ status: 'insufficient', missing: 'peers', have: 0, need: 2 })
		expect(textOf(await render(createElement(PairingPage), 'zh-CN', none, `/mentoring/${pairings.rep}`))).toContain('只有 0 个月有数据，至少需要 2 个月')
	})

	test('each intent refuses the wrong person with 403 and writes nothing', async () => {
		const { cookies, pairings, article } = await setUp()
		const sessions = count(coachingSessions)
		const records = count(kpiRecords)
		for (const cookie of [cookies.rep, cookies.manager, cookies.hr, cookies.otherMentor, cookies.colleague])
			expect((await post(cookie, pairings.rep, ROLE_PLAY)).status).toBe(403)
		expect(count(coachingSessions)).toBe(sessions)
		expect(count(kpiRecords)).toBe(records)

		const assign = {
			intent: 'assign',
			item: `article:${article}`,
			dueOn: '2026-11-27',
		}
		for (const cookie of [cookies.rep, cookies.manager, cookies.hr, cookies.otherMentor]) expect((await post(cookie, pairings.rep, assign)).status).toBe(403)
		expect(count(mentoringAssignments)).toBe(0)

		// A real assignment, then everyone but the mentee tries to mark it done.
		expect((await post(cookies.mentor, pairings.rep, assign)).status).toBe(302)
		const assignmentId = db().select().from(mentoringAssignments).get()!.id
		const complete = {
			intent: 'complete',
			assignmentId: String(assignmentId),
			redirectTo: '/',
		}
		for (const cookie of [cookies.mentor, cookies.manager, cookies.hr, cookies.alerted]) expect((await post(cookie, pairings.rep, complete)).status).toBe(403)
		// The other mentee cannot mark it done through their own pairing either.
		expect((await post(cookies.alerted, pairings.alerted, complete)).status).toBe(403)
		expect(db().select().from(mentoringAssignments).get()!.completedAt).toBeNull()

		const end = { intent: 'end', reason: '学员调岗到其他区域' }
		for (const cookie of [cookies.mentor, cookies.rep, cookies.otherManager, cookies.otherMentor, cookies.colleague])
			expect((await post(cookie, pairings.rep, end)).status).toBe(403)
		expect(db().select().from(mentorPairings).where(eq(mentorPairings.id, pairings.rep)).get()).toMatchObject({ endsOn: null, endReason: null })

		expect((await post(cookies.mentor, pairings.rep, { intent: 'delete' })).status).toBe(400)
		expect((await post(cookies.mentor, 999_999, ROLE_PLAY)).status).toBe(404)
	})

	test('a scored role-play writes the session and the mentee’s coaching_score record (source assessment, the rubric mean)', async () => {
		const { ids, cookies, pairings } = await setUp()
		const result = await post(cookies.mentor, pairings.rep, ROLE_PLAY)
		expect(result.status).toBe(302)
		expect(result.headers.get('Location')).toBe(`/mentoring/${pairings.rep}`)
		expect(result.headers.get('Set-Cookie')).toContain('ascent_toast')
		const session = db().select().from(coachingSessions).get()!
		expect(session).toMatchObject({
			pairingId: pairings.rep,
			kind: 'role_play',
			occurredOn: '2026-11-19',
			fabeFeature: 4,
			closing: 5,
			loggedById: ids.mentor,
		})
		const record = db()
			.select()
			.from(kpiRecords)
			.where(eq(kpiRecords.indicatorId, indicatorId('coaching_score')))
			.get()!
		// (4 + 5 + 3 + 4 + 4 + 5) / 6 = 4.17
		expect(record).toMatchObject({
			id: session.recordId,
			userId: ids.rep,
			date: '2026-11-19',
			source: 'assessment',
			value: 4.17,
		})

		// The page shows it in the history and the timeline, to the mentee too.
		const d = (await pairingPage(cookies.rep, pairings.rep)).body as PairingData
		expect(d.detail.coaching).toMatchObject([{ kind: 'role_play', score: 4.17, notes: ROLE_PLAY.notes }])
		expect(d.detail.timeline).toContainEqual({
			kind: 'coaching',
			on: '2026-11-19',
			coachingKind: 'role_play',
			score: 4.17,
		})

		// A ride-along ignores the rubric (a score left selected before switching kind) and writes no record.
		const before = count(kpiRecords)
		const ride = await post(cookies.mentor, pairings.rep, {
			intent: 'coach',
			kind: 'ride_along',
			occurredOn: TODAY,
			notes: '陪访客户 A',
			fabeFeature: '4',
		})
		expect(ride.status).toBe(302)
		expect(count(coachingSessions)).toBe(2)
		expect(count(kpiRecords)).toBe(before)
	})

	test('a rubric score of 6 comes back as a field error on that criterion and writes nothing', async () => {
		const { cookies, pairings } = await setUp()
		const records = count(kpiRecords)
		const result = await post(cookies.mentor, pairings.rep, {
			...ROLE_PLAY,
			objectionHandling: '6',
		})
		expect(result.status).toBe(400)
		const body = result.body as {
			intent: string
			result: { error?: Record<string, string[]> }
		}
		expect(body.intent).toBe('coach')
		expect(body.result.error).toEqual({
			objectionHandling: ['mentoring.errors.rubric'],
		})
		expect(count(coachingSessions)).toBe(0)
		expect(count(kpiRecords)).toBe(records)

		// A future day and empty notes too.
		const bad = await post(cookies.mentor, pairings.rep, {
			...ROLE_PLAY,
			occurredOn: '2026-11-21',
			notes: ' ',
		})
		expect(bad.status).toBe(400)
		expect((bad.body as typeof body).result.error).toMatchObject({
			occurredOn: ['mentoring.errors.future'],
			notes: ['mentoring.errors.required'],
		})
		expect(count(coachingSessions)).toBe(0)
	})

	test('assign, then the mentee marks it done from home: it leaves the home page', async () => {
		const { ids, cookies, pairings, article } = await setUp()
		const assigned = await post(cookies.mentor, pairings.rep, {
			intent: 'assign',
			item: `article:${article}`,
			dueOn: '2026-11-27',
		})
		expect(assigned.status).toBe(302)
		const assignment = db().select().from(mentoringAssignments).get()!
		expect(assignment).toMatchObject({
			pairingId: pairings.rep,
			articleId: article,
			dueOn: '2026-11-27',
			assignedById: ids.mentor,
			completedAt: null,
		})

		// Assigning it twice, or with a past due date, comes back to that item's form.
		const twice = await post(cookies.mentor, pairings.rep, {
			intent: 'assign',
			item: `article:${article}`,
			dueOn: '2026-11-27',
		})
		expect(twice.status).toBe(400)
		expect(twice.body).toMatchObject({
			intent: 'assign',
			item: `article:${article}`,
			result: { error: { item: ['mentoring.errors.alreadyAssigned'] } },
		})
		const past = await post(cookies.mentor, pairings.rep, {
			intent: 'assign',
			item: `article:${article}`,
			dueOn: '2026-11-01',
		})
		expect(past.body).toMatchObject({
			result: { error: { dueOn: ['mentoring.errors.dueInPast'] } },
		})
		expect(count(mentoringAssignments)).toBe(1)

		const before = await home(cookies.rep)
		expect(before.mentoring).toMatchObject({
			pairingId: pairings.rep,
			mentorName: '赵导师',
		})
		expect(before.mentoring!.assignments.map((a) => a.id)).toEqual([assignment.id])
		// Someone who is nobody's mentee has no mentoring card.
		expect((await home(cookies.colleague)).mentoring).toBeNull()

		const done = await post(cookies.rep, pairings.rep, {
			intent: 'complete',
			assignmentId: String(assignment.id),
			redirectTo: '/',
		})
		expect(done.status).toBe(302)
		expect(done.headers.get('Location')).toBe('/')
		expect(db().select().from(mentoringAssignments).get()!.completedAt).toBeInstanceOf(Date)
		expect((await home(cookies.rep)).mentoring!.assignments).toEqual([])

		// An off-site redirectTo falls back to the pairing page.
		const again = await post(cookies.rep, pairings.rep, {
			intent: 'complete',
			assignmentId: String(assignment.id),
			redirectTo: '//evil.example',
		})
		expect(again.headers.get('Location')).toBe(`/mentoring/${pairings.rep}`)
		const d = (await pairingPage(cookies.mentor, pairings.rep)).body as PairingData
		expect(d.detail.recommendations[0]!.assigned).toBe(true)
		expect(d.detail.assignments[0]!.doneAt).toBeInstanceOf(Date)
	})

	test('ending keeps the pairing with endsOn today and its reason; a reason is required', async () => {
		const { cookies, pairings } = await setUp()
		const empty = await post(cookies.manager, pairings.rep, {
			intent: 'end',
			reason: '',
		})
		expect(empty.status).toBe(400)
		expect(empty.body).toMatchObject({
			intent: 'end',
			result: { error: { reason: ['mentoring.errors.required'] } },
		})
		expect(db().select().from(mentorPairings).where(eq(mentorPairings.id, pairings.rep)).get()!.endsOn).toBeNull()

		const ended = await post(cookies.manager, pairings.rep, {
			intent: 'end',
			reason: '学员调岗到其他区域',
		})
		expect(ended.status).toBe(302)
		expect(db().select().from(mentorPairings).where(eq(mentorPairings.id, pairings.rep)).get()).toMatchObject({
			endsOn: TODAY,
			endReason: '学员调岗到其他区域',
		})
		// Still readable, no longer coachable or endable; a second end is a form error.
		const d = (await pairingPage(cookies.mentor, pairings.rep)).body as PairingData
		expect(d.detail).toMatchObject({
			canCoach: false,
			pairing: { active: false, endsOn: TODAY },
		})
		expect(((await pairingPage(cookies.hr, pairings.rep)).body as PairingData).canEnd).toBe(false)
		const again = await post(cookies.hr, pairings.rep, {
			intent: 'end',
			reason: '再结束一次',
		})
		expect(again.status).toBe(400)
		expect(again.body).toMatchObject({
			result: { error: { '': ['mentoring.errors.alreadyEnded'] } },
		})
		// The mentor can no longer log coaching on it.
		const late = await post(cookies.mentor, pairings.rep, ROLE_PLAY)
		expect(late.status).toBe(400)
		expect(count(coachingSessions)).toBe(0)
	})
})


const render = (node: ReactNode, lng: 'zh-CN' | 'en', loaderData: unknown, path = '/mentoring') => renderInRouter(node, lng, { loaderData, path })

describe('the pages render in both languages with no missing text', () => {
	test('/mentoring for a mentor and /mentoring/:pairing with a scored role-play', async () => {
		const { cookies, pairings } = await setUp()
		await post(cookies.mentor, pairings.rep, ROLE_PLAY)
		const dash = (await dashboard(cookies.mentor)).body
		const zh = textOf(await render(createElement(MentoringPage), 'zh-CN', dash))
		expect(zh).toContain('我的学员')
		expect(zh).toContain('有未解决预警')
		expect(zh).toContain('1 天前（2026-11-19）')
		expect(zh).not.toMatch(/mentoring\.|learning\.|kpi\./)
		const en = textOf(await render(createElement(MentoringPage), 'en', dash))
		expect(en).toContain('My mentees')
		expect(en).toContain('Never coached')
		expect(en).not.toMatch(/mentoring\.|learning\.|kpi\./)

		const page = (await pairingPage(cookies.mentor, pairings.rep)).body
		const html = await render(createElement(PairingPage), 'zh-CN', page, `/mentoring/${pairings.rep}`)
		const zhPage = textOf(html)
		expect(zhPage).toContain('赵导师 带教 小新')
		expect(zhPage).toContain('记录辅导')
		expect(zhPage).toContain('平均 4.17 分')
		expect(zhPage).toContain('价格太贵怎么回应')
		expect(zhPage).not.toMatch(/mentoring\.|learning\.|kpi\./)
		// The kind and the rubric: radio groups in fieldsets with legends.
		expect(html.match(/<fieldset/g)!.length).toBeGreaterThanOrEqual(8)
		const enPage = textOf(await render(createElement(PairingPage), 'en', page, `/mentoring/${pairings.rep}`))
		expect(enPage).toContain('赵导师 mentoring 小新')
		expect(enPage).toContain('FABE · Evidence')
		expect(enPage).not.toMatch(/mentoring\.|learning\.|kpi\./)
	})

	test('home: the mentee’s card with the mentor and an open article to mark done', async () => {
		const { cookies, pairings, article } = await setUp()
		await post(cookies.mentor, pairings.rep, { intent: 'assign', item: `article:${article}`, dueOn: '2026-11-27' })
		const data = await home(cookies.rep)
		const html = await render(createElement(Home), 'zh-CN', data, '/')
		const zh = textOf(html)
		expect(zh).toContain('我的导师辅导')
		expect(zh).toContain('导师：赵导师')
		expect(zh).toContain('截止 2026-11-27')
		expect(zh).toContain('标记完成')
		expect(html).toContain(`action="/mentoring/${pairings.rep}"`)
		expect(html).toContain('name="redirectTo" value="/"')
		const en = textOf(await render(createElement(Home), 'en', data, '/'))
		expect(en).toContain('My mentoring')
		expect(en).toContain('Mark as done')
		expect(en).not.toMatch(/mentoring\./)
	})
})
