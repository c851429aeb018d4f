/**
 * Did the pairing move the number? (pure). Per pairing: the focus indicator's mean over the N closed
 * months before the pairing's first month against its mean over the closed months since (to the end of
 * the pairing), and the same two means for unpaired peers of the mentee's position type and tier. The
 * effect is the mentee's change minus the peers' change, turned so that positive is better for
 * lower-is-better indicators too. With too few months on either side, or no peers, it says which and
 * gives no number.
 */

import { shiftPeriod } from '#app/modules/performance/periods.ts'

export const IMPACT_MONTHS_BEFORE = 3
/** Months with a value needed on each side before a mean is shown. */
export const IMPACT_MIN_MONTHS = 2

export type MonthValue = { month: string; value: number | null }

export type ImpactInput = {
	/** The mentee's monthly values, any order. */
	mentee: readonly MonthValue[]
	/** Unpaired peers' mean per month (null when no peer had a value that month). */
	peers: readonly MonthValue[]
	/** YYYY-MM of the pairing's start. */
	startMonth: string
	/** Last month counted since the start: the pairing's last month or the last closed month, whichever is earlier. */
	lastMonth: string
	direction: 'higher' | 'lower'
	monthsBefore?: number
	minMonths?: number
}

export type ImpactShortfall = 'before' | 'since' | 'peers'

export type Impact =
	| {
			status: 'ok'
			before: number
			since: number
			/** since − before, in the indicator's unit. */
			change: number
			/** change ÷ before (null when before is 0). */
			changeRatio: number | null
			peerBefore: number
			peerSince: number
			peerChange: number
			/** (mentee change − peer change), signed so that positive is an improvement; in the indicator's unit. */
			effect: number
			/** effect ÷ mentee's before (null when before is 0). */
			effectRatio: number | null
			improved: boolean
			monthsBefore: string[]
			monthsSince: string[]
	  }
	| { status: 'insufficient'; missing: ImpactShortfall; have: number; need: number; monthsBefore: string[]; monthsSince: string[] }

/** YYYY-MM `n` months after `month` (negative: before). */
export function shiftMonth(month: string, n: number): string {
	return shiftPeriod(month, -n)
}

/** The months of each side: N before the start month; the start month through `lastMonth`. */
export function impactWindows(startMonth: string, lastMonth: string, monthsBefore = IMPACT_MONTHS_BEFORE) {
	const before = Array.from({ length: monthsBefore }, (_, i) => shiftMonth(startMonth, i - monthsBefore))
	const since: string[] = []
	for (let m = startMonth; m <= lastMonth; m = shiftMonth(m, 1)) since.push(m)
	return { before, since }
}

export function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length
}

function valuesIn(series: readonly MonthValue[], months: readonly string[]): number[] {
	const wanted = new Set(months)
	return series.filter((p) => wanted.has(p.month) && p.value !== null).map((p) => p.value!)
}

export function pairingImpact(input: ImpactInput): Impact {
	const minMonths = input.minMonths ?? IMPACT_MIN_MONTHS
	const { before: monthsBefore, since: monthsSince } = impactWindows(input.startMonth, input.lastMonth, input.monthsBefore)
	const windows = { monthsBefore, monthsSince }
	const mineBefore = valuesIn(input.mentee, monthsBefore)
	if (mineBefore.length < minMonths) return { status: 'insufficient', missing: 'before', have: mineBefore.length, need: minMonths, ...windows }
	const mineSince = valuesIn(input.mentee, monthsSince)
	if (mineSince.length < minMonths) return { status: 'insufficient', missing: 'since', have: mineSince.length, need: minMonths, ...windows }
	const peersBefore = valuesIn(input.peers, monthsBefore)
	const peersSince = valuesIn(input.peers, monthsSince)
	if (peersBefore.length < minMonths || peersSince.length < minMonths)
		return { status: 'insufficient', missing: 'peers', have: Math.min(peersBefore.length, peersSince.length), need: minMonths, ...windows }
	const before = mean(mineBefore)!
	const since = mean(mineSince)!
	const peerBefore = mean(peersBefore)!
	const peerSince = mean(peersSince)!
	const change = since - before
	const peerChange = peerSince - peerBefore
	const sign = input.direction === 'lower' ? -1 : 1
	const effect = sign * (change - peerChange)
	return {
		status: 'ok',
		before,
		since,
		change,
		changeRatio: before === 0 ? null : change / before,
		peerBefore,
		peerSince,
		peerChange,
		effect,
		effectRatio: before === 0 ? null : effect / before,
		improved: sign * change > 0,
		...windows,
	}
}

/**
 * A mentor's record: the mean effect ratio over their pairings that have a number, how many were
 * measured and how many had too little data, how many mentees improved and how many beat their peers. Null mean when none could be measured.
 */
export function mentorImpact(impacts: readonly Impact[]): {
	measured: number
	unmeasured: number
	meanEffectRatio: number | null
	/** Pairings whose mentee's own number got better. */
	improved: number
	/** Pairings whose mentee did better than their unpaired peers (effect > 0). */
	beatPeers: number
} {
	const ratios: number[] = []
	let improved = 0
	let beatPeers = 0
	let measured = 0
	for (const impact of impacts) {
		if (impact.status !== 'ok') continue
		measured++
		if (impact.improved) improved++
		if (impact.effect > 0) beatPeers++
		if (impact.effectRatio !== null) ratios.push(impact.effectRatio)
	}
	return { measured, unmeasured: impacts.length - measured, meanEffectRatio: mean(ratios), improved, beatPeers }
}

/** Each month's mean over the people who have a value that month (the peer line). */
export function monthlyMeans(series: Iterable<readonly MonthValue[]>, months: readonly string[]): MonthValue[] {
	const sums = new Map(months.map((m) => [m, { sum: 0, n: 0 }]))
	for (const person of series)
		for (const p of person) {
			const slot = sums.get(p.month)
			if (slot && p.value !== null) {
				slot.sum += p.value
				slot.n++
			}
		}
	return months.map((month) => {
		const slot = sums.get(month)!
		return { month, value: slot.n === 0 ? null : slot.sum / slot.n }
	})
}
