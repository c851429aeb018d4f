import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { coachingSessions, mentorPairings, type CoachingSession, type MentorPairing } from '#db/schema/mentoring.ts'
import { indicators, kpiRecords } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { onCoachingLogged } from '#app/modules/gamification/events.server.ts'
import { markStale } from '#app/modules/performance/stale.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { getPairing, isActiveOn, today, type Viewer } from './pairings.server.ts'
import { dayScore, RUBRIC_CRITERIA, type CoachingInput, type Rubric } from './rules.ts'

/**
 * The mentor's coaching log. A scored drill or role-play also writes the mentee's 演练评分
 * (`coaching_score`) capability record for that day, source `assessment`: the mean of that day's rubric
 * means, so two role-plays on one day make one record. Session, record, audit and the stale mark are
 * one transaction.
 */

export const COACHING_INDICATOR = 'coaching_score'

export type CoachingRefusal = 'forbidden' | 'ended'

function rubricOf(session: Pick<CoachingSession, (typeof RUBRIC_CRITERIA)[number]>): Rubric | null {
	const values = RUBRIC_CRITERIA.map((c) => session[c])
	if (values.some((v) => v === null)) return null
	return Object.fromEntries(RUBRIC_CRITERIA.map((c) => [c, session[c]])) as Rubric
}

/**
 * Writes one session inside `tx` (the seed calls this too). The caller has checked who logs it and the
 * form. Returns the session id and, for a scored session, the capability record it wrote. `loggedAt` is
 * now, except for the seed's history, which is logged the evening it happened.
 */
export function writeCoaching(
	tx: Tx,
	pairing: Pick<MentorPairing, 'id' | 'mentorId' | 'menteeId'>,
	input: CoachingInput,
	actorId: number,
	loggedAt: Date = now(),
) {
	const session = tx
		.insert(coachingSessions)
		.values({
			pairingId: pairing.id,
			kind: input.kind,
			occurredOn: input.occurredOn,
			notes: input.notes,
			nextSteps: input.nextSteps,
			...(input.rubric ?? {}),
			loggedById: actorId,
			createdAt: loggedAt,
		})
		.returning()
		.get()
	let recordId: number | null = null
	if (input.rubric) {
		recordId = writeAssessmentRecord(tx, pairing.menteeId, input.occurredOn, actorId)
		tx.update(coachingSessions).set({ recordId }).where(eq(coachingSessions.id, session.id)).run()
	}
	recordAudit(tx, {
		actorId,
		actorRole: 'mentor',
		action: 'mentoring.coaching.create',
		entity: 'coaching_session',
		entityId: session.id,
		data: { before: null, after: { pairingId: pairing.id, kind: input.kind, occurredOn: input.occurredOn, rubric: input.rubric, recordId } },
	})
	onCoachingLogged(tx, {
		coachingId: session.id,
		mentorId: pairing.mentorId,
		menteeId: pairing.menteeId,
		// Paid when logged: the daily cap counts the day the mentor writes it, so backdating cannot dodge it.
		at: session.createdAt,
	})
	return { sessionId: session.id, recordId }
}

/** (Re)writes the mentee's coaching_score record for a day from every scored session of theirs that day. */
function writeAssessmentRecord(tx: Tx, menteeId: number, date: string, actorId: number): number {
	const indicator = tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, COACHING_INDICATOR)).get()
	if (!indicator) throw new Error(`indicator ${COACHING_INDICATOR} is missing (migration 0008)`)
	const sessions = tx
		.select()
		.from(coachingSessions)
		.innerJoin(mentorPairings, eq(mentorPairings.id, coachingSessions.pairingId))
		.where(and(eq(mentorPairings.menteeId, menteeId), eq(coachingSessions.occurredOn, date), isNotNull(coachingSessions.fabeFeature)))
		.all()
	const value = dayScore(sessions.map((s) => rubricOf(s.coaching_sessions)).filter((r): r is Rubric => r !== null))!
	const key = and(
		eq(kpiRecords.userId, menteeId),
		eq(kpiRecords.indicatorId, indicator.id),
		eq(kpiRecords.date, date),
		eq(kpiRecords.source, 'assessment'),
	)
	const existing = tx.select().from(kpiRecords).where(key).get()
	const evidence = `coaching:${sessions.map((s) => s.coaching_sessions.id).join(',')}`
	const at = now()
	let recordId: number
	if (existing) {
		tx.update(kpiRecords).set({ value, evidence, updatedAt: at }).where(eq(kpiRecords.id, existing.id)).run()
		recordId = existing.id
	} else {
		recordId = tx
			.insert(kpiRecords)
			.values({ userId: menteeId, indicatorId: indicator.id, date, value, source: 'assessment', evidence, updatedAt: at })
			.returning({ id: kpiRecords.id })
			.get().id
	}
	recordAudit(tx, {
		actorId,
		actorRole: 'mentor',
		action: existing ? 'kpi.record.assessment_update' : 'kpi.record.assessment_create',
		entity: 'kpi_record',
		entityId: recordId,
		data: {
			userId: menteeId,
			indicator: COACHING_INDICATOR,
			date,
			source: 'assessment',
			before: existing ? { value: existing.value, evidence: existing.evidence, status: existing.status } : null,
			after: { value, evidence, status: existing?.status ?? 'valid' },
		},
	})
	markStale(tx, [date])
	return recordId
}

/**
 * Logs a session on a running pairing: only its mentor may (an ended pairing's log is closed). The
 * form (`coachingSchema`) has checked the day is within the pairing and not in the future.
 */
export function logCoaching(
	pairingId: number,
	input: CoachingInput,
	actor: Viewer,
): { ok: true; sessionId: number; recordId: number | null } | { ok: false; reason: CoachingRefusal } {
	return getDb().transaction(
		(tx) => {
			const pairing = getPairing(pairingId, tx)
			if (!pairing || pairing.mentorId !== actor.id) return { ok: false as const, reason: 'forbidden' as const }
			if (!isActiveOn(pairing, today())) return { ok: false as const, reason: 'ended' as const }
			return { ok: true as const, ...writeCoaching(tx, pairing, input, actor.id) }
		},
		{ behavior: 'immediate' },
	)
}

export type CoachingEntry = {
	id: number
	pairingId: number
	kind: CoachingSession['kind']
	occurredOn: string
	notes: string
	nextSteps: string | null
	rubric: Rubric | null
	score: number | null
	loggedBy: string
}

/** A pairing's (or several pairings') coaching log, newest first. */
export function coachingLog(pairingIds: readonly number[], tx: Tx = getDb()): CoachingEntry[] {
	if (pairingIds.length === 0) return []
	return tx
		.select({ session: coachingSessions, loggedBy: users.name })
		.from(coachingSessions)
		.innerJoin(users, eq(users.id, coachingSessions.loggedById))
		.where(inArray(coachingSessions.pairingId, [...pairingIds]))
		.orderBy(desc(coachingSessions.occurredOn), desc(coachingSessions.id))
		.all()
		.map(({ session, loggedBy }) => {
			const rubric = rubricOf(session)
			return {
				id: session.id,
				pairingId: session.pairingId,
				kind: session.kind,
				occurredOn: session.occurredOn,
				notes: session.notes,
				nextSteps: session.nextSteps,
				rubric,
				score: rubric ? dayScore([rubric]) : null,
				loggedBy,
			}
		})
}

/** The day of each pairing's latest session (for "days since last coaching"). */
export function lastCoachingOn(pairingIds: readonly number[], tx: Tx = getDb()): Map<number, string> {
	if (pairingIds.length === 0) return new Map()
	const rows = tx
		.select({ pairingId: coachingSessions.pairingId, occurredOn: coachingSessions.occurredOn })
		.from(coachingSessions)
		.where(inArray(coachingSessions.pairingId, [...pairingIds]))
		.orderBy(asc(coachingSessions.occurredOn))
		.all()
	return new Map(rows.map((r) => [r.pairingId, r.occurredOn]))
}
