/**
 * The filters of /leaderboard (pure): which board, period, scope, position type and tenure cohort a GET
 * query asks for, with the fair defaults — the viewer's own position type and cohort, company-wide,
 * the KPI board, the last closed month. A bad or future value falls back to the default (a stale
 * bookmark still opens a page) with a notice for a bad period.
 */
import { z } from 'zod'
import { tenureMonths, tierByTenure } from '#app/modules/learning/tier.ts'
import { isPeriod, monthOf, periodKind, periodRange, previousPeriod, quarterOf, shiftPeriod, type Period } from '#app/modules/performance/periods.ts'

// Mirror db/schema (pure rules may not import it); leaderboard.server.ts's types check they agree.
export const BOARDS = ['kpi', 'revenue', 'points'] as const
export type BoardOption = (typeof BOARDS)[number]
export const COHORTS = ['new', 'intermediate', 'core'] as const
export type CohortOption = (typeof COHORTS)[number]
export const POSITION_TYPES = ['sales_rep', 'marketing', 'customer_success'] as const
export type PositionTypeOption = (typeof POSITION_TYPES)[number]
export const SCOPES = ['team', 'region', 'company'] as const
export type ScopeOption = (typeof SCOPES)[number]

/** Rows above the viewer's neighbourhood. */
export const BOARD_TOP = 10
/** Months and quarters offered in the period list (the current one and the ones before). */
export const BOARD_MONTHS = 12
export const BOARD_QUARTERS = 5

export type BoardFilters = {
	board: BoardOption
	period: Period
	scope: ScopeOption
	positionType: 'all' | PositionTypeOption
	cohort: 'all' | CohortOption
	/** HR's chosen team or region (`?team=` / `?region=`); others always see their own. */
	scopeId: number | null
}

export type FilterNotice = { kind: 'invalid' | 'future'; value: string } | null

export type Viewer = { positionType: PositionTypeOption | null; hireDate: string }

/** The tenure cohort on a period's last day (how the stored board groups people). */
export function cohortAt(hireDate: string, period: Period): CohortOption {
	return tierByTenure(tenureMonths(hireDate, periodRange(period).to))
}

/** The last month that is over. */
export function lastClosedMonthOf(today: string): Period {
	return previousPeriod(monthOf(today))
}

/** The periods offered: this month and the eleven before, this quarter and the four before (plus a bookmarked older one). */
export function boardPeriods(today: string, chosen?: Period): { months: Period[]; quarters: Period[] } {
	const months = Array.from({ length: BOARD_MONTHS }, (_, i) => shiftPeriod(monthOf(today), i))
	const quarters = Array.from({ length: BOARD_QUARTERS }, (_, i) => shiftPeriod(quarterOf(today), i))
	if (chosen && isPeriod(chosen)) {
		const list = periodKind(chosen) === 'month' ? months : quarters
		if (!list.includes(chosen)) list.push(chosen)
	}
	return { months, quarters }
}

const id = z.coerce.number().int().positive()

/** Reads the GET query. */
export function parseBoardFilters(params: URLSearchParams, { today, viewer, canChooseScope }: { today: string; viewer: Viewer; canChooseScope: boolean }): {
	filters: BoardFilters
	notice: FilterNotice
} {
	const pick = <T extends string>(name: string, options: readonly T[], fallback: T): T => {
		const value = params.get(name)
		return value !== null && (options as readonly string[]).includes(value) ? (value as T) : fallback
	}
	const board = pick('board', BOARDS, 'kpi')
	let period = lastClosedMonthOf(today)
	let notice: FilterNotice = null
	const asked = params.get('period')?.trim() ?? ''
	if (asked) {
		const shown = asked.slice(0, 40)
		if (!isPeriod(asked)) notice = { kind: 'invalid', value: shown }
		else if (asked > (periodKind(asked) === 'month' ? monthOf(today) : quarterOf(today))) notice = { kind: 'future', value: shown }
		else period = asked
	}
	// The revenue board ranks sales reps only: others start from the sales reps' board.
	const ownType = board === 'revenue' ? 'sales_rep' : (viewer.positionType ?? 'all')
	const positionType = pick('type', ['all', ...POSITION_TYPES] as const, ownType)
	const ownCohort = viewer.positionType ? cohortAt(viewer.hireDate, period) : 'all'
	const cohort = pick('cohort', ['all', ...COHORTS] as const, ownCohort)
	const scope = pick('scope', SCOPES, 'company')
	const chosenId = canChooseScope && scope !== 'company' ? id.safeParse(params.get(scope)) : null
	return { filters: { board, period, scope, positionType, cohort, scopeId: chosenId?.success ? chosenId.data : null }, notice }
}

/** The query string of a filter set (links keep the other filters). */
export function boardQuery(filters: BoardFilters): string {
	const params = new URLSearchParams({ board: filters.board, period: filters.period, scope: filters.scope, type: filters.positionType, cohort: filters.cohort })
	if (filters.scope !== 'company' && filters.scopeId !== null) params.set(filters.scope, String(filters.scopeId))
	return `?${params}`
}
