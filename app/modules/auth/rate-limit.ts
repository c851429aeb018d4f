/**
 * Sliding-window limit. Given the times (ms, ascending) of failures inside the window, returns how
 * many seconds to wait before one more attempt is allowed; 0 when it is allowed now.
 */
export function retryAfterSeconds(
	failures: number[],
	{ limit, windowMs, now }: { limit: number; windowMs: number; now: number },
): number {
	const recent = failures.filter((t) => t > now - windowMs)
	if (recent.length < limit) return 0
	// The attempt that must leave the window before there is room again.
	const blocking = recent[recent.length - limit]!
	return Math.max(1, Math.ceil((blocking + windowMs - now) / 1000))
}
