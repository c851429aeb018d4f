/** Small formatters the mentoring admin pages share (pure, usable in the browser). */

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** A business date (YYYY-MM-DD) for the reader: "2026年9月1日" / "Sep 1, 2026". Anything else is shown as it is. */
export function formatDay(iso: string, locale: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
	let format = dayFormats.get(locale)
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
		dayFormats.set(locale, format)
	}
	return format.format(new Date(`${iso}T00:00:00Z`))
}

/** A change as text with its sign: "+3" for a gain (a loss already carries its "-"; what rounds to 0 gets none). */
export function signed(text: string, value: number): string {
	return value > 0 && /[1-9]/.test(text) ? `+${text}` : text
}

/** The query string of the pairing form, prefilled from a suggestion. */
export function pairingFormHref(prefill: { mentee?: number; mentor?: number; indicator?: number }): string {
	const params = new URLSearchParams()
	if (prefill.mentee !== undefined) params.set('mentee', String(prefill.mentee))
	if (prefill.mentor !== undefined) params.set('mentor', String(prefill.mentor))
	if (prefill.indicator !== undefined) params.set('indicator', String(prefill.indicator))
	return `/mentoring/new?${params}`
}
