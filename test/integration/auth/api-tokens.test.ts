import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { apiTokens } from '#db/schema/auth.ts'
import { verifyAuditChain } from '#app/modules/audit/audit.server.ts'
import type { ApiScope } from '#app/modules/auth/api-scopes.ts'
import {
	authenticateApiToken,
	createApiToken,
	listApiTokens,
	revokeApiToken,
} from '#app/modules/auth/api-tokens.server.ts'
import { hashToken } from '#app/modules/auth/tokens.ts'
import { setUserActive } from '#app/modules/auth/users.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import {
	action as tokensAction,
	headers as tokensHeaders,
	loader as tokensLoader,
} from '#app/routes/_shell.admin.tokens.tsx'
import { action as meAction, loader as meLoader } from '#app/routes/api.v1.me.ts'
import { action as usersAction, loader as usersLoader } from '#app/routes/api.v1.users.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, ORIGIN, sessionCookieFor, settle } from '#test/helpers/requests.ts'

const { db } = withFreshDatabase()

type DataResult<T> = { type: 'DataWithResponseInit'; data: T; init: ResponseInit | null }
type TokensActionData = {
	result: { status?: string; error?: Record<string, string[] | null> }
	created: { name: string; token: string } | null
}

async function hrAdmin() {
	return createTestUser({ roles: ['hr_admin'], positionType: null })
}

async function tokenWith(scopes: ApiScope[], name = 'CRM 指标推送') {
	const hr = await hrAdmin()
	return { ...createApiToken({ name, scopes, createdById: hr.id }), hrId: hr.id }
}

function apiRequest(path: string, authorization?: string, init: RequestInit = {}) {
	const headers = new Headers(init.headers)
	if (authorization !== undefined) headers.set('authorization', authorization)
	return new Request(ORIGIN + path, { ...init, headers })
}

const args = (request: Request) => ({ request, params: {}, context: {} })

/** Runs an API loader/action; thrown guard responses and returned ones look the same to a client. */
async function call(fn: (a: ReturnType<typeof args>) => Promise<Response>, request: Request) {
	const res = await settle(() => fn(args(request)))
	return { res, body: (await res.json()) as Record<string, unknown> }
}

describe('issuing tokens', () => {
	test('the plaintext is returned once; only its SHA-256 and an 8-character prefix are stored', async () => {
		const { id, token, hrId } = await tokenWith(['kpi:write', 'kpi:read'])
		expect(token).toMatch(/^asc_[a-z2-7]{32}$/)

		const row = db().select().from(apiTokens).where(eq(apiTokens.id, id)).get()!
		expect(row.tokenHash).not.toBe(token)
		expect(row.tokenHash).toBe(hashToken(token))
		expect(row.prefix).toBe(token.slice(0, 8))
		expect(row.prefix.startsWith('asc_')).toBe(true)
		expect(row.createdById).toBe(hrId)
		expect(JSON.stringify(row)).not.toContain(token)

		const audit = db().select().from(auditLog).where(eq(auditLog.action, 'api_token.create')).all()
		expect(audit).toHaveLength(1)
		expect(audit[0]).toMatchObject({ actorId: hrId, entity: 'api_token', entityId: String(id) })
		expect(audit[0]!.data).not.toContain(token)
		expect(audit[0]!.data).not.toContain(row.tokenHash)
		expect(verifyAuditChain()).toBeNull()
	})

	test('scopes are stored once each, in the canonical order; an empty or unknown list is refused', async () => {
		const hr = await hrAdmin()
		const { id } = createApiToken({ name: 'bot', scopes: ['bot:read', 'kpi:write', 'bot:read'], createdById: hr.id })
		expect(listApiTokens().find((t) => t.id === id)?.scopes).toEqual(['kpi:write', 'bot:read'])
		expect(() => createApiToken({ name: 'none', scopes: [], createdById: hr.id })).toThrow()
		expect(() =>
			createApiToken({ name: 'odd', scopes: ['admin' as ApiScope], createdById: hr.id }),
		).toThrow()
		expect(db().select().from(apiTokens).all()).toHaveLength(1)
	})

	test('a created token authenticates, and the list never shows the token or its hash', async () => {
		const { id, token } = await tokenWith(['users:read'])
		const auth = authenticateApiToken(token, 'users:read')
		expect(auth).toMatchObject({ ok: true, token: { id, name: 'CRM 指标推送', scopes: ['users:read'] } })
		expect(auth.ok && 'tokenHash' in auth.token).toBe(false)

		const list = listApiTokens()
		expect(list).toHaveLength(1)
		expect(list[0]).not.toHaveProperty('tokenHash')
		expect(JSON.stringify(list)).not.toContain(token)
		expect(JSON.stringify(list)).not.toContain(hashToken(token))
	})
})

describe('authenticating /api/v1 calls', () => {
	test('a missing or non-bearer Authorization header is a 401 with a Bearer challenge', async () => {
		for (const header of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'garbage']) {
			const { res, body } = await call(meLoader, apiRequest('/api/v1/me', header))
			expect(res.status, String(header)).toBe(401)
			expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="ascent"')
			expect(res.headers.get('Cache-Control')).toBe('no-store')
			expect(body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } })
		}
	})

	test('an unknown token is a 401 invalid_token', async () => {
		await tokenWith(['kpi:read'])
		const { res, body } = await call(meLoader, apiRequest('/api/v1/me', 'Bearer asc_notarealtokenatallnotarealtoken'))
		expect(res.status).toBe(401)
		expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="ascent", error="invalid_token"/)
		expect(body).toMatchObject({ error: { code: 'invalid_token' } })
	})

	test('the scheme is case-insensitive and /api/v1/me describes the token', async () => {
		const { token } = await tokenWith(['bot:read'], '企业微信机器人')
		setClock(new Date('2026-03-02T01:00:00Z'))
		const { res, body } = await call(meLoader, apiRequest('/api/v1/me', `bearer ${token}`))
		expect(res.status).toBe(200)
		expect(res.headers.get('Cache-Control')).toBe('no-store')
		expect(body).toEqual({
			token: {
				name: '企业微信机器人',
				scopes: ['bot:read'],
				createdAt: expect.any(String),
				lastUsedAt: '2026-03-02T01:00:00.000Z',
			},
		})
	})

	test('a revoked token is refused with 401 from then on; revoking again changes nothing', async () => {
		const { id, token, hrId } = await tokenWith(['users:read'])
		expect((await call(meLoader, apiRequest('/api/v1/me', `Bearer ${token}`))).res.status).toBe(200)

		setClock(new Date('2026-03-02T02:00:00Z'))
		expect(revokeApiToken(id, hrId)?.revokedAt).toEqual(new Date('2026-03-02T02:00:00Z'))
		expect(authenticateApiToken(token, 'users:read')).toEqual({ ok: false, status: 401, reason: 'invalid_token' })
		const { res, body } = await call(usersLoader, apiRequest('/api/v1/users', `Bearer ${token}`))
		expect(res.status).toBe(401)
		expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="ascent"/)
		expect(body).toMatchObject({ error: { code: 'invalid_token' } })

		setClock(new Date('2026-03-03T02:00:00Z'))
		expect(revokeApiToken(id, hrId)?.revokedAt).toEqual(new Date('2026-03-02T02:00:00Z'))
		expect(db().select().from(auditLog).where(eq(auditLog.action, 'api_token.revoke')).all()).toHaveLength(1)
		expect(revokeApiToken(9999, hrId)).toBeNull()
	})

	test('a valid token without the scope is a 403 insufficient_scope', async () => {
		const { token } = await tokenWith(['kpi:write'])
		expect(authenticateApiToken(token, 'kpi:read')).toEqual({ ok: false, status: 403, reason: 'insufficient_scope' })
		const { res, body } = await call(usersLoader, apiRequest('/api/v1/users', `Bearer ${token}`))
		expect(res.status).toBe(403)
		expect(res.headers.get('WWW-Authenticate')).toContain('error="insufficient_scope", scope="users:read"')
		expect(body).toEqual({ error: { code: 'insufficient_scope', message: expect.stringContaining('users:read') } })
	})

	test('each use records lastUsedAt from the injected clock', async () => {
		const { id, token } = await tokenWith(['kpi:read'])
		expect(listApiTokens().find((t) => t.id === id)?.lastUsedAt).toBeNull()

		setClock(new Date('2026-03-02T09:00:00Z'))
		expect(authenticateApiToken(token, 'kpi:read')).toMatchObject({ ok: true })
		expect(listApiTokens()[0]?.lastUsedAt).toEqual(new Date('2026-03-02T09:00:00Z'))

		setClock(new Date('2026-03-05T10:30:00Z'))
		await meLoader(args(apiRequest('/api/v1/me', `Bearer ${token}`)))
		expect(listApiTokens()[0]?.lastUsedAt).toEqual(new Date('2026-03-05T10:30:00Z'))
	})

	test('a signed-in browser’s session cookie alone gets 401: cookies are never accepted', async () => {
		const hr = await hrAdmin()
		const cookie = await sessionCookieFor(hr.id)
		const { res, body } = await call(meLoader, getRequest('/api/v1/me', { cookie }))
		expect(res.status).toBe(401)
		expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="ascent"')
		expect(body).toMatchObject({ error: { code: 'unauthorized' } })
	})
})

describe('GET /api/v1/users', () => {
	test('lists people for a users:read token, filterable by email', async () => {
		const team = createTestTeam('east')
		const rep = await createTestUser({
			email: 'wang.fang@example.com',
			name: '王芳',
			teamId: team.id,
			hireDate: '2025-06-01',
		})
		const leaver = await createTestUser({ email: 'leaver@example.com', name: '离职者' })
		setUserActive(leaver.id, false, leaver.id)
		const { token } = await tokenWith(['users:read'])

		const { res, body } = await call(usersLoader, apiRequest('/api/v1/users', `Bearer ${token}`))
		expect(res.status).toBe(200)
		expect(res.headers.get('Content-Type')).toMatch(/application\/json/)
		expect(res.headers.get('Cache-Control')).toBe('no-store')
		const users = body.users as Array<Record<string, unknown>>
		expect(users).toHaveLength(3) // the rep, the leaver and the HR admin who made the token
		expect(users).toContainEqual({
			id: rep.id,
			email: 'wang.fang@example.com',
			name: '王芳',
			positionType: 'sales_rep',
			teamCode: 'east-team',
			hireDate: '2025-06-01',
			active: true,
		})
		expect(users.find((u) => u.id === leaver.id)).toMatchObject({ active: false, teamCode: null })
		for (const u of users) expect(Object.keys(u).sort()).toEqual(
			['active', 'email', 'hireDate', 'id', 'name', 'positionType', 'teamCode'],
		)

		const filtered = await call(
			usersLoader,
			apiRequest(`/api/v1/users?email=${encodeURIComponent(' Wang.Fang@Example.com ')}`, `Bearer ${token}`),
		)
		expect(filtered.body).toEqual({ users: [expect.objectContaining({ id: rep.id })] })

		const nobody = await call(usersLoader, apiRequest('/api/v1/users?email=nobody@example.com', `Bearer ${token}`))
		expect(nobody.body).toEqual({ users: [] })

		const invalid = await call(usersLoader, apiRequest('/api/v1/users?email=not-an-email', `Bearer ${token}`))
		expect(invalid.res.status).toBe(400)
		expect(invalid.body).toMatchObject({ error: { code: 'invalid_request' } })
	})

	test('other methods are 405 with Allow, but only after the token is checked', async () => {
		const { token } = await tokenWith(['users:read'])
		const post = (authorization?: string) =>
			apiRequest('/api/v1/users', authorization, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })

		const allowed = await call(usersAction, post(`Bearer ${token}`))
		expect(allowed.res.status).toBe(405)
		expect(allowed.res.headers.get('Allow')).toBe('GET')
		expect(allowed.body).toEqual({ error: { code: 'method_not_allowed', message: expect.stringContaining('POST') } })

		expect((await call(usersAction, post())).res.status).toBe(401)
		const me = await call(meAction, apiRequest('/api/v1/me', `Bearer ${token}`, { method: 'DELETE' }))
		expect(me.res.status).toBe(405)
	})
})

describe('/admin/tokens', () => {
	test('staff and managers get 403 from the loader and the action', async () => {
		const staff = await createTestUser({ roles: [] })
		const manager = await createTestUser({ roles: ['manager'] })
		for (const user of [staff, manager]) {
			const cookie = await sessionCookieFor(user.id)
			const loaded = (await settle(() => tokensLoader(args(getRequest('/admin/tokens', { cookie }))))) as Response
			expect(loaded.status).toBe(403)
			const posted = (await settle(() =>
				tokensAction(args(formRequest('/admin/tokens', { name: 'x', scopes: 'kpi:read', intent: 'create' }, { cookie }))),
			)) as Response
			expect(posted.status).toBe(403)
		}
		expect(db().select().from(apiTokens).all()).toHaveLength(0)
	})

	test('HR creates a token and sees the plaintext once; the list never includes it', async () => {
		const hr = await hrAdmin()
		const cookie = await sessionCookieFor(hr.id)
		const res = (await tokensAction(
			args(
				formRequest(
					'/admin/tokens',
					{ intent: 'create', name: ' 纷享销客 CRM ', scopes: ['users:read', 'kpi:write'] },
					{ cookie },
				),
			),
		)) as unknown as TokensActionData
		expect(new Headers(tokensHeaders({} as never)).get('Cache-Control')).toBe('no-store')
		const created = res.created!
		expect(created.name).toBe('纷享销客 CRM')
		expect(created.token).toMatch(/^asc_/)
		expect(authenticateApiToken(created.token, 'users:read')).toMatchObject({
			ok: true,
			token: { name: '纷享销客 CRM', scopes: ['kpi:write', 'users:read'], createdById: hr.id },
		})

		const listed = await tokensLoader(args(getRequest('/admin/tokens', { cookie })))
		expect(listed.tokens).toHaveLength(1)
		expect(JSON.stringify(listed)).not.toContain(created.token)
		expect(JSON.stringify(listed)).not.toContain(hashToken(created.token))
		expect(JSON.stringify(listApiTokens())).not.toContain(created.token)
	})

	test('a nameless or scopeless form is a 400 with field errors as i18n keys', async () => {
		const hr = await hrAdmin()
		const cookie = await sessionCookieFor(hr.id)
		const res = (await tokensAction(
			args(formRequest('/admin/tokens', { intent: 'create', name: '   ' }, { cookie })),
		)) as unknown as DataResult<TokensActionData>
		expect(res.init?.status).toBe(400)
		expect(res.data.created).toBeNull()
		expect(res.data.result.error).toMatchObject({ name: ['validation.tokenName'], scopes: ['validation.scopes'] })

		const tooLong = (await tokensAction(
			args(formRequest('/admin/tokens', { intent: 'create', name: '长'.repeat(61), scopes: 'root' }, { cookie })),
		)) as unknown as DataResult<TokensActionData>
		expect(tooLong.init?.status).toBe(400)
		expect(tooLong.data.result.error?.name).toEqual(['validation.tokenName'])
		expect(db().select().from(apiTokens).all()).toHaveLength(0)
	})

	test('HR revokes a token through the page; an unknown id is a 404', async () => {
		const hr = await hrAdmin()
		const cookie = await sessionCookieFor(hr.id)
		const { id, token } = createApiToken({ name: '旧机器人', scopes: ['bot:read'], createdById: hr.id })

		const res = (await settle(() =>
			tokensAction(args(formRequest('/admin/tokens', { intent: 'revoke', id: String(id) }, { cookie }))),
		)) as Response
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe('/admin/tokens')
		expect(res.headers.get('set-cookie')).toMatch(/^ascent_toast=/)
		expect(authenticateApiToken(token, 'bot:read')).toMatchObject({ ok: false, status: 401 })
		expect(db().select().from(auditLog).where(eq(auditLog.action, 'api_token.revoke')).get()).toMatchObject({
			actorId: hr.id,
			entityId: String(id),
		})

		const missing = (await settle(() =>
			tokensAction(args(formRequest('/admin/tokens', { intent: 'revoke', id: '9999' }, { cookie }))),
		)) as Response
		expect(missing.status).toBe(404)
		const garbage = (await settle(() =>
			tokensAction(args(formRequest('/admin/tokens', { intent: 'revoke', id: 'abc' }, { cookie }))),
		)) as Response
		expect(garbage.status).toBe(400)
	})
})
