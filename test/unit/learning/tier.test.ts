import { describe, expect, test } from 'vitest'
import { tenureMonths, tierByTenure, tierTenureProgress } from '#app/modules/learning/tier.ts'

describe('tenure and tier', () => {
	test.each([
		['2026-11-06', '2026-11-27', 0, 'new'],
		['2026-08-27', '2026-11-26', 2, 'new'],
		['2026-08-27', '2026-11-27', 3, 'intermediate'],
		['2026-01-31', '2026-02-28', 0, 'new'],
		['2025-11-28', '2026-11-27', 11, 'intermediate'],
		['2025-11-27', '2026-11-27', 12, 'core'],
		['2020-01-01', '2026-11-27', 82, 'core'],
	] as const)('hired %s, today %s → %i months, %s', (hire, today, months, tier) => {
		expect(tenureMonths(hire, today)).toBe(months)
		expect(tierByTenure(months)).toBe(tier)
	})

	test('a hire date in the future is tenure 0, not negative', () => {
		expect(tenureMonths('2027-01-01', '2026-11-27')).toBe(0)
	})

	test('progress through the tier band', () => {
		expect(tierTenureProgress(0)).toBe(0)
		expect(tierTenureProgress(2)).toBe(67)
		expect(tierTenureProgress(3)).toBe(0)
		expect(tierTenureProgress(7)).toBe(44)
		expect(tierTenureProgress(12)).toBe(100)
	})
})
