import { getDb } from '#db/client.server.ts'
import type { ScoreDetail } from '#db/schema/performance.ts'
import { homeSummary } from '#app/modules/learning/progress.server.ts'
import type { Tier } from '#app/modules/learning/tier.ts'
import { openAlertsFor, type AlertView } from '#app/modules/performance/alerts.server.ts'
import { monthOf, previousPeriod } from '#app/modules/performance/periods.ts'
import { currentPeriods, listIndicators, periodActuals, teamScores } from '#app/modules/performance/scores.server.ts'
import type { Level } from '#app/modules/performance/scoring.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { assignmentsOf, recommendationsFor, type AssignmentView, type Recommendation } from './assignments.server.ts'
import { attentionReasons, byAttention, type AttentionFacts, type AttentionReason } from './attention.ts'
import { coachingLog, lastCoachingOn, type CoachingEntry } from './coaching.server.ts'
import { pairingImpactOf, type FocusImpact } from './impact.server.ts'
import { isActiveOn, listPairings, today, type PairingAccess, type PairingRow } from './pairings.server.ts'
import { goalProgress } from './rules.ts'

/** What /mentoring and /mentoring/:pairing show, read in one place. */

export const WEAKEST_SHOWN = 2

export type WeakIndicator = { code: string; nameZh: string; nameEn: string; achievement: number; level: Level | null }

export type MenteeCard = {
	pairing: PairingRow
	tier: Tier
	trackPercent: number
	clearedOn: string | null
	/** When a failed exam's cooldown ends, if one is running. */
	cooldownUntil: Date | null
	quarter: string
	score: number | null
	level: Level | null
	weakest: WeakIndicator[]
	alerts: AlertView[]
	lastCoachingOn: string | null
	daysSinceCoaching: number | null
	facts: AttentionFacts
	reasons: AttentionReason[]
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

function weakestOf(detail: readonly ScoreDetail[]): WeakIndicator[] {
	const byId = new Map(listIndicators().map((i) => [i.id, i]))
	return detail
		.filter((d) => d.weight > 0 && d.achievement !== null)
		.sort((a, b) => a.achievement! - b.achievement!)
		.slice(0, WEAKEST_SHOWN)
		.map((d) => {
			const i = byId.get(d.indicatorId)!
			return { code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, achievement: d.achievement!, level: d.level }
		})
}

/** A mentor's running pairings as cards, the mentee who needs attention first on top. */
export function mentorDashboard(mentorId: number): MenteeCard[] {
	const day = today()
	const pairings = listPairings({ mentorId }).filter((p) => p.active)
	if (pairings.length === 0) return []
	const { quarter } = currentPeriods(day)
	const menteeIds = pairings.map((p) => p.menteeId)
	const scores = new Map(teamScores(menteeIds, quarter).map((s) => [s.userId, s]))
	const alerts = openAlertsFor(menteeIds)
	const last = lastCoachingOn(pairings.map((p) => p.id))
	const at = now()
	const cards = pairings.map((pairing): MenteeCard => {
		const summary = homeSummary(pairing.menteeId, at)
		const cooldowns = summary.exams.flatMap((e) => (e.state.kind === 'cooldown' ? [e.state.until] : []))
		const score = scores.get(pairing.menteeId)
		const own = alerts.filter((a) => a.userId === pairing.menteeId)
		const lastOn = last.get(pairing.id) ?? null
		const belowBaseline = (score?.detail ?? []).filter((d) => d.weight > 0 && d.level === 'below').length
		const facts: AttentionFacts = {
			openAlerts: own.length,
			inCooldown: cooldowns.length > 0,
			belowBaseline,
			daysSinceCoaching: lastOn === null ? null : daysBetween(lastOn, day),
			score: score?.score ?? null,
		}
		return {
			pairing,
			tier: summary.current,
			trackPercent: summary.track.progress.percent,
			clearedOn: summary.clearance.clearedOn,
			cooldownUntil: cooldowns.length > 0 ? new Date(Math.max(...cooldowns.map((d) => d.getTime()))) : null,
			quarter,
			score: score?.score ?? null,
			level: score?.level ?? null,
			weakest: weakestOf(score?.detail ?? []),
			alerts: own,
			lastCoachingOn: lastOn,
			daysSinceCoaching: facts.daysSinceCoaching,
			facts,
			reasons: attentionReasons(facts),
		}
	})
	return byAttention(cards)
}

export type TimelineEntry =
	| { kind: 'lesson'; on: string; title: string; titleEn: string; href: string }
	| { kind: 'exam'; on: string; title: string; titleEn: string; score: number | null; passed: boolean | null; href: string }
	| { kind: 'coaching'; on: string; coachingKind: CoachingEntry['kind']; score: number | null }
	| { kind: 'alert'; on: string; nameZh: string; nameEn: string; status: string }

export const TIMELINE_MAX = 60

/** What happened to the mentee since the pairing began, newest first. */
function timelineOf(pairing: PairingRow, coaching: readonly CoachingEntry[]): TimelineEntry[] {
	const db = getDb().$client
	const since = Date.parse(`${pairing.startsOn}T00:00:00+08:00`)
	const toDay = (ms: number) => businessDate(new Date(ms))
	const lessons = db
		.prepare(
			`select c.completed_at as at, l.title, l.title_en as titleEn, l.tier, l.slug from lesson_completions c join lessons l on l.id = c.lesson_id
			 where c.user_id = ? and c.completed_at >= ?`,
		)
		.all(pairing.menteeId, since) as Array<{ at: number; title: string; titleEn: string; tier: string; slug: string }>
	const exams = db
		.prepare(
			`select a.id, a.closed_at as at, a.score, a.passed, e.slug, e.title, e.title_en as titleEn from exam_attempts a join exams e on e.id = a.exam_id
			 where a.user_id = ? and a.status = 'graded' and a.closed_at >= ?`,
		)
		.all(pairing.menteeId, since) as Array<{ id: number; at: number; score: number | null; passed: number | null; slug: string; title: string; titleEn: string }>
	const alerts = db
		.prepare(
			`select k.opened_at as at, k.status, i.name_zh as nameZh, i.name_en as nameEn from kpi_alerts k
			 join alert_rules r on r.id = k.rule_id join indicators i on i.id = r.indicator_id
			 where k.user_id = ? and k.opened_at >= ?`,
		)
		.all(pairing.menteeId, since) as Array<{ at: number; status: string; nameZh: string; nameEn: string }>
	const entries: TimelineEntry[] = [
		...lessons.map((l) => ({ kind: 'lesson' as const, on: toDay(l.at), title: l.title, titleEn: l.titleEn, href: `/tracks/${l.tier}/${l.slug}` })),
		...exams.map((e) => ({
			kind: 'exam' as const,
			on: toDay(e.at),
			title: e.title,
			titleEn: e.titleEn,
			score: e.score,
			passed: e.passed === null ? null : Boolean(e.passed),
			href: `/exams/${e.slug}`,
		})),
		...coaching.map((c) => ({ kind: 'coaching' as const, on: c.occurredOn, coachingKind: c.kind, score: c.score })),
		...alerts.map((a) => ({ kind: 'alert' as const, on: toDay(a.at), nameZh: a.nameZh, nameEn: a.nameEn, status: a.status })),
	]
	return entries.sort((a, b) => (a.on === b.on ? 0 : a.on < b.on ? 1 : -1)).slice(0, TIMELINE_MAX)
}

export type GoalView = PairingRow['focus'][number] & { current: number | null; currentMonth: string; progress: number | null }

export type PairingDetail = {
	pairing: PairingRow
	access: PairingAccess
	/** The pairing's mentor on a running pairing: may log coaching and assign content. */
	canCoach: boolean
	goals: GoalView[]
	impact: FocusImpact[]
	coaching: CoachingEntry[]
	assignments: AssignmentView[]
	recommendations: Recommendation[]
	timeline: TimelineEntry[]
	alerts: AlertView[]
	weakest: WeakIndicator[]
}

/** Everything /mentoring/:pairing shows; recommendations only for the mentor who can assign them. */
export function pairingDetail(pairing: PairingRow, access: PairingAccess): PairingDetail {
	const day = today()
	const canCoach = access === 'mentor' && isActiveOn(pairing, day)
	const coaching = coachingLog([pairing.id])
	const indicators = listIndicators()
	// A goal's current value: this month's so far, or last month's when this month has none yet.
	const thisMonth = monthOf(day)
	const lastMonth = previousPeriod(thisMonth)
	const now_ = periodActuals(thisMonth, indicators, { userIds: [pairing.menteeId] })
	const before = periodActuals(lastMonth, indicators, { userIds: [pairing.menteeId] })
	const goals = pairing.focus.map((f): GoalView => {
		const current = now_.get(pairing.menteeId, f.indicatorId) ?? before.get(pairing.menteeId, f.indicatorId) ?? null
		const currentMonth = now_.has(pairing.menteeId, f.indicatorId) ? thisMonth : lastMonth
		return { ...f, current, currentMonth, progress: f.fromValue === null || f.toValue === null ? null : goalProgress(f.fromValue, f.toValue, current) }
	})
	const alerts = openAlertsFor([pairing.menteeId])
	const { quarter } = currentPeriods(day)
	const [score] = teamScores([pairing.menteeId], quarter)
	const weakest = weakestOf(score?.detail ?? [])
	const primary = [...alerts.map((a) => a.indicator.code), ...pairing.focus.map((f) => f.code)]
	return {
		pairing,
		access,
		canCoach,
		goals,
		impact: pairingImpactOf(pairing),
		coaching,
		assignments: assignmentsOf([pairing.id]),
		recommendations: canCoach ? recommendationsFor(pairing.id, pairing.menteeId, primary, weakest.map((w) => w.code)) : [],
		timeline: timelineOf(pairing, coaching),
		alerts,
		weakest,
	}
}

/** The pairing as a list row (null when there is no such pairing). */
export function pairingRow(pairingId: number): PairingRow | null {
	if (!Number.isSafeInteger(pairingId) || pairingId <= 0) return null
	return listPairings({ id: pairingId })[0] ?? null
}
