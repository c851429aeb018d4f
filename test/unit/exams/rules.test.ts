import { describe, expect, test } from 'vitest'
import { attemptTimes, decideStart, isPastDeadline, mayReview, type PastAttempt } from '#app/modules/exams/rules.ts'

const start = new Date('2026-11-27T02:00:00Z')
const exam = { maxAttempts: 3, cooldownMinutes: 24 * 60 }
const failed = (closedAt: string): PastAttempt => ({ status: 'graded', passed: false, closedAt: new Date(closedAt) })

describe('deadline and grace', () => {
	test('the deadline is start + limit + 30 s; the shown end has no grace', () => {
		const { endsAt, deadlineAt } = attemptTimes(start, 30 * 60)
		expect(endsAt.toISOString()).toBe('2026-11-27T02:30:00.000Z')
		expect(deadlineAt.toISOString()).toBe('2026-11-27T02:30:30.000Z')
	})

	test('a grace above 30 s is refused', () => {
		expect(() => attemptTimes(start, 60, 31_000)).toThrow(RangeError)
	})

	test('writes are accepted until just before the deadline', () => {
		const deadline = new Date('2026-11-27T02:30:30Z')
		expect(isPastDeadline(deadline, new Date('2026-11-27T02:30:29.999Z'))).toBe(false)
		expect(isPastDeadline(deadline, deadline)).toBe(true)
	})
})

describe('starting an attempt', () => {
	test('the first attempt is number 1', () => {
		expect(decideStart(exam, true, [], start)).toEqual({ ok: true, number: 1 })
	})

	test('a locked tier refuses', () => {
		expect(decideStart(exam, false, [], start)).toEqual({ ok: false, reason: 'tier_locked' })
	})

	test('an open attempt is resumed, not doubled', () => {
		expect(decideStart(exam, true, [{ status: 'open', passed: null, closedAt: null }], start)).toEqual({ ok: false, reason: 'open_attempt' })
	})

	test('a passed exam is not taken again', () => {
		expect(decideStart(exam, true, [{ status: 'graded', passed: true, closedAt: start }], start)).toEqual({ ok: false, reason: 'passed' })
	})

	test('the cooldown runs from the last attempt closing, to the minute', () => {
		const attempts = [failed('2026-11-26T03:00:00Z')]
		expect(decideStart(exam, true, attempts, new Date('2026-11-27T02:59:59Z'))).toEqual({
			ok: false,
			reason: 'cooldown',
			until: new Date('2026-11-27T03:00:00Z'),
		})
		expect(decideStart(exam, true, attempts, new Date('2026-11-27T03:00:00Z'))).toEqual({ ok: true, number: 2 })
	})

	test('no attempts left after the maximum, cooldown or not', () => {
		const attempts = [failed('2026-11-01T00:00:00Z'), failed('2026-11-03T00:00:00Z'), failed('2026-11-05T00:00:00Z')]
		expect(decideStart(exam, true, attempts, start)).toEqual({ ok: false, reason: 'no_attempts_left' })
	})
})

describe('review policy', () => {
	test.each([
		['never', true, 3, 3, false],
		['after_submit', false, 1, 3, true],
		['after_pass_or_exhausted', false, 1, 3, false],
		['after_pass_or_exhausted', true, 1, 3, true],
		['after_pass_or_exhausted', false, 3, 3, true],
	] as const)('%s, passed %s, %i of %i used → %s', (policy, passed, used, max, expected) => {
		expect(mayReview(policy, passed, used, max)).toBe(expected)
	})
})
