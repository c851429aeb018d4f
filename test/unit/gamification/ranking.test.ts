import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { competitionRank, rankMovement, visibleRows } from '#app/modules/gamification/ranking.ts'

/** People with small integer values, so ties are common. */
const people = fc
	.array(fc.record({ value: fc.integer({ min: 0, max: 6 }), name: fc.constantFrom('张三', '李四', '王五', 'Amy', '') }), { maxLength: 40 })
	.map((rows) => rows.map((r, i) => ({ ...r, userId: i + 1 })))

describe('competitionRank', () => {
	test('table: ties share a rank and the next rank skips (1, 1, 3)', () => {
		const ranked = competitionRank([
			{ userId: 1, value: 90, name: '乙' },
			{ userId: 2, value: 100, name: '甲' },
			{ userId: 3, value: 90, name: '丙' },
			{ userId: 4, value: 80, name: '丁' },
		])
		expect(ranked.map((r) => [r.userId, r.rank])).toEqual([
			[2, 1],
			[3, 2],
			[1, 2],
			[4, 4],
		])
	})

	test('lowerFirst ranks the smallest value first', () => {
		const ranked = competitionRank(
			[
				{ userId: 1, value: 5 },
				{ userId: 2, value: 3 },
			],
			{ lowerFirst: true },
		)
		expect(ranked.map((r) => r.userId)).toEqual([2, 1])
	})

	test('property: rank is 1 + the number of strictly better values, so equal values share it', () => {
		fc.assert(
			fc.property(people, (rows) => {
				const ranked = competitionRank(rows)
				for (const row of ranked) expect(row.rank).toBe(1 + rows.filter((r) => r.value > row.value).length)
				for (const a of ranked) for (const b of ranked) if (a.value === b.value) expect(a.rank).toBe(b.rank)
			}),
		)
	})

	test('property: every person once, best first, and the order does not depend on the input order', () => {
		fc.assert(
			fc.property(people, fc.integer(), (rows, seed) => {
				const ranked = competitionRank(rows)
				expect(ranked.map((r) => r.userId).sort((a, b) => a - b)).toEqual(rows.map((r) => r.userId))
				for (let i = 1; i < ranked.length; i++) {
					expect(ranked[i]!.value).toBeLessThanOrEqual(ranked[i - 1]!.value)
					expect(ranked[i]!.rank).toBeGreaterThanOrEqual(ranked[i - 1]!.rank)
				}
				const shuffled = [...rows].sort((a, b) => ((a.userId * 7919 + seed) % 101) - ((b.userId * 7919 + seed) % 101))
				expect(competitionRank(shuffled).map((r) => r.userId)).toEqual(ranked.map((r) => r.userId))
			}),
		)
	})
})

describe('visibleRows', () => {
	test('table: inside the top N only the top; below it, a tail with two neighbours on each side', () => {
		const ranked = Array.from({ length: 30 }, (_, i) => ({ userId: i + 1 }))
		expect(visibleRows(ranked, 3, 10)).toEqual({ head: ranked.slice(0, 10), tail: [] })
		expect(visibleRows(ranked, 20, 10).tail.map((r) => r.userId)).toEqual([18, 19, 20, 21, 22])
		expect(visibleRows(ranked, 11, 10).tail.map((r) => r.userId)).toEqual([11, 12, 13])
		expect(visibleRows(ranked, 30, 10).tail.map((r) => r.userId)).toEqual([28, 29, 30])
	})

	test('property: the viewer is always visible, once, and the top N is always shown', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 5 }), fc.nat(), (size, top, around, pick) => {
				const ranked = Array.from({ length: size }, (_, i) => ({ userId: i + 1 }))
				const viewer = (pick % size) + 1
				const { head, tail } = visibleRows(ranked, viewer, top, around)
				const shown = [...head, ...tail].map((r) => r.userId)
				expect(shown.filter((id) => id === viewer)).toHaveLength(1)
				expect(head).toEqual(ranked.slice(0, top))
				expect(new Set(shown).size).toBe(shown.length)
			}),
		)
	})

	test('a person not on the board sees the top only', () => {
		expect(visibleRows([{ userId: 1 }, { userId: 2 }], 99, 1)).toEqual({ head: [{ userId: 1 }], tail: [] })
	})
})

describe('rankMovement', () => {
	test('up is positive, down negative, unranked before is null', () => {
		expect(rankMovement(2, 5)).toBe(3)
		expect(rankMovement(5, 2)).toBe(-3)
		expect(rankMovement(4, 4)).toBe(0)
		expect(rankMovement(1, null)).toBeNull()
	})
})
