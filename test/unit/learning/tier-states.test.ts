import { describe, expect, test } from 'vitest'
import { addMonths, tenureMonths, tenureReachedOn, tierStates, type Tier } from '#app/modules/learning/tier.ts'

const none: Record<Tier, string[]> = { new: [], intermediate: [], core: [] }
const states = (hireDate: string, today: string, extra: { missing?: Partial<Record<Tier, string[]>>; override?: Tier | null } = {}) =>
	tierStates({ hireDate, today, missingRequired: { ...none, ...extra.missing }, override: extra.override ?? null })
const openTiers = (s: ReturnType<typeof states>) => s.tiers.filter((t) => t.open).map((t) => t.tier)
const locksOf = (s: ReturnType<typeof states>, tier: Tier) => s.tiers.find((t) => t.tier === tier)!.locks

describe('addMonths', () => {
	test.each([
		['2026-11-15', 3, '2027-02-15'],
		['2025-11-30', 3, '2026-02-28'],
		['2023-11-30', 3, '2024-02-29'],
		['2026-01-31', 1, '2026-02-28'],
		['2026-03-31', 1, '2026-04-30'],
		['2026-12-15', 1, '2027-01-15'],
		['2025-11-27', 12, '2026-11-27'],
		['2024-02-29', 12, '2025-02-28'],
		['2026-05-10', 0, '2026-05-10'],
	] as const)('%s + %i months → %s (clamped to the month’s last day)', (date, n, expected) => {
		expect(addMonths(date, n)).toBe(expected)
	})
})

describe('tierStates', () => {
	test('a new hire has only the new-hire tier, and is told when the next one opens', () => {
		const s = states('2026-11-15', '2026-11-20')
		expect(s.current).toBe('new')
		expect(openTiers(s)).toEqual(['new'])
		expect(locksOf(s, 'intermediate')).toEqual([{ kind: 'tenure', opensOn: '2027-02-15' }])
		expect(locksOf(s, 'core')).toEqual([
			{ kind: 'tenure', opensOn: '2027-11-15' },
			{ kind: 'previous', tier: 'intermediate' },
		])
	})

	test('intermediate opens on the day tenure reaches exactly 3 months, not the day before', () => {
		expect(openTiers(states('2026-08-27', '2026-11-26'))).toEqual(['new'])
		expect(locksOf(states('2026-08-27', '2026-11-26'), 'intermediate')).toEqual([{ kind: 'tenure', opensOn: '2026-11-27' }])
		const onTheDay = states('2026-08-27', '2026-11-27')
		expect(onTheDay.current).toBe('intermediate')
		expect(openTiers(onTheDay)).toEqual(['new', 'intermediate'])
	})

	test('core opens on the day tenure reaches exactly 12 months', () => {
		expect(states('2025-11-27', '2026-11-26').current).toBe('intermediate')
		expect(locksOf(states('2025-11-27', '2026-11-26'), 'core')).toEqual([{ kind: 'tenure', opensOn: '2026-11-27' }])
		expect(states('2025-11-27', '2026-11-27').current).toBe('core')
	})

	test('the date a tenure lock names is the first day the tier is open, also for hires on the 29th–31st', () => {
		// Hired Nov 30: three full months are up on Mar 1 (Feb has no 30th), so the page must not promise Feb 28.
		expect(locksOf(states('2025-11-30', '2026-01-10'), 'intermediate')).toEqual([{ kind: 'tenure', opensOn: '2026-03-01' }])
		expect(openTiers(states('2025-11-30', '2026-02-28'))).toEqual(['new'])
		expect(openTiers(states('2025-11-30', '2026-03-01'))).toEqual(['new', 'intermediate'])

		const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
		for (let day = 0; day < 366; day++) {
			const hire = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10)
			for (const months of [3, 12]) {
				const opensOn = tenureReachedOn(hire, months)
				expect(tenureMonths(hire, opensOn), `${hire} + ${months}`).toBe(months)
				expect(tenureMonths(hire, dayBefore(opensOn)), `${hire} + ${months}, day before`).toBe(months - 1)
			}
		}
	})

	test('missing required exams of the previous tier hold the next tier closed, whatever the tenure', () => {
		const s = states('2025-06-01', '2026-11-27', { missing: { new: ['product-basics', 'processes'] } })
		expect(s.current).toBe('new')
		expect(locksOf(s, 'intermediate')).toEqual([{ kind: 'exams', missing: ['product-basics', 'processes'] }])
		expect(locksOf(s, 'core')).toEqual([{ kind: 'previous', tier: 'intermediate' }])

		const stuckAtIntermediate = states('2025-06-01', '2026-11-27', { missing: { intermediate: ['objections'] } })
		expect(stuckAtIntermediate.current).toBe('intermediate')
		expect(locksOf(stuckAtIntermediate, 'core')).toEqual([{ kind: 'exams', missing: ['objections'] }])
	})

	test('a manager’s override up opens tiers tenure and exams would not', () => {
		const s = states('2026-11-15', '2026-11-20', { missing: { new: ['product-basics'] }, override: 'core' })
		expect(s.current).toBe('core')
		expect(openTiers(s)).toEqual(['new', 'intermediate', 'core'])
	})

	test('a manager’s override down closes the tiers above it', () => {
		const s = states('2020-01-01', '2026-11-27', { override: 'new' })
		expect(s.current).toBe('new')
		expect(openTiers(s)).toEqual(['new'])
		expect(locksOf(s, 'intermediate')).toEqual([{ kind: 'override', tier: 'new' }])
		expect(locksOf(s, 'core')).toEqual([{ kind: 'override', tier: 'new' }])
		expect(states('2020-01-01', '2026-11-27', { override: 'intermediate' }).current).toBe('intermediate')
	})
})
