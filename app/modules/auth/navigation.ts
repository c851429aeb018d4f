import type { Role } from '#db/schema/auth.ts'

export type NavKey =
	| 'home'
	| 'tracks'
	| 'exams'
	| 'kb'
	| 'sessions'
	| 'kpi'
	| 'team'
	| 'mentoring'
	| 'leaderboard'
	| 'promotion'
	| 'admin'

export type NavItem = { key: NavKey; to: string }

const items: Array<NavItem & { roles?: Role[] }> = [
	{ key: 'home', to: '/' },
	{ key: 'tracks', to: '/tracks' },
	{ key: 'exams', to: '/exams' },
	{ key: 'kb', to: '/kb' },
	{ key: 'sessions', to: '/sessions' },
	{ key: 'kpi', to: '/kpi' },
	// Everyone: a mentor coaches there, a mentee follows their plan, a manager sees the team's pairings.
	{ key: 'mentoring', to: '/mentoring' },
	{ key: 'team', to: '/team', roles: ['manager', 'hr_admin'] },
	{ key: 'leaderboard', to: '/leaderboard' },
	{ key: 'promotion', to: '/promotion' },
	{ key: 'admin', to: '/admin', roles: ['hr_admin'] },
]

/** The navigation a person sees: what their roles let them open, in a fixed order. */
export function navItemsFor(roles: readonly Role[]): NavItem[] {
	return items
		.filter((item) => !item.roles || item.roles.some((r) => roles.includes(r)))
		.map(({ key, to }) => ({ key, to }))
}
