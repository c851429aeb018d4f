import { isPeriod, monthsOf, periodKind, previousPeriod, quarterOf, type Period } from './periods.ts'

/** Which period a KPI page shows, from its `?period=` parameter (pure). */
export type CurrentPeriods = { quarter: Period; previousQuarter: Period; month: Period }

export type PeriodChoice = {
	/** The period to show. */
	period: Period
	/** Why the asked-for period was not shown (the current quarter is, instead). */
	notice: { kind: 'invalid' | 'future'; value: string } | null
	/** The quarters to offer (this one, the previous one, and an older one when asked for). */
	quarters: Period[]
	/** The started months of the chosen period's quarter. */
	months: Period[]
	current: CurrentPeriods
	/** The period includes today: its figures are progress so far. */
	inProgress: boolean
}

function quarterOfPeriod(period: Period) {
	return periodKind(period) === 'quarter' ? period : quarterOf(`${period}-01`)
}

/**
 * Reads `?period=`: a quarter (2026-Q4) or a month (2026-11) that has started. Anything else falls
 * back to the current quarter with a notice, so a stale bookmark still opens a page.
 */
export function choosePeriod(param: string | null, current: CurrentPeriods): PeriodChoice {
	const asked = param?.trim() ?? ''
	let period = current.quarter
	let notice: PeriodChoice['notice'] = null
	const shown = asked.slice(0, 40)
	if (asked) {
		if (!isPeriod(asked)) notice = { kind: 'invalid', value: shown }
		else if (periodKind(asked) === 'quarter' ? asked > current.quarter : asked > current.month) notice = { kind: 'future', value: asked }
		else period = asked
	}
	const quarter = quarterOfPeriod(period)
	const quarters = [current.quarter, current.previousQuarter]
	if (!quarters.includes(quarter)) quarters.push(quarter)
	return {
		period,
		notice,
		quarters,
		months: monthsOf(quarter).filter((m) => m <= current.month),
		current,
		inProgress: period === current.quarter || period === current.month,
	}
}

/** The months a trend shows for a period: its quarter and the one before, up to this month. */
export function trendMonths(period: Period, currentMonth: Period): Period[] {
	const quarter = quarterOfPeriod(period)
	return [...monthsOf(previousPeriod(quarter)), ...monthsOf(quarter)].filter((m) => m <= currentMonth)
}
