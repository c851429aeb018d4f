/**
 * Calendar periods in Asia/Shanghai business dates (YYYY-MM-DD strings, so no time zone arithmetic):
 * a month is "2026-11", a quarter "2026-Q4". Pure; the current date comes from the caller.
 */
export type PeriodKind = 'month' | 'quarter'
export type Period = string

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const QUARTER = /^(\d{4})-Q([1-4])$/

export function isPeriod(value: string): value is Period {
	return MONTH.test(value) || QUARTER.test(value)
}

export function periodKind(period: Period): PeriodKind {
	if (MONTH.test(period)) return 'month'
	if (QUARTER.test(period)) return 'quarter'
	throw new Error(`not a period: ${period}`)
}

export function monthOf(date: string): Period {
	return date.slice(0, 7)
}

export function quarterOf(date: string): Period {
	const month = Number(date.slice(5, 7))
	return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`
}

export function periodOf(date: string, kind: PeriodKind): Period {
	return kind === 'month' ? monthOf(date) : quarterOf(date)
}

function pad(n: number) {
	return String(n).padStart(2, '0')
}

function lastDayOfMonth(year: number, month: number) {
	return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** First and last business date of a period, inclusive. */
export function periodRange(period: Period): { from: string; to: string } {
	const m = MONTH.exec(period)
	if (m) {
		const year = Number(m[1])
		const month = Number(m[2])
		return { from: `${period}-01`, to: `${period}-${pad(lastDayOfMonth(year, month))}` }
	}
	const q = QUARTER.exec(period)
	if (!q) throw new Error(`not a period: ${period}`)
	const year = Number(q[1])
	const first = (Number(q[2]) - 1) * 3 + 1
	return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDayOfMonth(year, first + 2))}` }
}

/** The months of a period, in order (a month is its own only month). */
export function monthsOf(period: Period): Period[] {
	if (periodKind(period) === 'month') return [period]
	const { from } = periodRange(period)
	const year = Number(from.slice(0, 4))
	const first = Number(from.slice(5, 7))
	return [0, 1, 2].map((i) => `${year}-${pad(first + i)}`)
}

/** The period `n` steps before (negative: after) this one. */
export function shiftPeriod(period: Period, n: number): Period {
	const m = MONTH.exec(period)
	if (m) {
		const index = Number(m[1]) * 12 + Number(m[2]) - 1 - n
		return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`
	}
	const q = QUARTER.exec(period)
	if (!q) throw new Error(`not a period: ${period}`)
	const index = Number(q[1]) * 4 + Number(q[2]) - 1 - n
	return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

export function previousPeriod(period: Period): Period {
	return shiftPeriod(period, 1)
}

/** The quarters and months a date's records count towards (what to mark stale when it changes). */
export function periodsContaining(date: string): Period[] {
	return [monthOf(date), quarterOf(date)]
}

/** A period is closed once its last day is before today. */
export function isClosed(period: Period, today: string): boolean {
	return periodRange(period).to < today
}

/** Monday of the ISO week a date falls in (weekly records are dated on it). */
export function weekStart(date: string): string {
	const d = new Date(`${date}T00:00:00Z`)
	const weekday = (d.getUTCDay() + 6) % 7
	d.setUTCDate(d.getUTCDate() - weekday)
	return d.toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`)
	d.setUTCDate(d.getUTCDate() + days)
	return d.toISOString().slice(0, 10)
}

/** Instants bounding a period in Asia/Shanghai (UTC+8, no daylight saving): [start, end). */
export function periodInstants(period: Period): { start: Date; end: Date } {
	const { from, to } = periodRange(period)
	return { start: new Date(`${from}T00:00:00+08:00`), end: new Date(`${addDays(to, 1)}T00:00:00+08:00`) }
}
