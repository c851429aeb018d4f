import { and, asc, eq, isNull } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { examAttempts, exams } from '#db/schema/exams.ts'
import { tierStateFor } from '#app/modules/learning/tier-state.server.ts'
import { tiers, type Tier, type TierLock } from '#app/modules/learning/tier.ts'
import { now } from '#app/utils/clock.server.ts'
import { attemptForOwner, attemptLimitFor, attemptsOf, getExam, openAttemptOf, type Attempt, type Exam } from './attempts.server.ts'
import { decideStart, isPastDeadline } from './rules.ts'
import type { ExamState } from './state.ts'

export type { ExamState }


export type CatalogExam = Pick<
	Exam,
	| 'slug'
	| 'title'
	| 'titleEn'
	| 'description'
	| 'descriptionEn'
	| 'tier'
	| 'closedBook'
	| 'required'
	| 'timeLimitSeconds'
	| 'passMark'
	| 'questionsPerAttempt'
	| 'maxAttempts'
	| 'cooldownMinutes'
>

type OpenElsewhere = { attemptId: number; examId: number; slug: string; title: string; titleEn: string; endsAt: Date }

export function attemptHref(slug: string, attemptId: number) {
	return `/exams/${slug}/attempts/${attemptId}`
}

function summary(exam: Exam): CatalogExam {
	const { slug, title, titleEn, description, descriptionEn, tier, closedBook, required } = exam
	const { timeLimitSeconds, passMark, questionsPerAttempt, maxAttempts, cooldownMinutes } = exam
	return {
		...{ slug, title, titleEn, description, descriptionEn, tier, closedBook, required },
		...{ timeLimitSeconds, passMark, questionsPerAttempt, maxAttempts, cooldownMinutes },
	}
}

/**
 * The person's open attempt (any exam), graded first if its deadline has passed: an attempt past its
 * deadline is closed on next access, so the catalogue never offers "resume" for a finished exam.
 */
function openElsewhereOf(userId: number, at: Date): OpenElsewhere | null {
	const open = openAttemptOf(userId)
	if (!open) return null
	if (isPastDeadline(open.deadlineAt, at)) {
		attemptForOwner(open.attemptId, userId, at)
		return null
	}
	const { attemptId, examId, slug, title, titleEn, endsAt } = open
	return { attemptId, examId, slug, title, titleEn, endsAt }
}

function stateOf(
	exam: Exam,
	attempts: readonly Attempt[],
	tierState: ReturnType<typeof tierStateFor>,
	openElsewhere: OpenElsewhere | null,
	at: Date,
): ExamState {
	const tier = tierState.tiers.find((t) => t.tier === exam.tier)!
	const decision = decideStart(exam, tier.open, attempts, at)
	const last = attempts.at(-1)
	const attemptsLeft = Math.max(0, exam.maxAttempts - attempts.length)
	if (decision.ok) {
		if (openElsewhere && openElsewhere.examId !== exam.id)
			return { kind: 'busy', href: attemptHref(openElsewhere.slug, openElsewhere.attemptId), title: openElsewhere.title, titleEn: openElsewhere.titleEn }
		return { kind: 'ready', attemptsLeft }
	}
	switch (decision.reason) {
		case 'open_attempt': {
			const open = attempts.find((a) => a.status === 'open')!
			return { kind: 'open', attemptId: open.id, endsAt: open.endsAt }
		}
		case 'passed': {
			const passedAttempts = attempts.filter((a) => a.passed)
			const best = passedAttempts.reduce((b, a) => ((a.score ?? 0) > (b.score ?? 0) ? a : b))
			return { kind: 'passed', bestScore: best.score ?? 0, passedAt: passedAttempts[0]!.closedAt!, attemptId: best.id }
		}
		case 'cooldown':
			return { kind: 'cooldown', until: decision.until, attemptsLeft, lastAttemptId: last!.id }
		case 'no_attempts_left':
			return { kind: 'no_attempts_left', lastAttemptId: last!.id }
		case 'tier_locked':
			return lockedState(exam.tier, tier.locks)
	}
}

function lockedState(tier: Tier, locks: readonly TierLock[]): ExamState {
	const tenure = locks.find((l) => l.kind === 'tenure')
	const exams = locks.find((l) => l.kind === 'exams')
	return { kind: 'tier_locked', tier, opensOn: tenure?.opensOn ?? null, missing: exams?.missing ?? [] }
}

/** Every live exam with the person's state for it, grouped by tier (new → core), each tier in slug order. */
export function examCatalogFor(userId: number, at: Date = now()) {
	const openElsewhere = openElsewhereOf(userId, at)
	const db = getDb()
	const tierState = tierStateFor(userId, db, at)
	const live = db.select().from(exams).where(isNull(exams.retiredAt)).orderBy(asc(exams.slug)).all()
	return tiers.map((tier) => ({
		tier,
		open: tierState.tiers.find((t) => t.tier === tier)!.open,
		exams: live
			.filter((exam) => exam.tier === tier)
			.map((exam) => {
				const attempts = attemptsOf(db, userId, exam.id)
				const mine = { ...exam, maxAttempts: attemptLimitFor(db, userId, exam) }
				return { ...summary(mine), attemptsUsed: attempts.length, state: stateOf(mine, attempts, tierState, openElsewhere, at) }
			}),
	}))
}

/** One live exam for the person: what it is, where they stand, and every attempt they made. Null when unknown or retired. */
export function examForPerson(slug: string, userId: number, at: Date = now()) {
	const exam = getExam(slug)
	if (!exam) return null
	const openElsewhere = openElsewhereOf(userId, at)
	const db = getDb()
	const attempts = attemptsOf(db, userId, exam.id)
	// The person's own limit: the bank's plus any attempts their manager granted.
	const mine = { ...exam, maxAttempts: attemptLimitFor(db, userId, exam) }
	return {
		exam: summary(mine),
		state: stateOf(mine, attempts, tierStateFor(userId, db, at), openElsewhere, at),
		history: attempts.map((a) => ({
			id: a.id,
			number: a.number,
			status: a.status,
			startedAt: a.startedAt,
			closedAt: a.closedAt,
			closedBy: a.closedBy,
			score: a.score,
			passed: a.passed,
			focusLosses: a.focusLosses,
		})),
	}
}

/** The page of one of the person's attempts, whichever exam it belongs to. */
export function attemptHrefFor(attemptId: number, userId: number): string | null {
	const row = getDb()
		.select({ slug: exams.slug })
		.from(examAttempts)
		.innerJoin(exams, eq(exams.id, examAttempts.examId))
		.where(and(eq(examAttempts.id, attemptId), eq(examAttempts.userId, userId)))
		.get()
	return row ? attemptHref(row.slug, attemptId) : null
}

/** Why a start was refused, in the words the exam page shows. */
export function refusalFor(exam: Exam, userId: number, reason: 'tier_locked' | 'passed' | 'no_attempts_left' | 'cooldown', until?: Date, at: Date = now()) {
	if (reason === 'tier_locked') {
		const tier = tierStateFor(userId, getDb(), at).tiers.find((t) => t.tier === exam.tier)!
		return lockedState(exam.tier, tier.locks) as Extract<ExamState, { kind: 'tier_locked' }>
	}
	if (reason === 'cooldown') return { kind: 'cooldown' as const, until: until! }
	return { kind: reason }
}
