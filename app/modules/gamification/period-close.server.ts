import type { Statement } from 'better-sqlite3'
import { getDb, prepared, type Tx } from '#db/client.server.ts'
import type { BadgeCode } from '#db/schema/gamification.ts'
import type { ScoreDetail } from '#db/schema/performance.ts'
import { tenureMonths } from '#app/modules/learning/tier.ts'
import { impactsOf } from '#app/modules/mentoring/impact.server.ts'
import { listPairings } from '#app/modules/mentoring/pairings.server.ts'
import { addDays, isClosed, isPeriod, monthOf, periodKind, periodRange, previousPeriod, quarterOf, shiftPeriod, type Period } from '#app/modules/performance/periods.ts'
import { ensureFresh } from '#app/modules/performance/scores.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { awardBadge, type BadgeGrant } from './badge-awards.server.ts'
import { NEWCOMER_MONTHS } from './badges.ts'
import { awardPoints } from './points.server.ts'
import { highValueAmount } from './rules.server.ts'

/**
 * Period close (ADR 010): once a month or quarter is over, its results pay — 30 points per weighted
 * process indicator on target in a month — and its awards are given: 高价值客户开发奖 and 月度拜访冠军
 * per month; 最佳新人奖, 最快进步奖 and 金牌导师 per quarter. Everything is keyed by the period (or the
 * record), so closing again pays and awards nothing new: the hourly upkeep simply closes the last 12
 * months and 4 quarters every time, and a late import that lifts someone onto target still pays them.
 * An award once given stays (a later correction adds a winner rather than taking a badge back).
 */

function stmt(text: string): Statement {
	return prepared(text, (d) => d.$client.prepare(text))
}

/** Equal up to float noise: ties share an award. */
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9

export type CloseSummary = {
	period: Period
	/** False when the period is not over yet (nothing is done). */
	closed: boolean
	/** indicator_on_target events that paid points this time. */
	payouts: number
	/** Badges newly awarded this time. */
	badges: BadgeCode[]
}

type Grant = Omit<BadgeGrant, 'period' | 'at'>

// ---------------------------------------------------------------------------------------------
// Month

/** Weighted process indicators at or above 100 % achievement in the stored monthly score detail. */
function onTargetProcessIndicators(period: Period): Array<{ userId: number; code: string }> {
	const process = new Map(
		(stmt(`select id, code from indicators where category = 'process'`).raw().all() as Array<[number, string]>).map(([id, code]) => [id, code]),
	)
	const rows = stmt(
		`select s.user_id, s.detail from kpi_scores s join users u on u.id = s.user_id
		 where s.period = ? and u.deactivated_at is null and s.weighted_score is not null order by s.user_id`,
	)
		.raw()
		.all(period) as Array<[number, string]>
	const result: Array<{ userId: number; code: string }> = []
	for (const [userId, detail] of rows)
		for (const item of JSON.parse(detail) as ScoreDetail[]) {
			const code = process.get(item.indicatorId)
			if (code && item.weight > 0 && item.achievement !== null && item.achievement >= 1 - 1e-9) result.push({ userId, code })
		}
	return result
}

/**
 * 高价值客户开发奖: a person with a valid revenue record in the month of at least HR's amount — one award
 * per person and month (the honours wall lists people, not deals), citing their largest such record and
 * how many there were.
 */
function highValueAccounts(period: Period, tx: Tx): Grant[] {
	const threshold = highValueAmount(tx)
	const { from, to } = periodRange(period)
	const rows = stmt(
		`select r.id, r.user_id, r.value, r.date from kpi_records r join users u on u.id = r.user_id
		 where r.indicator_id = (select id from indicators where code = 'revenue') and r.date between ? and ?
		   and r.status = 'valid' and r.value >= ? and u.deactivated_at is null
		 order by r.id`,
	)
		.raw()
		.all(from, to, threshold) as Array<[number, number, number, string]>
	const best = new Map<number, { id: number; amount: number; date: string; deals: number }>()
	for (const [id, userId, amount, date] of rows) {
		const seen = best.get(userId)
		if (!seen) best.set(userId, { id, amount, date, deals: 1 })
		else {
			seen.deals++
			if (amount > seen.amount) Object.assign(seen, { id, amount, date })
		}
	}
	return [...best].map(([userId, { id, amount, date, deals }]) => ({
		userId,
		badge: 'high_value_account' as const,
		awardKey: period,
		evidence: { amount, threshold, date, record: id, deals },
	}))
}

/** 月度拜访冠军: the sales reps with the month's highest total of valid weekly_visits records (ties all win). */
function visitChampions(period: Period): Grant[] {
	const { from, to } = periodRange(period)
	const rows = stmt(
		`select r.user_id, sum(r.value) from kpi_records r join users u on u.id = r.user_id
		 where r.indicator_id = (select id from indicators where code = 'weekly_visits') and r.date between ? and ?
		   and r.status = 'valid' and u.position_type = 'sales_rep' and u.deactivated_at is null
		 group by r.user_id`,
	)
		.raw()
		.all(from, to) as Array<[number, number]>
	const best = Math.max(0, ...rows.map(([, visits]) => visits))
	if (best <= 0) return []
	return rows
		.filter(([, visits]) => same(visits, best))
		.map(([userId, visits]) => ({ userId, badge: 'visit_champion' as const, awardKey: period, evidence: { visits, reps: rows.length } }))
}

// ---------------------------------------------------------------------------------------------
// Quarter

type Scored = { userId: number; hireDate: string; score: number }

function scoresOf(period: Period): Scored[] {
	return stmt(
		`select s.user_id as userId, u.hire_date as hireDate, s.weighted_score as score from kpi_scores s join users u on u.id = s.user_id
		 where s.period = ? and s.weighted_score is not null and u.deactivated_at is null and u.position_type is not null`,
	).all(period) as Scored[]
}

/** 最佳新人奖: the best weighted score among people in their first NEWCOMER_MONTHS months at the quarter's end. */
function bestNewcomers(period: Period): Grant[] {
	const { to } = periodRange(period)
	const newcomers = scoresOf(period)
		.filter((s) => s.hireDate <= to && tenureMonths(s.hireDate, to) < NEWCOMER_MONTHS)
		.map((s) => ({ ...s, tenure: tenureMonths(s.hireDate, to) }))
	const best = Math.max(...newcomers.map((s) => s.score))
	if (newcomers.length === 0 || best <= 0) return []
	return newcomers
		.filter((s) => same(s.score, best))
		.map((s) => ({
			userId: s.userId,
			badge: 'best_newcomer' as const,
			awardKey: period,
			evidence: { score: s.score, newcomers: newcomers.length, tenureMonths: s.tenure, hireDate: s.hireDate },
		}))
}

/** 最快进步奖: the largest rise of the weighted score over the person's own previous quarter (both scored). */
function fastestImprovers(period: Period): Grant[] {
	const previous = previousPeriod(period)
	const before = new Map(scoresOf(previous).map((s) => [s.userId, s.score]))
	const rises = scoresOf(period).flatMap((s) => {
		const was = before.get(s.userId)
		return was === undefined ? [] : [{ userId: s.userId, score: s.score, previousScore: was, increase: s.score - was }]
	})
	const best = Math.max(0, ...rises.map((r) => r.increase))
	if (best <= 0) return []
	return rises
		.filter((r) => same(r.increase, best))
		.map((r) => ({
			userId: r.userId,
			badge: 'fastest_improver' as const,
			awardKey: period,
			evidence: { score: r.score, previousScore: r.previousScore, increase: r.increase, previousPeriod: previous, compared: rises.length },
		}))
}

/**
 * 金牌导师: a mentor whose pairings running at some time in the quarter have at least one focus indicator
 * that can be measured at the quarter's end (mentoring/impact.ts: the mean of the 3 closed months before
 * the pairing against the mean of the months since, through the quarter's last month, at least 2 months
 * on each side and unpaired peers to compare with), and every measured one improved.
 */
function goldMentors(period: Period): Grant[] {
	const { from, to } = periodRange(period)
	const pairings = listPairings({ all: true }).filter((p) => p.startsOn <= to && (p.endsOn === null || p.endsOn > from))
	if (pairings.length === 0) return []
	// Measured as on the day after the quarter: its last month is the last one counted.
	const impacts = impactsOf(pairings, addDays(to, 1))
	const byMentor = new Map<number, { pairings: Set<number>; measured: number; improved: number; beatPeers: number }>()
	for (const pairing of pairings) {
		let entry = byMentor.get(pairing.mentorId)
		if (!entry) byMentor.set(pairing.mentorId, (entry = { pairings: new Set(), measured: 0, improved: 0, beatPeers: 0 }))
		entry.pairings.add(pairing.id)
		for (const { impact } of impacts.get(pairing.id) ?? []) {
			if (impact.status !== 'ok') continue
			entry.measured++
			if (impact.improved) entry.improved++
			if (impact.effect > 0) entry.beatPeers++
		}
	}
	const lastMonth = monthOf(to)
	return [...byMentor]
		.filter(([, e]) => e.measured > 0 && e.improved === e.measured)
		.map(([mentorId, e]) => ({
			userId: mentorId,
			badge: 'gold_mentor' as const,
			awardKey: period,
			evidence: { pairings: e.pairings.size, measured: e.measured, improved: e.improved, beatPeers: e.beatPeers, lastMonth },
		}))
}

// ---------------------------------------------------------------------------------------------

/**
 * Closes one period that is over, in one transaction: its stored scores are made fresh, then the month's
 * on-target points and awards, or the quarter's awards, are given. Idempotent; an open period is left alone.
 */
export function closePeriod(period: Period, today = businessDate(now())): CloseSummary {
	if (!isPeriod(period) || !isClosed(period, today)) return { period, closed: false, payouts: 0, badges: [] }
	return getDb().transaction(
		(tx) => {
			ensureFresh(period)
			const at = now()
			let payouts = 0
			const badges: BadgeCode[] = []
			const award = (grants: Grant[]) => {
				for (const grant of grants) if (awardBadge(tx, { ...grant, period, at })) badges.push(grant.badge)
			}
			if (periodKind(period) === 'month') {
				for (const { userId, code } of onTargetProcessIndicators(period))
					if (awardPoints(tx, { userId, source: 'indicator_on_target', sourceKey: `${code}:${period}`, at }).paid > 0) payouts++
				award(highValueAccounts(period, tx))
				award(visitChampions(period))
			} else {
				ensureFresh(previousPeriod(period))
				award(bestNewcomers(period))
				award(fastestImprovers(period))
				award(goldMentors(period))
			}
			return { period, closed: true, payouts, badges }
		},
		{ behavior: 'immediate' },
	)
}

/** The last 12 closed months and 4 closed quarters, oldest first (what the hourly upkeep closes). */
export function duePeriods(today: string): Period[] {
	const months = Array.from({ length: 12 }, (_, i) => shiftPeriod(monthOf(today), 12 - i))
	const quarters = Array.from({ length: 4 }, (_, i) => shiftPeriod(quarterOf(today), 4 - i))
	return [...months, ...quarters]
}

/** Closes every due period; already closed ones cost a few reads and award nothing. */
export function closeDuePeriods(today = businessDate(now())): CloseSummary[] {
	return duePeriods(today).map((period) => closePeriod(period, today))
}
