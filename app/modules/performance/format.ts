/**
 * How KPI numbers read on screen and in exports, pure. Money is yuan: "¥80.5 万" in Chinese, "¥805,000"
 * in English. Percent-unit indicators store percent points (15 = 15 %); achievements are fractions
 * (1 = on target). Shares are truncated, never rounded up, so 99.6 % of a target never reads "100%".
 */
export type IndicatorUnit = 'cny' | 'count' | 'percent' | 'score' | 'hours'

/** What a missing value prints as. */
export const NO_VALUE = '—'

const formats = new Map<string, Intl.NumberFormat>()

function numberFormat(locale: string, options: Intl.NumberFormatOptions) {
	const key = `${locale}|${JSON.stringify(options)}`
	let format = formats.get(key)
	if (!format) {
		format = new Intl.NumberFormat(locale, options)
		formats.set(key, format)
	}
	return format
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** Month names: building an Intl formatter costs far more than using one, and a chart formats dozens. */
function monthFormat(locale: string, withYear: boolean) {
	const key = `${locale}|${withYear}`
	let format = dateFormats.get(key)
	if (!format) {
		format = new Intl.DateTimeFormat(locale, withYear ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' })
		dateFormats.set(key, format)
	}
	return format
}

function isZh(locale: string) {
	return locale.toLowerCase().startsWith('zh')
}

/** Truncates towards zero at `digits` decimals; the epsilon keeps 99.99999999 (float noise for 100) at 100. */
function truncate(value: number, digits: number) {
	const factor = 10 ** digits
	const scaled = value * factor
	return (scaled < 0 ? -Math.floor(-scaled + 1e-6) : Math.floor(scaled + 1e-6)) / factor
}

function plain(value: number, locale: string, maximumFractionDigits: number) {
	// Rounding may give "-0"; nobody wants to read that.
	const rounded = Number(value.toFixed(maximumFractionDigits))
	return numberFormat(locale, { maximumFractionDigits }).format(rounded === 0 ? 0 : rounded)
}

/** Yuan: "¥80.5 万" / "¥1.2 亿" in Chinese (plain below 1 万), "¥805,000" in English. */
export function formatMoney(value: number, locale: string) {
	const sign = value < 0 ? '-' : ''
	const abs = Math.abs(value)
	if (isZh(locale)) {
		if (abs >= 1e8) return `${sign}¥${plain(abs / 1e8, locale, 2)} 亿`
		if (abs >= 1e4) return `${sign}¥${plain(abs / 1e4, locale, 2)} 万`
		return `${sign}¥${plain(abs, locale, 0)}`
	}
	return `${sign}¥${plain(abs, locale, 0)}`
}

/** An indicator's value in its unit, for the reader's locale; null prints as "—". */
export function formatIndicatorValue(value: number | null | undefined, unit: IndicatorUnit | string, locale: string): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE
	const zh = isZh(locale)
	switch (unit) {
		case 'cny':
			return formatMoney(value, locale)
		case 'percent':
			return `${plain(value, locale, 1)}%`
		case 'score':
			return zh ? `${plain(value, locale, 1)} 分` : `${plain(value, locale, 1)} pts`
		case 'hours':
			return zh ? `${plain(value, locale, 1)} 小时` : `${plain(value, locale, 1)} h`
		default:
			return plain(value, locale, 1)
	}
}

/**
 * A difference in an indicator's unit (the gap to a target): like a value, except that a percent
 * indicator's gap is in percentage points — "3 个百分点", "3 pp" — not a share of anything.
 */
export function formatIndicatorDelta(value: number, unit: IndicatorUnit | string, locale: string): string {
	if (unit === 'percent') return isZh(locale) ? `${plain(value, locale, 1)} 个百分点` : `${plain(value, locale, 1)} pp`
	return formatIndicatorValue(value, unit, locale)
}

/** Short axis labels: "100万" / "¥1M", "15%", "24". */
export function formatAxisValue(value: number, unit: IndicatorUnit | string, locale: string): string {
	const compact = numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
	if (unit === 'cny') return `¥${compact}`
	if (unit === 'percent') return `${compact}%`
	return compact
}

/** An achievement (fraction, 1 = on target) as a percent, truncated: 0.996 → "99%", 1.05 → "105%". */
export function formatPercent(fraction: number | null | undefined, locale: string, digits = 0): string {
	if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NO_VALUE
	return numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
		truncate(fraction * 100, digits) / 100,
	)
}

/** A weighted score (100 = on target), one decimal at most, truncated: 99.96 → "99.9", 100 → "100". */
export function formatScore(score: number | null | undefined, locale: string): string {
	if (score === null || score === undefined || !Number.isFinite(score)) return NO_VALUE
	return numberFormat(locale, { maximumFractionDigits: 1 }).format(truncate(score, 1))
}

const QUARTER = /^(\d{4})-Q([1-4])$/
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** A period for headings and links: "2026年第4季度" / "Q4 2026", "2026年11月" / "Nov 2026". */
export function formatPeriod(period: string, locale: string): string {
	const q = QUARTER.exec(period)
	if (q) return isZh(locale) ? `${q[1]}年第${q[2]}季度` : `Q${q[2]} ${q[1]}`
	const m = MONTH.exec(period)
	if (!m) return period
	return monthFormat(locale, true).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)))
}

/** A month on a chart axis: "11月" / "Nov". */
export function formatMonthShort(month: string, locale: string): string {
	const m = MONTH.exec(month)
	if (!m) return month
	return monthFormat(locale, false).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)))
}

/** An indicator's (or team's) name in the reader's language: Chinese for any zh locale. */
export function localName(named: { nameZh: string; nameEn: string }, locale: string) {
	return isZh(locale) ? named.nameZh : named.nameEn
}

/**
 * A spreadsheet cell that a spreadsheet program would run as a formula (= + - @, and the tab and
 * carriage return that smuggle one in) gets a leading apostrophe, so it stays text (CSV/formula
 * injection). Everything else is left as it is.
 */
export function neutralizeCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
