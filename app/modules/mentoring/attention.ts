/**
 * Who needs the mentor first (pure): open alerts, then an exam cooldown or a failed gate, then being
 * below baseline, then the longest time since the last coaching (never coached counts as longest),
 * then the lower score. Each mentee gets the reasons shown beside their name.
 */

export const COACHING_OVERDUE_DAYS = 14

export type AttentionFacts = {
	openAlerts: number
	inCooldown: boolean
	belowBaseline: number
	/** Days since the last coaching session; null when there has been none. */
	daysSinceCoaching: number | null
	score: number | null
}

export type AttentionReason = 'alerts' | 'cooldown' | 'belowBaseline' | 'coachingOverdue' | 'neverCoached'

export function attentionReasons(f: AttentionFacts): AttentionReason[] {
	const reasons: AttentionReason[] = []
	if (f.openAlerts > 0) reasons.push('alerts')
	if (f.inCooldown) reasons.push('cooldown')
	if (f.belowBaseline > 0) reasons.push('belowBaseline')
	if (f.daysSinceCoaching === null) reasons.push('neverCoached')
	else if (f.daysSinceCoaching >= COACHING_OVERDUE_DAYS) reasons.push('coachingOverdue')
	return reasons
}

export function compareAttention(a: AttentionFacts, b: AttentionFacts): number {
	const days = (f: AttentionFacts) => (f.daysSinceCoaching === null ? Number.POSITIVE_INFINITY : f.daysSinceCoaching)
	return (
		b.openAlerts - a.openAlerts ||
		Number(b.inCooldown) - Number(a.inCooldown) ||
		b.belowBaseline - a.belowBaseline ||
		(days(b) === days(a) ? 0 : days(b) > days(a) ? 1 : -1) ||
		lowerScoreFirst(a.score, b.score)
	)
}

/** No score yet sorts before any score. */
function lowerScoreFirst(a: number | null, b: number | null): number {
	if (a === b) return 0
	if (a === null) return -1
	if (b === null) return 1
	return a - b
}

export function byAttention<T extends { facts: AttentionFacts }>(rows: readonly T[]): T[] {
	return [...rows].sort((a, b) => compareAttention(a.facts, b.facts))
}
