import { describe, expect, test } from 'vitest'
import { requireManagerOf, requireRole, requireUser, safeRedirect } from '#app/utils/auth.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { getRequest, sessionCookieFor, settle } from '#test/helpers/requests.ts'

withFreshDatabase()

describe('guards', () => {
	test('requireUser sends anonymous visitors to login, remembering where they were going', async () => {
		const res = (await settle(() => requireUser(getRequest('/kb?q=价格')))) as Response
		expect(res.status).toBe(302)
		const location = new URL(res.headers.get('location')!, 'http://localhost')
		expect(location.pathname).toBe('/login')
		expect(decodeURIComponent(location.searchParams.get('redirectTo')!)).toBe('/kb?q=价格')
	})

	test('requireRole lets the role in and gives everyone else 403', async () => {
		const staff = await createTestUser({ roles: [] })
		const hr = await createTestUser({ roles: ['hr_admin'] })
		const staffCookie = await sessionCookieFor(staff.id)
		const denied = (await settle(() =>
			requireRole(getRequest('/admin/users', { cookie: staffCookie }), 'hr_admin'),
		)) as Response
		expect(denied.status).toBe(403)
		const allowed = await requireRole(getRequest('/admin/users', { cookie: await sessionCookieFor(hr.id) }), 'hr_admin')
		expect(allowed.id).toBe(hr.id)
		expect(allowed.roles).toEqual(expect.arrayContaining(['staff', 'hr_admin']))
	})

	test('requireManagerOf: the team’s manager and HR may, another team’s manager and the person may not', async () => {
		const manager = await createTestUser({ roles: ['manager'] })
		const otherManager = await createTestUser({ roles: ['manager'] })
		const hr = await createTestUser({ roles: ['hr_admin'] })
		const team = createTestTeam('east', manager.id)
		const rep = await createTestUser({ teamId: team.id })
		createTestTeam('south', otherManager.id)

		const as = async (userId: number) => getRequest('/team', { cookie: await sessionCookieFor(userId) })
		expect((await requireManagerOf(await as(manager.id), rep.id)).id).toBe(manager.id)
		expect((await requireManagerOf(await as(hr.id), rep.id)).id).toBe(hr.id)
		expect(((await settle(async () => requireManagerOf(await as(otherManager.id), rep.id))) as Response).status).toBe(403)
		expect(((await settle(async () => requireManagerOf(await as(rep.id), rep.id))) as Response).status).toBe(403)
	})

	test.each([
		['/kb', '/kb'],
		['//evil.example/x', '/'],
		['/\\evil.example', '/'],
		['https://evil.example', '/'],
		[null, '/'],
	])('safeRedirect(%s) → %s', (to, expected) => {
		expect(safeRedirect(to)).toBe(expected)
	})
})
