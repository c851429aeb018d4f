/**
 * Ranking (ADR 010), pure. Competition ranking ("1224"): people with equal values share a rank and the
 * next rank skips, so a tie never pushes someone below a person with a worse figure. Equal values are
 * listed by name, then id, so the order is stable.
 */

export type Ranked<T> = T & { rank: number }

/** Ranks by `value` (higher first unless `lowerFirst`), ties sharing the rank. */
export function competitionRank<T extends { value: number; name?: string; userId: number }>(
	rows: readonly T[],
	{ lowerFirst = false }: { lowerFirst?: boolean } = {},
): Ranked<T>[] {
	const sorted = [...rows].sort(
		(a, b) =>
			(lowerFirst ? a.value - b.value : b.value - a.value) || (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') || a.userId - b.userId,
	)
	const ranked: Ranked<T>[] = []
	for (const [i, row] of sorted.entries()) {
		const previous = ranked[i - 1]
		const rank = previous && previous.value === row.value ? previous.rank : i + 1
		ranked.push({ ...row, rank })
	}
	return ranked
}

/** Places moved since the previous period: positive is up. Null when not ranked before. */
export function rankMovement(rank: number, previousRank: number | null): number | null {
	return previousRank === null ? null : previousRank - rank
}

/**
 * The rows a person sees: the top `top`, then — when they are below it — a gap and their neighbours
 * (`around` on each side), so everyone always sees their own place.
 */
export function visibleRows<T extends { userId: number }>(ranked: readonly T[], viewerId: number, top = 10, around = 2): { head: T[]; tail: T[] } {
	const head = ranked.slice(0, top)
	const at = ranked.findIndex((r) => r.userId === viewerId)
	if (at < top) return { head, tail: [] }
	const from = Math.max(top, at - around)
	return { head, tail: ranked.slice(from, at + around + 1) }
}
