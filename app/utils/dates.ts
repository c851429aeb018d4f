export const BUSINESS_TIME_ZONE = 'Asia/Shanghai'

// Building an Intl formatter costs far more than using one; this runs on every exam start.
const businessDateFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: BUSINESS_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
})

/** The calendar date (YYYY-MM-DD) an instant falls on in Asia/Shanghai. */
export function businessDate(instant: Date): string {
	return businessDateFormat.format(instant)
}

/** True for a real calendar date written YYYY-MM-DD (no 2月30日). */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
	const d = new Date(`${value}T00:00:00Z`)
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

/** Date and time in Asia/Shanghai for a reader's locale (one formatter per locale: pages format dozens). */
export function formatDateTime(instant: Date | number, locale: string) {
	let format = dateTimeFormats.get(locale)
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { timeZone: BUSINESS_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' })
		dateTimeFormats.set(locale, format)
	}
	return format.format(instant)
}

/** "2026-3-2", "2026/03/02" or "2026.3.2" → "2026-03-02"; null when it is not a real date. */
export function normalizeDate(value: string): string | null {
	const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value.trim())
	if (!m) return null
	const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
	return isIsoDate(iso) ? iso : null
}
