import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { attentionReasons, byAttention, COACHING_OVERDUE_DAYS, compareAttention, type AttentionFacts } from '#app/modules/mentoring/attention.ts'

const calm: AttentionFacts = { openAlerts: 0, inCooldown: false, belowBaseline: 0, daysSinceCoaching: 3, score: 80 }
const facts = (overrides: Partial<AttentionFacts>): AttentionFacts => ({ ...calm, ...overrides })

describe('reasons shown beside a mentee', () => {
	test('nothing to report for a recently coached mentee with no alerts', () => {
		expect(attentionReasons(calm)).toEqual([])
	})

	test.each([
		['an open alert', { openAlerts: 1 }, ['alerts']],
		['an exam cooldown', { inCooldown: true }, ['cooldown']],
		['an indicator below baseline', { belowBaseline: 2 }, ['belowBaseline']],
		['never coached', { daysSinceCoaching: null }, ['neverCoached']],
		[`coached ${COACHING_OVERDUE_DAYS} days ago`, { daysSinceCoaching: COACHING_OVERDUE_DAYS }, ['coachingOverdue']],
		[`coached ${COACHING_OVERDUE_DAYS - 1} days ago`, { daysSinceCoaching: COACHING_OVERDUE_DAYS - 1 }, []],
		['coached today', { daysSinceCoaching: 0 }, []],
		['a low score alone', { score: 10 }, []],
		['no score yet alone', { score: null }, []],
	] as [string, Partial<AttentionFacts>, string[]][])('%s', (_, overrides, expected) => {
		expect(attentionReasons(facts(overrides))).toEqual(expected)
	})

	test('every reason at once, in the order of urgency', () => {
		expect(attentionReasons({ openAlerts: 3, inCooldown: true, belowBaseline: 1, daysSinceCoaching: 40, score: 20 })).toEqual([
			'alerts',
			'cooldown',
			'belowBaseline',
			'coachingOverdue',
		])
		expect(attentionReasons({ openAlerts: 1, inCooldown: true, belowBaseline: 1, daysSinceCoaching: null, score: null })).toEqual([
			'alerts',
			'cooldown',
			'belowBaseline',
			'neverCoached',
		])
	})
})

describe('who needs the mentor first', () => {
	const order = (rows: [string, Partial<AttentionFacts>][]) => byAttention(rows.map(([name, f]) => ({ name, facts: facts(f) }))).map((r) => r.name)

	test('more open alerts first, over everything else', () => {
		expect(
			order([
				['everything but alerts', { inCooldown: true, belowBaseline: 5, daysSinceCoaching: null, score: 0 }],
				['two alerts', { openAlerts: 2 }],
				['one alert', { openAlerts: 1 }],
			]),
		).toEqual(['two alerts', 'one alert', 'everything but alerts'])
	})

	test('then an exam cooldown, over below-baseline and coaching', () => {
		expect(
			order([
				['below baseline, never coached', { belowBaseline: 4, daysSinceCoaching: null }],
				['cooldown', { inCooldown: true }],
			]),
		).toEqual(['cooldown', 'below baseline, never coached'])
	})

	test('then more indicators below baseline', () => {
		expect(
			order([
				['one below', { belowBaseline: 1, daysSinceCoaching: 90 }],
				['three below', { belowBaseline: 3 }],
				['none below', { daysSinceCoaching: null }],
			]),
		).toEqual(['three below', 'one below', 'none below'])
	})

	test('then the longest since coaching, never coached counting as longest', () => {
		expect(
			order([
				['5 days', { daysSinceCoaching: 5 }],
				['never', { daysSinceCoaching: null }],
				['400 days', { daysSinceCoaching: 400 }],
				['0 days', { daysSinceCoaching: 0 }],
			]),
		).toEqual(['never', '400 days', '5 days', '0 days'])
	})

	test('then the lower score, no score yet first', () => {
		expect(
			order([
				['90', { score: 90 }],
				['no score', { score: null }],
				['40', { score: 40 }],
				['0', { score: 0 }],
			]),
		).toEqual(['no score', '0', '40', '90'])
	})

	test('identical facts keep their order (the sort is stable)', () => {
		expect(
			order([
				['first', {}],
				['second', {}],
				['urgent', { openAlerts: 1 }],
				['third', {}],
			]),
		).toEqual(['urgent', 'first', 'second', 'third'])
	})

	test('byAttention leaves the input untouched', () => {
		const rows = [{ facts: facts({}) }, { facts: facts({ openAlerts: 1 }) }]
		const copy = [...rows]
		byAttention(rows)
		expect(rows).toEqual(copy)
	})

	test('compare: equal facts are 0; never coached ties with never coached', () => {
		expect(compareAttention(calm, { ...calm })).toBe(0)
		expect(compareAttention(facts({ daysSinceCoaching: null }), facts({ daysSinceCoaching: null }))).toBe(0)
		expect(compareAttention(facts({ score: null }), facts({ score: null }))).toBe(0)
		expect(compareAttention(facts({ openAlerts: 1 }), calm)).toBeLessThan(0)
		expect(compareAttention(calm, facts({ openAlerts: 1 }))).toBeGreaterThan(0)
	})

	describe('a consistent total order', () => {
		const factsArb: fc.Arbitrary<AttentionFacts> = fc.record({
			openAlerts: fc.integer({ min: 0, max: 3 }),
			inCooldown: fc.boolean(),
			belowBaseline: fc.integer({ min: 0, max: 3 }),
			daysSinceCoaching: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
			score: fc.option(fc.constantFrom(0, 12.5, 50, 60, 99.9, 100), { nil: null }),
		})
		/** The documented order as a key compared left to right, lower first. */
		const key = (f: AttentionFacts) => [
			-f.openAlerts,
			f.inCooldown ? 0 : 1,
			-f.belowBaseline,
			f.daysSinceCoaching === null ? Number.NEGATIVE_INFINITY : -f.daysSinceCoaching,
			f.score === null ? Number.NEGATIVE_INFINITY : f.score,
		]
		const referenceCompare = (a: AttentionFacts, b: AttentionFacts) => {
			const [ka, kb] = [key(a), key(b)]
			const n = ka.findIndex((v, i) => v !== kb[i])
			return n === -1 ? 0 : ka[n]! < kb[n]! ? -1 : 1
		}

		test('compare(a, a) = 0, antisymmetry, and agreement with the documented key', () => {
			fc.assert(
				fc.property(factsArb, factsArb, (a, b) => {
					expect(compareAttention(a, { ...a })).toBe(0)
					expect(Math.sign(compareAttention(a, b))).toBe(-Math.sign(compareAttention(b, a)) || 0)
					expect(Math.sign(compareAttention(a, b))).toBe(referenceCompare(a, b))
				}),
			)
		})

		test('transitivity', () => {
			fc.assert(
				fc.property(factsArb, factsArb, factsArb, (a, b, c) => {
					if (compareAttention(a, b) <= 0 && compareAttention(b, c) <= 0) expect(compareAttention(a, c)).toBeLessThanOrEqual(0)
				}),
			)
		})

		test('sorting a shuffled list gives the same order of facts', () => {
			fc.assert(
				fc.property(
					fc.array(factsArb, { maxLength: 20 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
					([list, shuffled]) => {
						const sortedFacts = (rows: AttentionFacts[]) => byAttention(rows.map((f) => ({ facts: f }))).map((r) => key(r.facts))
						expect(sortedFacts(shuffled)).toEqual(sortedFacts(list))
						const result = byAttention(list.map((f) => ({ facts: f })))
						for (let i = 1; i < result.length; i++) expect(compareAttention(result[i - 1]!.facts, result[i]!.facts)).toBeLessThanOrEqual(0)
					},
				),
			)
		})
	})
})
