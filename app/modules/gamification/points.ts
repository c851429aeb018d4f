/**
 * Points and levels (ADR 010), pure. A rule pays a fixed number of points per event; a daily cap
 * bounds what one source pays one person in one Shanghai day, so a burst of clicks cannot buy a level.
 */

/** What an event pays given the rule and what the same source already paid the person today. */
export function pointsToPay(rule: { points: number; dailyCap: number | null }, paidToday: number): number {
	if (rule.points <= 0) return 0
	if (rule.dailyCap === null) return rule.points
	return Math.max(0, Math.min(rule.points, rule.dailyCap - paidToday))
}

/** Levels by total points: the threshold each level starts at. Level 1 starts at 0. */
export const LEVEL_THRESHOLDS = [0, 100, 300, 600, 1000, 1600, 2500, 4000] as const

export type LevelProgress = {
	/** 1-based level. */
	level: number
	total: number
	/** Points the current level started at. */
	from: number
	/** Points the next level starts at; null at the top level. */
	next: number | null
	/** 0–100 through the current level (100 at the top level). */
	percent: number
}

export function levelFor(total: number): LevelProgress {
	const points = Math.max(0, Math.floor(total))
	let index = 0
	for (const [i, threshold] of LEVEL_THRESHOLDS.entries()) if (points >= threshold) index = i
	const from = LEVEL_THRESHOLDS[index]!
	const next = LEVEL_THRESHOLDS[index + 1] ?? null
	const percent = next === null ? 100 : Math.floor(((points - from) / (next - from)) * 100)
	return { level: index + 1, total: points, from, next, percent }
}
