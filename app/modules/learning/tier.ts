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
