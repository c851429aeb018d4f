/**
 * The public calendar URLs are `/sessions/:id.ics` and `/calendar/<token>.ics` (calendar apps and
 * people expect the suffix), but React Router cannot match a param followed by a suffix in the same
 * segment. The server rewrites them to the resource routes that serve them, keeping the query string.
 */
const REWRITES: readonly [RegExp, (match: RegExpExecArray) => string][] = [
	[/^\/sessions\/(\d+)\.ics$/, (m) => `/sessions/${m[1]}/ics`],
	[/^\/calendar\/([A-Za-z0-9]+)\.ics$/, (m) => `/calendar/${m[1]}`],
]

/** The internal URL (path and query) for a public .ics URL, or null when `url` is not one. */
export function rewriteIcsUrl(url: string): string | null {
	const queryAt = url.indexOf('?')
	const path = queryAt === -1 ? url : url.slice(0, queryAt)
	const query = queryAt === -1 ? '' : url.slice(queryAt)
	for (const [pattern, target] of REWRITES) {
		const match = pattern.exec(path)
		if (match) return target(match) + query
	}
	return null
}
