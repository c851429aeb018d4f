import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	achievementCap,
	cappedAchievement,
	commission,
	gapTo,
	goalProblem,
	levelOf,
	weightedScore,
	type Direction,
	type Goal,
} from '#app/modules/performance/scoring.ts'

const revenue: Goal = { baseline: 8_000_000, target: 10_000_000, challenge: 13_000_000 }
const hours: Goal = { baseline: 48, target: 24, challenge: 12 }

describe('achievement', () => {
	test.each([
		['on target', 10_000_000, revenue, 'higher', 1],
		['half way', 5_000_000, revenue, 'higher', 0.5],
		['capped at challenge ÷ target', 20_000_000, revenue, 'higher', 1.3],
		['lower is better: on target', 24, hours, 'lower', 1],
		['lower is better: twice as slow', 48, hours, 'lower', 0.5],
		['lower is better: capped at target ÷ challenge', 6, hours, 'lower', 2],
		['lower is better: zero hours is the cap', 0, hours, 'lower', 2],
	] as const)('%s', (_, actual, goal, direction, expected) => {
		expect(cappedAchievement(actual, goal, direction)).toBeCloseTo(expected, 10)
	})

	test('a zero target gives no achievement rather than infinity', () => {
		expect(cappedAchievement(5, { baseline: 0, target: 0, challenge: 0 }, 'higher')).toBeNull()
	})
})

describe('level reached', () => {
	test.each([
		[7_999_999, 'below'],
		[8_000_000, 'baseline'],
		[10_000_000, 'target'],
		[13_000_000, 'challenge'],
	] as const)('revenue %d → %s', (actual, level) => expect(levelOf(actual, revenue, 'higher')).toBe(level))

	test.each([
		[50, 'below'],
		[48, 'baseline'],
		[20, 'target'],
		[12, 'challenge'],
	] as const)('resolution time %d h → %s', (actual, level) => expect(levelOf(actual, hours, 'lower')).toBe(level))
})

describe('weighted score (the seed sales-rep table 50/10/20/10/10)', () => {
	const g = (target: number, baseline = target * 0.8, challenge = target * 1.3): Goal => ({ baseline, target, challenge })
	const rep = (actuals: [number, number, number, number, number]) =>
		weightedScore([
			{ weight: 50, direction: 'higher', goal: g(1_000_000), actual: actuals[0] },
			{ weight: 10, direction: 'higher', goal: g(8), actual: actuals[1] },
			{ weight: 20, direction: 'higher', goal: g(15), actual: actuals[2] },
			{ weight: 10, direction: 'higher', goal: g(15), actual: actuals[3] },
			{ weight: 10, direction: 'higher', goal: g(90, 85, 95), actual: actuals[4] },
		])

	test('exactly on target everywhere is 100 and level target', () => {
		const result = rep([1_000_000, 8, 15, 15, 90])
		expect(result.score).toBeCloseTo(100, 10)
		expect(result.level).toBe('target')
	})

	test('Σ weight × capped achievement: revenue at 120 % and conversion at 50 % → 50×1.2 + 10 + 20×0.5 + 10 + 10 = 100', () => {
		expect(rep([1_200_000, 8, 7.5, 15, 90]).score).toBeCloseTo(100, 10)
	})

	test('one huge indicator cannot buy the whole score', () => {
		const result = rep([100_000_000, 0, 0, 0, 0])
		expect(result.score).toBeCloseTo(50 * 1.3, 10)
		expect(result.level).toBe('below')
	})

	test('nothing recorded scores 0 against its target', () => {
		expect(rep([0, 0, 0, 0, 0]).score).toBe(0)
	})

	test('a deduction comes off the score and never below 0', () => {
		const scored = weightedScore([{ weight: 100, direction: 'higher', goal: g(10), actual: 10 }], 10)
		expect(scored.score).toBeCloseTo(90, 10)
		expect(weightedScore([{ weight: 100, direction: 'higher', goal: g(10), actual: 0 }], 10).score).toBe(0)
	})

	test('indicators without a target are left out and the rest rescaled to 100', () => {
		const result = weightedScore([
			{ weight: 50, direction: 'higher', goal: g(10), actual: 10 },
			{ weight: 50, direction: 'higher', goal: null, actual: 3 },
		])
		expect(result.score).toBeCloseTo(100, 10)
		expect(result.items[1]).toEqual({ achievement: null, capped: null, level: null })
	})

	test('no target at all: no score', () => {
		expect(weightedScore([{ weight: 100, direction: 'higher', goal: null, actual: 3 }]).score).toBeNull()
	})
})

describe('what it takes', () => {
	test('the gap to target and challenge; zero once reached', () => {
		expect(gapTo(9_000_000, revenue, 'higher')).toEqual({ target: 1_000_000, challenge: 4_000_000 })
		expect(gapTo(14_000_000, revenue, 'higher')).toEqual({ target: 0, challenge: 0 })
		expect(gapTo(30, hours, 'lower')).toEqual({ target: 6, challenge: 18 })
	})
})

describe('tiered commission (5 % at target, 8 % at challenge, 10 % on the excess)', () => {
	test.each([
		[9_999_999, 'none', 0],
		[10_000_000, 'target', 500_000],
		[12_000_000, 'target', 600_000],
		[13_000_000, 'challenge', 1_040_000],
		[15_000_000, 'challenge', 1_040_000 + 200_000],
	] as const)('revenue %d → %s, ¥%d', (actual, tier, amount) => {
		const result = commission(actual, revenue)
		expect(result.tier).toBe(tier)
		expect(result.amount).toBeCloseTo(amount, 4)
	})
})

describe('goal rules', () => {
	test.each([
		[{ baseline: 8, target: 10, challenge: 13 }, 'higher', null],
		[{ baseline: 11, target: 10, challenge: 13 }, 'higher', 'order'],
		[{ baseline: 48, target: 24, challenge: 12 }, 'lower', null],
		[{ baseline: 12, target: 24, challenge: 48 }, 'lower', 'order'],
		[{ baseline: -1, target: 10, challenge: 13 }, 'higher', 'negative'],
		[{ baseline: 0, target: 0, challenge: 0 }, 'higher', 'zeroTarget'],
	] as const)('%o (%s) → %s', (goal, direction, problem) => expect(goalProblem(goal, direction)).toBe(problem))
})

// Property tests: the rules hold for any valid goal and any actual.
const direction = fc.constantFrom<Direction>('higher', 'lower')
const goalFor = (d: Direction) =>
	fc
		.tuple(fc.double({ min: 0.01, max: 1e9, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true }))
		.map(([target, up, down]): Goal =>
			d === 'higher'
				? { baseline: target / down, target, challenge: target * up }
				: { baseline: target * down, target, challenge: target / up },
		)
const case_ = direction.chain((d) => fc.record({ d: fc.constant(d), goal: goalFor(d), actual: fc.double({ min: 0, max: 1e10, noNaN: true }) }))

describe('properties', () => {
	test('capped achievement is never above the cap, never negative', () => {
		fc.assert(
			fc.property(case_, ({ d, goal, actual }) => {
				const capped = cappedAchievement(actual, goal, d)!
				return capped >= 0 && capped <= achievementCap(goal, d) + 1e-12
			}),
		)
	})

	test('a better actual never scores lower (monotone)', () => {
		fc.assert(
			fc.property(case_, fc.double({ min: 0, max: 1e10, noNaN: true }), ({ d, goal, actual }, other) => {
				const [worse, better] = d === 'higher' ? [Math.min(actual, other), Math.max(actual, other)] : [Math.max(actual, other), Math.min(actual, other)]
				return cappedAchievement(better, goal, d)! >= cappedAchievement(worse, goal, d)! - 1e-12
			}),
		)
	})

	test('level target exactly when achievement ≥ 1, and the level agrees with the goal order', () => {
		fc.assert(
			fc.property(case_, ({ d, goal, actual }) => {
				const level = levelOf(actual, goal, d)
				const reached = cappedAchievement(actual, goal, d)! >= 1 - 1e-12
				const atTarget = level === 'target' || level === 'challenge'
				// Floating point: at the boundary both readings are acceptable.
				return atTarget === reached || Math.abs(actual - goal.target) / goal.target < 1e-9
			}),
		)
	})

	test('weights summing to 100 and every indicator on target give exactly 100', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }),
				fc.array(case_, { minLength: 8, maxLength: 8 }),
				(raw, cases) => {
					const total = raw.reduce((a, b) => a + b, 0)
					const weights = raw.map((w) => (w * 100) / total)
					const result = weightedScore(weights.map((weight, i) => ({ weight, direction: cases[i]!.d, goal: cases[i]!.goal, actual: cases[i]!.goal.target })))
					return Math.abs(result.score! - 100) < 1e-6
				},
			),
		)
	})

	test('the weighted score stays between 0 and the all-challenge score', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), case_), { minLength: 1, maxLength: 8 }), (items) => {
				const result = weightedScore(items.map(([weight, c]) => ({ weight, direction: c.d, goal: c.goal, actual: c.actual })))
				return result.score! >= 0 && result.score! <= result.atChallenge! + 1e-9
			}),
		)
	})
})
