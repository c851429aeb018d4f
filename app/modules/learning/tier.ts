export const tiers = ['new', 'intermediate', 'core'] as const
export type Tier = (typeof tiers)[number]

/** Months at the company, counting only completed months. Both dates are YYYY-MM-DD business dates. */
export function tenureMonths(hireDate: string, today: string): number {
	const [hy, hm, hd] = hireDate.split('-').map(Number) as [number, number, number]
	const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
	const months = (ty - hy) * 12 + (tm - hm) - (td < hd ? 1 : 0)
	return Math.max(0, months)
}

/**
 * The tier a person's tenure allows (seed: new < 3 months, intermediate 3–12, core ≥ 12). Exams
 * gate it further once the learning domain lands; tenure alone is the upper bound.
 */
export function tierByTenure(months: number): Tier {
	if (months < 3) return 'new'
	if (months < 12) return 'intermediate'
	return 'core'
}

/** How far through the tenure band of their tier a person is, 0–100 (core is open-ended: 100). */
export function tierTenureProgress(months: number): number {
	if (months >= 12) return 100
	if (months < 3) return Math.round((months / 3) * 100)
	return Math.round(((months - 3) / 9) * 100)
}

/** The date n months after a YYYY-MM-DD date, clamped to the month's last day (Nov 30 + 3 → Feb 28). */
export function addMonths(date: string, n: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number]
	const index = y * 12 + (m - 1) + n
	const year = Math.floor(index / 12)
	const month = (index % 12) + 1
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
	return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/**
 * The first date on which `tenureMonths` reaches n. A hire on the 29th–31st whose n-th month is
 * shorter completes it on the 1st of the month after (Nov 30 + 3 → Mar 1), not on the clamped day.
 */
export function tenureReachedOn(hireDate: string, n: number): string {
	const date = addMonths(hireDate, n)
	return date.slice(8) === hireDate.slice(8) ? date : addMonths(`${date.slice(0, 8)}01`, 1)
}

export const TENURE_MONTHS: Record<Tier, number> = { new: 0, intermediate: 3, core: 12 }

export type TierLock =
	| { kind: 'tenure'; opensOn: string }
	| { kind: 'exams'; missing: string[] }
	| { kind: 'override'; tier: Tier }
	| { kind: 'previous'; tier: Tier }
export type TierState = { tier: Tier; open: boolean; locks: TierLock[] }
export type TierInput = {
	hireDate: string
	today: string
	/** Per tier, the slugs of its required exams the person has not passed yet. */
	missingRequired: Record<Tier, string[]>
	override: Tier | null
}

/**
 * Which tiers are open and why the others are not (seed: a tier opens at its tenure once the
 * previous tier's required exams are passed). A manager's override sets the tier outright.
 */
export function tierStates({ hireDate, today, missingRequired, override }: TierInput): { current: Tier; tiers: TierState[] } {
	const months = tenureMonths(hireDate, today)
	const states: TierState[] = []
	let previousOpen = true
	for (const [i, tier] of tiers.entries()) {
		const locks: TierLock[] = []
		if (override) {
			if (i > tiers.indexOf(override)) locks.push({ kind: 'override', tier: override })
		} else if (i > 0) {
			const previous = tiers[i - 1]!
			if (months < TENURE_MONTHS[tier]) locks.push({ kind: 'tenure', opensOn: tenureReachedOn(hireDate, TENURE_MONTHS[tier]) })
			if (missingRequired[previous].length) locks.push({ kind: 'exams', missing: missingRequired[previous] })
			if (!previousOpen) locks.push({ kind: 'previous', tier: previous })
		}
		const open = locks.length === 0
		states.push({ tier, open, locks })
		previousOpen = open
	}
	const current = [...states].reverse().find((s) => s.open)!.tier
	return { current, tiers: states }
}
