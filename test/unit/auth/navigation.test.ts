import { describe, expect, test } from 'vitest'
import { navItemsFor } from '#app/modules/auth/navigation.ts'

const keys = (roles: Parameters<typeof navItemsFor>[0]) => navItemsFor(roles).map((i) => i.key)
const everyone = ['home', 'tracks', 'exams', 'kb', 'sessions', 'kpi', 'mentoring', 'leaderboard', 'promotion']

describe('role-aware navigation', () => {
	test('staff see the shared sections only', () => {
		expect(keys(['staff'])).toEqual(everyone)
	})
	test('everyone sees mentoring: mentors, mentees and managers all use it', () => {
		expect(keys(['staff', 'mentor'])).toContain('mentoring')
		expect(keys(['staff', 'mentor'])).not.toContain('team')
		expect(keys(['staff'])).toContain('mentoring')
		expect(keys(['staff', 'manager'])).toContain('mentoring')
	})
	test('managers see their team, not admin', () => {
		expect(keys(['staff', 'manager'])).toContain('team')
		expect(keys(['staff', 'manager'])).not.toContain('admin')
	})
	test('HR sees admin and team', () => {
		expect(keys(['staff', 'hr_admin'])).toEqual(expect.arrayContaining(['admin', 'team', 'mentoring']))
	})
})
