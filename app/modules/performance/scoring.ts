/**
 * The source document's scoring rules (ARCHITECTURE §4), pure. Achievement = actual ÷ target (target ÷
 * actual when lower is better), capped at challenge ÷ target so no single indicator buys the whole
 * score; weighted score = Σ weight × capped achievement, 100 = exactly on target.
 */
export type Direction = 'higher' | 'lower'
export type Level = 'below' | 'baseline' | 'target' | 'challenge'
export type Goal = { baseline: number; target: number; challenge: number }

export const LEVELS: readonly Level[] = ['below', 'baseline', 'target', 'challenge']

/** Raw achievement as a fraction (1 = on target); null when it cannot be computed (a zero target). */
export function achievement(actual: number, target: number, direction: Direction): number | null {
	if (direction === 'higher') return target > 0 ? Math.max(0, actual) / target : null
	if (target <= 0) return null
	// Lower is better: zero hours to resolve is as good as it gets; the cap decides how good.
	return actual <= 0 ? Number.POSITIVE_INFINITY : target / actual
}

/** The most an indicator can count for: challenge ÷ target (target ÷ challenge when lower is better). */
export function achievementCap(goal: Goal, direction: Direction): number {
	const cap = direction === 'higher' ? goal.challenge / goal.target : goal.target / goal.challenge
	return Number.isFinite(cap) && cap >= 1 ? cap : 1
}

export function cappedAchievement(actual: number, goal: Goal, direction: Direction): number | null {
	const raw = achievement(actual, goal.target, direction)
	return raw === null ? null : Math.min(raw, achievementCap(goal, direction))
}

/** True when `a` is at least as good as `b` for this direction. */
export function atLeast(a: number, b: number, direction: Direction) {
	return direction === 'higher' ? a >= b : a <= b
}

export function levelOf(actual: number, goal: Goal, direction: Direction): Level {
	if (atLeast(actual, goal.challenge, direction)) return 'challenge'
	if (atLeast(actual, goal.target, direction)) return 'target'
	if (atLeast(actual, goal.baseline, direction)) return 'baseline'
	return 'below'
}

/** Why a goal is refused, or null: baseline ≤ target ≤ challenge (reversed when lower is better). */
export function goalProblem(goal: Goal, direction: Direction): 'notNumber' | 'negative' | 'order' | 'zeroTarget' | null {
	const values = [goal.baseline, goal.target, goal.challenge]
	if (!values.every(Number.isFinite)) return 'notNumber'
	if (values.some((v) => v < 0)) return 'negative'
	if (goal.target === 0) return 'zeroTarget'
	const ordered =
		direction === 'higher'
			? goal.baseline <= goal.target && goal.target <= goal.challenge
			: goal.baseline >= goal.target && goal.target >= goal.challenge
	return ordered ? null : 'order'
}

export type ScoredIndicator = {
	weight: number
	direction: Direction
	goal: Goal | null
	/** Null when nothing was recorded in the period: counted as no achievement when a target exists. */
	actual: number | null
}

export type IndicatorScore = { achievement: number | null; capped: number | null; level: Level | null }

export function scoreIndicator({ direction, goal, actual }: Omit<ScoredIndicator, 'weight'>): IndicatorScore {
	if (!goal) return { achievement: null, capped: null, level: null }
	const value = actual ?? (direction === 'higher' ? 0 : Number.POSITIVE_INFINITY)
	const raw = achievement(value, goal.target, direction)
	if (raw === null) return { achievement: null, capped: null, level: null }
	return {
		achievement: Number.isFinite(raw) ? raw : achievementCap(goal, direction),
		capped: Math.min(raw, achievementCap(goal, direction)),
		level: levelOf(value, goal, direction),
	}
}

export type WeightedScore = {
	/** Σ weight × capped achievement × 100 ÷ Σ weight of the indicators that have a target; null when none has. */
	score: number | null
	/** What the score would be with every indicator exactly at baseline, and at challenge. */
	atBaseline: number | null
	atChallenge: number | null
	level: Level | null
	items: IndicatorScore[]
}

/**
 * Indicators without a target this period are left out and the others' weights rescaled, so a person
 * whose HR has not yet set one target is not scored as failing it. With all targets set and weights
 * summing to 100 this is exactly Σ weight × capped achievement.
 */
export function weightedScore(indicators: readonly ScoredIndicator[], deduction = 0): WeightedScore {
	const items = indicators.map(scoreIndicator)
	let weight = 0
	let sum = 0
	let atBaseline = 0
	let atChallenge = 0
	indicators.forEach((indicator, i) => {
		const item = items[i]!
		if (item.capped === null || !indicator.goal || indicator.weight <= 0) return
		weight += indicator.weight
		sum += indicator.weight * item.capped
		atBaseline += indicator.weight * (scoreIndicator({ ...indicator, actual: indicator.goal.baseline }).capped ?? 0)
		atChallenge += indicator.weight * achievementCap(indicator.goal, indicator.direction)
	})
	if (weight === 0) return { score: null, atBaseline: null, atChallenge: null, level: null, items }
	const scale = 100 / weight
	const score = Math.max(0, sum * scale - deduction)
	const baselineScore = atBaseline * scale
	const challengeScore = atChallenge * scale
	const level: Level =
		score >= challengeScore - 1e-9 ? 'challenge' : score >= 100 - 1e-9 ? 'target' : score >= baselineScore - 1e-9 ? 'baseline' : 'below'
	return { score, atBaseline: baselineScore, atChallenge: challengeScore, level, items }
}

/** How much more (or, lower is better, less) it takes to reach the target and the challenge; 0 once reached. */
export function gapTo(actual: number | null, goal: Goal, direction: Direction) {
	const value = actual ?? 0
	const gap = (to: number) => (direction === 'higher' ? Math.max(0, to - value) : actual === null ? 0 : Math.max(0, value - to))
	return { target: gap(goal.target), challenge: gap(goal.challenge) }
}

/** The source document's tiered commission (ADR 007 explains the reading). Rates are configurable. */
export type CommissionRates = { atTarget: number; atChallenge: number; onExcess: number }
export const DEFAULT_COMMISSION: CommissionRates = { atTarget: 0.05, atChallenge: 0.08, onExcess: 0.1 }

export type Commission = { tier: 'none' | 'target' | 'challenge'; amount: number }

/**
 * Below target: nothing. From target: 5 % of revenue. From challenge: 8 % of revenue up to the
 * challenge plus 10 % of the excess over it.
 */
export function commission(revenue: number, goal: Goal, rates: CommissionRates = DEFAULT_COMMISSION): Commission {
	if (!(revenue >= goal.target)) return { tier: 'none', amount: 0 }
	if (revenue < goal.challenge) return { tier: 'target', amount: revenue * rates.atTarget }
	return { tier: 'challenge', amount: goal.challenge * rates.atChallenge + (revenue - goal.challenge) * rates.onExcess }
}

/** The ±20 % rule of the quarterly review: the allowed range for a new target. */
export const ADJUSTMENT_LIMIT = 0.2

export function adjustmentRange(originalTarget: number, limit = ADJUSTMENT_LIMIT) {
	const a = originalTarget * (1 - limit)
	const b = originalTarget * (1 + limit)
	return { min: Math.min(a, b), max: Math.max(a, b) }
}

export function withinAdjustment(originalTarget: number, proposed: number, limit = ADJUSTMENT_LIMIT) {
	const { min, max } = adjustmentRange(originalTarget, limit)
	// A cent of floating-point noise is not a breach: 1000万 × 0.8 must be allowed exactly.
	const epsilon = Math.abs(originalTarget) * 1e-9
	return proposed >= min - epsilon && proposed <= max + epsilon
}

/** Role template weights: whole numbers 0–100 summing to exactly 100. */
export function weightsProblem(weights: readonly number[]): 'notInteger' | 'sum' | 'empty' | null {
	if (weights.length === 0) return 'empty'
	if (!weights.every((w) => Number.isInteger(w) && w >= 0 && w <= 100)) return 'notInteger'
	return weights.reduce((a, b) => a + b, 0) === 100 ? null : 'sum'
}
