import type { IndicatorRollup, IndicatorUnit } from '#db/schema/performance.ts'

/** One period's value from its raw records (in date order). Null when there is nothing to roll up. */
export function rollup(values: readonly number[], rule: Exclude<IndicatorRollup, 'ratio'>): number | null {
	if (values.length === 0) return null
	if (rule === 'sum') return values.reduce((a, b) => a + b, 0)
	if (rule === 'avg') return values.reduce((a, b) => a + b, 0) / values.length
	return values[values.length - 1]!
}

/** Σ numerator ÷ Σ denominator, as a percentage for percent indicators; null when the denominator is 0. */
export function ratio(numerator: number, denominator: number, unit: IndicatorUnit): number | null {
	if (!(denominator > 0)) return null
	return unit === 'percent' ? (numerator / denominator) * 100 : numerator / denominator
}
