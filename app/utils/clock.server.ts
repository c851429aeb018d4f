/**
 * The one source of "now" on the server. Tests replace it (`setClock`); the demo and e2e runs can pin
 * it with ASCENT_NOW so that tenure, periods and expiry are reproducible.
 */
type Clock = () => Date

const fromEnv = process.env.ASCENT_NOW ? Date.parse(process.env.ASCENT_NOW) : undefined
// A pinned start still moves forward, so sessions and rate limits behave as in real time.
const startedAt = Date.now()
const systemClock: Clock = () =>
	fromEnv === undefined ? new Date() : new Date(fromEnv + (Date.now() - startedAt))

let clock: Clock = systemClock

export function now(): Date {
	return clock()
}

export function setClock(next: Clock | Date | undefined) {
	clock = next === undefined ? systemClock : next instanceof Date ? () => next : next
}
