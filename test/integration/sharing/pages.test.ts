import { and, eq } from 'drizzle-orm'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { calendarFeedTokens, sessionAttendance, sessionFeedback, sessionRsvps, sharingSessions } from '#db/schema/sharing.ts'
import { createSession } from '#app/modules/sharing/sessions.server.ts'
import { shanghaiInstant } from '#app/modules/sharing/rules.ts'
import { setClock } from '#app/utils/clock.server.ts'
import en from '#app/locales/en/sharing.ts'
import zh from '#app/locales/zh-CN/sharing.ts'
import SessionPage, { action as sessionAction, loader as sessionLoader } from '#app/routes/_shell.sessions.$id.tsx'
import SessionsPage, { action as listAction, loader as listLoader } from '#app/routes/_shell.sessions._index.tsx'
import NewSessionPage, { action as newAction, loader as newLoader } from '#app/routes/_shell.sessions.new.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { renderInRouter, textOf } from '#test/helpers/render.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, run } from '../performance/helpers.ts'

const { db } = withFreshDatabase()

/** Friday 27 November 2026, noon in Shanghai. */
const NOW = new Date('2026-11-27T04:00:00Z')
/** The session: Thursday 10 December 2026, 19:00–20:30 in Shanghai. */
const STARTS = shanghaiInstant('2026-12-10', '19:00')
const DURING = new Date(STARTS.getTime() + 10 * 60_000)

async function setUp({ capacity = 1 } = {}) {
	setClock(NOW)
	const manager = await createTestUser({ roles: ['manager'], positionType: null, name: '王经理', password: null })
	const speaker = await createTestUser({ name: '刘洋', password: null })
	const rep = await createTestUser({ name: '小新', password: null })
	const other = await createTestUser({ name: '小李', password: null })
	const created = createSession(
		{
			title: '朋友圈运营提升客户触达率',
			topic: '内容日历与互动话术',
			date: '2026-12-10',
			startTime: '19:00',
			endTime: '20:30',
			startsAt: STARTS,
			endsAt: shanghaiInstant('2026-12-10', '20:30'),
			place: '上海总部 3 楼大会议室',
			meetingUrl: null,
			capacity,
			indicators: ['lead_conversion'],
			tags: ['朋友圈'],
			speakerIds: [speaker.id],
		},
		{ id: manager.id, roles: ['staff', 'manager'] },
	)
	if (!created.ok) throw new Error(JSON.stringify(created))
	const cookies = {
		manager: await sessionCookieFor(manager.id),
		speaker: await sessionCookieFor(speaker.id),
		rep: await sessionCookieFor(rep.id),
		other: await sessionCookieFor(other.id),
	}
	return { ids: { manager: manager.id, speaker: speaker.id, rep: rep.id, other: other.id }, sessionId: created.sessionId, cookies }
}

const detail = (cookie: string, id: number) => run(() => sessionLoader(args(getRequest(`/sessions/${id}`, { cookie }), { id: String(id) })))
const postDetail = (cookie: string, id: number, fields: Record<string, string | string[]>) =>
	run(() => sessionAction(args(formRequest(`/sessions/${id}`, fields, { cookie }), { id: String(id) })))
const rsvpOf = (sessionId: number, userId: number) =>
	db()
		.select({ status: sessionRsvps.status })
		.from(sessionRsvps)
		.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.userId, userId)))
		.get()?.status
const codeOf = (sessionId: number) => db().select({ code: sharingSessions.checkInCode }).from(sharingSessions).where(eq(sharingSessions.id, sessionId)).get()!.code
type Errors = { result: { error?: Record<string, string[] | null> } }

/** Every key path of a locale object, for comparing the two languages. */
const keysOf = (value: object, prefix = ''): string[] =>
	Object.entries(value).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]))

describe('/sessions/new', () => {
	test('a rep gets 403 on the page and on posting', async () => {
		const { cookies } = await setUp()
		expect((await run(() => newLoader(args(getRequest('/sessions/new', { cookie: cookies.rep }))))).status).toBe(403)
		expect((await run(() => newAction(args(formRequest('/sessions/new', { title: 'x' }, { cookie: cookies.rep }))))).status).toBe(403)
	})

	test('a manager creates a session and is sent to its page; bad input comes back on its fields with nothing written', async () => {
		const { cookies } = await setUp()
		const fields = {
			title: '异议处理实战',
			topic: '价格异议的三种回应',
			date: '2026-12-17',
			startTime: '19:00',
			endTime: '20:00',
			place: '',
			meetingUrl: 'https://meeting.example.com/123',
			capacity: '20',
			indicators: ['lead_conversion'],
			tags: '异议 价格',
		}
		const before = db().select().from(sharingSessions).all().length
		const bad = await run(() => newAction(args(formRequest('/sessions/new', { ...fields, endTime: '18:00' }, { cookie: cookies.manager }))))
		expect(bad.status).toBe(400)
		expect((bad.body as Errors).result.error?.endTime).toEqual(['sharing.errors.endBeforeStart'])
		expect(db().select().from(sharingSessions).all()).toHaveLength(before)

		const created = await run(() => newAction(args(formRequest('/sessions/new', fields, { cookie: cookies.manager }))))
		expect(created.status).toBe(302)
		const row = db().select().from(sharingSessions).where(eq(sharingSessions.title, '异议处理实战')).get()!
		expect(created.response!.headers.get('Location')).toBe(`/sessions/${row.id}`)
		expect(row.startsAt.toISOString()).toBe('2026-12-17T11:00:00.000Z')
		expect(row.tags).toEqual(['异议', '价格'])
	})

	test('the page suggests speakers for the indicators in the query string and renders in both languages', async () => {
		const { cookies } = await setUp()
		const page = await run(() => newLoader(args(getRequest('/sessions/new?indicators=lead_conversion&indicators=nope', { cookie: cookies.manager }))))
		expect(page.status).toBe(200)
		const body = page.body as Awaited<ReturnType<typeof newLoader>>
		expect(body.chosen).toEqual(['lead_conversion'])
		expect(body.suggestions.map((s) => s.code)).toEqual(['lead_conversion'])
		for (const lng of ['zh-CN', 'en'] as const) {
			const html = await renderInRouter(createElement(NewSessionPage), lng, { loaderData: body, path: '/sessions/new' })
			expect(textOf(html)).not.toMatch(/sharing\./)
			expect(html).toContain('name="speakerIds"')
		}
	})

	test('a picked suggestion (?speakers=, without JavaScript) comes back selected; unknown people are dropped', async () => {
		const { cookies, ids } = await setUp()
		const page = await run(() => newLoader(args(getRequest(`/sessions/new?indicators=lead_conversion&speakers=${ids.speaker}&speakers=999999&speakers=x`, { cookie: cookies.manager }))))
		const body = page.body as Awaited<ReturnType<typeof newLoader>>
		expect(body.speakers).toEqual([ids.speaker])
		const html = await renderInRouter(createElement(NewSessionPage), 'zh-CN', { loaderData: body, path: '/sessions/new' })
		expect(html).toMatch(new RegExp(`<option value="${ids.speaker}" selected="">刘洋</option>`))
	})
})

describe('RSVP', () => {
	test('going takes the seat; the next person goes on the waitlist when it is full', async () => {
		const { ids, sessionId, cookies } = await setUp({ capacity: 1 })
		const first = await run(() => listAction(args(formRequest('/sessions', { intent: 'rsvp', sessionId: String(sessionId), answer: 'going' }, { cookie: cookies.rep }))))
		expect(first.status).toBe(302)
		expect(rsvpOf(sessionId, ids.rep)).toBe('going')

		const second = await postDetail(cookies.other, sessionId, { intent: 'rsvp', answer: 'going' })
		expect(second.status).toBe(302)
		expect(rsvpOf(sessionId, ids.other)).toBe('waitlisted')
		const page = (await detail(cookies.other, sessionId)).body as Awaited<ReturnType<typeof sessionLoader>>['data']
		expect(page.detail.mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })

		// The rep declines: the person waiting gets the seat.
		await postDetail(cookies.rep, sessionId, { intent: 'rsvp', answer: 'declined' })
		expect(rsvpOf(sessionId, ids.other)).toBe('going')
	})

	test('an answer to a cancelled session is refused with 400 and nothing written', async () => {
		const { ids, sessionId, cookies } = await setUp()
		expect((await postDetail(cookies.manager, sessionId, { intent: 'cancel', reason: '讲者出差' })).status).toBe(302)
		const refused = await run(() => listAction(args(formRequest('/sessions', { intent: 'rsvp', sessionId: String(sessionId), answer: 'going' }, { cookie: cookies.rep }))))
		expect(refused.status).toBe(400)
		expect(refused.body).toMatchObject({ errors: ['sharing.errors.cancelled'] })
		expect(rsvpOf(sessionId, ids.rep)).toBeUndefined()
	})
})

describe('check-in, feedback and the organiser', () => {
	test('a wrong code is refused on the code field (400); the right one checks in', async () => {
		const { ids, sessionId, cookies } = await setUp()
		setClock(DURING)
		const code = codeOf(sessionId)
		const wrong = code === '000000' ? '111111' : '000000'
		const refused = await postDetail(cookies.rep, sessionId, { intent: 'checkIn', code: wrong })
		expect(refused.status).toBe(400)
		expect((refused.body as Errors).result.error?.code).toEqual(['sharing.errors.wrongCode'])
		expect(db().select().from(sessionAttendance).all()).toHaveLength(0)

		expect((await postDetail(cookies.rep, sessionId, { intent: 'checkIn', code })).status).toBe(302)
		expect(db().select().from(sessionAttendance).where(eq(sessionAttendance.userId, ids.rep)).all()).toHaveLength(1)
	})

	test('feedback from someone who did not attend is refused (400), from an attendee it is kept', async () => {
		const { ids, sessionId, cookies } = await setUp()
		setClock(DURING)
		const refused = await postDetail(cookies.other, sessionId, { intent: 'feedback', rating: '5', comment: '很好' })
		expect(refused.status).toBe(400)
		expect((refused.body as Errors).result.error?.['']).toEqual(['sharing.errors.notAttended'])
		expect(db().select().from(sessionFeedback).all()).toHaveLength(0)

		await postDetail(cookies.rep, sessionId, { intent: 'checkIn', code: codeOf(sessionId) })
		expect((await postDetail(cookies.rep, sessionId, { intent: 'feedback', rating: '4', comment: '实用' })).status).toBe(302)
		expect(db().select().from(sessionFeedback).all()).toMatchObject([{ userId: ids.rep, rating: 4 }])
	})

	test('marking attendance and cancelling are for the organiser only', async () => {
		const { ids, sessionId, cookies } = await setUp()
		setClock(DURING)
		expect((await postDetail(cookies.rep, sessionId, { intent: 'mark', userIds: [String(ids.other)] })).status).toBe(403)
		expect((await postDetail(cookies.rep, sessionId, { intent: 'cancel', reason: '不想开' })).status).toBe(403)
		expect((await postDetail(cookies.manager, sessionId, { intent: 'mark', userIds: [String(ids.other)] })).status).toBe(302)
		expect(db().select().from(sessionAttendance).where(eq(sessionAttendance.userId, ids.other)).get()?.method).toBe('organizer')
	})

	test("the organiser's panel shows the code during the window; a rep's page does not", async () => {
		const { sessionId, cookies } = await setUp()
		setClock(DURING)
		await postDetail(cookies.rep, sessionId, { intent: 'rsvp', answer: 'going' })
		const code = codeOf(sessionId)
		const organiser = (await detail(cookies.manager, sessionId)).body
		const rep = (await detail(cookies.rep, sessionId)).body
		for (const lng of ['zh-CN', 'en'] as const) {
			const mine = await renderInRouter(createElement(SessionPage), lng, { loaderData: organiser, path: `/sessions/${sessionId}` })
			expect(mine).toContain('data-testid="organiser-code"')
			expect(textOf(mine)).toContain(code)
			expect(textOf(mine)).toContain('小新')
			const theirs = await renderInRouter(createElement(SessionPage), lng, { loaderData: rep, path: `/sessions/${sessionId}` })
			expect(theirs).not.toContain('organiser-code')
			expect(textOf(theirs)).not.toContain(code)
			expect(theirs).toContain('name="code"')
			expect(theirs).toContain(`href="/sessions/${sessionId}.ics"`)
			for (const html of [mine, theirs]) expect(textOf(html)).not.toMatch(/sharing\./)
		}
	})

	test('the speaker sees the feedback summary, the rep does not', async () => {
		const { sessionId, cookies } = await setUp()
		setClock(DURING)
		await postDetail(cookies.rep, sessionId, { intent: 'checkIn', code: codeOf(sessionId) })
		await postDetail(cookies.rep, sessionId, { intent: 'feedback', rating: '5', comment: '干货满满' })
		const speaker = (await detail(cookies.speaker, sessionId)).body
		const html = await renderInRouter(createElement(SessionPage), 'en', { loaderData: speaker, path: `/sessions/${sessionId}` })
		expect(textOf(html)).toContain('Average 5.0 from 1 ratings')
		expect(textOf(html)).toContain('干货满满')
		// The rep sees their own answer in their form, but no summary.
		const rep = (await detail(cookies.rep, sessionId)).body
		expect(textOf(await renderInRouter(createElement(SessionPage), 'en', { loaderData: rep }))).not.toContain('Feedback summary')
	})
})

describe('/sessions', () => {
	test('lists upcoming sessions with the RSVP form, renders in both languages, and shows "new" only to organisers', async () => {
		const { cookies } = await setUp()
		const rep = (await run(() => listLoader(args(getRequest('/sessions', { cookie: cookies.rep }))))).body
		const manager = (await run(() => listLoader(args(getRequest('/sessions', { cookie: cookies.manager }))))).body
		for (const lng of ['zh-CN', 'en'] as const) {
			const html = await renderInRouter(createElement(SessionsPage), lng, { loaderData: rep, path: '/sessions' })
			expect(textOf(html)).toContain('朋友圈运营提升客户触达率')
			expect(html).toContain('name="answer"')
			expect(html).not.toContain('href="/sessions/new"')
			expect(textOf(html)).not.toMatch(/sharing\./)
			expect(await renderInRouter(createElement(SessionsPage), lng, { loaderData: manager, path: '/sessions' })).toContain('href="/sessions/new"')
		}
		const en = textOf(await renderInRouter(createElement(SessionsPage), 'en', { loaderData: rep, path: '/sessions' }))
		expect(en).toContain('Thu, Dec 10, 2026 19:00 – 20:30')
		expect(textOf(await renderInRouter(createElement(SessionsPage), 'zh-CN', { loaderData: rep, path: '/sessions' }))).toContain('2026年12月10日周四 19:00–20:30')
	})

	test('the calendar feed address is shown once after issuing (a reload shows it no more, and issues nothing) and can be revoked', async () => {
		const { ids, cookies } = await setUp()
		const issued = await run(() => listAction(args(formRequest('/sessions', { intent: 'feed-issue' }, { cookie: cookies.rep }))))
		expect(issued.status).toBe(302)
		expect(issued.response!.headers.get('Location')).toBe('/sessions')
		const carried = issued.response!.headers.getSetCookie().find((c) => c.startsWith('ascent_feed='))!
		expect(carried).toMatch(/HttpOnly/i)
		const hash = db().select().from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, ids.rep)).get()!.tokenHash

		const cookie = `${cookies.rep}; ${carried.split(';')[0]}`
		const loaded = (await listLoader(args(getRequest('/sessions', { cookie })))) as unknown as { data: { feedUrl: string | null; hasFeed: boolean }; init: { headers: Headers } }
		const url = loaded.data.feedUrl!
		expect(url).toMatch(/^http:\/\/localhost:3000\/calendar\/[a-z2-7]{52}\.ics$/)
		expect(loaded.data.hasFeed).toBe(true)
		expect(new Headers(loaded.init.headers).get('Set-Cookie')).toMatch(/^ascent_feed=;.*Max-Age=0/)
		const html = await renderInRouter(createElement(SessionsPage), 'zh-CN', { loaderData: loaded.data, path: '/sessions' })
		expect(html).toContain(url)

		// The reload (without the one-time cookie) shows no address and the token is the same one.
		const again = (await run(() => listLoader(args(getRequest('/sessions', { cookie: cookies.rep }))))).body as { feedUrl: string | null; hasFeed: boolean }
		expect(again).toMatchObject({ feedUrl: null, hasFeed: true })
		expect(JSON.stringify(again)).not.toContain(url.split('/').at(-1)!.replace('.ics', ''))
		expect(db().select().from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, ids.rep)).get()!.tokenHash).toBe(hash)

		expect((await run(() => listAction(args(formRequest('/sessions', { intent: 'feed-revoke' }, { cookie: cookies.rep }))))).status).toBe(302)
		expect(db().select().from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, ids.rep)).all()).toHaveLength(0)
	})

	test('the two languages have the same keys', () => {
		expect(keysOf(en).sort()).toEqual(keysOf(zh).sort())
	})
})
