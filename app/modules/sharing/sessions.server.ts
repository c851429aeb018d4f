import { randomInt } from 'node:crypto'
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { indicators as indicatorsTable, type ScoreDetail } from '#db/schema/performance.ts'
import { sessionAttendance, sessionFeedback, sessionSpeakers, sharingSessions, type RsvpStatus, type SharingSession } from '#db/schema/sharing.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { monthOf, previousPeriod, type Period } from '#app/modules/performance/periods.ts'
import { ensureFresh, listIndicators } from '#app/modules/performance/scores.server.ts'
import { problem, refusal, type FieldErrors, type Refusal } from '#app/modules/performance/targets.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { CAPACITY_MAX, CHECK_IN_CODE_LENGTH, checkInOpen, mayGiveFeedback, NOTES_MAX, ratingSummary, type SessionInput } from './rules.ts'
import { actorRoleFor, canManage, fillFreeSeats, getSession, goingCount, isHr, speakerIdsOf, type Viewer } from './rsvp.server.ts'

/**
 * Sharing sessions (经验分享会): planning, changing and cancelling them, and the reads the pages need
 * (lists, detail, home, feedback for the people it is about, speaker suggestions from KPI scores).
 * HR and managers organise; the organiser or HR changes a session. `sequence` is the calendar's
 * SEQUENCE: bumped whenever a change must reach calendars that already hold the event.
 */

export { canManage, getSession, isHr, speakerIdsOf, type Viewer } from './rsvp.server.ts'

export const CANCEL_REASON_MAX = 500

/** HR and managers plan sessions. */
export function canOrganise(viewer: Viewer) {
	return isHr(viewer) || viewer.roles.includes('manager')
}

/** A session's feedback is for its speakers, its organiser and HR. */
export function canSeeFeedback(viewer: Viewer, session: { organizerId: number; speakerIds: readonly number[] }) {
	return isHr(viewer) || viewer.id === session.organizerId || session.speakerIds.includes(viewer.id)
}

/** A fresh check-in code: six digits from the CSPRNG (leading zeros kept). */
export function newCheckInCode() {
	return String(randomInt(0, 10 ** CHECK_IN_CODE_LENGTH)).padStart(CHECK_IN_CODE_LENGTH, '0')
}

/**
 * What `sessionSchema` already guarantees, checked again where it matters for the table (a caller
 * that skipped the schema gets the same field errors), plus what needs the database: speakers are
 * active people, indicators exist.
 */
function inputErrors(input: SessionInput, tx: Tx): FieldErrors {
	const errors: FieldErrors = {}
	if (!(input.endsAt.getTime() > input.startsAt.getTime())) errors.endTime = ['sharing.errors.endBeforeStart']
	if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > CAPACITY_MAX) errors.capacity = ['sharing.errors.capacity']
	if (!input.place && !input.meetingUrl) errors.place = ['sharing.errors.placeOrLink']
	const speakerIds = [...new Set(input.speakerIds)]
	if (speakerIds.length > 0) {
		const valid = speakerIds.every((id) => Number.isSafeInteger(id) && id > 0)
		const active = valid ? tx.select({ id: users.id }).from(users).where(and(inArray(users.id, speakerIds), isNull(users.deactivatedAt))).all() : []
		if (active.length !== speakerIds.length) errors.speakerIds = ['sharing.errors.person']
	}
	const codes = [...new Set(input.indicators)]
	if (codes.length > 0) {
		const known = tx.select({ code: indicatorsTable.code }).from(indicatorsTable).where(inArray(indicatorsTable.code, codes)).all()
		if (known.length !== codes.length) errors.indicators = ['sharing.errors.indicator']
	}
	return errors
}

function writeSpeakers(tx: Tx, sessionId: number, speakerIds: readonly number[]) {
	tx.delete(sessionSpeakers).where(eq(sessionSpeakers.sessionId, sessionId)).run()
	const ids = [...new Set(speakerIds)]
	if (ids.length > 0)
		tx.insert(sessionSpeakers)
			.values(ids.map((userId, position) => ({ sessionId, userId, position })))
			.run()
}

/** The row as the audit log keeps it: everything but the check-in code (a secret shown only in the room). */
function audited(session: SharingSession, speakerIds: readonly number[]) {
	const { checkInCode: _code, ...rest } = session
	return { ...rest, speakerIds }
}

const sessionFields = (input: SessionInput) => ({
	title: input.title,
	topic: input.topic,
	startsAt: input.startsAt,
	endsAt: input.endsAt,
	place: input.place,
	meetingUrl: input.meetingUrl,
	capacity: input.capacity,
	indicators: [...new Set(input.indicators)],
	tags: input.tags,
})

/**
 * Plans a session (HR or a manager), organised by the actor, with a random check-in code. One
 * immediate transaction with its audit row; nothing is written on a refusal. A session may be
 * entered after the fact (to record who came), so a start in the past is allowed.
 */
export function createSession(input: SessionInput, actor: Viewer): { ok: true; sessionId: number } | Refusal {
	if (!canOrganise(actor)) return refusal({}, ['sharing.errors.forbidden'])
	return getDb().transaction(
		(tx) => {
			const errors = inputErrors(input, tx)
			if (Object.keys(errors).length > 0) return refusal(errors)
			const at = now()
			const session = tx
				.insert(sharingSessions)
				.values({ ...sessionFields(input), organizerId: actor.id, checkInCode: newCheckInCode(), sequence: 0, createdAt: at, updatedAt: at })
				.returning()
				.get()
			writeSpeakers(tx, session.id, input.speakerIds)
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: isHr(actor) ? 'hr_admin' : 'manager',
				action: 'sharing.session.create',
				entity: 'sharing_session',
				entityId: session.id,
				data: { before: null, after: audited(session, [...new Set(input.speakerIds)]) },
			})
			return { ok: true as const, sessionId: session.id }
		},
		{ behavior: 'immediate' },
	)
}

/** Changes a calendar must pick up (RFC 5545 SEQUENCE): when, where, the link, the title. */
const CALENDAR_FIELDS = ['title', 'startsAt', 'endsAt', 'place', 'meetingUrl'] as const

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b))

const capacityRefusal = (going: number) => refusal({ capacity: [problem('sharing.errors.capacityBelowGoing', { going })] })

export type UpdateResult = { ok: true; changed: boolean; sequence: number; promoted: number[] } | Refusal

/**
 * Changes a session (its organiser or HR). Capacity may not drop below the number going (the
 * `capacity_below_going` trigger gives the same refusal if anything slips past); a larger capacity
 * seats the people waiting longest, in the same transaction. A change of time, place, link or title
 * bumps `sequence`. A cancelled session is no longer changed.
 */
export function updateSession(sessionId: number, input: SessionInput, actor: Viewer): UpdateResult {
	let going = 0
	try {
		return getDb().transaction(
			(tx): UpdateResult => {
				const session = getSession(sessionId, tx)
				if (!session || !canManage(actor, session)) return refusal({}, ['sharing.errors.forbidden'])
				if (session.cancelledAt) return refusal({}, ['sharing.errors.cancelled'])
				const errors = inputErrors(input, tx)
				going = goingCount(sessionId, tx)
				if (!errors.capacity && input.capacity < going) errors.capacity = [problem('sharing.errors.capacityBelowGoing', { going })]
				if (Object.keys(errors).length > 0) return refusal(errors)

				const next = sessionFields(input)
				const speakersBefore = speakerIdsOf(sessionId, tx)
				const speakersAfter = [...new Set(input.speakerIds)]
				const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => !sameValue(session[k], next[k]))
				const speakersChanged = !sameValue(speakersBefore, speakersAfter)
				if (changed.length === 0 && !speakersChanged) return { ok: true, changed: false, sequence: session.sequence, promoted: [] }

				const bump = CALENDAR_FIELDS.some((k) => changed.includes(k))
				const sequence = session.sequence + (bump ? 1 : 0)
				const at = now()
				tx.update(sharingSessions)
					.set({ ...next, sequence, updatedAt: at })
					.where(eq(sharingSessions.id, sessionId))
					.run()
				if (speakersChanged) writeSpeakers(tx, sessionId, speakersAfter)
				const role = actorRoleFor(actor, session)
				const pick = (source: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, source[k]]))
				recordAudit(tx, {
					actorId: actor.id,
					actorRole: role,
					action: 'sharing.session.update',
					entity: 'sharing_session',
					entityId: sessionId,
					data: {
						before: { ...pick(session), ...(speakersChanged ? { speakerIds: speakersBefore } : {}), sequence: session.sequence },
						after: { ...pick(next), ...(speakersChanged ? { speakerIds: speakersAfter } : {}), sequence },
					},
				})
				const promoted = next.capacity > session.capacity ? fillFreeSeats(tx, sessionId, { id: actor.id, role }, at) : []
				return { ok: true, changed: true, sequence, promoted }
			},
			{ behavior: 'immediate' },
		)
	} catch (error) {
		if (error instanceof Error && error.message.includes('capacity_below_going')) return capacityRefusal(going)
		throw error
	}
}

/**
 * Cancels a session that has not ended (its organiser or HR), with a reason. Answers and the check-in
 * code stay: calendars subscribed through the feed need the cancelled event (STATUS:CANCELLED, higher
 * SEQUENCE) to remove it.
 */
export function cancelSession(sessionId: number, reason: string, actor: Viewer): { ok: true } | Refusal {
	const text = reason.trim()
	return getDb().transaction(
		(tx) => {
			const session = getSession(sessionId, tx)
			if (!session || !canManage(actor, session)) return refusal({}, ['sharing.errors.forbidden'])
			if (text.length === 0) return refusal({ reason: ['sharing.errors.required'] })
			if (text.length > CANCEL_REASON_MAX) return refusal({ reason: ['sharing.errors.tooLong'] })
			if (session.cancelledAt) return refusal({}, ['sharing.errors.cancelled'])
			const at = now()
			if (session.endsAt.getTime() <= at.getTime()) return refusal({}, ['sharing.errors.past'])
			const sequence = session.sequence + 1
			tx.update(sharingSessions).set({ cancelledAt: at, cancelReason: text, sequence, updatedAt: at }).where(eq(sharingSessions.id, sessionId)).run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: actorRoleFor(actor, session),
				action: 'sharing.session.cancel',
				entity: 'sharing_session',
				entityId: sessionId,
				data: { before: { cancelledAt: null, sequence: session.sequence }, after: { cancelledAt: at.toISOString(), sequence } },
				reason: text,
			})
			return { ok: true as const }
		},
		{ behavior: 'immediate' },
	)
}

export type NotesInput = { notes: string | null; recordingUrl: string | null }

/** The recording link: https only (a plain http link would leak the meeting's recording over the network). */
const RECORDING_URL = /^https:\/\/\S+$/

/**
 * Writes a session's notes (Markdown, at most NOTES_MAX characters) and recording link (https only),
 * for its organiser or HR; empty values clear them. Allowed on a cancelled session too (a note on why
 * is still worth keeping). One immediate transaction with its audit row (the notes' length, not their
 * text); nothing is written on a refusal or when nothing changed.
 */
export function saveNotes(sessionId: number, input: NotesInput, actor: Viewer): { ok: true; changed: boolean } | Refusal {
	const notes = input.notes?.trim() ? input.notes.replace(/\r\n?/g, '\n').trimEnd() : null
	const recordingUrl = input.recordingUrl?.trim() || null
	const errors: FieldErrors = {}
	if (notes !== null && notes.length > NOTES_MAX) errors.notes = ['sharing.errors.tooLong']
	if (recordingUrl !== null && (!RECORDING_URL.test(recordingUrl) || recordingUrl.length > 2000)) errors.recordingUrl = ['sharing.errors.recordingUrl']
	return getDb().transaction(
		(tx) => {
			const session = getSession(sessionId, tx)
			if (!session) return refusal({}, ['sharing.errors.notFound'])
			if (!canManage(actor, session)) return refusal({}, ['sharing.errors.forbidden'])
			if (Object.keys(errors).length > 0) return refusal(errors)
			if (session.notes === notes && session.recordingUrl === recordingUrl) return { ok: true as const, changed: false }
			tx.update(sharingSessions).set({ notes, recordingUrl, updatedAt: now() }).where(eq(sharingSessions.id, sessionId)).run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: actorRoleFor(actor, session),
				action: 'sharing.session.notes',
				entity: 'sharing_session',
				entityId: sessionId,
				data: {
					before: { notesLength: session.notes?.length ?? 0, recordingUrl: session.recordingUrl },
					after: { notesLength: notes?.length ?? 0, recordingUrl },
				},
			})
			return { ok: true as const, changed: true }
		},
		{ behavior: 'immediate' },
	)
}

// ————— Reads —————

export type PersonRef = { id: number; name: string }

export type SessionCard = {
	id: number
	title: string
	topic: string
	startsAt: Date
	endsAt: Date
	place: string | null
	meetingUrl: string | null
	capacity: number
	indicators: string[]
	tags: string[]
	sequence: number
	cancelledAt: Date | null
	cancelReason: string | null
	organizer: PersonRef
	speakers: PersonRef[]
	going: number
	waitlisted: number
	seatsLeft: number
	/** The viewer's answer (null: none yet), their place in the queue, and whether they were there. */
	mine: { status: RsvpStatus | null; waitlistPosition: number | null; attended: boolean }
}

type CardRow = {
	id: number
	title: string
	topic: string
	startsAt: number
	endsAt: number
	place: string | null
	meetingUrl: string | null
	capacity: number
	indicators: string
	tags: string
	sequence: number
	cancelledAt: number | null
	cancelReason: string | null
	organizerId: number
	organizerName: string
	going: number
	waitlisted: number
	myStatus: RsvpStatus | null
	myPosition: number | null
	attended: number
}

/** Sessions with their counts and the viewer's own state; `where` filters on `s` (the session) and `mine` (the viewer's answer). */
function cards(viewerId: number | null, where: ReturnType<typeof sql>, order: ReturnType<typeof sql>, tx: Tx = getDb()): SessionCard[] {
	const viewer = viewerId ?? 0
	const rows = tx.all<CardRow>(sql`
		select s.id, s.title, s.topic, s.starts_at as startsAt, s.ends_at as endsAt, s.place, s.meeting_url as meetingUrl, s.capacity,
		       s.indicators, s.tags, s.sequence, s.cancelled_at as cancelledAt, s.cancel_reason as cancelReason,
		       s.organizer_id as organizerId, o.name as organizerName,
		       (select count(*) from session_rsvps r where r.session_id = s.id and r.status = 'going') as going,
		       (select count(*) from session_rsvps r where r.session_id = s.id and r.status = 'waitlisted') as waitlisted,
		       mine.status as myStatus,
		       case when mine.status = 'waitlisted' then (
		         select count(*) from session_rsvps w where w.session_id = s.id and w.status = 'waitlisted'
		           and (w.responded_at < mine.responded_at or (w.responded_at = mine.responded_at and w.user_id <= mine.user_id))
		       ) end as myPosition,
		       exists (select 1 from session_attendance a where a.session_id = s.id and a.user_id = ${viewer}) as attended
		from sharing_sessions s
		join users o on o.id = s.organizer_id
		left join session_rsvps mine on mine.session_id = s.id and mine.user_id = ${viewer}
		where ${where}
		order by ${order}`)
	const speakers = speakersOf(
		rows.map((r) => r.id),
		tx,
	)
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		topic: r.topic,
		startsAt: new Date(r.startsAt),
		endsAt: new Date(r.endsAt),
		place: r.place,
		meetingUrl: r.meetingUrl,
		capacity: r.capacity,
		indicators: JSON.parse(r.indicators) as string[],
		tags: JSON.parse(r.tags) as string[],
		sequence: r.sequence,
		cancelledAt: r.cancelledAt === null ? null : new Date(r.cancelledAt),
		cancelReason: r.cancelReason,
		organizer: { id: r.organizerId, name: r.organizerName },
		speakers: speakers.get(r.id) ?? [],
		going: r.going,
		waitlisted: r.waitlisted,
		seatsLeft: r.cancelledAt === null ? Math.max(0, r.capacity - r.going) : 0,
		mine: { status: r.myStatus, waitlistPosition: r.myPosition, attended: Boolean(r.attended) },
	}))
}

function speakersOf(sessionIds: readonly number[], tx: Tx): Map<number, PersonRef[]> {
	const result = new Map<number, PersonRef[]>()
	if (sessionIds.length === 0) return result
	const rows = tx
		.select({ sessionId: sessionSpeakers.sessionId, id: users.id, name: users.name })
		.from(sessionSpeakers)
		.innerJoin(users, eq(users.id, sessionSpeakers.userId))
		.where(inArray(sessionSpeakers.sessionId, [...sessionIds]))
		.orderBy(sessionSpeakers.sessionId, sessionSpeakers.position)
		.all()
	for (const { sessionId, ...person } of rows) {
		let list = result.get(sessionId)
		if (!list) result.set(sessionId, (list = []))
		list.push(person)
	}
	return result
}

/**
 * The sessions page: upcoming ones (not yet ended, cancelled ones included so people see the
 * cancellation) soonest first, and past ones latest first, each with its counts and the viewer's state.
 */
export function listSessions({ at = now(), viewerId = null }: { at?: Date; viewerId?: number | null } = {}): { upcoming: SessionCard[]; past: SessionCard[] } {
	const t = at.getTime()
	return {
		upcoming: cards(viewerId, sql`s.ends_at > ${t}`, sql`s.starts_at asc, s.id asc`),
		past: cards(viewerId, sql`s.ends_at <= ${t}`, sql`s.starts_at desc, s.id desc`),
	}
}

export type FeedbackSummary = ReturnType<typeof ratingSummary> & {
	/** The comments, newest first, without names: people rate more frankly when the speaker cannot see who wrote what. */
	comments: Array<{ rating: number; comment: string; createdAt: Date }>
}

/** The aggregate of a session's feedback. Callers check `canSeeFeedback` first. */
export function feedbackSummary(sessionId: number, tx: Tx = getDb()): FeedbackSummary {
	const rows = tx
		.select({ rating: sessionFeedback.rating, comment: sessionFeedback.comment, createdAt: sessionFeedback.createdAt })
		.from(sessionFeedback)
		.where(eq(sessionFeedback.sessionId, sessionId))
		.orderBy(sql`${sessionFeedback.createdAt} desc`, sessionFeedback.userId)
		.all()
	return {
		...ratingSummary(rows.map((r) => r.rating)),
		comments: rows.filter((r): r is typeof r & { comment: string } => r.comment !== null).map((r) => ({ rating: r.rating, comment: r.comment, createdAt: r.createdAt })),
	}
}

export type RosterPerson = PersonRef & { respondedAt: Date; promotedAt: Date | null }

export type SessionDetail = SessionCard & {
	notes: string | null
	recordingUrl: string | null
	canManage: boolean
	canSeeFeedback: boolean
	/** Whether the viewer may still answer (not cancelled, not ended). */
	mayRespond: boolean
	checkInOpen: boolean
	mayGiveFeedback: boolean
	myFeedback: { rating: number; comment: string | null } | null
	/** Only for the organiser and HR. */
	checkInCode: string | null
	/** Only for the organiser and HR: who is going, the waitlist in order, who declined, who was there. */
	roster: {
		going: RosterPerson[]
		waitlisted: RosterPerson[]
		declined: RosterPerson[]
		attendance: Array<PersonRef & { checkedInAt: Date; method: 'code' | 'organizer'; rsvp: RsvpStatus | null }>
	} | null
	/** Only for the speakers, the organiser and HR. */
	feedback: FeedbackSummary | null
}

/** One session as its page shows it to this viewer; null when it does not exist. */
export function sessionDetail(sessionId: number, viewer: Viewer, at: Date = now()): SessionDetail | null {
	if (!Number.isSafeInteger(sessionId) || sessionId <= 0) return null
	const db = getDb()
	const card = cards(viewer.id, sql`s.id = ${sessionId}`, sql`s.id`, db)[0]
	const session = getSession(sessionId, db)
	if (!card || !session) return null
	const manages = canManage(viewer, session)
	const seesFeedback = canSeeFeedback(viewer, { organizerId: session.organizerId, speakerIds: card.speakers.map((s) => s.id) })
	const myFeedback =
		db
			.select({ rating: sessionFeedback.rating, comment: sessionFeedback.comment })
			.from(sessionFeedback)
			.where(and(eq(sessionFeedback.sessionId, sessionId), eq(sessionFeedback.userId, viewer.id)))
			.get() ?? null
	const isSpeaker = card.speakers.some((s) => s.id === viewer.id)
	return {
		...card,
		notes: session.notes,
		recordingUrl: session.recordingUrl,
		canManage: manages,
		canSeeFeedback: seesFeedback,
		mayRespond: session.cancelledAt === null && session.endsAt.getTime() > at.getTime(),
		checkInOpen: checkInOpen(session, at),
		mayGiveFeedback: session.cancelledAt === null && !isSpeaker && mayGiveFeedback({ attended: card.mine.attended, startsAt: session.startsAt }, at),
		myFeedback,
		checkInCode: manages ? session.checkInCode : null,
		roster: manages ? roster(sessionId, db) : null,
		feedback: seesFeedback ? feedbackSummary(sessionId, db) : null,
	}
}

function roster(sessionId: number, tx: Tx): NonNullable<SessionDetail['roster']> {
	const answers = tx.all<{ id: number; name: string; status: RsvpStatus; respondedAt: number; promotedAt: number | null }>(sql`
		select u.id, u.name, r.status, r.responded_at as respondedAt, r.promoted_at as promotedAt
		from session_rsvps r join users u on u.id = r.user_id
		where r.session_id = ${sessionId}
		order by r.responded_at, r.user_id`)
	const people = (status: RsvpStatus) =>
		answers
			.filter((a) => a.status === status)
			.map((a) => ({ id: a.id, name: a.name, respondedAt: new Date(a.respondedAt), promotedAt: a.promotedAt === null ? null : new Date(a.promotedAt) }))
	const attendance = tx
		.all<{ id: number; name: string; checkedInAt: number; method: 'code' | 'organizer'; rsvp: RsvpStatus | null }>(
			sql`
			select u.id, u.name, a.checked_in_at as checkedInAt, a.method, r.status as rsvp
			from session_attendance a join users u on u.id = a.user_id
			left join session_rsvps r on r.session_id = a.session_id and r.user_id = a.user_id
			where a.session_id = ${sessionId}
			order by a.checked_in_at, u.id`,
		)
		.map((a) => ({ ...a, checkedInAt: new Date(a.checkedInAt) }))
	return { going: people('going'), waitlisted: people('waitlisted'), declined: people('declined'), attendance }
}

export type AttendanceRow = Pick<SessionCard, 'id' | 'title' | 'startsAt' | 'endsAt' | 'place' | 'meetingUrl' | 'speakers' | 'indicators' | 'tags'> & {
	checkedInAt: Date
	method: 'code' | 'organizer'
	myRating: number | null
}

/** The sessions a person attended, latest first, with how they were recorded and their rating. */
export function attendanceHistory(userId: number): AttendanceRow[] {
	const db = getDb()
	const rows = db.all<{ id: number; checkedInAt: number; method: 'code' | 'organizer'; myRating: number | null }>(sql`
		select a.session_id as id, a.checked_in_at as checkedInAt, a.method, f.rating as myRating
		from session_attendance a
		left join session_feedback f on f.session_id = a.session_id and f.user_id = a.user_id
		where a.user_id = ${userId}`)
	if (rows.length === 0) return []
	const byId = new Map(rows.map((r) => [r.id, r]))
	return cards(userId, sql`s.id in (select value from json_each(${JSON.stringify([...byId.keys()])}))`, sql`s.starts_at desc, s.id desc`, db).map((card) => {
		const row = byId.get(card.id)!
		return {
			id: card.id,
			title: card.title,
			startsAt: card.startsAt,
			endsAt: card.endsAt,
			place: card.place,
			meetingUrl: card.meetingUrl,
			speakers: card.speakers,
			indicators: card.indicators,
			tags: card.tags,
			checkedInAt: new Date(row.checkedInAt),
			method: row.method,
			myRating: row.myRating,
		}
	})
}

/**
 * For the home page: the next session (not cancelled, not ended) the person is going to or waiting
 * for; failing that, the next one they have not declined, as an invitation (its `mine.status` is null).
 */
export function nextSessionFor(userId: number, at: Date = now()): SessionCard | null {
	const t = at.getTime()
	const open = sql`s.cancelled_at is null and s.ends_at > ${t}`
	const order = sql`s.starts_at asc, s.id asc`
	const answered = cards(userId, sql`${open} and mine.status in ('going', 'waitlisted')`, order)[0]
	if (answered) return answered
	return cards(userId, sql`${open} and mine.status is null`, order)[0] ?? null
}

// ————— Speaker suggestions —————

export type SpeakerSuggestion = {
	code: string
	nameZh: string
	nameEn: string
	unit: string
	direction: 'higher' | 'lower'
	/** The last closed month the figures are from. */
	month: Period
	people: Array<{ userId: number; name: string; value: number; achievement: number }>
}

export const SPEAKER_SUGGESTIONS_PER_INDICATOR = 5

/**
 * Who could speak on these indicators: the active people with the best achievement on each in the
 * last closed month (the stored monthly scores, recomputed first when stale), top 5, with their figures.
 */
export function speakerSuggestions(indicatorCodes: readonly string[], at: Date = now()): SpeakerSuggestion[] {
	const wanted = [...new Set(indicatorCodes)]
	if (wanted.length === 0) return []
	const byCode = new Map(listIndicators().map((i) => [i.code, i]))
	const chosen = wanted.map((code) => byCode.get(code)).filter((i) => i !== undefined)
	if (chosen.length === 0) return []
	const month = previousPeriod(monthOf(businessDate(at)))
	ensureFresh(month)
	const rows = getDb()
		.$client.prepare(
			`select s.user_id as userId, u.name, s.detail from kpi_scores s join users u on u.id = s.user_id
			 where s.period = ? and u.deactivated_at is null`,
		)
		.all(month) as Array<{ userId: number; name: string; detail: string }>
	const people = rows.map((r) => ({ userId: r.userId, name: r.name, detail: JSON.parse(r.detail) as ScoreDetail[] }))
	return chosen.map((indicator) => {
		const better = indicator.direction === 'lower' ? -1 : 1
		const ranked = people
			.flatMap(({ userId, name, detail }) => {
				const d = detail.find((x) => x.indicatorId === indicator.id)
				return d && d.achievement !== null && d.actual !== null ? [{ userId, name, value: d.actual, achievement: d.achievement }] : []
			})
			.sort((a, b) => b.achievement - a.achievement || better * (b.value - a.value) || a.name.localeCompare(b.name, 'zh-CN') || a.userId - b.userId)
			.slice(0, SPEAKER_SUGGESTIONS_PER_INDICATOR)
		return { code: indicator.code, nameZh: indicator.nameZh, nameEn: indicator.nameEn, unit: indicator.unit, direction: indicator.direction, month, people: ranked }
	})
}

// ————— Small reads for the pages —————

/** How many people attended each of these sessions (sessions without attendance are absent: read as 0). */
export function attendedCounts(sessionIds: readonly number[], tx: Tx = getDb()): Map<number, number> {
	const ids = [...new Set(sessionIds)].filter((id) => Number.isSafeInteger(id) && id > 0)
	if (ids.length === 0) return new Map()
	const rows = tx
		.select({ sessionId: sessionAttendance.sessionId, n: sql<number>`count(*)` })
		.from(sessionAttendance)
		.where(inArray(sessionAttendance.sessionId, ids))
		.groupBy(sessionAttendance.sessionId)
		.all()
	return new Map(rows.map((r) => [r.sessionId, Number(r.n)]))
}

/** Who may be named as a speaker: active people in a sales-line position, by name. */
export function speakerOptions(tx: Tx = getDb()): PersonRef[] {
	return tx
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(and(isNull(users.deactivatedAt), isNotNull(users.positionType)))
		.orderBy(asc(users.name), asc(users.id))
		.all()
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id)
}
