import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { adjustmentRange, goalProblem, weightsProblem, withinAdjustment, type Direction, type Goal } from '#app/modules/performance/scoring.ts'
import {
	affectedPeriods,
	defaultGoalFor,
	goalErrors,
	normalizePeriod,
	parseAmount,
	problem,
	problemText,
	readProblem,
	scaleGoal,
} from '#app/modules/performance/targets.ts'

const 万 = 10_000

describe('goalProblem', () => {
	test.each([
		['in order, higher is better', { baseline: 800 * 万, target: 1000 * 万, challenge: 1300 * 万 }, 'higher', null],
		['all equal is in order', { baseline: 5, target: 5, challenge: 5 }, 'higher', null],
		['baseline above target', { baseline: 1100 * 万, target: 1000 * 万, challenge: 1300 * 万 }, 'higher', 'order'],
		['challenge below target', { baseline: 800 * 万, target: 1000 * 万, challenge: 900 * 万 }, 'higher', 'order'],
		['lower is better: 48 ≥ 24 ≥ 12 hours', { baseline: 48, target: 24, challenge: 12 }, 'lower', null],
		['lower is better written the higher way round', { baseline: 12, target: 24, challenge: 48 }, 'lower', 'order'],
		['a zero target', { baseline: 0, target: 0, challenge: 0 }, 'higher', 'zeroTarget'],
		['a negative value', { baseline: -1, target: 5, challenge: 10 }, 'higher', 'negative'],
		['not a number', { baseline: Number.NaN, target: 5, challenge: 10 }, 'higher', 'notNumber'],
		['infinite challenge', { baseline: 1, target: 5, challenge: Number.POSITIVE_INFINITY }, 'higher', 'notNumber'],
	] as const)('%s', (_, goal, direction, expected) => {
		expect(goalProblem(goal, direction)).toBe(expected)
	})
})

describe('weightsProblem', () => {
	test.each([
		['the sales-rep table', [50, 10, 20, 10, 10], null],
		['the marketing table', [30, 10, 25, 15, 20], null],
		['the customer-success table', [40, 20, 20, 10, 10], null],
		['95 in all', [50, 10, 20, 10, 5], 'sum'],
		['101 in all', [51, 10, 20, 10, 10], 'sum'],
		['a fraction', [50.5, 9.5, 20, 10, 10], 'notInteger'],
		['a negative weight', [110, -10], 'notInteger'],
		['over 100 on its own', [101], 'notInteger'],
		['nothing at all', [], 'empty'],
		['one indicator with everything', [100], null],
		['zero weights alongside', [100, 0, 0], null],
	] as const)('%s', (_, weights, expected) => {
		expect(weightsProblem(weights)).toBe(expected)
	})
})

describe('adjustmentRange / withinAdjustment (±20 %)', () => {
	test('1000万 allows 800万 to 1200万', () => {
		expect(adjustmentRange(1000 * 万)).toEqual({ min: 800 * 万, max: 1200 * 万 })
	})

	test.each([
		[800 * 万, true, '1000万 → 800万 is allowed exactly'],
		[1200 * 万, true, '1000万 → 1200万 is allowed exactly'],
		[1000 * 万 * 0.8, true, 'the float product 1000万 × 0.8 too'],
		[799 * 万, false, '799万 is refused'],
		[1201 * 万, false, '1201万 is refused'],
		[800 * 万 - 1, false, 'one yuan below is refused'],
		[950 * 万, true, 'a smaller change is fine'],
		[0, false, 'zero is refused'],
	] as const)('%s → %s (%s)', (proposed, allowed, _why) => {
		expect(withinAdjustment(1000 * 万, proposed)).toBe(allowed)
	})

	test('a small target: 15 % conversion allows 12 % – 18 %', () => {
		expect(adjustmentRange(15)).toEqual({ min: 12, max: 18 })
		expect(withinAdjustment(15, 12)).toBe(true)
		expect(withinAdjustment(15, 11.99)).toBe(false)
	})
})

describe('helpers for forms and files', () => {
	test.each([
		['1,000,000', 1_000_000],
		['800万', 800 * 万],
		['¥ 800 万', 800 * 万],
		['1.2亿', 120_000_000],
		['１２０', 120],
		['15%', 15],
		['-20', -20],
		['0.5', 0.5],
		['abc', null],
		['', null],
		['12万万', null],
	] as const)('parseAmount(%j) = %j', (text, expected) => {
		expect(parseAmount(text)).toBe(expected)
	})

	test.each([
		['2026-10', '2026-10'],
		['2026/9', '2026-09'],
		['2026年10月', '2026-10'],
		['2026-Q4', '2026-Q4'],
		['2026q4', '2026-Q4'],
		['2026 Q1', '2026-Q1'],
		['2026年第4季度', '2026-Q4'],
		['2026年第四季度', '2026-Q4'],
		['2026/10/1', '2026-10'],
		['2026-10-15', null],
		['2026-13', null],
		['2026-Q5', null],
		['十月', null],
	] as const)('normalizePeriod(%j) = %j', (text, expected) => {
		expect(normalizePeriod(text)).toBe(expected)
	})

	test('a quarter change touches its months; a month only itself', () => {
		expect(affectedPeriods('2026-Q4')).toEqual(['2026-Q4', '2026-10', '2026-11', '2026-12'])
		expect(affectedPeriods('2026-11')).toEqual(['2026-11'])
	})

	test('month defaults: summed indicators take a third of the quarter, others the same', () => {
		const revenue = { baseline: 80 * 万, target: 100 * 万, challenge: 130 * 万 }
		expect(defaultGoalFor(revenue, 'sum', '2026-Q4')).toEqual(revenue)
		const month = defaultGoalFor(revenue, 'sum', '2026-11')
		expect(month.target).toBeCloseTo(333_333.333, 2)
		expect(month.baseline).toBeCloseTo(266_666.667, 2)
		expect(defaultGoalFor({ baseline: 10, target: 15, challenge: 20 }, 'ratio', '2026-11')).toEqual({ baseline: 10, target: 15, challenge: 20 })
	})

	test('goal errors are per field, with the order rule on the target', () => {
		expect(goalErrors({ baseline: 5, target: 4, challenge: 6 }, 'higher')).toEqual({ target: ['kpiAdmin.errors.orderHigher'] })
		expect(goalErrors({ baseline: 12, target: 24, challenge: 48 }, 'lower', { prefix: 'weights[3].' })).toEqual({
			'weights[3].target': ['kpiAdmin.errors.orderLower'],
		})
		expect(goalErrors({}, 'higher', { optional: true })).toEqual({})
		expect(goalErrors({ target: 5 }, 'higher', { optional: true })).toEqual({
			baseline: ['kpiAdmin.errors.goalIncomplete'],
			challenge: ['kpiAdmin.errors.goalIncomplete'],
		})
	})

	test('a problem carries raw amounts and reads in the reader’s language', () => {
		const text = problem('kpiAdmin.errors.outOfRange', { min: 800 * 万, max: 1200 * 万, unit: 'cny', value: 799 * 万 })
		expect(readProblem(text)).toEqual({ key: 'kpiAdmin.errors.outOfRange', values: { min: '8000000', max: '12000000', unit: 'cny', value: '7990000' } })
		const seen: Array<[string, Record<string, unknown> | undefined]> = []
		const t = (key: string, values?: Record<string, unknown>) => {
			seen.push([key, values])
			return `${values?.min} – ${values?.max}`
		}
		expect(problemText(text, t, 'zh-CN')).toBe('¥800 万 – ¥1,200 万')
		expect(problemText(text, t, 'en')).toBe('¥8,000,000 – ¥12,000,000')
		expect(problemText('kpiAdmin.errors.required', t, 'zh-CN')).toBe('undefined – undefined')
		expect(seen.at(-1)).toEqual(['kpiAdmin.errors.required', {}])
	})
})

const direction = fc.constantFrom<Direction>('higher', 'lower')

/** An ordered goal for a direction: target × spreads (baseline below / challenge above when higher is better). */
function goalFor(d: Direction) {
	return fc
		.tuple(fc.double({ min: 0.01, max: 1e9, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true }))
		.map(([target, low, high]): Goal =>
			d === 'higher' ? { baseline: target * low, target, challenge: target * high } : { baseline: target * high, target, challenge: target * low },
		)
}

describe('properties', () => {
	test('any goal produced by an allowed adjustment stays ordered', () => {
		fc.assert(
			fc.property(
				direction.chain((d) => fc.tuple(fc.constant(d), goalFor(d))),
				fc.double({ min: -0.2, max: 0.2, noNaN: true }),
				([d, goal], change) => {
					const toTarget = goal.target * (1 + change)
					fc.pre(withinAdjustment(goal.target, toTarget))
					const adjusted = scaleGoal(goal, toTarget)
					expect(goalProblem(adjusted, d)).toBeNull()
					expect(adjusted.target).toBe(toTarget)
					// Baseline and challenge keep their ratio to the target.
					expect(adjusted.baseline / adjusted.target).toBeCloseTo(goal.baseline / goal.target, 9)
					expect(adjusted.challenge / adjusted.target).toBeCloseTo(goal.challenge / goal.target, 9)
				},
			),
			{ numRuns: 500 },
		)
	})

	test('a change beyond ±20 % is never allowed, one within it always is', () => {
		fc.assert(
			fc.property(fc.double({ min: 0.01, max: 1e10, noNaN: true }), fc.double({ min: -0.99, max: 2, noNaN: true }), (original, change) => {
				fc.pre(Math.abs(Math.abs(change) - 0.2) > 1e-6)
				expect(withinAdjustment(original, original * (1 + change))).toBe(Math.abs(change) < 0.2)
			}),
			{ numRuns: 500 },
		)
	})

	test('weights are refused unless they are whole numbers 0–100 summing to exactly 100', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 }), (weights) => {
				const sum = weights.reduce((a, b) => a + b, 0)
				expect(weightsProblem(weights) === null).toBe(sum === 100)
			}),
			{ numRuns: 500 },
		)
		// Weights built to sum to 100 are accepted.
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }), (cuts) => {
				const points = [...cuts.map((c) => Math.min(c, 100)), 0, 100].sort((a, b) => a - b)
				const weights = points.slice(1).map((p, i) => p - points[i]!)
				expect(weightsProblem(weights)).toBeNull()
			}),
		)
	})
})
