import { and, eq, sql } from 'drizzle-orm'
import { getDb, type Db, type Tx } from '#db/client.server.ts'
import { examAttempts } from '#db/schema/exams.ts'
import { badgeAwards, pointsLedger } from '#db/schema/gamification.ts'
import { kbFeedback } from '#db/schema/knowledge.ts'
import { lessonCompletions } from '#db/schema/learning.ts'
import { coachingSessions, mentorPairings } from '#db/schema/mentoring.ts'
import { sessionAttendance } from '#db/schema/sharing.ts'
import { coachingInstant, onAttemptGraded, onAttended, onCoachingLogged, onKbHelpful, onLessonCompleted } from './events.server.ts'

type Replay = { at: Date; order: number; run: () => unknown }

const count = (tx: Tx, table: typeof pointsLedger | typeof badgeAwards) => tx.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0

/**
 * Pays the events that happened before the ledger existed (ADR 010 consequences): every lesson
 * completed, first exam pass, helpful mark, coaching session and attendance, replayed through the
 * same hooks with the events' own times, oldest first, so daily caps and 分享达人 fall on the days they
 * would have. Idempotent: a second run finds every event paid and writes nothing. One transaction.
 */
export function backfillPoints(db: Db = getDb()) {
	return db.transaction(
		(tx) => {
			const before = { rows: count(tx, pointsLedger), badges: count(tx, badgeAwards) }
			const replays: Replay[] = []
			for (const c of tx.select().from(lessonCompletions).all())
				replays.push({ at: c.completedAt, order: 0, run: () => onLessonCompleted(tx, c.userId, c.lessonId, c.completedAt) })
			const passes = tx
				.select({ id: examAttempts.id, closedAt: examAttempts.closedAt })
				.from(examAttempts)
				.where(and(eq(examAttempts.status, 'graded'), eq(examAttempts.passed, true)))
				.all()
			for (const a of passes) if (a.closedAt) replays.push({ at: a.closedAt, order: 1, run: () => onAttemptGraded(tx, a.id) })
			for (const f of tx.select().from(kbFeedback).where(eq(kbFeedback.helpful, true)).all())
				replays.push({ at: f.updatedAt, order: 2, run: () => onKbHelpful(tx, { articleId: f.articleId, raterId: f.userId, at: f.updatedAt }) })
			const coaching = tx
				.select({ id: coachingSessions.id, occurredOn: coachingSessions.occurredOn, createdAt: coachingSessions.createdAt, mentorId: mentorPairings.mentorId, menteeId: mentorPairings.menteeId })
				.from(coachingSessions)
				.innerJoin(mentorPairings, eq(mentorPairings.id, coachingSessions.pairingId))
				.all()
			for (const c of coaching) {
				const at = coachingInstant(c.occurredOn, c.createdAt)
				replays.push({ at, order: 3, run: () => onCoachingLogged(tx, { coachingId: c.id, mentorId: c.mentorId, menteeId: c.menteeId, at }) })
			}
			for (const a of tx.select().from(sessionAttendance).all())
				replays.push({ at: a.checkedInAt, order: 4, run: () => onAttended(tx, { sessionId: a.sessionId, userId: a.userId, at: a.checkedInAt }) })
			// Stable: the same history always replays in the same order.
			replays.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)
			for (const replay of replays) replay.run()
			return {
				events: replays.length,
				ledgerRows: count(tx, pointsLedger) - before.rows,
				badges: count(tx, badgeAwards) - before.badges,
			}
		},
		{ behavior: 'immediate' },
	)
}
