import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { rankMentors, topQuartile, type Candidate, type Need } from '#app/modules/mentoring/suggestions.ts'

const sorted = (ids: Set<number>) => [...ids].sort((a, b) => a - b)
const achievements = (entries: [number, number][]) => new Map(entries)

describe('top quartile', () => {
	test('eight people: the best two (⌈8/4⌉ = 2)', () => {
		const a = achievements([
			[1, 0.9],
			[2, 1.2],
			[3, 0.7],
			[4, 1.1],
			[5, 0.5],
			[6, 0.8],
			[7, 1.0],
			[8, 0.6],
		])
		expect(sorted(topQuartile(a, a.keys()))).toEqual([2, 4])
	})

	test('five people: ⌈5/4⌉ = 2 ranks', () => {
		const a = achievements([
			[1, 1],
			[2, 2],
			[3, 3],
			[4, 4],
			[5, 5],
		])
		expect(sorted(topQuartile(a, a.keys()))).toEqual([4, 5])
	})

	test('ties share a rank: everyone tied with the last place in the quartile is in', () => {
		const a = achievements([
			[1, 1.2],
			[2, 1.0],
			[3, 1.0],
			[4, 1.0],
			[5, 0.9],
			[6, 0.8],
			[7, 0.7],
			[8, 0.6],
		])
		expect(sorted(topQuartile(a, a.keys()))).toEqual([1, 2, 3, 4])
	})

	test('ties at the top take the whole quartile and more, but not the next value', () => {
		const a = achievements([
			[1, 1.1],
			[2, 1.1],
			[3, 1.1],
			[4, 1.0],
			[5, 0.9],
			[6, 0.8],
			[7, 0.7],
			[8, 0.6],
		])
		expect(sorted(topQuartile(a, a.keys()))).toEqual([1, 2, 3])
	})

	test.each([
		['one person', [[1, 0.4]], [1]],
		['two people', [[1, 0.4], [2, 0.9]], [2]],
		['three people', [[1, 0.4], [2, 0.9], [3, 0.8]], [2]],
		['three people, two tied best', [[1, 0.9], [2, 0.9], [3, 0.8]], [1, 2]],
		['three people all tied', [[1, 0.5], [2, 0.5], [3, 0.5]], [1, 2, 3]],
	] as [string, [number, number][], number[]][])('fewer than four: only the best (and ties) — %s', (_, entries, expected) => {
		const a = achievements(entries)
		expect(sorted(topQuartile(a, a.keys()))).toEqual(expected)
	})

	test('people without a value are ignored, not counted in the population', () => {
		// Four listed, only three with a value: fewer than four → only the best.
		const a = achievements([
			[1, 0.6],
			[2, 0.8],
			[3, 0.7],
		])
		expect(sorted(topQuartile(a, [1, 2, 3, 99]))).toEqual([2])
	})

	test('only the people in `among` count, even when others have values', () => {
		const a = achievements([
			[1, 5],
			[2, 0.8],
			[3, 0.7],
		])
		expect(sorted(topQuartile(a, [2, 3]))).toEqual([2])
	})

	test('nobody with a value → nobody', () => {
		expect(topQuartile(achievements([]), [1, 2]).size).toBe(0)
		expect(topQuartile(achievements([[1, 1]]), []).size).toBe(0)
	})

	test('at least ⌈n/4⌉ people are in, and everyone in beats or ties everyone out', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }), (values) => {
				const a = new Map(values.map((v, i) => [i + 1, v / 10]))
				const top = topQuartile(a, a.keys())
				expect(top.size).toBeGreaterThanOrEqual(Math.ceil(values.length / 4))
				const inside = [...top].map((id) => a.get(id)!)
				const outside = [...a].filter(([id]) => !top.has(id)).map(([, v]) => v)
				if (outside.length > 0) expect(Math.min(...inside)).toBeGreaterThan(Math.max(...outside))
				// No more than the quartile unless ties force it: dropping the lowest value in would leave too few.
				const lowestIn = Math.min(...inside)
				expect(inside.filter((v) => v > lowestIn).length).toBeLessThan(Math.max(1, Math.ceil(values.length / 4)))
			}),
		)
	})
})

describe('ranking mentors', () => {
	const need: Need = { menteeId: 1, menteeName: '小张', positionType: 'sales', regionId: 10, indicatorId: 7, reason: 'below', value: 0.6 }
	const candidate = (id: number, extra: Partial<Candidate> = {}): Candidate => ({
		id,
		name: `mentor ${id}`,
		positionType: 'sales',
		regionId: 20,
		capacityLeft: 2,
		...extra,
	})
	const population = (values: Record<number, number>) => {
		const a = new Map(Object.entries(values).map(([id, v]) => [Number(id), v]))
		return { a, ids: [...a.keys()] }
	}
	const ids = (suggestions: { mentorId: number }[]) => suggestions.map((s) => s.mentorId)

	test('a suggestion carries the mentor, their achievement, region and capacity left', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1.2, 3: 0.6, 4: 0.7 })
		expect(rankMentors(need, [candidate(2, { regionId: 10, capacityLeft: 1 })], a, people)).toEqual([
			{ mentorId: 2, mentorName: 'mentor 2', achievement: 1.2, sameRegion: true, capacityLeft: 1, regionId: 10 },
		])
	})

	test('only mentors in the top quartile of the population are suggested', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1.3, 3: 1.2, 4: 1.1, 5: 0.9, 6: 0.8, 7: 0.7, 8: 0.6 })
		expect(ids(rankMentors(need, [2, 3, 4, 5].map((id) => candidate(id)), a, people))).toEqual([2, 3])
	})

	test('a candidate without a value on the indicator is not suggested', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1.3 })
		expect(rankMentors(need, [candidate(9)], a, [...people, 9])).toEqual([])
	})

	test('a candidate outside the population (another position type) is not suggested even with a high value', () => {
		const { a } = population({ 1: 0.5, 2: 0.9, 9: 2.0 })
		expect(ids(rankMentors(need, [candidate(2), candidate(9)], a, [1, 2]))).toEqual([2])
	})

	test('the mentee is never their own mentor, even when they are the best', () => {
		const { a, ids: people } = population({ 1: 1.5, 2: 1.4, 3: 0.6, 4: 0.5 })
		expect(rankMentors(need, [candidate(1)], a, people)).toEqual([])
		// The mentee still takes a place in the quartile: with four people only the best qualifies.
		expect(rankMentors(need, [candidate(2)], a, people)).toEqual([])
	})

	test('a mentor of another position type, or with none, is not suggested', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1.3, 3: 1.3 })
		expect(rankMentors(need, [candidate(2, { positionType: 'service' }), candidate(3, { positionType: null })], a, people)).toEqual([])
	})

	test('a full mentor is not suggested', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1.3, 3: 1.3 })
		expect(ids(rankMentors(need, [candidate(2, { capacityLeft: 0 }), candidate(3, { capacityLeft: 1 })], a, people))).toEqual([3])
	})

	test('same region first, even over a higher achievement', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1.3, 3: 0.9, 4: 1.1, 5: 0.8, 6: 0.7, 7: 0.2, 8: 0.1 })
		const result = rankMentors(need, [candidate(2, { regionId: 20 }), candidate(4, { regionId: 10 })], a, people)
		expect(ids(result)).toEqual([4, 2])
		expect(result.map((s) => s.sameRegion)).toEqual([true, false])
	})

	test('then higher achievement, then more capacity left, then lower id', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1.3, 3: 1.2, 4: 1.2, 5: 1.2, 6: 1.2 })
		const candidates = [candidate(6, { capacityLeft: 1 }), candidate(5, { capacityLeft: 1 }), candidate(4, { capacityLeft: 3 }), candidate(3), candidate(2)]
		expect(ids(rankMentors(need, candidates, a, people, 10))).toEqual([2, 4, 3, 5, 6])
	})

	test('a mentee with no region: nobody is "same region", even a mentor with no region', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1.3, 3: 1.3 })
		const result = rankMentors({ ...need, regionId: null }, [candidate(3, { regionId: null }), candidate(2, { regionId: 20 })], a, people)
		expect(result.map((s) => [s.mentorId, s.sameRegion])).toEqual([
			[2, false],
			[3, false],
		])
	})

	test('at most three by default, or `limit`', () => {
		const { a, ids: people } = population({ 1: 0.5, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 })
		const candidates = [2, 3, 4, 5, 6].map((id) => candidate(id))
		expect(ids(rankMentors(need, candidates, a, people))).toEqual([2, 3, 4])
		expect(ids(rankMentors(need, candidates, a, people, 1))).toEqual([2])
		expect(ids(rankMentors(need, candidates, a, people, 10))).toEqual([2, 3, 4, 5, 6])
	})

	test('property: every suggestion qualifies, the order is the documented one, and no qualifying mentor is skipped', () => {
		const candidateArb = fc.record({
			id: fc.integer({ min: 1, max: 30 }),
			positionType: fc.constantFrom<string | null>('sales', 'service', null),
			regionId: fc.constantFrom<number | null>(10, 20, null),
			capacityLeft: fc.integer({ min: 0, max: 3 }),
		})
		fc.assert(
			fc.property(
				fc.uniqueArray(candidateArb, { selector: (c) => c.id, maxLength: 15 }),
				fc.dictionary(
					fc.integer({ min: 1, max: 30 }).map(String),
					fc.integer({ min: 0, max: 15 }).map((n) => n / 10),
				),
				fc.integer({ min: 1, max: 30 }),
				fc.constantFrom<number | null>(10, 20, null),
				fc.integer({ min: 0, max: 6 }),
				(raw, values, menteeId, regionId, limit) => {
					const a = new Map(Object.entries(values).map(([id, v]) => [Number(id), v]))
					const people = [...a.keys()]
					const candidates = raw.map((c) => ({ ...c, name: `m${c.id}` }))
					const thisNeed = { ...need, menteeId, regionId }
					const result = rankMentors(thisNeed, candidates, a, people, limit)
					const top = topQuartile(a, people)

					expect(result.length).toBeLessThanOrEqual(limit)
					for (const s of result) {
						const c = candidates.find((x) => x.id === s.mentorId)!
						expect(top.has(s.mentorId)).toBe(true)
						expect(s.capacityLeft).toBeGreaterThan(0)
						expect(c.positionType).toBe(need.positionType)
						expect(s.mentorId).not.toBe(menteeId)
						expect(s.achievement).toBe(a.get(s.mentorId))
						expect(s.sameRegion).toBe(regionId !== null && c.regionId === regionId)
					}
					for (let i = 1; i < result.length; i++) {
						const [p, q] = [result[i - 1]!, result[i]!]
						const key = (s: typeof p) => [s.sameRegion ? 0 : 1, -s.achievement, -s.capacityLeft, s.mentorId]
						const [kp, kq] = [key(p), key(q)]
						const firstDiff = kp.findIndex((v, n) => v !== kq[n])
						expect(firstDiff).toBeGreaterThanOrEqual(0)
						expect(kp[firstDiff]!).toBeLessThan(kq[firstDiff]!)
					}
					const qualifying = candidates.filter((c) => c.id !== menteeId && c.positionType === 'sales' && c.capacityLeft > 0 && top.has(c.id))
					expect(result.length).toBe(Math.min(limit, qualifying.length))
				},
			),
		)
	})
})
