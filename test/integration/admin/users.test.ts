import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { users } from '#db/schema/auth.ts'
import { loader as adminLoader } from '#app/routes/_shell.admin._index.tsx'
import { loader as usersLoader } from '#app/routes/_shell.admin.users._index.tsx'
import { action as newUserAction, loader as newUserLoader } from '#app/routes/_shell.admin.users.new.tsx'
import { action as editAction, loader as editLoader } from '#app/routes/_shell.admin.users.$userId.tsx'
import { attemptLogin } from '#app/modules/auth/login.server.ts'
import { findUserByEmail, rolesOf } from '#app/modules/auth/users.server.ts'
import { getSession } from '#app/utils/auth.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser, TEST_PASSWORD } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor, settle } from '#test/helpers/requests.ts'

const { db } = withFreshDatabase()

type DataResult = {
	type: 'DataWithResponseInit'
	data: { result: { error?: Record<string, string[] | null> } }
	init: ResponseInit
}

async function signedIn(roles: Array<'mentor' | 'manager' | 'hr_admin'>) {
	const user = await createTestUser({ roles })
	return { ...user, cookie: await sessionCookieFor(user.id) }
}

function userCount() {
	return db().select().from(users).all().length
}

function auditRows(action: string, entityId: number) {
	return db()
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))))
		.all()
}

const validNewUser = {
	email: 'zhang.wei@example.com',
	name: '张伟',
	positionType: 'sales_rep',
	teamId: '',
	hireDate: '2026-01-05',
	roles: ['mentor'],
	password: '',
}

async function create(cookie: string, fields: Record<string, string | string[]>) {
	return settle(() => newUserAction({ request: formRequest('/admin/users/new', fields, { cookie }), params: {}, context: {} }))
}

async function edit(cookie: string, userId: number, fields: Record<string, string | string[]>) {
	return settle(() =>
		editAction({
			request: formRequest(`/admin/users/${userId}`, fields, { cookie }),
			params: { userId: String(userId) },
			context: {},
		}),
	)
}

describe('who may open the people pages', () => {
	test('anonymous visitors are sent to log in; staff, mentors and managers get 403', async () => {
		const anonymous = (await settle(() =>
			usersLoader({ request: getRequest('/admin/users'), params: {}, context: {} }),
		)) as Response
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('location')).toBe('/login?redirectTo=%2Fadmin%2Fusers')

		for (const roles of [[], ['mentor'], ['manager']] as const) {
			const { cookie, id } = await signedIn([...roles])
			const request = () => getRequest('/admin/users', { cookie })
			expect(((await settle(() => usersLoader({ request: request(), params: {}, context: {} }))) as Response).status).toBe(403)
			expect(((await settle(() => adminLoader({ request: request(), params: {}, context: {} }))) as Response).status).toBe(403)
			expect(((await settle(() => newUserLoader({ request: request(), params: {}, context: {} }))) as Response).status).toBe(403)
			const editPage = await settle(() =>
				editLoader({ request: request(), params: { userId: String(id) }, context: {} }),
			)
			expect((editPage as Response).status).toBe(403)
		}
	})

	test('a staff member cannot create or change anyone through the actions either', async () => {
		const staff = await signedIn([])
		const before = userCount()
		expect(((await create(staff.cookie, validNewUser)) as Response).status).toBe(403)
		expect(userCount()).toBe(before)
		const res = (await edit(staff.cookie, staff.id, { intent: 'update', name: 'x', hireDate: '2025-01-01', roles: ['hr_admin'] })) as Response
		expect(res.status).toBe(403)
		expect(rolesOf(staff.id)).toEqual(['staff'])
	})
})

describe('the people list', () => {
	test('searches name and email and pages through the results', async () => {
		const hr = await signedIn(['hr_admin'])
		await createTestUser({ name: '王芳', email: 'wang.fang@example.com' })
		await createTestUser({ name: '李娜', email: 'li.na@example.com' })
		const list = async (query: string) =>
			usersLoader({ request: getRequest(`/admin/users${query}`, { cookie: hr.cookie }), params: {}, context: {} })

		const byName = await list('?q=王')
		expect(byName.rows.map((r) => r.email)).toEqual(['wang.fang@example.com'])
		const byEmail = await list('?q=LI.NA')
		expect(byEmail.rows.map((r) => r.name)).toEqual(['李娜'])
		expect(byEmail.rows[0]).toMatchObject({ active: true, roles: ['staff'] })

		for (let i = 0; i < 26; i++) await createTestUser({ name: `批量${String(i).padStart(2, '0')}`, password: null })
		const first = await list('?q=批量')
		expect(first).toMatchObject({ total: 26, pages: 2, page: 1 })
		expect(first.rows).toHaveLength(25)
		const second = await list('?q=批量&page=2')
		expect(second.rows.map((r) => r.name)).toEqual(['批量25'])
		// A broken page number falls back to the first page instead of failing.
		expect((await list('?page=abc')).page).toBe(1)
	})
})

describe('creating a person', () => {
	test('HR creates a person: the row exists, staff is implied, the audit row is written', async () => {
		const hr = await signedIn(['hr_admin'])
		const team = createTestTeam('east')
		const res = (await create(hr.cookie, {
			...validNewUser,
			email: ' Zhang.Wei@Example.com ',
			teamId: String(team.id),
			password: 'qingdao harbour 2026',
		})) as Response
		expect(res).toBeInstanceOf(Response)
		expect(res.status).toBe(302)

		const created = findUserByEmail('zhang.wei@example.com')!
		expect(created).toMatchObject({ name: '张伟', positionType: 'sales_rep', teamId: team.id, hireDate: '2026-01-05' })
		expect(res.headers.get('location')).toBe(`/admin/users/${created.id}`)
		expect(res.headers.get('set-cookie')).toMatch(/^ascent_toast=/)
		expect(rolesOf(created.id).sort()).toEqual(['mentor', 'staff'])

		const [audit] = auditRows('user.create', created.id)
		expect(audit).toMatchObject({ actorId: hr.id, entity: 'user' })
		expect(JSON.parse(audit!.data)).toMatchObject({ email: 'zhang.wei@example.com', roles: ['staff', 'mentor'] })

		expect(await attemptLogin({ email: 'zhang.wei@example.com', password: 'qingdao harbour 2026', ip: '198.51.100.20' })).toMatchObject({
			ok: true,
		})
	})

	test('without a password the person exists but cannot log in yet; no position and no team are allowed', async () => {
		const hr = await signedIn(['hr_admin'])
		const res = (await create(hr.cookie, { ...validNewUser, positionType: '', roles: [] })) as Response
		expect(res.status).toBe(302)
		const created = findUserByEmail(validNewUser.email)!
		expect(created).toMatchObject({ passwordHash: null, positionType: null, teamId: null })
		expect(rolesOf(created.id)).toEqual(['staff'])
	})

	test('a duplicate email is a 400 with a field error and no second row', async () => {
		const hr = await signedIn(['hr_admin'])
		await createTestUser({ email: 'zhang.wei@example.com' })
		const before = userCount()
		const res = (await create(hr.cookie, { ...validNewUser, email: 'ZHANG.WEI@example.com' })) as unknown as DataResult
		expect(res.init.status).toBe(400)
		expect(res.data.result.error?.email).toEqual(['validation.emailTaken'])
		expect(userCount()).toBe(before)
	})

	test('the hire date must be a real date and not after today in Shanghai', async () => {
		const hr = await signedIn(['hr_admin'])
		// 17:00 UTC on 2 March is already 3 March in Shanghai.
		setClock(new Date('2026-03-02T17:00:00Z'))
		const future = (await create(hr.cookie, { ...validNewUser, hireDate: '2026-03-04' })) as unknown as DataResult
		expect(future.init.status).toBe(400)
		expect(future.data.result.error?.hireDate).toEqual(['validation.dateInFuture'])

		const impossible = (await create(hr.cookie, { ...validNewUser, hireDate: '2026-02-30' })) as unknown as DataResult
		expect(impossible.init.status).toBe(400)
		expect(impossible.data.result.error?.hireDate).toEqual(['validation.date'])

		const missing = (await create(hr.cookie, { ...validNewUser, hireDate: '' })) as unknown as DataResult
		expect(missing.data.result.error?.hireDate).toEqual(['validation.required'])
		expect(findUserByEmail(validNewUser.email)).toBeUndefined()

		const today = (await create(hr.cookie, { ...validNewUser, hireDate: '2026-03-03' })) as Response
		expect(today.status).toBe(302)
	})

	test('other bad input gets field errors in i18n keys, and the password is not sent back', async () => {
		const hr = await signedIn(['hr_admin'])
		const res = (await create(hr.cookie, {
			email: 'not-an-email',
			name: '   ',
			positionType: 'ceo',
			teamId: '999',
			hireDate: '2026-01-05',
			roles: ['mentor', 'staff', 'root'],
			password: 'password',
		})) as unknown as DataResult & { data: { result: { initialValue?: Record<string, unknown> } } }
		expect(res.init.status).toBe(400)
		expect(res.data.result.error).toMatchObject({
			email: ['validation.email'],
			name: ['validation.required'],
			positionType: ['validation.position'],
			teamId: ['validation.team'],
			roles: ['validation.role'],
		})
		expect(res.data.result.initialValue?.password).toBeUndefined()
		expect(userCount()).toBe(1)
	})

	test('an initial password must meet the policy', async () => {
		const hr = await signedIn(['hr_admin'])
		const common = (await create(hr.cookie, { ...validNewUser, password: 'password123' })) as unknown as DataResult
		expect(common.data.result.error?.password).toEqual(['validation.passwordCommon'])
		const short = (await create(hr.cookie, { ...validNewUser, password: 'short' })) as unknown as DataResult
		expect(short.data.result.error?.password).toEqual(['validation.passwordTooShort'])
		const sameAsEmail = (await create(hr.cookie, { ...validNewUser, password: 'zhang.wei' })) as unknown as DataResult
		expect(sameAsEmail.data.result.error?.password).toEqual(['validation.passwordIsEmail'])
		expect(findUserByEmail(validNewUser.email)).toBeUndefined()
	})
})

describe('editing a person', () => {
	test('the edit page shows the person; an unknown id is a 404', async () => {
		const hr = await signedIn(['hr_admin'])
		const rep = await createTestUser({ name: '李娜', roles: ['mentor'] })
		const page = await editLoader({
			request: getRequest(`/admin/users/${rep.id}`, { cookie: hr.cookie }),
			params: { userId: String(rep.id) },
			context: {},
		})
		expect(page.user).toMatchObject({ id: rep.id, name: '李娜', active: true, hasPassword: true })
		expect(page.user).not.toHaveProperty('passwordHash')
		expect(page.isSelf).toBe(false)

		for (const userId of ['9999', 'abc', '1.5']) {
			const missing = (await settle(() =>
				editLoader({ request: getRequest(`/admin/users/${userId}`, { cookie: hr.cookie }), params: { userId }, context: {} }),
			)) as Response
			expect(missing.status).toBe(404)
		}
		const missingAction = (await settle(() =>
			editAction({
				request: formRequest('/admin/users/9999', { intent: 'reactivate' }, { cookie: hr.cookie }),
				params: { userId: '9999' },
				context: {},
			}),
		)) as Response
		expect(missingAction.status).toBe(404)
	})

	test('saving changes replaces the roles (staff stays) and is audited; the email does not change', async () => {
		const hr = await signedIn(['hr_admin'])
		const team = createTestTeam('east')
		const rep = await createTestUser({ email: 'rep@example.com', roles: ['mentor'] })
		const res = (await edit(hr.cookie, rep.id, {
			intent: 'update',
			email: 'hijack@example.com',
			name: '李娜（华东）',
			positionType: 'customer_success',
			teamId: String(team.id),
			hireDate: '2024-07-01',
			roles: 'manager',
		})) as Response
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe(`/admin/users/${rep.id}`)
		expect(rolesOf(rep.id).sort()).toEqual(['manager', 'staff'])
		expect(findUserByEmail('rep@example.com')).toMatchObject({
			name: '李娜（华东）',
			positionType: 'customer_success',
			teamId: team.id,
			hireDate: '2024-07-01',
		})
		expect(auditRows('user.update', rep.id)).toHaveLength(1)

		const none = (await edit(hr.cookie, rep.id, { intent: 'update', name: '李娜', hireDate: '2024-07-01' })) as Response
		expect(none.status).toBe(302)
		expect(rolesOf(rep.id)).toEqual(['staff'])
	})

	test('invalid changes are field errors and nothing is written', async () => {
		const hr = await signedIn(['hr_admin'])
		const rep = await createTestUser({ name: '李娜', roles: ['mentor'] })
		const res = (await edit(hr.cookie, rep.id, {
			intent: 'update',
			name: '李娜',
			hireDate: '2999-01-01',
			roles: ['mentor', 'owner'],
		})) as unknown as DataResult & { data: { intent: string } }
		expect(res.init.status).toBe(400)
		expect(res.data.intent).toBe('update')
		expect(res.data.result.error).toMatchObject({ hireDate: ['validation.dateInFuture'], roles: ['validation.role'] })
		expect(rolesOf(rep.id).sort()).toEqual(['mentor', 'staff'])
		expect(auditRows('user.update', rep.id)).toHaveLength(0)
	})

	test('an unknown intent is a 400', async () => {
		const hr = await signedIn(['hr_admin'])
		const rep = await createTestUser()
		const res = (await edit(hr.cookie, rep.id, { intent: 'delete' })) as Response
		expect(res.status).toBe(400)
	})

	test('deactivating ends the person’s sessions at once and blocks login; reactivating lets them back', async () => {
		const hr = await signedIn(['hr_admin'])
		const rep = await createTestUser({ name: '李娜' })
		const repCookie = await sessionCookieFor(rep.id)
		expect(await getSession(getRequest('/', { cookie: repCookie }))).not.toBeNull()

		const res = (await edit(hr.cookie, rep.id, { intent: 'deactivate' })) as Response
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe(`/admin/users/${rep.id}`)
		expect(await getSession(getRequest('/', { cookie: repCookie }))).toBeNull()
		expect(await attemptLogin({ email: rep.email, password: TEST_PASSWORD, ip: '198.51.100.21' })).toEqual({
			ok: false,
			reason: 'invalid',
		})
		expect(auditRows('user.deactivate', rep.id)).toMatchObject([{ actorId: hr.id }])
		const list = await usersLoader({ request: getRequest('/admin/users?q=李娜', { cookie: hr.cookie }), params: {}, context: {} })
		expect(list.rows[0]).toMatchObject({ id: rep.id, active: false })

		expect(((await edit(hr.cookie, rep.id, { intent: 'reactivate' })) as Response).status).toBe(302)
		expect(auditRows('user.reactivate', rep.id)).toHaveLength(1)
		expect(await attemptLogin({ email: rep.email, password: TEST_PASSWORD, ip: '198.51.100.21' })).toMatchObject({ ok: true })
	})

	test('HR cannot deactivate themselves', async () => {
		const hr = await signedIn(['hr_admin'])
		const res = (await edit(hr.cookie, hr.id, { intent: 'deactivate' })) as unknown as DataResult & { data: { intent: string } }
		expect(res.init.status).toBe(400)
		expect(res.data.intent).toBe('deactivate')
		expect(res.data.result.error?.['']).toEqual(['admin.cannotDeactivateSelf'])
		expect(await getSession(getRequest('/', { cookie: hr.cookie }))).not.toBeNull()
		expect(findUserByEmail(hr.email)?.deactivatedAt).toBeNull()
		expect(auditRows('user.deactivate', hr.id)).toHaveLength(0)
	})

	test('HR cannot remove their own admin role, but may change their other roles', async () => {
		const hr = await signedIn(['hr_admin'])
		const profile = { intent: 'update', name: '周敏', positionType: '', teamId: '', hireDate: '2024-03-01' }
		const res = (await edit(hr.cookie, hr.id, { ...profile, roles: ['mentor'] })) as unknown as DataResult
		expect(res.init.status).toBe(400)
		expect(res.data.result.error?.roles).toEqual(['admin.cannotRemoveOwnAdmin'])
		expect(rolesOf(hr.id).sort()).toEqual(['hr_admin', 'staff'])

		expect(((await edit(hr.cookie, hr.id, { ...profile, roles: ['hr_admin', 'mentor'] })) as Response).status).toBe(302)
		expect(rolesOf(hr.id).sort()).toEqual(['hr_admin', 'mentor', 'staff'])
	})

	test('setting a password signs the person out everywhere and the new password works', async () => {
		const hr = await signedIn(['hr_admin'])
		const rep = await createTestUser()
		const repCookie = await sessionCookieFor(rep.id)

		const weak = (await edit(hr.cookie, rep.id, { intent: 'setPassword', password: '12345678' })) as unknown as DataResult
		expect(weak.init.status).toBe(400)
		expect(weak.data.result.error?.password).toEqual(['validation.passwordCommon'])
		expect(await getSession(getRequest('/', { cookie: repCookie }))).not.toBeNull()

		const res = (await edit(hr.cookie, rep.id, { intent: 'setPassword', password: 'hangzhou west lake' })) as Response
		expect(res.status).toBe(302)
		expect(await getSession(getRequest('/', { cookie: repCookie }))).toBeNull()
		expect(await attemptLogin({ email: rep.email, password: 'hangzhou west lake', ip: '198.51.100.22' })).toMatchObject({ ok: true })
		expect(auditRows('user.password', rep.id)).toMatchObject([{ actorId: hr.id }])
	})
})
