import { BUSINESS_TIME_ZONE } from '#app/utils/dates.ts'

/** Loader data arrives as JSON (ISO strings); tests pass Dates. */
export type Instant = Date | string

const ranges = new Map<string, Intl.DateTimeFormat>()

/** "Thu, Dec 10, 2026, 19:00 – 20:30": a session's date and times in Shanghai, for the reader's locale. */
export function formatSessionWhen(startsAt: Instant, endsAt: Instant, locale: string): string {
	let format = ranges.get(locale)
	if (!format) {
		format = new Intl.DateTimeFormat(locale, {
			timeZone: BUSINESS_TIME_ZONE,
			weekday: 'short',
			year: 'numeric',
			month: 'short',
			day: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		})
		ranges.set(locale, format)
	}
	return format.formatRange(new Date(startsAt), new Date(endsAt))
}

/** One decimal in the reader's locale ("4.5"). */
export function formatRating(value: number, locale: string) {
	return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
}
