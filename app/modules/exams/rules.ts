import type { ReviewPolicy } from './bank.ts'

/** The network allowance after the shown end; the issue caps it at 30 s. */
export const GRACE_MS = 30_000

export function attemptTimes(startedAt: Date, timeLimitSeconds: number, graceMs = GRACE_MS) {
	if (graceMs < 0 || graceMs > 30_000) throw new RangeError('the grace is 0–30 s')
	const endsAt = new Date(startedAt.getTime() + timeLimitSeconds * 1000)
	return { endsAt, deadlineAt: new Date(endsAt.getTime() + graceMs) }
}

/** Writes are accepted strictly before the deadline. */
export function isPastDeadline(deadlineAt: Date, at: Date): boolean {
	return at.getTime() >= deadlineAt.getTime()
}

export type PastAttempt = { status: 'open' | 'graded'; passed: boolean | null; closedAt: Date | null }
export type StartRules = { maxAttempts: number; cooldownMinutes: number }

export type StartDecision =
	| { ok: true; number: number }
	| { ok: false; reason: 'tier_locked' | 'open_attempt' | 'passed' | 'no_attempts_left' }
	| { ok: false; reason: 'cooldown'; until: Date }

/** Whether a person may start an attempt now, and its number if so. */
export function decideStart(exam: StartRules, tierOpen: boolean, attempts: readonly PastAttempt[], at: Date): StartDecision {
	if (attempts.some((a) => a.status === 'open')) return { ok: false, reason: 'open_attempt' }
	if (attempts.some((a) => a.passed)) return { ok: false, reason: 'passed' }
	if (!tierOpen) return { ok: false, reason: 'tier_locked' }
	if (attempts.length >= exam.maxAttempts) return { ok: false, reason: 'no_attempts_left' }
	const lastClosed = attempts.reduce<number>((max, a) => Math.max(max, a.closedAt?.getTime() ?? 0), 0)
	const until = new Date(lastClosed + exam.cooldownMinutes * 60_000)
	if (attempts.length > 0 && at.getTime() < until.getTime()) return { ok: false, reason: 'cooldown', until }
	return { ok: true, number: attempts.length + 1 }
}

/** Whether graded answers and explanations may be shown (closed-book default: after a pass or the last attempt). */
export function mayReview(policy: ReviewPolicy, passedEver: boolean, attemptsUsed: number, maxAttempts: number): boolean {
	if (policy === 'never') return false
	if (policy === 'after_submit') return true
	return passedEver || attemptsUsed >= maxAttempts
}
