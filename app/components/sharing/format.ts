import { BUSINESS_TIME_ZONE } from '#app/utils/dates.ts'

/** Loader data arrives as JSON (ISO strings); tests pass Dates. */
export type Instant = Date | string

const formats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat; both: Intl.DateTimeFormat }>()

function formatsFor(locale: string) {
	let found = formats.get(locale)
	if (!found) {
		const day = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' } as const
		const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const
		found = {
			day: new Intl.DateTimeFormat(locale, { timeZone: BUSINESS_TIME_ZONE, ...day }),
			time: new Intl.DateTimeFormat(locale, { timeZone: BUSINESS_TIME_ZONE, ...time }),
			both: new Intl.DateTimeFormat(locale, { timeZone: BUSINESS_TIME_ZONE, ...day, ...time }),
		}
		formats.set(locale, found)
	}
	return found
}

/**
 * A session's date and times in Shanghai, for the reader's locale: "2026年12月10日周四 19:00–20:30",
 * "Thu, Dec 10, 2026 19:00 – 20:30"; a session over midnight names both days.
 */
export function formatSessionWhen(startsAt: Instant, endsAt: Instant, locale: string): string {
	const { day, time, both } = formatsFor(locale)
	const start = new Date(startsAt)
	const end = new Date(endsAt)
	if (day.format(start) !== day.format(end)) return both.formatRange(start, end)
	return `${day.format(start)} ${time.formatRange(start, end)}`
}

/** One decimal in the reader's locale ("4.5"). */
export function formatRating(value: number, locale: string) {
	return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
}
