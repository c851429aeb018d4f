import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { LEVEL_THRESHOLDS, levelFor, pointsToPay } from '#app/modules/gamification/points.ts'

describe('pointsToPay', () => {
	test.each([
		// rule, paid today from the same source, pays
		[{ points: 10, dailyCap: 100 }, 0, 10],
		[{ points: 10, dailyCap: 100 }, 90, 10],
		// The event that crosses the cap pays what is left, the next one nothing.
		[{ points: 10, dailyCap: 100 }, 95, 5],
		[{ points: 10, dailyCap: 100 }, 100, 0],
		[{ points: 10, dailyCap: 100 }, 140, 0],
		// No cap: always the rule's points.
		[{ points: 50, dailyCap: null }, 10_000, 50],
		// A rule at 0 pays nothing, a cap of 0 too.
		[{ points: 0, dailyCap: null }, 0, 0],
		[{ points: 20, dailyCap: 0 }, 0, 0],
	])('%o with %i already paid today pays %i', (rule, paidToday, expected) => {
		expect(pointsToPay(rule, paidToday)).toBe(expected)
	})

	test('never more than the rule, never below zero, never past the cap', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1000 }), fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }), fc.integer({ min: 0, max: 20_000 }), (points, dailyCap, paidToday) => {
				const paid = pointsToPay({ points, dailyCap }, paidToday)
				expect(paid).toBeGreaterThanOrEqual(0)
				expect(paid).toBeLessThanOrEqual(points)
				if (dailyCap !== null && paidToday >= dailyCap) expect(paid).toBe(0)
				if (dailyCap !== null && paidToday < dailyCap) expect(paidToday + paid).toBeLessThanOrEqual(dailyCap)
			}),
		)
	})
})

describe('levelFor', () => {
	test.each([
		[0, { level: 1, from: 0, next: 100, percent: 0 }],
		[99, { level: 1, from: 0, next: 100, percent: 99 }],
		[100, { level: 2, from: 100, next: 300, percent: 0 }],
		[350, { level: 3, from: 300, next: 600, percent: 16 }],
		[3999, { level: 7, from: 2500, next: 4000, percent: 99 }],
		// The top level has no next level and a full bar.
		[4000, { level: 8, from: 4000, next: null, percent: 100 }],
		[123_456, { level: 8, from: 4000, next: null, percent: 100 }],
	])('%i points → %o', (total, expected) => {
		expect(levelFor(total)).toMatchObject({ total, ...expected })
	})

	test('negative or fractional totals read as whole points from zero', () => {
		expect(levelFor(-5)).toMatchObject({ level: 1, total: 0, percent: 0 })
		expect(levelFor(100.9)).toMatchObject({ level: 2, total: 100 })
	})

	test('each threshold starts its level', () => {
		LEVEL_THRESHOLDS.forEach((threshold, i) => expect(levelFor(threshold).level).toBe(i + 1))
	})

	test('more points never mean a lower level, and the bar stays within 0–100', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
				const [low, high] = a <= b ? [a, b] : [b, a]
				const lower = levelFor(low)
				const higher = levelFor(high)
				expect(higher.level).toBeGreaterThanOrEqual(lower.level)
				for (const l of [lower, higher]) {
					expect(l.percent).toBeGreaterThanOrEqual(0)
					expect(l.percent).toBeLessThanOrEqual(100)
					expect(l.total).toBeGreaterThanOrEqual(l.from)
					if (l.next !== null) expect(l.total).toBeLessThan(l.next)
				}
				if (higher.level === lower.level) expect(higher.percent).toBeGreaterThanOrEqual(lower.percent)
			}),
		)
	})
})
