import { and, eq } from 'drizzle-orm'
import { describe, expect, test, vi } from 'vitest'
import type { PositionType, Role } from '#db/schema/auth.ts'
import { sessionAttendance, sessionFeedback, sessionRsvps, sessionSpeakers, sharingSessions } from '#db/schema/sharing.ts'
import { setUserActive } from '#app/modules/auth/users.server.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import type * as rules from '#app/modules/sharing/rules.ts'
import { rsvpOutcome, sessionSchema, shanghaiInstant, type SessionInput } from '#app/modules/sharing/rules.ts'
import { CHECK_IN_GUESSES, checkIn, leaveFeedback, markAttendance, respond, waitlistPosition, type Viewer } from '#app/modules/sharing/rsvp.server.ts'
import {
	attendanceHistory,
	cancelSession,
	canSeeFeedback,
	createSession,
	feedbackSummary,
	listSessions,
	nextSessionFor,
	sessionDetail,
	speakerSuggestions,
	updateSession,
} from '#app/modules/sharing/sessions.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { auditsLike, insertRecord, insertTarget } from '#test/integration/performance/helpers.ts'

const { db } = withFreshDatabase()

/**
 * The seat check in `respond` and the `session_full` trigger agree inside one immediate transaction, so
 * the trigger never fires on its own here; forcing the rule's outcome lets a test see the backstop work.
 */
const forced = vi.hoisted(() => ({ outcome: null as 'going' | null }))
vi.mock('#app/modules/sharing/rules.ts', async (importOriginal) => {
	const actual = await importOriginal<typeof rules>()
	return { ...actual, rsvpOutcome: (...args: Parameters<typeof actual.rsvpOutcome>) => forced.outcome ?? actual.rsvpOutcome(...args) }
})

/** Friday 27 November 2026, noon in Shanghai. */
const NOW = new Date('2026-11-27T04:00:00Z')
/** The session: Thursday 10 December 2026, 19:00–20:30 in Shanghai. */
const STARTS = new Date('2026-12-10T11:00:00Z')
const ENDS = new Date('2026-12-10T12:30:00Z')
const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000)

const viewer = (id: number, ...roles: Role[]): Viewer => ({ id, roles: ['staff', ...roles] })

type Person = { id: number; viewer: Viewer }
async function person(name: string, options: { roles?: Role[]; positionType?: PositionType | null } = {}): Promise<Person> {
	const { id } = await createTestUser({ name, password: null, ...options })
	return { id, viewer: viewer(id, ...(options.roles ?? [])) }
}

const count = (table: string) => (db().$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
/** What a refused action must leave untouched: every sharing table (rows and all) and the audit log. */
const footprint = () => ({
	sessions: db().select().from(sharingSessions).all(),
	speakers: db().select().from(sessionSpeakers).all(),
	rsvps: db().select().from(sessionRsvps).all(),
	attendance: db().select().from(sessionAttendance).all(),
	feedback: db().select().from(sessionFeedback).all(),
	audits: count('audit_log'),
})

/** A session as the form posts it. */
const posted = (overrides: Record<string, unknown> = {}) => ({
	title: '如何用朋友圈运营提升客户触达率',
	topic: '刘洋分享内容日历与互动话术',
	date: '2026-12-10',
	startTime: '19:00',
	endTime: '20:30',
	place: '上海总部 3 楼大会议室',
	capacity: '2',
	indicators: ['lead_conversion'],
	tags: '朋友圈, 触达率',
	speakerIds: [],
	...overrides,
})

const schemaFor = (going = 0) => sessionSchema({ going, indicatorCodes: listIndicators().map((i) => i.code) })

/** A session as the form posts it, parsed by the route's schema (`going` people already going). */
function form(overrides: Record<string, unknown> = {}, going = 0): SessionInput {
	return schemaFor(going).parse(posted(overrides))
}

async function org() {
	setClock(NOW)
	const hr = await person('周人力', { roles: ['hr_admin'], positionType: null })
	const manager = await person('陈经理', { roles: ['manager'] })
	const otherManager = await person('吴经理', { roles: ['manager'] })
	const speaker = await person('刘洋', { roles: ['mentor'] })
	const reps: Person[] = []
	for (const name of ['李娜', '张伟', '刘芳', '杨洋', '黄杰', '赵敏']) reps.push(await person(name))
	return { hr, manager, otherManager, speaker, reps: reps as [Person, Person, Person, Person, Person, Person] }
}

/** A session the manager organises (capacity 2 unless told), the speaker speaking; its id and row. */
async function planned(overrides: Record<string, unknown> = {}) {
	const people = await org()
	const result = createSession(form({ speakerIds: [String(people.speaker.id)], ...overrides }), people.manager.viewer)
	if (!result.ok) throw new Error(`session refused: ${JSON.stringify(result)}`)
	const row = () => db().select().from(sharingSessions).where(eq(sharingSessions.id, result.sessionId)).get()!
	return { ...people, id: result.sessionId, row }
}

const rsvpOf = (sessionId: number, userId: number) =>
	db()
		.select()
		.from(sessionRsvps)
		.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.userId, userId)))
		.get()

/** Answers that must succeed, one minute apart from `from` (answer order is waitlist order). */
function answerAll(sessionId: number, people: readonly Person[], answer: 'going' | 'declined' = 'going', from = NOW) {
	return people.map((p, n) => {
		const result = respond(sessionId, p.id, answer, minutes(from, n + 1))
		if (!result.ok) throw new Error(`answer refused: ${JSON.stringify(result)}`)
		return result
	})
}

const refused = (fieldErrors: Record<string, string[]>, formErrors: string[] = []) => ({ ok: false, fieldErrors, formErrors })

describe('createSession', () => {
	test('a manager plans a session: the row in UTC, speakers in order, a 6-digit code, one audit row without the code', async () => {
		const { manager, speaker, reps } = await org()
		const result = createSession(form({ speakerIds: [String(speaker.id), String(reps[0].id)], capacity: '30', meetingUrl: 'https://meeting.example.com/123' }), manager.viewer)
		expect(result).toEqual({ ok: true, sessionId: expect.any(Number) })
		const id = (result as { sessionId: number }).sessionId
		const row = db().select().from(sharingSessions).where(eq(sharingSessions.id, id)).get()!
		expect(row).toMatchObject({
			title: '如何用朋友圈运营提升客户触达率',
			startsAt: STARTS,
			endsAt: ENDS,
			place: '上海总部 3 楼大会议室',
			meetingUrl: 'https://meeting.example.com/123',
			capacity: 30,
			indicators: ['lead_conversion'],
			tags: ['朋友圈', '触达率'],
			organizerId: manager.id,
			sequence: 0,
			cancelledAt: null,
			createdAt: NOW,
			updatedAt: NOW,
		})
		expect(row.checkInCode).toMatch(/^\d{6}$/)
		expect(db().select().from(sessionSpeakers).where(eq(sessionSpeakers.sessionId, id)).all()).toEqual([
			{ sessionId: id, userId: speaker.id, position: 0 },
			{ sessionId: id, userId: reps[0].id, position: 1 },
		])
		const audits = auditsLike('sharing.')
		expect(audits).toMatchObject([{ action: 'sharing.session.create', entity: 'sharing_session', entityId: String(id), actorId: manager.id, actorRole: 'manager' }])
		expect(audits[0]!.data.after).toMatchObject({ title: row.title, speakerIds: [speaker.id, reps[0].id] })
		expect(JSON.stringify(audits[0]!.data)).not.toContain(row.checkInCode)
	})

	test('check-in codes are random per session', async () => {
		const { hr } = await org()
		const codes = new Set<string>()
		for (let n = 0; n < 8; n++) {
			const result = createSession(form(), hr.viewer)
			if (!result.ok) throw new Error('refused')
			codes.add(db().select().from(sharingSessions).where(eq(sharingSessions.id, result.sessionId)).get()!.checkInCode)
		}
		expect(codes.size).toBeGreaterThan(1)
	})

	test('an end before the start is refused by the form schema, and by the module for a caller that skipped it', async () => {
		const { manager } = await org()
		const before = footprint()
		const parsed = schemaFor().safeParse(posted({ startTime: '19:00', endTime: '18:30' }))
		expect(parsed.success).toBe(false)
		expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['endTime', 'sharing.errors.endBeforeStart'])
		const backwards = { ...form(), startsAt: shanghaiInstant('2026-12-10', '19:00'), endsAt: shanghaiInstant('2026-12-10', '18:30') }
		expect(createSession(backwards, manager.viewer)).toEqual(refused({ endTime: ['sharing.errors.endBeforeStart'] }))
		expect(footprint()).toEqual(before)
	})

	test('each refusal names its field and writes nothing', async () => {
		const { hr, manager, speaker, reps } = await org()
		setUserActive(reps[5].id, false, hr.id)
		const before = footprint()
		expect(createSession(form(), reps[0].viewer)).toEqual(refused({}, ['sharing.errors.forbidden']))
		expect(createSession(form(), speaker.viewer)).toEqual(refused({}, ['sharing.errors.forbidden']))
		expect(createSession(form({ speakerIds: [String(reps[5].id)] }), manager.viewer)).toEqual(refused({ speakerIds: ['sharing.errors.person'] }))
		expect(createSession(form({ speakerIds: ['999999'] }), manager.viewer)).toEqual(refused({ speakerIds: ['sharing.errors.person'] }))
		expect(createSession({ ...form(), indicators: ['made_up'] }, manager.viewer)).toEqual(refused({ indicators: ['sharing.errors.indicator'] }))
		expect(createSession({ ...form(), place: null, meetingUrl: null }, manager.viewer)).toEqual(refused({ place: ['sharing.errors.placeOrLink'] }))
		expect(footprint()).toEqual(before)
	})
})

describe('updateSession', () => {
	test('capacity below the number going is refused with that number, by the schema and by the module; nothing written', async () => {
		const { id, manager, reps } = await planned({ capacity: '3' })
		answerAll(id, reps.slice(0, 3))
		const before = footprint()
		const schema = schemaFor(3).safeParse(posted({ capacity: '2' }))
		expect(schema.error!.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['capacity', 'sharing.errors.capacityBelowGoing?going=3'])
		expect(updateSession(id, form({ capacity: '2' }), manager.viewer)).toEqual(refused({ capacity: ['sharing.errors.capacityBelowGoing?going=3'] }))
		expect(footprint()).toEqual(before)
		expect(updateSession(id, form({ capacity: '3', speakerIds: [] }), manager.viewer)).toMatchObject({ ok: true })
	})

	test('only the organiser or HR changes a session', async () => {
		const { id, otherManager, hr, reps, speaker, row } = await planned()
		const before = footprint()
		for (const who of [otherManager, reps[0], speaker]) expect(updateSession(id, form({ title: '改名' }), who.viewer)).toEqual(refused({}, ['sharing.errors.forbidden']))
		expect(footprint()).toEqual(before)
		expect(updateSession(id, form({ title: 'HR 改的名', speakerIds: [String(speaker.id)] }), hr.viewer)).toEqual({ ok: true, changed: true, sequence: 1, promoted: [] })
		expect(row().title).toBe('HR 改的名')
		expect(auditsLike('sharing.session.update')).toMatchObject([{ actorId: hr.id, actorRole: 'hr_admin', data: { before: { title: '如何用朋友圈运营提升客户触达率', sequence: 0 }, after: { title: 'HR 改的名', sequence: 1 } } }])
	})

	test('time, place, link or title bump the calendar sequence; topic, capacity, tags and speakers do not', async () => {
		const { id, manager, speaker, reps, row } = await planned()
		const base = { speakerIds: [String(speaker.id)] }
		const steps: Array<[Record<string, unknown>, number]> = [
			[{ topic: '新的简介' }, 0],
			[{ topic: '新的简介', capacity: '5', tags: '私域', speakerIds: [String(reps[0].id)] }, 0],
			[{ topic: '新的简介', capacity: '5', tags: '私域', startTime: '19:30', endTime: '21:00' }, 1],
			[{ topic: '新的简介', capacity: '5', tags: '私域', startTime: '19:30', endTime: '21:00', place: '北京分公司' }, 2],
			[{ topic: '新的简介', capacity: '5', tags: '私域', startTime: '19:30', endTime: '21:00', place: '北京分公司', meetingUrl: 'https://meeting.example.com/9' }, 3],
			[{ topic: '新的简介', capacity: '5', tags: '私域', startTime: '19:30', endTime: '21:00', place: '北京分公司', meetingUrl: 'https://meeting.example.com/9', title: '朋友圈运营 2.0' }, 4],
		]
		for (const [n, [change, sequence]] of steps.entries()) {
			setClock(minutes(NOW, n + 1))
			const result = updateSession(id, form({ ...base, ...change }), manager.viewer)
			expect(result, JSON.stringify(change)).toMatchObject({ ok: true, changed: true, sequence })
			expect(row().updatedAt).toEqual(minutes(NOW, n + 1))
		}
		expect(row()).toMatchObject({ startsAt: new Date('2026-12-10T11:30:00Z'), endsAt: new Date('2026-12-10T13:00:00Z'), capacity: 5, tags: ['私域'], sequence: 4 })
		// The same form again changes nothing and writes nothing.
		const before = footprint()
		expect(updateSession(id, form({ ...base, ...steps.at(-1)![0] }), manager.viewer)).toEqual({ ok: true, changed: false, sequence: 4, promoted: [] })
		expect(footprint()).toEqual(before)
	})

	test('raising the capacity seats the people waiting longest, in order', async () => {
		const { id, manager, speaker, reps } = await planned()
		const [a, b, c, d, e] = reps
		answerAll(id, [a, b, c, d, e])
		expect([c, d, e].map((p) => waitlistPosition(id, p.id))).toEqual([1, 2, 3])
		setClock(minutes(NOW, 30))
		const result = updateSession(id, form({ capacity: '4', speakerIds: [String(speaker.id)] }), manager.viewer)
		expect(result).toEqual({ ok: true, changed: true, sequence: 0, promoted: [c.id, d.id] })
		for (const p of [c, d]) expect(rsvpOf(id, p.id)).toMatchObject({ status: 'going', promotedAt: minutes(NOW, 30) })
		expect(rsvpOf(id, e.id)).toMatchObject({ status: 'waitlisted', promotedAt: null })
		expect(waitlistPosition(id, e.id)).toBe(1)
		expect(auditsLike('sharing.rsvp.promote').map((r) => [r.entityId, r.actorId])).toEqual([
			[`${id}:${c.id}`, manager.id],
			[`${id}:${d.id}`, manager.id],
		])
	})

	test('a cancelled session is not changed any more', async () => {
		const { id, manager } = await planned()
		cancelSession(id, '讲师出差', manager.viewer)
		const before = footprint()
		expect(updateSession(id, form({ title: '改名' }), manager.viewer)).toEqual(refused({}, ['sharing.errors.cancelled']))
		expect(footprint()).toEqual(before)
	})
})

describe('cancelSession', () => {
	test('sets the cancellation and its reason, bumps the sequence, keeps the answers, and refuses new answers', async () => {
		const { id, manager, reps, row } = await planned()
		answerAll(id, reps.slice(0, 3))
		setClock(minutes(NOW, 60))
		expect(cancelSession(id, '  讲师临时出差  ', manager.viewer)).toEqual({ ok: true })
		expect(row()).toMatchObject({ cancelledAt: minutes(NOW, 60), cancelReason: '讲师临时出差', sequence: 1, updatedAt: minutes(NOW, 60) })
		expect(auditsLike('sharing.session.cancel')).toMatchObject([{ actorId: manager.id, actorRole: 'organizer', reason: '讲师临时出差', data: { after: { sequence: 1 } } }])
		expect(db().select().from(sessionRsvps).where(eq(sessionRsvps.sessionId, id)).all()).toHaveLength(3)

		const before = footprint()
		expect(respond(id, reps[3].id, 'going')).toEqual(refused({}, ['sharing.errors.cancelled']))
		expect(respond(id, reps[0].id, 'declined')).toEqual(refused({}, ['sharing.errors.cancelled']))
		expect(checkIn(id, reps[0].id, row().checkInCode, minutes(STARTS, 5))).toEqual(refused({}, ['sharing.errors.cancelled']))
		expect(cancelSession(id, '再取消一次', manager.viewer)).toEqual(refused({}, ['sharing.errors.cancelled']))
		expect(footprint()).toEqual(before)
	})

	test('needs a reason, the organiser or HR, and a session not yet over', async () => {
		const { id, otherManager, hr, manager } = await planned()
		const before = footprint()
		expect(cancelSession(id, '   ', manager.viewer)).toEqual(refused({ reason: ['sharing.errors.required'] }))
		expect(cancelSession(id, '取消'.repeat(300), manager.viewer)).toEqual(refused({ reason: ['sharing.errors.tooLong'] }))
		expect(cancelSession(id, '不想办了', otherManager.viewer)).toEqual(refused({}, ['sharing.errors.forbidden']))
		setClock(minutes(ENDS, 1))
		expect(cancelSession(id, '已经结束', hr.viewer)).toEqual(refused({}, ['sharing.errors.past']))
		expect(footprint()).toEqual(before)
	})
})

describe('respond: seats and the waitlist', () => {
	test('seats go first come first served, then the waitlist in order; a decline seats the person waiting longest', async () => {
		const { id, reps } = await planned()
		const [a, b, c, d, e] = reps
		const results = answerAll(id, [a, b, c, d, e])
		expect(results.map((r) => [r.status, r.waitlistPosition])).toEqual([
			['going', null],
			['going', null],
			['waitlisted', 1],
			['waitlisted', 2],
			['waitlisted', 3],
		])
		expect(auditsLike('sharing.rsvp.respond')).toHaveLength(5)

		// Answering "going" again keeps a seat or a place, and writes nothing.
		const before = footprint()
		expect(respond(id, a.id, 'going', minutes(NOW, 20))).toEqual({ ok: true, status: 'going', waitlistPosition: null, promoted: [] })
		expect(respond(id, d.id, 'going', minutes(NOW, 20))).toEqual({ ok: true, status: 'waitlisted', waitlistPosition: 2, promoted: [] })
		expect(footprint()).toEqual(before)

		// b declines: c (waiting longest) takes the seat in the same transaction.
		expect(respond(id, b.id, 'declined', minutes(NOW, 30))).toEqual({ ok: true, status: 'declined', waitlistPosition: null, promoted: [c.id] })
		expect(rsvpOf(id, c.id)).toMatchObject({ status: 'going', promotedAt: minutes(NOW, 30), respondedAt: minutes(NOW, 3) })
		expect([d, e].map((p) => waitlistPosition(id, p.id))).toEqual([1, 2])
		expect(auditsLike('sharing.rsvp.promote')).toMatchObject([{ entityId: `${id}:${c.id}`, actorId: b.id }])

		// Someone waiting who declines frees no seat: nobody is promoted, the queue moves up.
		expect(respond(id, d.id, 'declined', minutes(NOW, 40))).toEqual({ ok: true, status: 'declined', waitlistPosition: null, promoted: [] })
		expect(waitlistPosition(id, e.id)).toBe(1)

		// b changes their mind: the session is full, so b queues behind e.
		expect(respond(id, b.id, 'going', minutes(NOW, 50))).toEqual({ ok: true, status: 'waitlisted', waitlistPosition: 2, promoted: [] })
		// a declines: e, not b, gets the seat.
		expect(respond(id, a.id, 'declined', minutes(NOW, 60))).toMatchObject({ promoted: [e.id] })
		expect(waitlistPosition(id, b.id)).toBe(1)
		expect(db().select().from(sessionRsvps).where(and(eq(sessionRsvps.sessionId, id), eq(sessionRsvps.status, 'going'))).all().map((r) => r.userId).sort()).toEqual([c.id, e.id].sort())
	})

	test('"not going" is an answer too, and a free seat takes a later "going"', async () => {
		const { id, reps } = await planned()
		const [a] = reps
		expect(respond(id, a.id, 'declined', minutes(NOW, 1))).toEqual({ ok: true, status: 'declined', waitlistPosition: null, promoted: [] })
		expect(respond(id, a.id, 'going', minutes(NOW, 2))).toEqual({ ok: true, status: 'going', waitlistPosition: null, promoted: [] })
		expect(rsvpOf(id, a.id)).toMatchObject({ status: 'going', respondedAt: minutes(NOW, 2), promotedAt: null })
	})

	test('if the session_full trigger fires anyway, the answer is written as waitlisted, not an error', async () => {
		const { id, reps } = await planned()
		const [a, b, c] = reps
		answerAll(id, [a, b])
		forced.outcome = 'going'
		try {
			// The rule now says "going" to a full session; only the trigger stands in the way.
			expect(rsvpOutcome('going', { current: null, going: 2, capacity: 2 })).toBe('going')
			expect(respond(id, c.id, 'going', minutes(NOW, 10))).toEqual({ ok: true, status: 'waitlisted', waitlistPosition: 1, promoted: [] })
		} finally {
			forced.outcome = null
		}
		expect(rsvpOf(id, c.id)).toMatchObject({ status: 'waitlisted', respondedAt: minutes(NOW, 10) })
		expect(auditsLike('sharing.rsvp.respond').at(-1)!.data).toEqual({ answer: 'going', before: { status: null }, after: { status: 'waitlisted' } })
	})

	test('a finished session takes no answers (one in progress still does)', async () => {
		const { id, reps } = await planned()
		expect(respond(id, reps[0].id, 'going', minutes(STARTS, 30))).toMatchObject({ ok: true, status: 'going' })
		const before = footprint()
		expect(respond(id, reps[1].id, 'going', ENDS)).toEqual(refused({}, ['sharing.errors.past']))
		expect(respond(id, reps[0].id, 'declined', minutes(ENDS, 60))).toEqual(refused({}, ['sharing.errors.past']))
		expect(respond(987654, reps[0].id, 'going')).toEqual(refused({}, ['sharing.errors.forbidden']))
		expect(footprint()).toEqual(before)
	})
})

describe('checkIn', () => {
	test('outside the window or with a wrong code: refused, nothing written', async () => {
		const { id, reps, row } = await planned()
		const [a] = reps
		answerAll(id, [a])
		const code = row().checkInCode
		const wrong = code === '000000' ? '000001' : '000000'
		const before = footprint()
		expect(checkIn(id, a.id, code, minutes(STARTS, -16))).toEqual(refused({}, ['sharing.errors.checkInClosed']))
		expect(checkIn(id, a.id, code, new Date(ENDS.getTime() + 1000))).toEqual(refused({}, ['sharing.errors.checkInClosed']))
		expect(checkIn(id, a.id, wrong, minutes(STARTS, 5))).toEqual(refused({ code: ['sharing.errors.wrongCode'] }))
		expect(footprint()).toEqual(before)
	})

	test('five wrong codes in a quarter of an hour: the right one waits too, then works; others are not held up', async () => {
		const { id, reps, row } = await planned()
		const [a, b] = reps
		answerAll(id, [a, b])
		const code = row().checkInCode
		const wrong = code === '000000' ? '000001' : '000000'
		for (let i = 0; i < CHECK_IN_GUESSES; i++) expect(checkIn(id, a.id, wrong, minutes(STARTS, i))).toEqual(refused({ code: ['sharing.errors.wrongCode'] }))
		// The first wrong code (at STARTS) leaves the 15-minute window at STARTS + 15 min.
		expect(checkIn(id, a.id, code, minutes(STARTS, 6))).toEqual(refused({ code: ['sharing.errors.tooManyCodes?minutes=9'] }))
		expect(count('session_attendance')).toBe(0)
		expect(checkIn(id, b.id, code, minutes(STARTS, 6))).toMatchObject({ ok: true, alreadyCheckedIn: false })
		expect(checkIn(id, a.id, code, minutes(STARTS, 15))).toMatchObject({ ok: true, alreadyCheckedIn: false })
	})

	test('with the code from 15 minutes before the start: checked in once, again changes nothing', async () => {
		const { id, reps, row } = await planned()
		const [a] = reps
		answerAll(id, [a])
		const code = row().checkInCode
		expect(checkIn(id, a.id, code, minutes(STARTS, -15))).toEqual({ ok: true, checkedInAt: minutes(STARTS, -15), alreadyCheckedIn: false, walkIn: false })
		const before = footprint()
		expect(checkIn(id, a.id, ` ${code} `, minutes(STARTS, 10))).toEqual({ ok: true, checkedInAt: minutes(STARTS, -15), alreadyCheckedIn: true, walkIn: false })
		expect(footprint()).toEqual(before)
		expect(db().select().from(sessionAttendance).all()).toEqual([{ sessionId: id, userId: a.id, checkedInAt: minutes(STARTS, -15), method: 'code', markedById: null }])
		expect(auditsLike('sharing.attendance.checkIn')).toMatchObject([{ entityId: `${id}:${a.id}`, actorId: a.id }])
	})

	test('walk-ins (declined, waiting, or no answer) may check in; their answer and the seat count stay as they were', async () => {
		const { id, reps, row } = await planned()
		const [a, b, c, d, e] = reps
		answerAll(id, [a, b, c])
		answerAll(id, [d], 'declined', minutes(NOW, 10))
		const code = row().checkInCode
		for (const p of [c, d, e]) expect(checkIn(id, p.id, code, minutes(STARTS, 3))).toMatchObject({ ok: true, alreadyCheckedIn: false, walkIn: true })
		expect(rsvpOf(id, c.id)!.status).toBe('waitlisted')
		expect(rsvpOf(id, d.id)!.status).toBe('declined')
		expect(rsvpOf(id, e.id)).toBeUndefined()
		expect(auditsLike('sharing.attendance.checkIn').map((r) => (r.data.after as { walkIn: boolean }).walkIn)).toEqual([true, true, true])
	})
})

describe('markAttendance', () => {
	test('the organiser marks people from the start on, also after the end; a code check-in is kept', async () => {
		const { id, manager, hr, reps, row } = await planned()
		const [a, b, c] = reps
		checkIn(id, a.id, row().checkInCode, minutes(STARTS, 1))
		const before = footprint()
		expect(markAttendance(id, [b.id], manager.viewer, minutes(STARTS, -1))).toEqual(refused({}, ['sharing.errors.checkInClosed']))
		expect(markAttendance(id, [b.id, 999999], manager.viewer, minutes(STARTS, 10))).toEqual(refused({ userIds: ['sharing.errors.person'] }))
		expect(markAttendance(id, [b.id], reps[4].viewer, minutes(STARTS, 10))).toEqual(refused({}, ['sharing.errors.forbidden']))
		expect(footprint()).toEqual(before)

		const later = new Date('2026-12-11T02:00:00Z')
		expect(markAttendance(id, [a.id, b.id, b.id], manager.viewer, later)).toEqual({ ok: true, marked: [b.id], alreadyPresent: [a.id] })
		expect(markAttendance(id, [c.id], hr.viewer, later)).toMatchObject({ ok: true, marked: [c.id] })
		const attendance = db().select().from(sessionAttendance).orderBy(sessionAttendance.userId).all()
		expect(attendance).toEqual([
			{ sessionId: id, userId: a.id, checkedInAt: minutes(STARTS, 1), method: 'code', markedById: null },
			{ sessionId: id, userId: b.id, checkedInAt: later, method: 'organizer', markedById: manager.id },
			{ sessionId: id, userId: c.id, checkedInAt: later, method: 'organizer', markedById: hr.id },
		])
		expect(auditsLike('sharing.attendance.mark').map((r) => [r.actorId, r.actorRole])).toEqual([
			[manager.id, 'organizer'],
			[hr.id, 'hr_admin'],
		])
	})
})

describe('feedback', () => {
	test('from someone who did not attend: refused, nothing written', async () => {
		const { id, reps, row } = await planned()
		const [a, b] = reps
		answerAll(id, [a, b])
		checkIn(id, b.id, row().checkInCode, minutes(STARTS, -10))
		const before = footprint()
		// Going is not attending.
		expect(leaveFeedback(id, a.id, { rating: 5, comment: '很好' }, minutes(ENDS, 10))).toEqual(refused({}, ['sharing.errors.notAttended']))
		// Checked in early, but the session has not started yet.
		expect(leaveFeedback(id, b.id, { rating: 5, comment: null }, minutes(STARTS, -5))).toEqual(refused({}, ['sharing.errors.notAttended']))
		expect(leaveFeedback(id, b.id, { rating: 6, comment: null }, minutes(ENDS, 10))).toEqual(refused({ rating: ['sharing.errors.rating'] }))
		expect(footprint()).toEqual(before)
	})

	test('an attendee rates once; giving feedback again replaces the answer, the audit keeps the old one', async () => {
		const { id, reps, row } = await planned()
		const [a] = reps
		checkIn(id, a.id, row().checkInCode, minutes(STARTS, 2))
		expect(leaveFeedback(id, a.id, { rating: 3, comment: '  案例不错  ' }, minutes(ENDS, 5))).toEqual({ ok: true, updated: false })
		expect(leaveFeedback(id, a.id, { rating: 5, comment: '回去试了，很实用' }, minutes(ENDS, 60 * 24))).toEqual({ ok: true, updated: true })
		expect(db().select().from(sessionFeedback).all()).toEqual([{ sessionId: id, userId: a.id, rating: 5, comment: '回去试了，很实用', createdAt: minutes(ENDS, 5) }])
		expect(auditsLike('sharing.feedback.').map((r) => [r.action, r.data.before])).toEqual([
			['sharing.feedback.give', null],
			['sharing.feedback.update', { rating: 3, comment: '案例不错' }],
		])
	})

	test('a speaker does not rate their own session', async () => {
		const { id, speaker, manager } = await planned()
		markAttendance(id, [speaker.id], manager.viewer, minutes(STARTS, 1))
		const before = footprint()
		expect(leaveFeedback(id, speaker.id, { rating: 5, comment: null }, minutes(ENDS, 1))).toEqual(refused({}, ['sharing.errors.forbidden']))
		expect(footprint()).toEqual(before)
	})

	test('the summary is for the speakers, the organiser and HR only', async () => {
		const { id, speaker, manager, otherManager, hr, reps, row } = await planned({ capacity: '10' })
		const [a, b, c, d] = reps
		answerAll(id, [a, b, c, d])
		for (const p of [a, b, c, d]) checkIn(id, p.id, row().checkInCode, minutes(STARTS, 1))
		for (const [p, rating, comment] of [
			[a, 5, '案例很实用'],
			[b, 4, null],
			[c, 4, '希望多讲话术'],
			[d, 2, null],
		] as const)
			leaveFeedback(id, p.id, { rating, comment }, minutes(ENDS, 10))
		setClock(minutes(ENDS, 60))
		const summary = feedbackSummary(id)
		expect(summary).toMatchObject({ count: 4, average: 3.8, distribution: [0, 1, 0, 2, 1] })
		expect(summary.comments.map((x) => x.comment).sort()).toEqual(['希望多讲话术', '案例很实用'].sort())
		expect(JSON.stringify(summary)).not.toMatch(/李娜|刘芳/)

		const session = { organizerId: manager.id, speakerIds: [speaker.id] }
		for (const who of [speaker, manager, hr]) {
			expect(canSeeFeedback(who.viewer, session)).toBe(true)
			expect(sessionDetail(id, who.viewer)!.feedback).toMatchObject({ count: 4, average: 3.8 })
		}
		for (const who of [a, otherManager]) {
			expect(canSeeFeedback(who.viewer, session)).toBe(false)
			expect(sessionDetail(id, who.viewer)!.feedback).toBeNull()
		}
		expect(sessionDetail(id, a.viewer)).toMatchObject({ canSeeFeedback: false, myFeedback: { rating: 5, comment: '案例很实用' }, mayGiveFeedback: true })
	})
})

describe('reads', () => {
	test('the list: upcoming soonest first (cancelled ones shown), past latest first, counts and the viewer’s own state', async () => {
		const { id, manager, reps, row } = await planned()
		const [a, b, c] = reps
		const later = createSession(form({ date: '2026-12-20', title: '大客户谈判' }), manager.viewer)
		const gone = createSession(form({ date: '2026-11-05', title: '上月分享' }), manager.viewer)
		const dropped = createSession(form({ date: '2026-12-15', title: '取消的分享' }), manager.viewer)
		if (!later.ok || !gone.ok || !dropped.ok) throw new Error('refused')
		cancelSession(dropped.sessionId, '场地冲突', manager.viewer)
		answerAll(id, [a, b, c])
		markAttendance(gone.sessionId, [c.id], manager.viewer)

		const list = listSessions({ at: NOW, viewerId: c.id })
		expect(list.upcoming.map((s) => s.id)).toEqual([id, dropped.sessionId, later.sessionId])
		expect(list.past.map((s) => s.id)).toEqual([gone.sessionId])
		expect(list.upcoming[0]).toMatchObject({
			title: row().title,
			startsAt: STARTS,
			capacity: 2,
			going: 2,
			waitlisted: 1,
			seatsLeft: 0,
			organizer: { id: manager.id, name: '陈经理' },
			speakers: [{ name: '刘洋' }],
			mine: { status: 'waitlisted', waitlistPosition: 1, attended: false },
		})
		expect(list.upcoming[1]).toMatchObject({ cancelledAt: expect.any(Date), cancelReason: '场地冲突', seatsLeft: 0 })
		expect(list.upcoming[2]).toMatchObject({ going: 0, seatsLeft: 2, mine: { status: null, waitlistPosition: null, attended: false } })
		expect(list.past[0]!.mine).toEqual({ status: null, waitlistPosition: null, attended: true })
		expect(listSessions({ at: NOW, viewerId: a.id }).upcoming[0]!.mine).toEqual({ status: 'going', waitlistPosition: null, attended: false })
		expect(listSessions({ at: minutes(ENDS, 1) }).past.map((s) => s.id)).toEqual([id, gone.sessionId])
	})

	test('detail: the code and the roster for the organiser and HR only', async () => {
		const { id, manager, hr, reps, row } = await planned()
		const [a, b, c, d] = reps
		answerAll(id, [a, b, c])
		answerAll(id, [d], 'declined', minutes(NOW, 10))
		const mine = sessionDetail(id, manager.viewer)!
		expect(mine).toMatchObject({ canManage: true, checkInCode: row().checkInCode, mayRespond: true, checkInOpen: false })
		expect(mine.roster!.going.map((p) => p.id)).toEqual([a.id, b.id])
		expect(mine.roster!.waitlisted.map((p) => p.id)).toEqual([c.id])
		expect(mine.roster!.declined.map((p) => p.id)).toEqual([d.id])
		expect(sessionDetail(id, hr.viewer)!.checkInCode).toBe(row().checkInCode)
		expect(sessionDetail(id, a.viewer)).toMatchObject({ canManage: false, checkInCode: null, roster: null, mine: { status: 'going' } })
		expect(sessionDetail(id, a.viewer, minutes(STARTS, -10))!.checkInOpen).toBe(true)
		expect(sessionDetail(424242, a.viewer)).toBeNull()
	})

	test('home: the next session I am going to or waiting for, else the next one I have not declined', async () => {
		const { id, manager, reps } = await planned()
		const [a, b] = reps
		const later = createSession(form({ date: '2026-12-20' }), manager.viewer)
		const soon = createSession(form({ date: '2026-12-01' }), manager.viewer)
		if (!later.ok || !soon.ok) throw new Error('refused')
		answerAll(id, [a], 'declined')
		respond(later.sessionId, a.id, 'going')
		expect(nextSessionFor(a.id, NOW)!.id).toBe(later.sessionId)
		expect(nextSessionFor(b.id, NOW)).toMatchObject({ id: soon.sessionId, mine: { status: null } })
		cancelSession(later.sessionId, '取消', manager.viewer)
		expect(nextSessionFor(a.id, NOW)!.id).toBe(soon.sessionId)
		expect(nextSessionFor(a.id, new Date('2026-12-30T00:00:00Z'))).toBeNull()
	})

	test('attendance history: the sessions I attended, latest first, with my rating', async () => {
		const { id, manager, reps, row } = await planned()
		const [a] = reps
		const earlier = createSession(form({ date: '2026-11-05', title: '上月分享' }), manager.viewer)
		if (!earlier.ok) throw new Error('refused')
		markAttendance(earlier.sessionId, [a.id], manager.viewer)
		checkIn(id, a.id, row().checkInCode, minutes(STARTS, 1))
		leaveFeedback(id, a.id, { rating: 4, comment: null }, minutes(ENDS, 1))
		expect(attendanceHistory(a.id).map((r) => [r.id, r.method, r.myRating])).toEqual([
			[id, 'code', 4],
			[earlier.sessionId, 'organizer', null],
		])
		expect(attendanceHistory(reps[1].id)).toEqual([])
	})
})

describe('speakerSuggestions', () => {
	test('the best achievement on each indicator in the last closed month, top 5, active people only, with their figures', async () => {
		setClock(NOW)
		const hr = await person('周人力', { roles: ['hr_admin'], positionType: null })
		// Weekly visits, target 15 (baseline 12, challenge 20), October 2026 = the last closed month on 27 November.
		const visits: Array<[string, number]> = [
			['甲', 12],
			['乙', 21],
			['丙', 18],
			['丁', 15],
			['戊', 9],
			['己', 17],
			['庚', 30],
		]
		const ids = new Map<string, number>()
		for (const [name, value] of visits) {
			const p = await person(name)
			ids.set(name, p.id)
			insertTarget(p.id, 'weekly_visits', '2026-Q4', 12, 15, 20)
			insertRecord(p.id, 'weekly_visits', '2026-10-05', value)
			// November is not closed yet: it must not count.
			insertRecord(p.id, 'weekly_visits', '2026-11-02', 40 - value)
		}
		// 庚 has the best figure but has left the company.
		setUserActive(ids.get('庚')!, false, hr.id)
		const noTarget = await person('无目标')
		insertRecord(noTarget.id, 'weekly_visits', '2026-10-05', 50)

		const [row, ...rest] = speakerSuggestions(['weekly_visits', 'made_up', 'weekly_visits'])
		expect(rest).toEqual([])
		expect(row).toMatchObject({ code: 'weekly_visits', month: '2026-10', direction: 'higher' })
		expect(row!.people).toEqual([
			{ userId: ids.get('乙'), name: '乙', value: 21, achievement: 21 / 15 },
			{ userId: ids.get('丙'), name: '丙', value: 18, achievement: 18 / 15 },
			{ userId: ids.get('己'), name: '己', value: 17, achievement: 17 / 15 },
			{ userId: ids.get('丁'), name: '丁', value: 15, achievement: 1 },
			{ userId: ids.get('甲'), name: '甲', value: 12, achievement: 12 / 15 },
		])
		expect(speakerSuggestions([])).toEqual([])
	})
})
