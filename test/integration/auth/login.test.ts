import { describe, expect, test } from 'vitest'
import { action as loginAction } from '#app/routes/login.tsx'
import { attemptLogin, LOGIN_WINDOW_MS } from '#app/modules/auth/login.server.ts'
import { setUserActive } from '#app/modules/auth/users.server.ts'
import { getSession } from '#app/utils/auth.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser, TEST_PASSWORD } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor, settle } from '#test/helpers/requests.ts'

withFreshDatabase()

type DataResult = { type: 'DataWithResponseInit'; data: { result: { error?: Record<string, string[]> } }; init: ResponseInit }

describe('login form', () => {
	test('the right password signs in with an HttpOnly, SameSite=Lax cookie and goes to redirectTo', async () => {
		const { email } = await createTestUser({ email: 'li.na@example.com' })
		const res = await settle(() =>
			loginAction({ request: formRequest('/login', { email: ' LI.NA@example.com ', password: TEST_PASSWORD, redirectTo: '/kb' }), params: {}, context: {} }),
		)
		expect(res).toBeInstanceOf(Response)
		const response = res as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/kb')
		const cookie = response.headers.get('set-cookie')!
		expect(cookie).toMatch(/^ascent_session=/)
		expect(cookie).toMatch(/HttpOnly/)
		expect(cookie).toMatch(/SameSite=Lax/)
		expect(cookie).not.toMatch(/Secure/)
		const session = await getSession(getRequest('/', { cookie: cookie.split(';')[0] }))
		expect(session?.user.email).toBe(email)
	})

	test('a wrong password and an unknown email get the same field-level answer', async () => {
		await createTestUser({ email: 'known@example.com' })
		const wrong = (await loginAction({
			request: formRequest('/login', { email: 'known@example.com', password: 'not the password' }),
			params: {},
			context: {},
		})) as unknown as DataResult
		const unknown = (await loginAction({
			request: formRequest('/login', { email: 'nobody@example.com', password: 'not the password' }),
			params: {},
			context: {},
		})) as unknown as DataResult
		expect(wrong.init.status).toBe(400)
		expect(wrong.data.result.error).toEqual({ password: ['login.invalid'] })
		expect(unknown.init.status).toBe(wrong.init.status)
		expect(unknown.data.result.error).toEqual(wrong.data.result.error)
	})

	test('an empty email is a field error, not a 500', async () => {
		const res = (await loginAction({
			request: formRequest('/login', { email: '', password: '' }),
			params: {},
			context: {},
		})) as unknown as DataResult
		expect(res.init.status).toBe(400)
		expect(res.data.result.error?.email).toEqual(['validation.email'])
	})

	test('a JSON body to the login form is a 400 with a reason', async () => {
		const request = new Request('http://localhost:3000/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
			body: '{"email":"a@b.c"}',
		})
		const res = (await settle(() => loginAction({ request, params: {}, context: {} }))) as Response
		expect(res.status).toBe(400)
		expect(await res.text()).toMatch(/form body/)
	})

	test('an oversized body is refused with 413', async () => {
		const request = formRequest('/login', { email: 'a@example.com', password: 'x'.repeat(100_000) })
		const res = (await settle(() => loginAction({ request, params: {}, context: {} }))) as Response
		expect(res.status).toBe(413)
	})

	test('each login gets a fresh token', async () => {
		const { id } = await createTestUser()
		const a = await sessionCookieFor(id)
		const b = await sessionCookieFor(id)
		expect(a).not.toBe(b)
	})
})

describe('brute-force limits', () => {
	test('the sixth failure inside 15 minutes is a 429 with Retry-After, even with the right password', async () => {
		const { email } = await createTestUser()
		const start = new Date('2026-03-02T09:00:00Z')
		for (let i = 0; i < 5; i++) {
			setClock(new Date(start.getTime() + i * 60_000))
			expect(await attemptLogin({ email, password: 'wrong password', ip: '198.51.100.1' })).toEqual({
				ok: false,
				reason: 'invalid',
			})
		}
		setClock(new Date(start.getTime() + 5 * 60_000))
		const limited = await loginAction({
			request: formRequest('/login', { email, password: TEST_PASSWORD }),
			params: {},
			context: {},
		})
		const result = limited as unknown as DataResult
		expect(result.init.status).toBe(429)
		// The first failure (at 09:00) leaves the window at 09:15; it is now 09:05.
		expect(new Headers(result.init.headers).get('Retry-After')).toBe('600')

		setClock(new Date(start.getTime() + LOGIN_WINDOW_MS + 1000))
		expect(await attemptLogin({ email, password: TEST_PASSWORD, ip: '198.51.100.1' })).toMatchObject({ ok: true })
	})

	test('unknown emails are limited exactly like known ones', async () => {
		setClock(new Date('2026-03-02T09:00:00Z'))
		for (let i = 0; i < 5; i++) await attemptLogin({ email: 'ghost@example.com', password: 'x', ip: '198.51.100.2' })
		expect(await attemptLogin({ email: 'ghost@example.com', password: 'x', ip: '198.51.100.2' })).toMatchObject({
			reason: 'rateLimited',
		})
	})

	test('one address trying many accounts is stopped by the per-IP limit', async () => {
		setClock(new Date('2026-03-02T09:00:00Z'))
		for (let i = 0; i < 30; i++)
			await attemptLogin({ email: `spray${i}@example.com`, password: 'x', ip: '198.51.100.3' })
		const { email } = await createTestUser()
		expect(await attemptLogin({ email, password: TEST_PASSWORD, ip: '198.51.100.3' })).toMatchObject({
			reason: 'rateLimited',
		})
		expect(await attemptLogin({ email, password: TEST_PASSWORD, ip: '198.51.100.4' })).toMatchObject({ ok: true })
	})

	test('a deactivated account cannot log in and gets the ordinary answer', async () => {
		const { id, email } = await createTestUser()
		setUserActive(id, false, id)
		expect(await attemptLogin({ email, password: TEST_PASSWORD, ip: '198.51.100.5' })).toEqual({
			ok: false,
			reason: 'invalid',
		})
	})
})
