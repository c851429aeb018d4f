import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { sessions } from '#db/schema/auth.ts'
import { action as logoutAction } from '#app/routes/logout.tsx'
import { SESSION_TTL_MS } from '#app/modules/auth/sessions.server.ts'
import { getSession } from '#app/utils/auth.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { hashToken } from '#app/modules/auth/tokens.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor, settle } from '#test/helpers/requests.ts'

const { db } = withFreshDatabase()
const DAY = 24 * 60 * 60 * 1000
const t0 = new Date('2026-03-02T01:00:00Z')

function tokenOf(cookie: string) {
	return JSON.parse(Buffer.from(decodeURIComponent(cookie.split('=')[1]!), 'base64').toString()) as string
}

describe('sessions', () => {
	test('only the SHA-256 of the token is stored', async () => {
		const { id } = await createTestUser()
		const cookie = await sessionCookieFor(id)
		const token = tokenOf(cookie)
		const rows = db().select().from(sessions).where(eq(sessions.userId, id)).all()
		expect(rows).toHaveLength(1)
		expect(rows[0]!.id).toBe(hashToken(token))
		expect(rows[0]!.id).not.toContain(token)
	})

	test('a session expires 30 days after its last renewal', async () => {
		const { id } = await createTestUser()
		setClock(t0)
		const cookie = await sessionCookieFor(id)
		setClock(new Date(t0.getTime() + SESSION_TTL_MS - 1000))
		// Used on day 29.99: still valid, and renewed for another 30 days.
		const used = await getSession(getRequest('/', { cookie }))
		expect(used?.renewed).toBe(true)
		expect(used?.setCookie).toMatch(/^ascent_session=.*Expires=/)
		setClock(new Date(t0.getTime() + 2 * SESSION_TTL_MS - 2000))
		expect(await getSession(getRequest('/', { cookie }))).not.toBeNull()
	})

	test('an unused session is gone after 30 days', async () => {
		const { id } = await createTestUser()
		setClock(t0)
		const cookie = await sessionCookieFor(id)
		setClock(new Date(t0.getTime() + 10 * DAY))
		expect((await getSession(getRequest('/', { cookie })))?.renewed).toBe(false)
		setClock(new Date(t0.getTime() + SESSION_TTL_MS))
		expect(await getSession(getRequest('/', { cookie }))).toBeNull()
		expect(db().select().from(sessions).all()).toHaveLength(0)
	})

	test('logout deletes the session on the server and clears the cookie', async () => {
		const { id } = await createTestUser()
		const cookie = await sessionCookieFor(id)
		const res = (await settle(() => logoutAction({ request: formRequest('/logout', {}, { cookie }), params: {}, context: {} }))) as Response
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe('/login')
		expect(res.headers.get('set-cookie')).toMatch(/ascent_session=;.*Max-Age=0/)
		expect(await getSession(getRequest('/', { cookie }))).toBeNull()
	})

	test('a forged or garbled cookie is just "signed out"', async () => {
		expect(await getSession(getRequest('/', { cookie: 'ascent_session=not-base64!!' }))).toBeNull()
		expect(await getSession(getRequest('/', { cookie: 'ascent_session=ImFiYyI%3D' }))).toBeNull()
	})
})
