import type { AlertComparison } from '#db/schema/performance.ts'

/** A rule watches 1 to 90 consecutive periods of its indicator's grain. */
export const CONSECUTIVE_MIN = 1
export const CONSECUTIVE_MAX = 90

export function breaches(value: number, comparison: AlertComparison, threshold: number) {
	switch (comparison) {
		case 'lt':
			return value < threshold
		case 'lte':
			return value <= threshold
		case 'gt':
			return value > threshold
		case 'gte':
			return value >= threshold
	}
}

export type SeriesPoint = { key: string; value: number }

/**
 * The run that breaks a rule: the last `consecutive` points all breach the threshold and are
 * consecutive periods (`next(a) === b`). Only the latest data counts — a run that has since been
 * broken by a good day is over. Null when the rule is not broken.
 */
export function breakingRun(
	series: readonly SeriesPoint[],
	rule: { comparison: AlertComparison; threshold: number; consecutive: number },
	next: (key: string) => string,
): { from: string; to: string; values: number[] } | null {
	if (rule.consecutive < 1 || series.length < rule.consecutive) return null
	const run = series.slice(-rule.consecutive)
	for (let i = 0; i < run.length; i++) {
		if (!breaches(run[i]!.value, rule.comparison, rule.threshold)) return null
		if (i > 0 && next(run[i - 1]!.key) !== run[i]!.key) return null
	}
	return { from: run[0]!.key, to: run[run.length - 1]!.key, values: run.map((p) => p.value) }
}
