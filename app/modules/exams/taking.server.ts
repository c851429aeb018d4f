import { getDb } from '#db/client.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { attemptForOwner, attemptLimitFor, attemptsOf, gradedQuestions, questionsForTaker, type AnswerWrite, type Attempt, type Exam } from './attempts.server.ts'
import { gradeAttempt } from './grading.ts'
import { mayReview } from './rules.ts'

/**
 * The owner's attempt at the exam the URL names, settled first (past its deadline it is graded now).
 * Null for someone else's attempt, an unknown id, or an exam slug that is not the attempt's: all 404.
 */
export function attemptAt(slug: string, attemptId: number, userId: number, at: Date = now()) {
	const found = attemptForOwner(attemptId, userId, at)
	if (!found || found.exam.slug !== slug) return null
	return found
}

/**
 * What the taker's page gets while the attempt is open: titles, the shown end and the server's now
 * (the countdown is the server's, not the browser's), and the questions without key, explanation,
 * topic or bank id.
 */
export function takingView(attempt: Attempt, exam: Exam, at: Date = now()) {
	return {
		state: 'open' as const,
		exam: { slug: exam.slug, title: exam.title, titleEn: exam.titleEn, closedBook: exam.closedBook },
		attempt: {
			id: attempt.id,
			number: attempt.number,
			questionCount: attempt.questionCount,
			seq: attempt.seq,
			endsAt: attempt.endsAt.toISOString(),
			now: at.toISOString(),
		},
		questions: questionsForTaker(attempt.id),
	}
}

/**
 * What the result page shows. Keys and explanations only when the exam's review policy allows it
 * for this person now; never while another attempt at the same exam is open (its draw may repeat
 * these questions).
 */
export function resultView(attempt: Attempt, exam: Exam, userId: number) {
	const attempts = attemptsOf(getDb(), userId, exam.id)
	const graded = attempts.filter((a) => a.status === 'graded')
	const openAttempt = attempts.some((a) => a.status === 'open')
	const reveal =
		!openAttempt &&
		mayReview(
			exam.review,
			graded.some((a) => a.passed),
			graded.length,
			attemptLimitFor(getDb(), userId, exam),
		)
	const questions = gradedQuestions(attempt.id, reveal)
	const byTopic = new Map(gradeAttempt(questions, exam.passMark).topics.map((t) => [t.topic, t]))
	const named = exam.topics.map((t) => ({ code: t.code, name: t.name, nameEn: t.nameEn }))
	// A topic since removed from the bank still counts, under its code.
	for (const code of byTopic.keys()) if (!named.some((t) => t.code === code)) named.push({ code, name: code, nameEn: code })
	const topics = named.flatMap((t) => {
		const result = byTopic.get(t.code)
		return result ? [{ ...t, correct: result.correct, total: result.total }] : []
	})
	return {
		state: 'graded' as const,
		exam: {
			slug: exam.slug,
			title: exam.title,
			titleEn: exam.titleEn,
			closedBook: exam.closedBook,
			passMark: exam.passMark,
			maxAttempts: exam.maxAttempts,
			review: exam.review,
		},
		attempt: {
			id: attempt.id,
			number: attempt.number,
			score: attempt.score ?? 0,
			correctCount: attempt.correctCount ?? 0,
			questionCount: attempt.questionCount,
			passed: Boolean(attempt.passed),
			closedBy: attempt.closedBy ?? 'submit',
			startedAt: attempt.startedAt.toISOString(),
			closedAt: (attempt.closedAt ?? attempt.deadlineAt).toISOString(),
			focusLosses: attempt.focusLosses,
		},
		topics,
		wrongPositions: questions.filter((q) => !q.correct).map((q) => q.position),
		reveal,
		/** Set when answers stay hidden because another attempt at this exam is open now. */
		openAttempt,
		questions,
	}
}

export type PostedAnswer = { position: number; chosen: string[]; flagged: boolean }

/**
 * The writes a whole-form post (the page without JavaScript) makes: only the questions whose answer
 * or flag differs from what is stored, so an untouched question keeps its state and its answer time.
 */
export function changedWrites(attemptId: number, posted: readonly PostedAnswer[]): AnswerWrite[] {
	const stored = new Map(questionsForTaker(attemptId).map((q) => [q.position, q]))
	const writes: AnswerWrite[] = []
	for (const p of posted) {
		const before = stored.get(p.position)
		// Unknown positions go through, so saveAnswers refuses them with its reason.
		if (!before) {
			writes.push(p)
			continue
		}
		const write: AnswerWrite = { position: p.position }
		const sameChoice = before.chosen.length === p.chosen.length && p.chosen.every((id) => before.chosen.includes(id))
		if (!sameChoice) write.chosen = p.chosen
		if (before.flagged !== p.flagged) write.flagged = p.flagged
		if (write.chosen || write.flagged !== undefined) writes.push(write)
	}
	return writes
}
