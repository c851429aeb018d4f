/**
 * Who should mentor whom (pure). A need is a person below baseline on a process indicator, or with an
 * open alert on one; a candidate is a mentor with their own achievement on that indicator over the
 * last two quarters. A candidate qualifies when they are in the top quartile of their position type on
 * that indicator, share the mentee's position type, have capacity left and are not the mentee; same
 * region first, then higher achievement, then more capacity left.
 */

export type NeedReason = 'below' | 'alert'

export type Need = {
	menteeId: number
	menteeName: string
	positionType: string
	regionId: number | null
	indicatorId: number
	reason: NeedReason
	/** The mentee's value in the period the need was found in (null for an alert without one). */
	value: number | null
}

export type Candidate = {
	id: number
	name: string
	positionType: string | null
	regionId: number | null
	capacityLeft: number
}

export type Suggestion = {
	mentorId: number
	mentorName: string
	/** Mean achievement on the indicator over the last two quarters (1 = on target). */
	achievement: number
	sameRegion: boolean
	capacityLeft: number
	regionId: number | null
}

/** Everyone's achievement on one indicator, by person (not only mentors: the quartile is of the whole position type). */
export type Achievements = ReadonlyMap<number, number>

/**
 * The people in the top quartile: ranked by achievement (ties share a rank), the first ⌈n/4⌉ ranks.
 * With fewer than 4 people only the best (and whoever ties with them) qualifies.
 */
export function topQuartile(achievements: Achievements, among: Iterable<number>): Set<number> {
	const values = [...among].flatMap((id) => {
		const a = achievements.get(id)
		return a === undefined ? [] : [{ id, a }]
	})
	if (values.length === 0) return new Set()
	values.sort((x, y) => y.a - x.a)
	const cut = values[Math.max(1, Math.ceil(values.length / 4)) - 1]!.a
	return new Set(values.filter((v) => v.a >= cut).map((v) => v.id))
}

export function rankMentors(
	need: Need,
	candidates: readonly Candidate[],
	achievements: Achievements,
	/** Everyone of the need's position type who has a value (the quartile's population). */
	population: Iterable<number>,
	limit = 3,
): Suggestion[] {
	const top = topQuartile(achievements, population)
	return candidates
		.filter((c) => c.id !== need.menteeId && c.positionType === need.positionType && c.capacityLeft > 0 && top.has(c.id))
		.map((c) => ({
			mentorId: c.id,
			mentorName: c.name,
			achievement: achievements.get(c.id)!,
			sameRegion: need.regionId !== null && c.regionId === need.regionId,
			capacityLeft: c.capacityLeft,
			regionId: c.regionId,
		}))
		.sort(
			(a, b) =>
				Number(b.sameRegion) - Number(a.sameRegion) ||
				b.achievement - a.achievement ||
				b.capacityLeft - a.capacityLeft ||
				a.mentorId - b.mentorId,
		)
		.slice(0, limit)
}
