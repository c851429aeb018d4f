import { describe, expect, test } from 'vitest'
import { retryAfterSeconds } from '#app/modules/auth/rate-limit.ts'

const MIN = 60_000
const opts = { limit: 5, windowMs: 15 * MIN }

describe('sliding-window retry-after', () => {
	test('under the limit there is no wait', () => {
		expect(retryAfterSeconds([0, MIN, 2 * MIN, 3 * MIN], { ...opts, now: 4 * MIN })).toBe(0)
	})

	test('at the limit, wait until the oldest counted failure leaves the window', () => {
		expect(retryAfterSeconds([0, MIN, 2 * MIN, 3 * MIN, 4 * MIN], { ...opts, now: 5 * MIN })).toBe(600)
	})

	test('failures older than the window do not count', () => {
		expect(retryAfterSeconds([0, MIN, 2 * MIN, 3 * MIN, 4 * MIN], { ...opts, now: 15 * MIN + 1 })).toBe(0)
	})

	test('with more failures than the limit, the wait is set by the one that makes room', () => {
		const failures = [0, MIN, 2 * MIN, 3 * MIN, 4 * MIN, 5 * MIN]
		// When the failure at 0 leaves (15 min) five remain; room comes when the one at 1 min leaves.
		expect(retryAfterSeconds(failures, { ...opts, now: 6 * MIN })).toBe(600)
	})

	test('never says 0 while blocked, even a millisecond before the end', () => {
		expect(retryAfterSeconds([0, 1, 2, 3, 4], { ...opts, now: 15 * MIN - 1 })).toBe(1)
	})
})
