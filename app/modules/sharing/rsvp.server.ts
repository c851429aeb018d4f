import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { checkInFailures, sessionAttendance, sessionFeedback, sessionRsvps, sessionSpeakers, sharingSessions, type SharingSession } from '#db/schema/sharing.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { onAttended } from '#app/modules/gamification/events.server.ts'
import { retryAfterSeconds } from '#app/modules/auth/rate-limit.ts'
import { problem, refusal, type Refusal } from '#app/modules/performance/targets.ts'
import { now } from '#app/utils/clock.server.ts'
import { checkInOpen, mayGiveFeedback, rsvpOutcome, type RsvpAnswer, type RsvpState } from './rules.ts'

/**
 * What people do with a sharing session: answer going / not going (a waitlist once the seats are
 * taken, served first come first served when a seat frees up), check in with the organiser's code,
 * be marked present by the organiser, and leave feedback. Every action is one immediate transaction
 * with its audit rows, so counts read inside it are exact; the `session_full` trigger of migration 0010
 * is the backstop should anything write around this module.
 */

/** Whoever acts: the signed-in person and their roles. */
export type Viewer = { id: number; roles: readonly string[] }

export function isHr(viewer: Viewer) {
	return viewer.roles.includes('hr_admin')
}

/** The organiser of the session or HR: who may edit it, cancel it and mark attendance. */
export function canManage(viewer: Viewer, session: Pick<SharingSession, 'organizerId'>) {
	return isHr(viewer) || viewer.id === session.organizerId
}

export function actorRoleFor(viewer: Viewer, session?: Pick<SharingSession, 'organizerId'>) {
	if (session && viewer.id === session.organizerId) return 'organizer'
	if (isHr(viewer)) return 'hr_admin'
	if (viewer.roles.includes('manager')) return 'manager'
	return 'staff'
}

export function getSession(sessionId: number, tx: Tx = getDb()): SharingSession | undefined {
	if (!Number.isSafeInteger(sessionId) || sessionId <= 0) return undefined
	return tx.select().from(sharingSessions).where(eq(sharingSessions.id, sessionId)).get()
}

export function speakerIdsOf(sessionId: number, tx: Tx = getDb()): number[] {
	return tx
		.select({ id: sessionSpeakers.userId })
		.from(sessionSpeakers)
		.where(eq(sessionSpeakers.sessionId, sessionId))
		.orderBy(asc(sessionSpeakers.position))
		.all()
		.map((r) => r.id)
}

export function goingCount(sessionId: number, tx: Tx = getDb()): number {
	return (
		tx
			.select({ n: sql<number>`count(*)` })
			.from(sessionRsvps)
			.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.status, 'going')))
			.get()?.n ?? 0
	)
}

/** 1 for the first person waiting; null when the person is not on the waitlist. Ties on the instant go by user id. */
export function waitlistPosition(sessionId: number, userId: number, tx: Tx = getDb()): number | null {
	const row = tx
		.select({ respondedAt: sessionRsvps.respondedAt })
		.from(sessionRsvps)
		.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.userId, userId), eq(sessionRsvps.status, 'waitlisted')))
		.get()
	if (!row) return null
	const at = row.respondedAt.getTime()
	return (
		tx
			.select({ n: sql<number>`count(*)` })
			.from(sessionRsvps)
			.where(
				and(
					eq(sessionRsvps.sessionId, sessionId),
					eq(sessionRsvps.status, 'waitlisted'),
					sql`(${sessionRsvps.respondedAt} < ${at} or (${sessionRsvps.respondedAt} = ${at} and ${sessionRsvps.userId} <= ${userId}))`,
				),
			)
			.get()?.n ?? 0
	)
}

const isOver = (session: Pick<SharingSession, 'endsAt'>, at: Date) => session.endsAt.getTime() <= at.getTime()

/**
 * Gives free seats to the people waiting longest (by when they answered), marking them promoted. Runs
 * inside the transaction that freed the seats (a decline, a larger capacity); a cancelled or finished
 * session promotes nobody. Each promotion is audited with the actor whose action freed the seat.
 */
export function fillFreeSeats(tx: Tx, sessionId: number, actor: { id: number; role: string }, at: Date = now()): number[] {
	const session = getSession(sessionId, tx)
	if (!session || session.cancelledAt || isOver(session, at)) return []
	const free = session.capacity - goingCount(sessionId, tx)
	if (free <= 0) return []
	const next = tx
		.select({ userId: sessionRsvps.userId })
		.from(sessionRsvps)
		.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.status, 'waitlisted')))
		.orderBy(asc(sessionRsvps.respondedAt), asc(sessionRsvps.userId))
		.limit(free)
		.all()
		.map((r) => r.userId)
	for (const userId of next) {
		tx.update(sessionRsvps)
			.set({ status: 'going', promotedAt: at })
			.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.userId, userId)))
			.run()
		recordAudit(tx, {
			actorId: actor.id,
			actorRole: actor.role,
			action: 'sharing.rsvp.promote',
			entity: 'session_rsvp',
			entityId: `${sessionId}:${userId}`,
			data: { before: { status: 'waitlisted' }, after: { status: 'going', promotedAt: at.toISOString() } },
		})
	}
	return next
}

const isSessionFull = (error: unknown) => error instanceof Error && error.message.includes('session_full')

export type RsvpResult = { ok: true; status: RsvpState; waitlistPosition: number | null; promoted: number[] } | Refusal

/**
 * A person's answer. "going" takes a seat while there is one, else a place at the end of the waitlist
 * (answering "going" again keeps a seat or a place); "declined" frees the seat, and the person waiting
 * longest gets it in the same transaction. Refused for a cancelled or finished session (one in
 * progress may still be answered). If the `session_full` trigger fires anyway, the answer is written
 * as waitlisted: a full session is an outcome, not an error.
 */
export function respond(sessionId: number, userId: number, answer: RsvpAnswer, at: Date = now()): RsvpResult {
	return getDb().transaction(
		(tx): RsvpResult => {
			const session = getSession(sessionId, tx)
			if (!session) return refusal({}, ['sharing.errors.forbidden'])
			if (session.cancelledAt) return refusal({}, ['sharing.errors.cancelled'])
			if (isOver(session, at)) return refusal({}, ['sharing.errors.past'])
			const current =
				tx
					.select({ status: sessionRsvps.status })
					.from(sessionRsvps)
					.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.userId, userId)))
					.get()?.status ?? null
			let status = rsvpOutcome(answer, { current, going: goingCount(sessionId, tx), capacity: session.capacity })
			if (status === current) return { ok: true, status, waitlistPosition: waitlistPosition(sessionId, userId, tx), promoted: [] }

			const write = (next: RsvpState) => {
				if (current === null) tx.insert(sessionRsvps).values({ sessionId, userId, status: next, respondedAt: at, promotedAt: null }).run()
				else
					tx.update(sessionRsvps)
						.set({ status: next, respondedAt: at, promotedAt: null })
						.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.userId, userId)))
						.run()
			}
			try {
				write(status)
			} catch (error) {
				// The trigger aborted only this statement; the transaction goes on with the waitlist instead.
				if (status !== 'going' || !isSessionFull(error)) throw error
				status = 'waitlisted'
				write(status)
			}
			recordAudit(tx, {
				actorId: userId,
				actorRole: 'staff',
				action: 'sharing.rsvp.respond',
				entity: 'session_rsvp',
				entityId: `${sessionId}:${userId}`,
				data: { answer, before: { status: current }, after: { status } },
			})
			const promoted = current === 'going' ? fillFreeSeats(tx, sessionId, { id: userId, role: 'staff' }, at) : []
			return { ok: true, status, waitlistPosition: waitlistPosition(sessionId, userId, tx), promoted }
		},
		{ behavior: 'immediate' },
	)
}

function attendanceOf(sessionId: number, userId: number, tx: Tx) {
	return tx
		.select()
		.from(sessionAttendance)
		.where(and(eq(sessionAttendance.sessionId, sessionId), eq(sessionAttendance.userId, userId)))
		.get()
}

/** Wrong codes a person may enter in a quarter of an hour: six digits cannot be guessed at this pace. */
export const CHECK_IN_GUESSES = 5
export const CHECK_IN_GUESS_WINDOW_MS = 15 * 60 * 1000

export type CheckInResult = { ok: true; checkedInAt: Date; alreadyCheckedIn: boolean; walkIn: boolean } | Refusal

/**
 * Checks a person in with the code the organiser shows in the room, from 15 minutes before the start
 * until the end. Checking in again changes nothing. Walk-ins are welcome: someone who declined, is
 * waiting, or never answered may check in too — the code proves they are in the room, and a seat
 * limit is about booking, not about who turned up. Their answer is left as it is (so the seat count
 * stays true); `walkIn` says so. After CHECK_IN_GUESSES wrong codes in CHECK_IN_GUESS_WINDOW_MS
 * the person must wait, whatever they type.
 */
export function checkIn(sessionId: number, userId: number, code: string, at: Date = now()): CheckInResult {
	return getDb().transaction(
		(tx): CheckInResult => {
			const session = getSession(sessionId, tx)
			if (!session) return refusal({}, ['sharing.errors.forbidden'])
			if (session.cancelledAt) return refusal({}, ['sharing.errors.cancelled'])
			if (!checkInOpen(session, at)) return refusal({}, ['sharing.errors.checkInClosed'])
			const failures = tx
				.select({ at: checkInFailures.at })
				.from(checkInFailures)
				.where(and(eq(checkInFailures.sessionId, sessionId), eq(checkInFailures.userId, userId), gt(checkInFailures.at, new Date(at.getTime() - CHECK_IN_GUESS_WINDOW_MS))))
				.orderBy(asc(checkInFailures.at))
				.all()
				.map((f) => f.at.getTime())
			const wait = retryAfterSeconds(failures, { limit: CHECK_IN_GUESSES, windowMs: CHECK_IN_GUESS_WINDOW_MS, now: at.getTime() })
			if (wait > 0) return refusal({ code: [problem('sharing.errors.tooManyCodes', { minutes: Math.ceil(wait / 60) })] })
			if (code.trim() !== session.checkInCode) {
				// Kept (the refusal is returned, not thrown, so this row commits): guessing must stay slow.
				tx.insert(checkInFailures).values({ sessionId, userId, at }).run()
				return refusal({ code: ['sharing.errors.wrongCode'] })
			}
			const existing = attendanceOf(sessionId, userId, tx)
			const status =
				tx
					.select({ status: sessionRsvps.status })
					.from(sessionRsvps)
					.where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.userId, userId)))
					.get()?.status ?? null
			const walkIn = status !== 'going'
			if (existing) return { ok: true, checkedInAt: existing.checkedInAt, alreadyCheckedIn: true, walkIn }
			tx.insert(sessionAttendance).values({ sessionId, userId, checkedInAt: at, method: 'code', markedById: null }).run()
			recordAudit(tx, {
				actorId: userId,
				actorRole: 'staff',
				action: 'sharing.attendance.checkIn',
				entity: 'session_attendance',
				entityId: `${sessionId}:${userId}`,
				data: { before: null, after: { checkedInAt: at.toISOString(), method: 'code', rsvp: status, walkIn } },
			})
			onAttended(tx, { sessionId, userId, at })
			return { ok: true, checkedInAt: at, alreadyCheckedIn: false, walkIn }
		},
		{ behavior: 'immediate' },
	)
}

export type MarkResult = { ok: true; marked: number[]; alreadyPresent: number[] } | Refusal

/**
 * The organiser (or HR) marks people present, any time from the start on (also long after the end,
 * for a paper sign-in sheet). People already checked in keep their record; the others get one marked
 * by the actor. Everyone named must be an active user, else nothing is written.
 */
export function markAttendance(sessionId: number, userIds: readonly number[], actor: Viewer, at: Date = now()): MarkResult {
	return getDb().transaction(
		(tx): MarkResult => {
			const session = getSession(sessionId, tx)
			if (!session || !canManage(actor, session)) return refusal({}, ['sharing.errors.forbidden'])
			if (session.cancelledAt) return refusal({}, ['sharing.errors.cancelled'])
			if (at.getTime() < session.startsAt.getTime()) return refusal({}, ['sharing.errors.checkInClosed'])
			const ids = [...new Set(userIds)]
			const valid = ids.every((id) => Number.isSafeInteger(id) && id > 0)
			const known = !valid || ids.length === 0 ? [] : tx.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), isNull(users.deactivatedAt))).all()
			if (!valid || known.length !== ids.length) return refusal({ userIds: ['sharing.errors.person'] })
			const present = new Set(
				ids.length === 0
					? []
					: tx
							.select({ userId: sessionAttendance.userId })
							.from(sessionAttendance)
							.where(and(eq(sessionAttendance.sessionId, sessionId), inArray(sessionAttendance.userId, ids)))
							.all()
							.map((r) => r.userId),
			)
			const marked = ids.filter((id) => !present.has(id))
			if (marked.length === 0) return { ok: true, marked, alreadyPresent: [...present] }
			tx.insert(sessionAttendance)
				.values(marked.map((userId) => ({ sessionId, userId, checkedInAt: at, method: 'organizer' as const, markedById: actor.id })))
				.run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: actorRoleFor(actor, session),
				action: 'sharing.attendance.mark',
				entity: 'sharing_session',
				entityId: sessionId,
				data: { before: null, after: { userIds: marked, checkedInAt: at.toISOString(), method: 'organizer' } },
			})
			for (const userId of marked) onAttended(tx, { sessionId, userId, at })
			return { ok: true, marked, alreadyPresent: [...present] }
		},
		{ behavior: 'immediate' },
	)
}

export type FeedbackResult = { ok: true; updated: boolean } | Refusal

/**
 * An attendee's rating (1–5) and comment, from the start of the session on. One answer per person:
 * giving feedback again replaces the earlier answer (people correct a slip or change their mind;
 * the aggregate still counts each attendee once), and the audit row keeps the earlier one. The
 * session's own speakers do not rate themselves.
 */
export function leaveFeedback(sessionId: number, userId: number, feedback: { rating: number; comment: string | null }, at: Date = now()): FeedbackResult {
	return getDb().transaction(
		(tx): FeedbackResult => {
			const session = getSession(sessionId, tx)
			if (!session) return refusal({}, ['sharing.errors.forbidden'])
			if (session.cancelledAt) return refusal({}, ['sharing.errors.cancelled'])
			if (speakerIdsOf(sessionId, tx).includes(userId)) return refusal({}, ['sharing.errors.forbidden'])
			if (!Number.isInteger(feedback.rating) || feedback.rating < 1 || feedback.rating > 5) return refusal({ rating: ['sharing.errors.rating'] })
			const attended = attendanceOf(sessionId, userId, tx) !== undefined
			if (!mayGiveFeedback({ attended, startsAt: session.startsAt }, at)) return refusal({}, ['sharing.errors.notAttended'])
			const comment = feedback.comment?.trim() || null
			const before = tx
				.select({ rating: sessionFeedback.rating, comment: sessionFeedback.comment })
				.from(sessionFeedback)
				.where(and(eq(sessionFeedback.sessionId, sessionId), eq(sessionFeedback.userId, userId)))
				.get()
			if (before && before.rating === feedback.rating && before.comment === comment) return { ok: true, updated: false }
			if (before)
				tx.update(sessionFeedback)
					.set({ rating: feedback.rating, comment })
					.where(and(eq(sessionFeedback.sessionId, sessionId), eq(sessionFeedback.userId, userId)))
					.run()
			else tx.insert(sessionFeedback).values({ sessionId, userId, rating: feedback.rating, comment, createdAt: at }).run()
			recordAudit(tx, {
				actorId: userId,
				actorRole: 'staff',
				action: before ? 'sharing.feedback.update' : 'sharing.feedback.give',
				entity: 'session_feedback',
				entityId: `${sessionId}:${userId}`,
				data: { before: before ?? null, after: { rating: feedback.rating, comment } },
			})
			return { ok: true, updated: before !== undefined }
		},
		{ behavior: 'immediate' },
	)
}
