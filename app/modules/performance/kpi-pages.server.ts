import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { teams, users, type PositionType } from '#db/schema/auth.ts'
import type { IndicatorUnit } from '#db/schema/performance.ts'
import type { AuthUser } from '#app/modules/auth/users.server.ts'
import type { KpiAccess } from '#app/modules/performance/access.server.ts'
import { openAlertsFor } from '#app/modules/performance/alerts.server.ts'
import { currentPeriods, kpiViewFor, listIndicators, monthlyTrend, teamScores } from '#app/modules/performance/scores.server.ts'
import type { Level } from '#app/modules/performance/scoring.ts'
import { forbidden, hasRole } from '#app/utils/auth.server.ts'
import type { KpiReportData } from '#app/components/kpi/kpi-report.tsx'
import { choosePeriod, trendMonths, type PeriodChoice } from './period-choice.ts'

/**
 * What the KPI pages load, shared by /kpi, /team/:userId/kpi, /team and its export. Callers run their
 * guard first; these functions only read.
 */

export const NO_STORE = { 'Cache-Control': 'no-store' } as const

/** One person's period as KpiReport shows it. `periodParam` is the raw `?period=`. */
export function kpiReportFor(person: { id: number; name: string }, access: KpiAccess, periodParam: string | null): KpiReportData {
	const current = currentPeriods()
	const choice = choosePeriod(periodParam, current)
	const view = kpiViewFor(person.id, choice.period)
	const shown = new Set(view.indicators.map((i) => i.indicator.id))
	// Only the indicators the person is scored on: not the raw counts behind a ratio (leads assigned / won).
	const trend = view.positionType
		? monthlyTrend(person.id, trendMonths(choice.period, current.month)).filter((s) => shown.has(s.indicatorId))
		: []
	return { person, access, choice, view, trend }
}

export type TeamOption = { id: number; nameZh: string; nameEn: string; managerId: number | null }

/** The teams a viewer may look at: all for HR, the ones they lead for a manager. */
export function teamsVisibleTo(viewer: Pick<AuthUser, 'id' | 'roles'>): TeamOption[] {
	const query = getDb().select({ id: teams.id, nameZh: teams.nameZh, nameEn: teams.nameEn, managerId: teams.managerId }).from(teams)
	return (hasRole(viewer, 'hr_admin') ? query : query.where(eq(teams.managerId, viewer.id))).orderBy(asc(teams.id)).all()
}

/**
 * The team of `?team=`, or the first visible one. A team the viewer may not see is a 403 (a manager
 * asking for another team), a team that does not exist a 404 (only HR can tell).
 */
export function chooseTeam(viewer: Pick<AuthUser, 'id' | 'roles'>, param: string | null): { team: TeamOption | null; teams: TeamOption[] } {
	const visible = teamsVisibleTo(viewer)
	if (param === null || param === '') return { team: visible[0] ?? null, teams: visible }
	const id = Number(param)
	const team = Number.isSafeInteger(id) ? visible.find((t) => t.id === id) : undefined
	if (team) return { team, teams: visible }
	if (hasRole(viewer, 'hr_admin')) throw new Response('No such team', { status: 404, statusText: 'Not Found' })
	throw forbidden()
}

export type TeamMember = { id: number; name: string; email: string; positionType: PositionType }

/** The active people of a team who are scored (have a position type), by name. */
export function teamMembers(teamId: number): TeamMember[] {
	return getDb()
		.select({ id: users.id, name: users.name, email: users.email, positionType: users.positionType })
		.from(users)
		.where(and(eq(users.teamId, teamId), isNull(users.deactivatedAt), isNotNull(users.positionType)))
		.orderBy(asc(users.name), asc(users.id))
		.all() as TeamMember[]
}

export type TeamColumn = { id: number; code: string; nameZh: string; nameEn: string; unit: IndicatorUnit }
export type TeamCell = { actual: number | null; achievement: number | null; level: Level | null; weight: number } | null
export type TeamRow = TeamMember & { score: number | null; level: Level | null; cells: TeamCell[] }

export const SORT_DIRECTIONS = ['asc', 'desc'] as const
export type SortDirection = (typeof SORT_DIRECTIONS)[number]
export type TeamSort = { key: string; dir: SortDirection }

/** Reads `?sort=score|name|<indicator code>&dir=asc|desc`; anything unknown is the default (score, high first). */
export function chooseSort(sortParam: string | null, dirParam: string | null, columns: readonly TeamColumn[]): TeamSort {
	const key = sortParam === 'name' || sortParam === 'score' || columns.some((c) => c.code === sortParam) ? sortParam! : 'score'
	const fallback: SortDirection = key === 'name' ? 'asc' : 'desc'
	const dir = (SORT_DIRECTIONS as readonly string[]).includes(dirParam ?? '') ? (dirParam as SortDirection) : fallback
	return { key, dir }
}

/** Sorted rows; people without a value go last whichever way the column is sorted. */
export function sortRows(rows: readonly TeamRow[], columns: readonly TeamColumn[], sort: TeamSort): TeamRow[] {
	const index = columns.findIndex((c) => c.code === sort.key)
	const value = (row: TeamRow) => (sort.key === 'score' ? row.score : index >= 0 ? (row.cells[index]?.achievement ?? null) : null)
	const sign = sort.dir === 'asc' ? 1 : -1
	return [...rows].sort((a, b) => {
		if (sort.key === 'name') return sign * a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id
		const va = value(a)
		const vb = value(b)
		if (va === null && vb === null) return a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id
		if (va === null) return 1
		if (vb === null) return -1
		return sign * (va - vb) || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id
	})
}

/**
 * The team's stored scores for a period: one row per person, one column per indicator that is
 * weighted for someone in the team (capability indicators shown with weight 0 are left to /kpi).
 */
export function teamTable(members: readonly TeamMember[], period: string): { columns: TeamColumn[]; rows: TeamRow[] } {
	const scores = new Map(teamScores(members.map((m) => m.id), period).map((s) => [s.userId, s]))
	const used = new Set<number>()
	for (const s of scores.values()) for (const d of s.detail) if (d.weight > 0) used.add(d.indicatorId)
	const columns: TeamColumn[] = listIndicators()
		.filter((i) => used.has(i.id))
		.map((i) => ({ id: i.id, code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, unit: i.unit }))
	const rows = members.map((member) => {
		const score = scores.get(member.id)
		const detail = new Map(score?.detail.map((d) => [d.indicatorId, d]))
		return {
			...member,
			score: score?.score ?? null,
			level: score?.level ?? null,
			cells: columns.map((c): TeamCell => {
				const d = detail.get(c.id)
				return d ? { actual: d.actual, achievement: d.achievement, level: d.level, weight: d.weight } : null
			}),
		}
	})
	return { columns, rows }
}

export type TeamPage = {
	teams: TeamOption[]
	team: TeamOption | null
	choice: PeriodChoice
	sort: TeamSort
	columns: TeamColumn[]
	rows: TeamRow[]
}

/** Everything /team and its export show, after the caller's guard. */
export function teamPage(viewer: Pick<AuthUser, 'id' | 'roles'>, params: URLSearchParams): TeamPage {
	const { team, teams: visible } = chooseTeam(viewer, params.get('team'))
	const choice = choosePeriod(params.get('period'), currentPeriods())
	const { columns, rows } = team ? teamTable(teamMembers(team.id), choice.period) : { columns: [], rows: [] }
	const sort = chooseSort(params.get('sort'), params.get('dir'), columns)
	return { teams: visible, team, choice, sort, columns, rows: sortRows(rows, columns, sort) }
}

/** The unresolved alerts of a team's people. */
export function teamAlerts(rows: readonly { id: number }[]) {
	return openAlertsFor(rows.map((r) => r.id))
}
