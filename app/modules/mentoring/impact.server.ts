import { listIndicators, periodActuals } from '#app/modules/performance/scores.server.ts'
import { addDays, monthOf, periodRange, shiftPeriod } from '#app/modules/performance/periods.ts'
import { tenureMonths, tierByTenure } from '#app/modules/learning/tier.ts'
import { getDb } from '#db/client.server.ts'
import type { Indicator } from '#db/schema/performance.ts'
import { impactWindows, mentorImpact, monthlyMeans, pairingImpact, type Impact, type MonthValue } from './impact.ts'
import { listPairings, today, type PairingRow } from './pairings.server.ts'

/**
 * Measured impact (impact.ts does the arithmetic): per pairing and focus indicator, the mentee's monthly
 * values around the start and the mean of unpaired peers — same position type, same tier at the
 * pairing's start, no pairing of their own over those months.
 */

export type FocusImpact = {
	indicator: Pick<Indicator, 'id' | 'code' | 'nameZh' | 'nameEn' | 'unit' | 'direction'>
	impact: Impact
	startMonth: string
	peerCount: number
	/** The chart: every month of both windows, the mentee's value and the peers' mean. */
	months: string[]
	mentee: Array<number | null>
	peers: Array<number | null>
}

type Pairing = Pick<PairingRow, 'id' | 'menteeId' | 'startsOn' | 'endsOn'>

/** The last month counted after the start: the last closed month, or the pairing's last month if earlier. */
function lastMonthOf(pairing: Pairing, day: string): string {
	const lastClosed = shiftPeriod(monthOf(day), 1)
	if (pairing.endsOn === null) return lastClosed
	const lastDay = monthOf(addDays(pairing.endsOn, -1))
	return lastDay < lastClosed ? lastDay : lastClosed
}

type Person = { id: number; positionType: string | null; hireDate: string }

function people(): Map<number, Person> {
	const rows = getDb().$client.prepare(`select id, position_type as positionType, hire_date as hireDate from users where deactivated_at is null`).all() as Person[]
	return new Map(rows.map((r) => [r.id, r]))
}

/** Whoever was a mentee over [from, to]. */
function pairedBetween(from: string, to: string): Set<number> {
	const rows = getDb()
		.$client.prepare(`select distinct mentee_id from mentor_pairings where starts_on <= ? and (ends_on is null or ends_on > ?)`)
		.raw()
		.all(to, from) as Array<[number]>
	return new Set(rows.map(([id]) => id))
}

/** Monthly values of every indicator for a set of people, read once per month and shared across pairings. */
class MonthlyActuals {
	private readonly indicators = listIndicators()
	private readonly cache = new Map<string, ReturnType<typeof periodActuals>>()
	constructor(private readonly userIds: readonly number[]) {}
	valueOf(month: string, userId: number, indicatorId: number): number | null {
		let actuals = this.cache.get(month)
		if (!actuals) this.cache.set(month, (actuals = periodActuals(month, this.indicators, { userIds: this.userIds })))
		return actuals.get(userId, indicatorId) ?? null
	}
	indicator(id: number) {
		return this.indicators.find((i) => i.id === id)
	}
}

function peersOf(pairing: Pairing, everyone: Map<number, Person>, from: string, to: string): number[] {
	const mentee = everyone.get(pairing.menteeId)
	if (!mentee?.positionType) return []
	const tier = tierByTenure(tenureMonths(mentee.hireDate, pairing.startsOn))
	const paired = pairedBetween(from, to)
	return [...everyone.values()]
		.filter(
			(p) =>
				p.id !== mentee.id &&
				p.positionType === mentee.positionType &&
				p.hireDate <= pairing.startsOn &&
				!paired.has(p.id) &&
				tierByTenure(tenureMonths(p.hireDate, pairing.startsOn)) === tier,
		)
		.map((p) => p.id)
}

/** Each pairing's focus impacts as measured on `day` (its last closed month is the last one counted). */
export function impactsOf(pairings: readonly PairingRow[], day: string): Map<number, FocusImpact[]> {
	const everyone = people()
	const plans = pairings.map((pairing) => {
		const startMonth = monthOf(pairing.startsOn)
		const lastMonth = lastMonthOf(pairing, day)
		const { before, since } = impactWindows(startMonth, lastMonth)
		const months = [...before, ...since]
		const from = periodRange(months[0]!).from
		const to = periodRange(months.at(-1)!).to
		return { pairing, startMonth, lastMonth, months, peers: peersOf(pairing, everyone, from, to) }
	})
	const userIds = [...new Set(plans.flatMap((p) => [p.pairing.menteeId, ...p.peers]))]
	const actuals = new MonthlyActuals(userIds)
	const result = new Map<number, FocusImpact[]>()
	for (const plan of plans) {
		const list: FocusImpact[] = []
		for (const focus of plan.pairing.focus) {
			const indicator = actuals.indicator(focus.indicatorId)
			if (!indicator) continue
			const series = (userId: number): MonthValue[] => plan.months.map((month) => ({ month, value: actuals.valueOf(month, userId, indicator.id) }))
			const mentee = series(plan.pairing.menteeId)
			const peers = monthlyMeans(plan.peers.map(series), plan.months)
			list.push({
				indicator: { id: indicator.id, code: indicator.code, nameZh: indicator.nameZh, nameEn: indicator.nameEn, unit: indicator.unit, direction: indicator.direction },
				impact: pairingImpact({ mentee, peers, startMonth: plan.startMonth, lastMonth: plan.lastMonth, direction: indicator.direction }),
				startMonth: plan.startMonth,
				peerCount: plan.peers.length,
				months: plan.months,
				mentee: mentee.map((p) => p.value),
				peers: peers.map((p) => p.value),
			})
		}
		result.set(plan.pairing.id, list)
	}
	return result
}

/** One pairing's impact per focus indicator. */
export function pairingImpactOf(pairing: PairingRow): FocusImpact[] {
	return impactsOf([pairing], today()).get(pairing.id) ?? []
}

export type MentorImpactRow = {
	mentorId: number
	mentorName: string
	pairings: number
	measured: number
	unmeasured: number
	improved: number
	beatPeers: number
	meanEffectRatio: number | null
}

export type ImpactReport = {
	pairings: Array<PairingRow & { impact: FocusImpact | null }>
	mentors: MentorImpactRow[]
}

/**
 * HR's report: every pairing with the impact on its first focus indicator, and per mentor the mean
 * effect over their measured pairings (pairings with too little data are counted, not averaged).
 */
export function impactReport(): ImpactReport {
	const pairings = listPairings({ all: true })
	const impacts = impactsOf(pairings, today())
	const rows = pairings.map((p) => ({ ...p, impact: impacts.get(p.id)?.[0] ?? null }))
	const byMentor = new Map<number, { name: string; impacts: Impact[]; pairings: number }>()
	for (const row of rows) {
		let entry = byMentor.get(row.mentorId)
		if (!entry) byMentor.set(row.mentorId, (entry = { name: row.mentorName, impacts: [], pairings: 0 }))
		entry.pairings++
		if (row.impact) entry.impacts.push(row.impact.impact)
	}
	const mentors = [...byMentor].map(([mentorId, e]) => ({ mentorId, mentorName: e.name, pairings: e.pairings, ...mentorImpact(e.impacts) }))
	// Best measured effect first; mentors with nothing measured last.
	const key = (m: MentorImpactRow) => m.meanEffectRatio ?? Number.NEGATIVE_INFINITY
	mentors.sort((a, b) => (key(a) === key(b) ? a.mentorId - b.mentorId : key(b) > key(a) ? 1 : -1))
	return { pairings: rows, mentors }
}
