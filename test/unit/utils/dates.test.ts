import { describe, expect, test } from 'vitest'
import { businessDate, isIsoDate } from '#app/utils/dates.ts'

describe('business dates (Asia/Shanghai)', () => {
	test('an instant after 16:00 UTC is already the next day in Shanghai', () => {
		expect(businessDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31')
		expect(businessDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01')
	})
	test.each([
		['2026-02-28', true],
		['2024-02-29', true],
		['2026-02-29', false],
		['2026-13-01', false],
		['2026/03/01', false],
		['', false],
	])('%s is a date: %s', (value, ok) => {
		expect(isIsoDate(value)).toBe(ok)
	})
})
