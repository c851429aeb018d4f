import { describe, expect, test } from 'vitest'
import { apiScopes } from '#db/schema/auth.ts'
import { ANY_VALID_TOKEN, API_SCOPES, hasScope, isApiScope, normalizeScopes } from '#app/modules/auth/api-scopes.ts'

describe('API scopes', () => {
	test('the form’s list is the stored list, in the same order', () => {
		expect([...API_SCOPES]).toEqual([...apiScopes])
	})

	test.each([
		['kpi:write', true],
		['users:read', true],
		['users:write', false],
		['KPI:READ', false],
		['', false],
		[null, false],
		[['kpi:read'], false],
	])('isApiScope(%j) is %s', (value, expected) => {
		expect(isApiScope(value)).toBe(expected)
	})

	test.each([
		{ given: ['users:read'], stored: ['users:read'] },
		{ given: ['bot:read', 'kpi:write'], stored: ['kpi:write', 'bot:read'] },
		{ given: ['kpi:read', 'kpi:read', 'kpi:write'], stored: ['kpi:write', 'kpi:read'] },
		{ given: [...API_SCOPES].reverse(), stored: [...API_SCOPES] },
		{ given: [], stored: null },
		{ given: ['kpi:read', 'admin'], stored: null },
		{ given: ['kpi:read', 42], stored: null },
	])('normalizeScopes($given) → $stored', ({ given, stored }) => {
		expect(normalizeScopes(given)).toEqual(stored)
	})

	test.each([
		{ granted: ['users:read'], required: 'users:read', allowed: true },
		{ granted: ['kpi:write'], required: 'kpi:read', allowed: false },
		{ granted: ['kpi:read'], required: 'kpi:write', allowed: false },
		{ granted: ['kpi:write', 'bot:read'], required: 'bot:read', allowed: true },
		{ granted: ['bot:read'], required: ANY_VALID_TOKEN, allowed: true },
		{ granted: [], required: 'users:read', allowed: false },
	] as const)('a token with $granted may call a $required endpoint: $allowed', ({ granted, required, allowed }) => {
		expect(hasScope(granted, required)).toBe(allowed)
	})
})
