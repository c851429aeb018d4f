import { describe, expect, test } from 'vitest'
import { breakingRun } from '#app/modules/performance/alerts.ts'
import { addDays, monthsOf, periodInstants, periodRange, quarterOf, shiftPeriod, weekStart } from '#app/modules/performance/periods.ts'
import { ratio, rollup } from '#app/modules/performance/rollup.ts'

describe('periods', () => {
	test.each([
		['2026-11-27', '2026-Q4'],
		['2026-01-01', '2026-Q1'],
		['2026-03-31', '2026-Q1'],
		['2026-04-01', '2026-Q2'],
	])('%s is in %s', (date, quarter) => expect(quarterOf(date)).toBe(quarter))

	test('ranges, months and shifts across years', () => {
		expect(periodRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' })
		expect(periodRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
		expect(monthsOf('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12'])
		expect(shiftPeriod('2026-Q1', 1)).toBe('2025-Q4')
		expect(shiftPeriod('2026-01', 1)).toBe('2025-12')
		expect(shiftPeriod('2025-Q4', -1)).toBe('2026-Q1')
	})

	test('a quarter starts at midnight in Shanghai (16:00 UTC the day before)', () => {
		expect(periodInstants('2026-Q4').start.toISOString()).toBe('2026-09-30T16:00:00.000Z')
		expect(periodInstants('2026-Q4').end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
	})

	test('weeks start on Monday', () => {
		expect(weekStart('2026-11-29')).toBe('2026-11-23')
		expect(weekStart('2026-11-23')).toBe('2026-11-23')
	})
})

describe('roll-ups', () => {
	test('sum, average, last, ratio', () => {
		expect(rollup([1, 2, 3], 'sum')).toBe(6)
		expect(rollup([1, 2, 3], 'avg')).toBe(2)
		expect(rollup([1, 2, 3], 'last')).toBe(3)
		expect(rollup([], 'sum')).toBeNull()
		expect(ratio(3, 40, 'percent')).toBeCloseTo(7.5, 10)
		expect(ratio(3, 0, 'percent')).toBeNull()
	})
})

describe('alert runs (seed rule: lead conversion < 10 % for 3 consecutive days)', () => {
	const rule = { comparison: 'lt' as const, threshold: 10, consecutive: 3 }
	const next = (d: string) => addDays(d, 1)
	const days = (values: number[], start = '2026-11-20') => values.map((value, i) => ({ key: addDays(start, i), value }))

	test('three low days in a row break the rule', () => {
		expect(breakingRun(days([12, 8, 9, 7]), rule, next)).toEqual({ from: '2026-11-21', to: '2026-11-23', values: [8, 9, 7] })
	})

	test('two low days are not enough; 10 % exactly is not below 10 %', () => {
		expect(breakingRun(days([12, 12, 8, 9]), rule, next)).toBeNull()
		expect(breakingRun(days([8, 9, 10]), rule, next)).toBeNull()
	})

	test('a good latest day ends the run', () => {
		expect(breakingRun(days([8, 9, 7, 15]), rule, next)).toBeNull()
	})

	test('a gap in the days is not "consecutive"', () => {
		const series = [
			{ key: '2026-11-20', value: 5 },
			{ key: '2026-11-22', value: 5 },
			{ key: '2026-11-23', value: 5 },
		]
		expect(breakingRun(series, rule, next)).toBeNull()
	})
})
