import { eq } from 'drizzle-orm'
import ICAL from 'ical.js'
import { afterEach, describe, expect, test } from 'vitest'
import { users } from '#db/schema/auth.ts'
import { calendarFeedTokens, sessionRsvps, sessionSpeakers, sharingSessions, type RsvpStatus } from '#db/schema/sharing.ts'
import { hashToken } from '#app/modules/auth/tokens.ts'
import { feedIcs, sessionIcs } from '#app/modules/sharing/calendar.server.ts'
import { hasFeedToken, issueFeedToken, revokeFeedToken, userForFeedToken } from '#app/modules/sharing/feed-tokens.server.ts'
import { shanghaiInstant } from '#app/modules/sharing/rules.ts'
import { loader as feedLoader } from '#app/routes/calendar.$token.ts'
import { loader as sessionIcsLoader } from '#app/routes/sessions.$id.ics.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { getRequest, ORIGIN, sessionCookieFor, settle } from '#test/helpers/requests.ts'
import { auditsLike } from '#test/integration/performance/helpers.ts'
import { rewriteIcsUrl } from '../../../server/ics-rewrite.ts'

const { db } = withFreshDatabase()

afterEach(() => {
	ICAL.TimezoneService.reset()
})

/** 2026-12-10 19:00–20:30 in Shanghai is 11:00–12:30 UTC. */
const STARTS = new Date('2026-12-10T11:00:00Z')
const ENDS = new Date('2026-12-10T12:30:00Z')
const UPDATED = new Date('2026-11-20T02:00:00Z')

async function organiser() {
	return createTestUser({ name: '王经理', email: 'wang@example.com', roles: ['manager'] })
}

function insertSession(organizerId: number, overrides: Partial<typeof sharingSessions.$inferInsert> = {}): number {
	return db()
		.insert(sharingSessions)
		.values({
			title: '价格异议怎么接：三个真实案例',
			topic: '如何用 FABE 话术化解“太贵了”',
			startsAt: STARTS,
			endsAt: ENDS,
			place: '上海总部 3F 会议室',
			meetingUrl: 'https://meeting.example.com/j/123',
			capacity: 2,
			indicators: ['lead_conversion'],
			tags: ['异议处理'],
			organizerId,
			checkInCode: '482913',
			sequence: 3,
			createdAt: new Date('2026-11-01T02:00:00Z'),
			updatedAt: UPDATED,
			...overrides,
		})
		.returning({ id: sharingSessions.id })
		.get().id
}

function rsvp(sessionId: number, userId: number, status: RsvpStatus) {
	db().insert(sessionRsvps).values({ sessionId, userId, status, respondedAt: new Date('2026-11-21T02:00:00Z') }).run()
}

/**
 * What ical.js forgives but RFC 5545 does not: CRLF lines of at most 75 octets, every calendar
 * property before the first component, DTSTAMP in UTC.
 */
function strictProblems(text: string): string[] {
	const problems: string[] = []
	if (!text.endsWith('END:VCALENDAR')) problems.push('does not end with END:VCALENDAR')
	if (/[^\r]\n/.test(text)) problems.push('bare LF')
	const lines = text.split('\r\n')
	for (const line of lines) if (Buffer.byteLength(line) > 75) problems.push(`longer than 75 octets: ${line}`)
	let depth = 0
	let componentSeen = false
	for (const line of lines.filter((l) => !l.startsWith(' '))) {
		if (line.startsWith('BEGIN:')) {
			depth++
			if (depth === 2) componentSeen = true
		} else if (line.startsWith('END:')) depth--
		else if (depth === 1 && componentSeen) problems.push(`calendar property after a component: ${line}`)
		else if (line.startsWith('DTSTAMP') && !/^DTSTAMP:\d{8}T\d{6}Z$/.test(line)) problems.push(`DTSTAMP not in UTC: ${line}`)
	}
	if (!componentSeen) problems.push('no component')
	return problems
}

/** Parses a calendar the way a client would: its VTIMEZONEs registered, then its events. */
function parse(text: string) {
	expect(strictProblems(text)).toEqual([])
	const calendar = new ICAL.Component(ICAL.parse(text))
	for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
	const events = calendar.getAllSubcomponents('vevent').map((vevent) => ({ vevent, event: new ICAL.Event(vevent) }))
	return { calendar, events }
}

function only<T>(items: T[]): T {
	expect(items).toHaveLength(1)
	return items[0]!
}

const BASE = 'https://ascent.example.com'

describe('one session as .ics', () => {
	test('a VEVENT with a stable UID, Shanghai wall-clock times and the VTIMEZONE that places them at +08:00', async () => {
		const { id: organizerId } = await organiser()
		const speakerA = await createTestUser({ name: '李骨干' })
		const speakerB = await createTestUser({ name: '赵导师' })
		const id = insertSession(organizerId)
		db()
			.insert(sessionSpeakers)
			.values([
				{ sessionId: id, userId: speakerB.id, position: 1 },
				{ sessionId: id, userId: speakerA.id, position: 0 },
			])
			.run()

		const text = sessionIcs(id, BASE)!
		expect(text).toContain('\r\n')
		const { calendar, events } = parse(text)
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
		expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Ascent//Sharing sessions//ZH')
		expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')

		const zone = only(calendar.getAllSubcomponents('vtimezone'))
		expect(zone.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai')
		const standard = only(zone.getAllSubcomponents('standard'))
		expect(standard.getFirstPropertyValue('tzoffsetto')?.toString()).toBe('+08:00')
		expect(text).toContain('TZOFFSETTO:+0800')

		const { vevent, event } = only(events)
		expect(event.uid).toBe(`session-${id}@ascent.example.com`)
		const dtstart = vevent.getFirstProperty('dtstart')!
		expect(dtstart.getParameter('tzid')).toBe('Asia/Shanghai')
		expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20261210T190000')
		expect(text).toContain('DTEND;TZID=Asia/Shanghai:20261210T203000')
		expect([event.startDate.hour, event.startDate.minute]).toEqual([19, 0])
		expect(event.startDate.zone?.tzid).toBe('Asia/Shanghai')
		expect(event.startDate.toJSDate()).toEqual(STARTS)
		expect(event.startDate.toJSDate()).toEqual(shanghaiInstant('2026-12-10', '19:00'))
		expect(event.endDate.toJSDate()).toEqual(ENDS)
		expect(event.startDate.convertToZone(ICAL.Timezone.utcTimezone).toString()).toBe('2026-12-10T11:00:00Z')

		expect(event.summary).toBe('价格异议怎么接：三个真实案例')
		expect(event.location).toBe('上海总部 3F 会议室 · https://meeting.example.com/j/123')
		expect(vevent.getFirstPropertyValue('url')).toBe(`${BASE}/sessions/${id}`)
		expect(event.description).toBe(`如何用 FABE 话术化解“太贵了”\n\n讲者 / Speakers: 李骨干、赵导师\n\n${BASE}/sessions/${id}`)
		expect(event.sequence).toBe(3)
		expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED')
		expect(vevent.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-20T02:00:00Z')
		const organizer = vevent.getFirstProperty('organizer')!
		expect(organizer.getFirstValue()).toBe('mailto:wang@example.com')
		expect(organizer.getParameter('cn')).toBe('王经理')
	})

	test('a place alone, or a link alone, is the LOCATION; long Chinese lines are folded on whole characters', async () => {
		const { id: organizerId } = await organiser()
		const inRoom = insertSession(organizerId, { meetingUrl: null, topic: '长'.repeat(200) })
		const online = insertSession(organizerId, { place: null })
		const roomText = sessionIcs(inRoom, BASE)!
		expect(only(parse(roomText).events).event.location).toBe('上海总部 3F 会议室')
		expect(only(parse(roomText).events).event.description.startsWith('长'.repeat(200))).toBe(true)
		for (const line of roomText.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
		expect(only(parse(sessionIcs(online, BASE)!).events).event.location).toBe('https://meeting.example.com/j/123')
	})

	test('a changed session is the same event with the next SEQUENCE; a cancelled one says STATUS:CANCELLED', async () => {
		const { id: organizerId } = await organiser()
		const id = insertSession(organizerId)
		const before = only(parse(sessionIcs(id, BASE)!).events).event

		db()
			.update(sharingSessions)
			.set({ startsAt: shanghaiInstant('2026-12-11', '19:00'), endsAt: shanghaiInstant('2026-12-11', '20:30'), sequence: 4, updatedAt: new Date('2026-11-25T02:00:00Z') })
			.where(eq(sharingSessions.id, id))
			.run()
		const moved = only(parse(sessionIcs(id, BASE)!).events)
		expect(moved.event.uid).toBe(before.uid)
		expect(moved.event.sequence).toBe(4)
		expect(moved.event.startDate.toJSDate()).toEqual(new Date('2026-12-11T11:00:00Z'))
		expect(moved.vevent.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-25T02:00:00Z')

		db()
			.update(sharingSessions)
			.set({ cancelledAt: new Date('2026-11-26T02:00:00Z'), cancelReason: '讲者出差', sequence: 5, updatedAt: new Date('2026-11-26T02:00:00Z') })
			.where(eq(sharingSessions.id, id))
			.run()
		const cancelled = only(parse(sessionIcs(id, BASE)!).events)
		expect(cancelled.event.uid).toBe(before.uid)
		expect(cancelled.event.sequence).toBe(5)
		expect(cancelled.vevent.getFirstPropertyValue('status')).toBe('CANCELLED')
	})

	test('no such session is null', async () => {
		expect(sessionIcs(999, BASE)).toBeNull()
		expect(sessionIcs(0, BASE)).toBeNull()
		expect(sessionIcs(Number.NaN, BASE)).toBeNull()
	})
})

describe('personal feed', () => {
	test('lists what the person is going to, and a cancelled session they were going to; not waitlisted, not declined, not others’', async () => {
		const { id: organizerId } = await organiser()
		const me = await createTestUser()
		const other = await createTestUser()
		const going = insertSession(organizerId, { title: '去的' })
		const waitlisted = insertSession(organizerId, { title: '候补的' })
		const declined = insertSession(organizerId, { title: '不去的' })
		const cancelled = insertSession(organizerId, { title: '取消的', startsAt: shanghaiInstant('2026-12-03', '19:00'), endsAt: shanghaiInstant('2026-12-03', '20:00'), cancelledAt: new Date('2026-11-26T02:00:00Z'), sequence: 4 })
		const othersOnly = insertSession(organizerId, { title: '别人的' })
		rsvp(going, me.id, 'going')
		rsvp(waitlisted, other.id, 'going')
		rsvp(waitlisted, organizerId, 'going')
		rsvp(waitlisted, me.id, 'waitlisted')
		rsvp(declined, me.id, 'declined')
		rsvp(cancelled, me.id, 'going')
		rsvp(othersOnly, other.id, 'going')

		const text = feedIcs(me.id, BASE)
		const { calendar, events } = parse(text)
		expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
		expect(only(calendar.getAllSubcomponents('vtimezone')).getFirstPropertyValue('tzid')).toBe('Asia/Shanghai')
		expect(events.map(({ event }) => event.uid)).toEqual([`session-${cancelled}@ascent.example.com`, `session-${going}@ascent.example.com`])
		expect(events.map(({ event }) => event.summary)).toEqual(['取消的', '去的'])
		expect(events.map(({ vevent }) => vevent.getFirstPropertyValue('status'))).toEqual(['CANCELLED', 'CONFIRMED'])
		expect(events[0]!.event.sequence).toBe(4)
		for (const { vevent } of events) expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai')
		// The same UID as the single download, so subscribing after downloading does not duplicate it.
		expect(only(parse(sessionIcs(going, BASE)!).events).event.uid).toBe(events[1]!.event.uid)
	})

	test('an empty feed is still a calendar with one component', async () => {
		const me = await createTestUser()
		const { calendar, events } = parse(feedIcs(me.id, BASE))
		expect(events).toEqual([])
		expect(only(calendar.getAllSubcomponents('vtimezone')).getFirstPropertyValue('tzid')).toBe('Asia/Shanghai')
	})
})

describe('feed tokens', () => {
	test('only the SHA-256 is stored; a new token replaces the old; revoking cuts it off; each change is audited', async () => {
		const me = await createTestUser()
		expect(hasFeedToken(me.id)).toBe(false)
		const first = issueFeedToken(me.id)
		expect(first).toMatch(/^[a-z2-7]{52}$/)
		expect(hasFeedToken(me.id)).toBe(true)
		const stored = db().select().from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, me.id)).get()!
		expect(stored.tokenHash).toBe(hashToken(first))
		expect(stored.tokenHash).not.toContain(first)
		expect(userForFeedToken(first)).toBe(me.id)

		const second = issueFeedToken(me.id)
		expect(second).not.toBe(first)
		expect(userForFeedToken(first)).toBeNull()
		expect(userForFeedToken(second)).toBe(me.id)
		expect(db().select().from(calendarFeedTokens).all()).toHaveLength(1)

		expect(revokeFeedToken(me.id)).toBe(true)
		expect(userForFeedToken(second)).toBeNull()
		expect(hasFeedToken(me.id)).toBe(false)
		expect(revokeFeedToken(me.id)).toBe(false)

		expect(auditsLike('calendar_feed.').map((a) => [a.action, a.actorId, a.entityId, a.data])).toEqual([
			['calendar_feed.issue', me.id, String(me.id), { replaced: false }],
			['calendar_feed.issue', me.id, String(me.id), { replaced: true }],
			['calendar_feed.revoke', me.id, String(me.id), {}],
		])
	})

	test('unknown, empty and oversized tokens open nothing; a deactivated person’s feed closes', async () => {
		const me = await createTestUser()
		const token = issueFeedToken(me.id)
		expect(userForFeedToken('')).toBeNull()
		expect(userForFeedToken('a'.repeat(52))).toBeNull()
		expect(userForFeedToken(token + 'a'.repeat(100))).toBeNull()
		db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, me.id)).run()
		expect(userForFeedToken(token)).toBeNull()
	})
})

describe('routes', () => {
	const sessionLoader = (id: string, cookie?: string) =>
		settle(() => sessionIcsLoader({ request: getRequest(`/sessions/${id}/ics`, { cookie }), params: { id }, context: {} }))
	const feed = (token: string) => settle(async () => feedLoader({ request: getRequest(`/calendar/${token}`), params: { token }, context: {} }))

	test('/sessions/:id.ics: login first; 404 for a missing session; the calendar file otherwise', async () => {
		const { id: organizerId } = await organiser()
		const reader = await createTestUser()
		const id = insertSession(organizerId)

		const anonymous = (await sessionLoader(String(id))) as Response
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`/sessions/${id}/ics`)}`)

		const cookie = await sessionCookieFor(reader.id)
		for (const missing of ['999', 'abc', '1e3', '99999999999999999999']) {
			const response = (await sessionLoader(missing, cookie)) as Response
			expect(response.status).toBe(404)
			expect(await response.text()).toBe('No such sharing session')
		}

		const response = (await sessionLoader(String(id), cookie)) as Response
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="session-${id}.ics"`)
		expect(response.headers.get('cache-control')).toBe('no-store')
		const { event } = only(parse(await response.text()).events)
		expect(event.uid).toBe(`session-${id}@localhost`)
		expect(event.startDate.toJSDate()).toEqual(STARTS)
		expect(event.component.getFirstPropertyValue('url')).toBe(`${ORIGIN}/sessions/${id}`)
	})

	test('/calendar/<token>.ics: 200 with a good token, 404 once revoked or replaced, 404 for an unknown one', async () => {
		const { id: organizerId } = await organiser()
		const me = await createTestUser()
		const id = insertSession(organizerId)
		rsvp(id, me.id, 'going')

		const first = issueFeedToken(me.id)
		const ok = (await feed(first)) as Response
		expect(ok.status).toBe(200)
		expect(ok.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(ok.headers.get('cache-control')).toBe('private, no-store')
		expect(only(parse(await ok.text()).events).event.uid).toBe(`session-${id}@localhost`)

		const second = issueFeedToken(me.id)
		const replaced = (await feed(first)) as Response
		expect(replaced.status).toBe(404)
		expect(await replaced.text()).toBe('No such calendar feed')
		expect(((await feed(second)) as Response).status).toBe(200)

		revokeFeedToken(me.id)
		expect(((await feed(second)) as Response).status).toBe(404)
		for (const unknown of ['nope', 'a'.repeat(52), 'has-dash', '']) expect(((await feed(unknown)) as Response).status).toBe(404)
	})
})

describe('public .ics URLs', () => {
	test.each([
		['/sessions/12.ics', '/sessions/12/ics'],
		['/sessions/12.ics?lng=en', '/sessions/12/ics?lng=en'],
		['/calendar/abcdef234567.ics', '/calendar/abcdef234567'],
		['/calendar/AbC9.ics?x=1&y=2', '/calendar/AbC9?x=1&y=2'],
	])('%s → %s', (publicUrl, internal) => {
		expect(rewriteIcsUrl(publicUrl)).toBe(internal)
	})

	test.each(['/sessions/12', '/sessions/12/ics', '/sessions/abc.ics', '/sessions/12.ics/x', '/sessions/.ics', '/calendar/ab-cd.ics', '/calendar/.ics', '/calendar/abc', '/x/sessions/12.ics', '/?next=/sessions/12.ics'])(
		'%s is left alone',
		(url) => {
			expect(rewriteIcsUrl(url)).toBeNull()
		},
	)
})
