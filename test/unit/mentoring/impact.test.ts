import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	IMPACT_MIN_MONTHS,
	impactWindows,
	mean,
	mentorImpact,
	monthlyMeans,
	pairingImpact,
	shiftMonth,
	type Impact,
	type ImpactInput,
	type MonthValue,
} from '#app/modules/mentoring/impact.ts'

/** A series from `{ 'YYYY-MM': value }`. */
const series = (values: Record<string, number | null>): MonthValue[] => Object.entries(values).map(([month, value]) => ({ month, value }))

describe('shifting months', () => {
	test.each([
		['2026-05', 0, '2026-05'],
		['2026-05', 1, '2026-06'],
		['2026-01', -1, '2025-12'],
		['2025-12', 1, '2026-01'],
		['2026-03', -3, '2025-12'],
		['2026-03', -15, '2024-12'],
		['2026-11', 14, '2028-01'],
		['2026-12', -12, '2025-12'],
	] as const)('%s %+d → %s', (month, n, expected) => expect(shiftMonth(month, n)).toBe(expected))

	test('shifting forth and back returns the same month, and the result is always YYYY-MM', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -240, max: 240 }), (year, m, n) => {
				const month = `${year}-${String(m).padStart(2, '0')}`
				const shifted = shiftMonth(month, n)
				expect(shifted).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/)
				expect(shiftMonth(shifted, -n)).toBe(month)
			}),
		)
	})
})

describe('impact windows', () => {
	test('three months before the start month; the start month through the last month', () => {
		expect(impactWindows('2026-04', '2026-06')).toEqual({ before: ['2026-01', '2026-02', '2026-03'], since: ['2026-04', '2026-05', '2026-06'] })
	})

	test('across the new year on both sides', () => {
		expect(impactWindows('2026-02', '2026-02')).toEqual({ before: ['2025-11', '2025-12', '2026-01'], since: ['2026-02'] })
		expect(impactWindows('2025-11', '2026-02', 2)).toEqual({ before: ['2025-09', '2025-10'], since: ['2025-11', '2025-12', '2026-01', '2026-02'] })
	})

	test('a last month before the start gives no months since', () => {
		expect(impactWindows('2026-04', '2026-03').since).toEqual([])
	})
})

describe('mean', () => {
	test('no values → no mean (not 0)', () => expect(mean([])).toBeNull())
	test('the arithmetic mean', () => {
		expect(mean([10, 12, 14])).toBe(12)
		expect(mean([1, 2, 3, 4])).toBe(2.5)
		expect(mean([0])).toBe(0)
	})
})

describe('pairing impact', () => {
	// Pairing starts in April 2026; closed months through May. Before: Jan–Mar; since: Apr–May.
	const input = (overrides: Partial<ImpactInput> = {}): ImpactInput => ({
		mentee: series({ '2026-01': 10, '2026-02': 12, '2026-03': 14, '2026-04': 15, '2026-05': 17 }),
		peers: series({ '2026-01': 11, '2026-02': 11, '2026-03': 11, '2026-04': 12, '2026-05': 12 }),
		startMonth: '2026-04',
		lastMonth: '2026-05',
		direction: 'higher',
		...overrides,
	})
	const windows = { monthsBefore: ['2026-01', '2026-02', '2026-03'], monthsSince: ['2026-04', '2026-05'] }

	test('hand-computed: mentee 12 → 16, peers 11 → 12, effect (16−12) − (12−11) = 3, a quarter of before', () => {
		expect(pairingImpact(input())).toEqual({
			status: 'ok',
			before: 12,
			since: 16,
			change: 4,
			changeRatio: 4 / 12,
			peerBefore: 11,
			peerSince: 12,
			peerChange: 1,
			effect: 3,
			effectRatio: 0.25,
			improved: true,
			...windows,
		})
	})

	test('the months may come in any order', () => {
		const shuffled = input()
		expect(pairingImpact({ ...shuffled, mentee: [...shuffled.mentee].reverse(), peers: [...shuffled.peers].reverse() })).toEqual(pairingImpact(input()))
	})

	test('months outside both windows do not count', () => {
		const result = pairingImpact(
			input({
				mentee: series({ '2025-12': 1000, '2026-01': 10, '2026-02': 12, '2026-03': 14, '2026-04': 15, '2026-05': 17, '2026-06': 1000 }),
				peers: series({ '2025-12': 0, '2026-01': 11, '2026-02': 11, '2026-03': 11, '2026-04': 12, '2026-05': 12, '2026-06': 0 }),
			}),
		)
		expect(result).toMatchObject({ status: 'ok', before: 12, since: 16, peerBefore: 11, peerSince: 12, effect: 3 })
	})

	test('a month without a value is skipped, not read as 0', () => {
		const result = pairingImpact(input({ mentee: series({ '2026-01': null, '2026-02': 12, '2026-03': 14, '2026-04': 15, '2026-05': 17 }) }))
		expect(result).toMatchObject({ status: 'ok', before: 13, since: 16, effect: 2 })
	})

	test('a mentee who improves less than the peers has a negative effect', () => {
		const result = pairingImpact(input({ peers: series({ '2026-01': 10, '2026-02': 10, '2026-03': 10, '2026-04': 16, '2026-05': 16 }) }))
		expect(result).toMatchObject({ status: 'ok', change: 4, peerChange: 6, effect: -2 })
		expect(result.status === 'ok' && result.effectRatio).toBeCloseTo(-2 / 12, 12)
	})

	test('a mentee who gets worse while peers hold steady: negative effect, not improved', () => {
		const result = pairingImpact(input({ mentee: series({ '2026-01': 12, '2026-02': 12, '2026-04': 9, '2026-05': 9 }), peers: series({ '2026-01': 11, '2026-02': 11, '2026-04': 11, '2026-05': 11 }) }))
		expect(result).toMatchObject({ status: 'ok', change: -3, peerChange: 0, effect: -3, effectRatio: -0.25, improved: false })
	})

	describe('lower is better (e.g. resolution hours)', () => {
		const hours = (mentee: Record<string, number>, peers: Record<string, number>) =>
			pairingImpact(input({ direction: 'lower', mentee: series(mentee), peers: series(peers) }))

		test('hours falling faster than the peers’ is a positive effect and an improvement', () => {
			// Mentee 30 → 24 (−6), peers 30 → 28 (−2): effect −((−6) − (−2)) = +4, 4/30 of before.
			const result = hours({ '2026-01': 30, '2026-02': 30, '2026-04': 24, '2026-05': 24 }, { '2026-01': 30, '2026-02': 30, '2026-04': 28, '2026-05': 28 })
			expect(result).toMatchObject({ status: 'ok', before: 30, since: 24, change: -6, peerChange: -2, effect: 4, improved: true })
			expect(result.status === 'ok' && result.effectRatio).toBeCloseTo(4 / 30, 12)
			expect(result.status === 'ok' && result.changeRatio).toBeCloseTo(-6 / 30, 12)
		})

		test('hours rising is a negative effect and no improvement', () => {
			const result = hours({ '2026-01': 20, '2026-02': 20, '2026-04': 25, '2026-05': 25 }, { '2026-01': 20, '2026-02': 20, '2026-04': 20, '2026-05': 20 })
			expect(result).toMatchObject({ status: 'ok', change: 5, peerChange: 0, effect: -5, effectRatio: -0.25, improved: false })
		})

		test('the same numbers read as higher-is-better flip the sign of the effect', () => {
			const m = { '2026-01': 30, '2026-02': 30, '2026-04': 24, '2026-05': 24 }
			const p = { '2026-01': 30, '2026-02': 30, '2026-04': 28, '2026-05': 28 }
			const lower = hours(m, p)
			const higher = pairingImpact(input({ mentee: series(m), peers: series(p) }))
			expect(lower.status === 'ok' && higher.status === 'ok' && [lower.effect, higher.effect]).toEqual([4, -4])
		})
	})

	test('a before of 0 gives an effect but no ratios (no division by zero)', () => {
		const result = pairingImpact(
			input({
				mentee: series({ '2026-01': 0, '2026-02': 0, '2026-04': 2, '2026-05': 4 }),
				peers: series({ '2026-01': 1, '2026-02': 1, '2026-04': 2, '2026-05': 2 }),
			}),
		)
		expect(result).toMatchObject({ status: 'ok', before: 0, since: 3, change: 3, changeRatio: null, effect: 2, effectRatio: null, improved: true })
	})

	describe('too little data: says which side, and gives no number', () => {
		const noNumbers = (result: Impact) => {
			expect(result).not.toHaveProperty('effect')
			expect(result).not.toHaveProperty('effectRatio')
			expect(result).not.toHaveProperty('before')
		}

		test('one month before the start', () => {
			const result = pairingImpact(input({ mentee: series({ '2026-03': 14, '2026-04': 15, '2026-05': 17 }) }))
			expect(result).toEqual({ status: 'insufficient', missing: 'before', have: 1, need: 2, ...windows })
			noNumbers(result)
		})

		test('no months before, and none since either: before is reported first', () => {
			expect(pairingImpact(input({ mentee: [] }))).toEqual({ status: 'insufficient', missing: 'before', have: 0, need: 2, ...windows })
		})

		test('months before that are all empty count as none', () => {
			const result = pairingImpact(input({ mentee: series({ '2026-01': null, '2026-02': null, '2026-03': 14, '2026-04': 15, '2026-05': 17 }) }))
			expect(result).toMatchObject({ status: 'insufficient', missing: 'before', have: 1 })
		})

		test('one month since the start', () => {
			const result = pairingImpact(input({ lastMonth: '2026-04' }))
			expect(result).toEqual({ status: 'insufficient', missing: 'since', have: 1, need: 2, monthsBefore: windows.monthsBefore, monthsSince: ['2026-04'] })
			noNumbers(result)
		})

		test('a pairing that has not reached a closed month yet', () => {
			expect(pairingImpact(input({ lastMonth: '2026-03' }))).toEqual({
				status: 'insufficient',
				missing: 'since',
				have: 0,
				need: 2,
				monthsBefore: windows.monthsBefore,
				monthsSince: [],
			})
		})

		test('no peers', () => {
			const result = pairingImpact(input({ peers: [] }))
			expect(result).toEqual({ status: 'insufficient', missing: 'peers', have: 0, need: 2, ...windows })
			noNumbers(result)
		})

		test('peers short on one side: have is the shorter side', () => {
			expect(pairingImpact(input({ peers: series({ '2026-01': 11, '2026-02': 11, '2026-03': 11, '2026-04': 12 }) }))).toMatchObject({
				status: 'insufficient',
				missing: 'peers',
				have: 1,
			})
			expect(pairingImpact(input({ peers: series({ '2026-03': 11, '2026-04': 12, '2026-05': 12 }) }))).toMatchObject({
				status: 'insufficient',
				missing: 'peers',
				have: 1,
			})
			expect(pairingImpact(input({ peers: series({ '2026-01': null, '2026-02': null, '2026-03': null, '2026-04': 12, '2026-05': 12 }) }))).toMatchObject({
				missing: 'peers',
				have: 0,
			})
		})

		test('exactly the minimum on every side is enough', () => {
			expect(IMPACT_MIN_MONTHS).toBe(2)
			const result = pairingImpact(
				input({
					mentee: series({ '2026-02': 12, '2026-03': 14, '2026-04': 15, '2026-05': 17 }),
					peers: series({ '2026-01': 11, '2026-03': 11, '2026-04': 12, '2026-05': 12 }),
				}),
			)
			expect(result).toMatchObject({ status: 'ok', before: 13, since: 16, peerBefore: 11, peerSince: 12, effect: 2 })
		})

		test('the window and minimum can be set: six months before, three needed', () => {
			const longer = input({ monthsBefore: 6, minMonths: 3 })
			expect(pairingImpact(longer)).toEqual({
				status: 'insufficient',
				missing: 'since',
				have: 2,
				need: 3,
				monthsBefore: ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'],
				monthsSince: ['2026-04', '2026-05'],
			})
		})

		test('property: with fewer than the minimum months on a side there is never a number', () => {
			const value = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null })
			const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']
			const seriesArb = fc.array(fc.record({ month: fc.constantFrom(...months), value }), { maxLength: 8 })
			fc.assert(
				fc.property(seriesArb, seriesArb, fc.constantFrom<'higher' | 'lower'>('higher', 'lower'), (mentee, peers, direction) => {
					const result = pairingImpact({ mentee, peers, direction, startMonth: '2026-04', lastMonth: '2026-05' })
					const count = (s: MonthValue[], ms: string[]) => s.filter((p) => ms.includes(p.month) && p.value !== null).length
					const enough =
						count(mentee, windows.monthsBefore) >= 2 &&
						count(mentee, windows.monthsSince) >= 2 &&
						count(peers, windows.monthsBefore) >= 2 &&
						count(peers, windows.monthsSince) >= 2
					expect(result.status).toBe(enough ? 'ok' : 'insufficient')
					if (result.status === 'insufficient') {
						expect(result.have).toBeLessThan(result.need)
						expect(result).not.toHaveProperty('effect')
					} else {
						expect(Number.isFinite(result.effect)).toBe(true)
					}
				}),
			)
		})
	})
})

describe("a mentor's record", () => {
	const ok = (effect: number, effectRatio: number | null): Impact => ({
		status: 'ok',
		before: 10,
		since: 10 + effect,
		change: effect,
		changeRatio: effectRatio,
		peerBefore: 10,
		peerSince: 10,
		peerChange: 0,
		effect,
		effectRatio,
		improved: effect > 0,
		monthsBefore: [],
		monthsSince: [],
	})
	const short: Impact = { status: 'insufficient', missing: 'since', have: 1, need: 2, monthsBefore: [], monthsSince: [] }

	test('the mean effect ratio over the measured pairings; the unmeasured are only counted', () => {
		const record = mentorImpact([ok(3, 0.25), ok(-1, -0.1), short, { ...short, missing: 'peers', have: 0 }])
		expect(record.measured).toBe(2)
		expect(record.unmeasured).toBe(2)
		expect(record.improved).toBe(1)
		expect(record.meanEffectRatio).toBeCloseTo(0.075, 12)
	})

	test('a measured pairing without a ratio (before was 0) counts as measured but not in the mean', () => {
		const record = mentorImpact([ok(2, null), ok(1, 0.5)])
		expect(record).toEqual({ measured: 2, unmeasured: 0, meanEffectRatio: 0.5, improved: 2, beatPeers: 2 })
	})

	test('none measured → no mean, not 0', () => {
		expect(mentorImpact([short, short])).toEqual({ measured: 0, unmeasured: 2, meanEffectRatio: null, improved: 0, beatPeers: 0 })
		expect(mentorImpact([])).toEqual({ measured: 0, unmeasured: 0, meanEffectRatio: null, improved: 0, beatPeers: 0 })
	})

	test('a zero effect is not an improvement', () => {
		expect(mentorImpact([ok(0, 0)])).toEqual({ measured: 1, unmeasured: 0, meanEffectRatio: 0, improved: 0, beatPeers: 0 })
	})

	test('a mentee who improved but less than their peers counts as improved, not as beating the peers', () => {
		const impact = pairingImpact({
			mentee: [
				{ month: '2026-01', value: 12 },
				{ month: '2026-02', value: 12 },
				{ month: '2026-03', value: 16 },
				{ month: '2026-04', value: 16 },
			],
			peers: [
				{ month: '2026-01', value: 10 },
				{ month: '2026-02', value: 10 },
				{ month: '2026-03', value: 16 },
				{ month: '2026-04', value: 16 },
			],
			startMonth: '2026-03',
			lastMonth: '2026-04',
			direction: 'higher',
			monthsBefore: 2,
		})
		expect(impact).toMatchObject({ status: 'ok', improved: true, effect: -2 })
		expect(mentorImpact([impact])).toMatchObject({ improved: 1, beatPeers: 0 })
	})
})

describe('monthly means (the peer line)', () => {
	const months = ['2026-01', '2026-02', '2026-03']

	test('each month: the mean over the people with a value that month', () => {
		const people = [
			series({ '2026-01': 10, '2026-02': 20, '2026-03': null }),
			series({ '2026-01': 20, '2026-03': 6 }),
			series({ '2026-01': 30, '2026-02': null }),
		]
		expect(monthlyMeans(people, months)).toEqual([
			{ month: '2026-01', value: 20 },
			{ month: '2026-02', value: 20 },
			{ month: '2026-03', value: 6 },
		])
	})

	test('a month nobody has a value for is null, not 0', () => {
		expect(monthlyMeans([series({ '2026-01': 5 })], months)).toEqual([
			{ month: '2026-01', value: 5 },
			{ month: '2026-02', value: null },
			{ month: '2026-03', value: null },
		])
		expect(monthlyMeans([], months).map((m) => m.value)).toEqual([null, null, null])
	})

	test('months not asked for are ignored; the months come back in the order asked', () => {
		const result = monthlyMeans([series({ '2025-12': 99, '2026-03': 4, '2026-01': 2 })], ['2026-03', '2026-01'])
		expect(result).toEqual([
			{ month: '2026-03', value: 4 },
			{ month: '2026-01', value: 2 },
		])
	})

	test('the series may be any iterable (e.g. a map’s values)', () => {
		const byPerson = new Map([
			[1, series({ '2026-01': 1 })],
			[2, series({ '2026-01': 3 })],
		])
		expect(monthlyMeans(byPerson.values(), ['2026-01'])).toEqual([{ month: '2026-01', value: 2 }])
	})
})
