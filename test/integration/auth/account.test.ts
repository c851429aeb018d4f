import { describe, expect, test } from 'vitest'
import { action as accountAction, loader as accountLoader } from '#app/routes/_shell.account.tsx'
import { attemptLogin } from '#app/modules/auth/login.server.ts'
import { getSession } from '#app/utils/auth.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser, TEST_PASSWORD } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor, settle } from '#test/helpers/requests.ts'

withFreshDatabase()

type DataResult = {
	type: 'DataWithResponseInit'
	data: { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } }
	init: ResponseInit
}

const NEW_PASSWORD = 'suzhou garden walk'

function change(cookie: string | undefined, fields: Record<string, string>) {
	return settle(() => accountAction({ request: formRequest('/account', fields, { cookie }), params: {}, context: {} }))
}

async function isSignedIn(cookie: string) {
	return (await getSession(getRequest('/', { cookie }))) !== null
}

describe('changing my password', () => {
	test('the page and the form are for signed-in people only', async () => {
		const page = (await settle(() => accountLoader({ request: getRequest('/account'), params: {}, context: {} }))) as Response
		expect(page.status).toBe(302)
		expect(page.headers.get('location')).toBe('/login?redirectTo=%2Faccount')
		const post = (await change(undefined, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })) as Response
		expect(post.status).toBe(302)
		expect(post.headers.get('location')).toMatch(/^\/login/)

		const { id, email } = await createTestUser({ name: '王芳' })
		const mine = await accountLoader({ request: getRequest('/account', { cookie: await sessionCookieFor(id) }), params: {}, context: {} })
		expect(mine).toMatchObject({ email, name: '王芳', level: { level: 1, total: 0 }, badges: [] })
	})

	test('a wrong current password is a field error and changes nothing', async () => {
		const { id, email } = await createTestUser()
		const cookie = await sessionCookieFor(id)
		const res = (await change(cookie, {
			currentPassword: 'not my password',
			newPassword: NEW_PASSWORD,
			confirmPassword: NEW_PASSWORD,
		})) as unknown as DataResult
		expect(res.init.status).toBe(400)
		expect(res.data.result.error).toEqual({ currentPassword: ['account.currentWrong'] })
		// No password is echoed back into the page.
		expect(res.data.result.initialValue ?? {}).not.toHaveProperty('currentPassword')
		expect(res.data.result.initialValue ?? {}).not.toHaveProperty('newPassword')
		expect(await isSignedIn(cookie)).toBe(true)
		expect(await attemptLogin({ email, password: TEST_PASSWORD, ip: '198.51.100.30' })).toMatchObject({ ok: true })
	})

	test('the new password must follow the policy and be typed the same twice', async () => {
		const { id, email } = await createTestUser({ email: 'wang.fang@example.com' })
		const cookie = await sessionCookieFor(id)
		const mismatch = (await change(cookie, {
			currentPassword: TEST_PASSWORD,
			newPassword: NEW_PASSWORD,
			confirmPassword: 'suzhou garden walks',
		})) as unknown as DataResult
		expect(mismatch.init.status).toBe(400)
		expect(mismatch.data.result.error?.confirmPassword).toEqual(['validation.passwordMismatch'])

		const cases: Array<[string, string]> = [
			['short', 'validation.passwordTooShort'],
			['password1', 'validation.passwordCommon'],
			['wang.fang', 'validation.passwordIsEmail'],
		]
		for (const [password, key] of cases) {
			const res = (await change(cookie, {
				currentPassword: TEST_PASSWORD,
				newPassword: password,
				confirmPassword: password,
			})) as unknown as DataResult
			expect(res.init.status).toBe(400)
			expect(res.data.result.error?.newPassword).toEqual([key])
		}
		expect(await isSignedIn(cookie)).toBe(true)
		expect(await attemptLogin({ email, password: TEST_PASSWORD, ip: '198.51.100.31' })).toMatchObject({ ok: true })
	})

	test('with the right current password: every session ends, back to login, and only the new password works', async () => {
		const { id, email } = await createTestUser()
		const here = await sessionCookieFor(id)
		const phone = await sessionCookieFor(id)

		const res = (await change(here, {
			currentPassword: TEST_PASSWORD,
			newPassword: NEW_PASSWORD,
			confirmPassword: NEW_PASSWORD,
		})) as Response
		expect(res).toBeInstanceOf(Response)
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe('/login')
		const cookies = res.headers.getSetCookie()
		expect(cookies.some((c) => /^ascent_session=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true)
		expect(cookies.some((c) => c.startsWith('ascent_toast='))).toBe(true)

		expect(await isSignedIn(here)).toBe(false)
		expect(await isSignedIn(phone)).toBe(false)
		expect(await attemptLogin({ email, password: TEST_PASSWORD, ip: '198.51.100.32' })).toEqual({ ok: false, reason: 'invalid' })
		expect(await attemptLogin({ email, password: NEW_PASSWORD, ip: '198.51.100.32' })).toMatchObject({ ok: true })
	})
})
