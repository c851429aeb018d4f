import { and, asc, eq, isNull, lt, lte, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { examAttempts, exams } from '#db/schema/exams.ts'
import type { BadgeCode } from '#db/schema/gamification.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { sessionAttendance, sessionSpeakers, sharingSessions } from '#db/schema/sharing.ts'
import { now } from '#app/utils/clock.server.ts'
import { addDays } from '#app/modules/performance/periods.ts'
import { businessDate } from '#app/utils/dates.ts'
import { awardBadge } from './badge-awards.server.ts'
import {
	articleRaterKey,
	coachingKey,
	examKey,
	lessonKey,
	SHARING_STAR_SESSIONS,
	sessionKey,
	sharingStarKey,
} from './badges.ts'
import { awardPoints, type AwardResult } from './points.server.ts'

/**
 * The event sources' hooks (ADR 010). Each module calls its hook inside the transaction that records
 * the event, so the event, its points and its badges commit together. Only verified events pay: a
 * lesson completed, an exam passed, an article found helpful by someone else, a coaching session
 * logged, a sharing session attended or presented. Views, searches, bookmarks and repeats never reach
 * here; a replayed event pays nothing (the ledger's key), and `backfill.server.ts` replays history
 * through these same functions.
 */

export type Paid = { userId: number } & AwardResult

/** 完成课时: one lesson, once. */
export function onLessonCompleted(tx: Tx, userId: number, lessonId: number, at: Date = now()): AwardResult {
	return awardPoints(tx, { userId, source: 'lesson_completed', sourceKey: lessonKey(lessonId), at })
}

export type ExamPass = {
	userId: number
	examSlug: string
	attemptId: number
	/** No earlier graded attempt of this exam by this person. */
	firstTry: boolean
	/** Every question right. */
	perfect: boolean
	at?: Date
}

/**
 * 考试通过, once per exam (key `exam:<slug>`, whichever attempt passed it), with +first try and
 * +full marks and the badges 一次通过 and 满分. When the exam has paid before, a pass pays nothing
 * and earns no badge.
 */
export function onExamPassed(tx: Tx, { userId, examSlug, attemptId, firstTry, perfect, at = now() }: ExamPass): { paid: number; badges: BadgeCode[] } {
	const sourceKey = examKey(examSlug)
	const passed = awardPoints(tx, { userId, source: 'exam_passed', sourceKey, at })
	if (passed.duplicate) return { paid: 0, badges: [] }
	let paid = passed.paid
	const badges: BadgeCode[] = []
	const evidence = { exam: examSlug, attempt: attemptId }
	if (firstTry) {
		paid += awardPoints(tx, { userId, source: 'exam_first_try', sourceKey, at }).paid
		if (awardBadge(tx, { userId, badge: 'first_try', awardKey: sourceKey, evidence, at })) badges.push('first_try')
	}
	if (perfect) {
		paid += awardPoints(tx, { userId, source: 'exam_perfect', sourceKey, at }).paid
		if (awardBadge(tx, { userId, badge: 'perfect_score', awardKey: sourceKey, evidence, at })) badges.push('perfect_score')
	}
	return { paid, badges }
}

/**
 * Pays a graded attempt if it passed and is the person's first pass of that exam (a later pass pays
 * nothing, whatever the ledger says). The grading path and the backfill both come through here.
 */
export function onAttemptGraded(tx: Tx, attemptId: number): { paid: number; badges: BadgeCode[] } | null {
	const attempt = tx
		.select({
			id: examAttempts.id,
			userId: examAttempts.userId,
			examId: examAttempts.examId,
			number: examAttempts.number,
			status: examAttempts.status,
			passed: examAttempts.passed,
			correctCount: examAttempts.correctCount,
			questionCount: examAttempts.questionCount,
			closedAt: examAttempts.closedAt,
			slug: exams.slug,
		})
		.from(examAttempts)
		.innerJoin(exams, eq(exams.id, examAttempts.examId))
		.where(eq(examAttempts.id, attemptId))
		.get()
	if (!attempt || attempt.status !== 'graded' || !attempt.passed) return null
	const earlier = tx
		.select({ passed: examAttempts.passed })
		.from(examAttempts)
		.where(
			and(
				eq(examAttempts.userId, attempt.userId),
				eq(examAttempts.examId, attempt.examId),
				eq(examAttempts.status, 'graded'),
				lt(examAttempts.number, attempt.number),
			),
		)
		.all()
	if (earlier.some((a) => a.passed)) return null
	return onExamPassed(tx, {
		userId: attempt.userId,
		examSlug: attempt.slug,
		attemptId: attempt.id,
		firstTry: earlier.length === 0,
		perfect: attempt.questionCount > 0 && attempt.correctCount === attempt.questionCount,
		at: attempt.closedAt ?? now(),
	})
}

/** A session article's source (`sessions/<id>`, content/sync.server.ts SESSION_SOURCE_PREFIX). */
const SESSION_ARTICLE = /^sessions\/(\d+)$/

/**
 * Who wrote an article. A session article's authors are the session's speakers. A file article only
 * names its author (`author` is a display name), so it is the one active person with exactly that
 * name; with nobody or several people of that name, nobody is paid — a guess could pay the wrong person.
 */
export function articleAuthorIds(tx: Tx, article: { author: string; sourcePath: string }): number[] {
	const session = SESSION_ARTICLE.exec(article.sourcePath)
	if (session)
		return tx
			.select({ id: sessionSpeakers.userId })
			.from(sessionSpeakers)
			.innerJoin(users, eq(users.id, sessionSpeakers.userId))
			.where(and(eq(sessionSpeakers.sessionId, Number(session[1])), isNull(users.deactivatedAt)))
			.orderBy(asc(sessionSpeakers.position))
			.all()
			.map((r) => r.id)
	const named = tx
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.name, article.author.trim()), isNull(users.deactivatedAt)))
		.limit(2)
		.all()
	return named.length === 1 ? [named[0]!.id] : []
}

/**
 * 知识被认为有用: an article marked helpful pays its author(s), once per rater (key
 * `article:<id>:rater:<rater>`, so marking it again, or un-marking and re-marking, pays nothing). A
 * rater who is one of the authors pays nobody: only someone else's judgement counts.
 */
export function onKbHelpful(tx: Tx, { articleId, raterId, at = now() }: { articleId: number; raterId: number; at?: Date }): Paid[] {
	const article = tx.select({ author: kbArticles.author, sourcePath: kbArticles.sourcePath }).from(kbArticles).where(eq(kbArticles.id, articleId)).get()
	if (!article) return []
	const authors = articleAuthorIds(tx, article)
	if (authors.includes(raterId)) return []
	const sourceKey = articleRaterKey(articleId, raterId)
	return authors.map((userId) => ({ userId, ...awardPoints(tx, { userId, source: 'kb_helpful', sourceKey, at }) }))
}

/**
 * When a coaching session from before the ledger existed counts (the backfill only): the moment it was
 * logged if that was on the day it took place, else the end of that day, so seeded history lands in the
 * month the coaching was done. Live coaching pays when it is logged, so backdating cannot dodge the cap.
 */
export function coachingInstant(occurredOn: string, loggedAt: Date): Date {
	const dayEnd = new Date(new Date(`${addDays(occurredOn, 1)}T00:00:00+08:00`).getTime() - 1)
	return businessDate(loggedAt) <= occurredOn ? loggedAt : dayEnd
}

/** 辅导记录: the mentor and the mentee are both paid, once per session (key `coaching:<id>`). */
export function onCoachingLogged(
	tx: Tx,
	{ coachingId, mentorId, menteeId, at = now() }: { coachingId: number; mentorId: number; menteeId: number; at?: Date },
): Paid[] {
	const sourceKey = coachingKey(coachingId)
	return [
		{ userId: mentorId, ...awardPoints(tx, { userId: mentorId, source: 'coaching_mentor', sourceKey, at }) },
		{ userId: menteeId, ...awardPoints(tx, { userId: menteeId, source: 'coaching_mentee', sourceKey, at }) },
	]
}

/** Sessions the person spoke at that took place (someone was there) by `at`, cancelled ones left out. */
function sessionsPresented(tx: Tx, userId: number, at: Date): number {
	return (
		tx
			.select({ n: sql<number>`count(distinct ${sessionSpeakers.sessionId})` })
			.from(sessionSpeakers)
			.innerJoin(sharingSessions, eq(sharingSessions.id, sessionSpeakers.sessionId))
			.innerJoin(sessionAttendance, eq(sessionAttendance.sessionId, sessionSpeakers.sessionId))
			.where(and(eq(sessionSpeakers.userId, userId), isNull(sharingSessions.cancelledAt), lte(sessionAttendance.checkedInAt, at)))
			.get()?.n ?? 0
	)
}

export type AttendanceOutcome = { attendee: AwardResult | null; speakers: Paid[]; sharingStars: number[] }

/**
 * 参加/主讲分享会. Someone present pays the attendee (not the session's own speakers) once, and —
 * the first attendance proving the session took place — each speaker once (key `session:<id>`). A
 * speaker paid here who has now presented at SHARING_STAR_SESSIONS sessions that took place earns 分享达人.
 */
export function onAttended(tx: Tx, { sessionId, userId, at = now() }: { sessionId: number; userId: number; at?: Date }): AttendanceOutcome {
	const outcome: AttendanceOutcome = { attendee: null, speakers: [], sharingStars: [] }
	const session = tx.select({ cancelledAt: sharingSessions.cancelledAt }).from(sharingSessions).where(eq(sharingSessions.id, sessionId)).get()
	if (!session || session.cancelledAt) return outcome
	const speakers = tx
		.select({ id: sessionSpeakers.userId })
		.from(sessionSpeakers)
		.where(eq(sessionSpeakers.sessionId, sessionId))
		.orderBy(asc(sessionSpeakers.position))
		.all()
		.map((r) => r.id)
	const sourceKey = sessionKey(sessionId)
	if (!speakers.includes(userId)) outcome.attendee = awardPoints(tx, { userId, source: 'session_attended', sourceKey, at })
	for (const speakerId of speakers) {
		const paid = awardPoints(tx, { userId: speakerId, source: 'session_presented', sourceKey, at })
		outcome.speakers.push({ userId: speakerId, ...paid })
		if (paid.duplicate) continue
		const presented = sessionsPresented(tx, speakerId, at)
		if (
			presented >= SHARING_STAR_SESSIONS &&
			awardBadge(tx, { userId: speakerId, badge: 'sharing_star', awardKey: sharingStarKey(SHARING_STAR_SESSIONS), evidence: { sessions: presented }, at })
		)
			outcome.sharingStars.push(speakerId)
	}
	return outcome
}
