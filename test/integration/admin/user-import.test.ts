import fs from 'node:fs'
import path from 'node:path'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { asc, eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { userRoles, users } from '#db/schema/auth.ts'
import { verifyAuditChain } from '#app/modules/audit/audit.server.ts'
import { importUsers } from '#app/modules/auth/user-import.server.ts'
import { action as importAction, loader as importLoader } from '#app/routes/_shell.admin.users.import.tsx'
import { loader as templateLoader } from '#app/routes/_shell.admin.users.template[.csv].ts'
import { setClock } from '#app/utils/clock.server.ts'
import { UPLOAD_MAX_BYTES } from '#app/utils/http.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { getRequest, ORIGIN, sessionCookieFor, settle } from '#test/helpers/requests.ts'

const { db } = withFreshDatabase()

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('test/fixtures', name)))

function uploadRequest(bytes: Uint8Array<ArrayBuffer>, cookie: string, filename = 'people.csv') {
	const form = new FormData()
	form.append('file', new File([bytes], filename, { type: 'text/csv' }))
	return new Request(`${ORIGIN}/admin/users/import`, { method: 'POST', headers: { cookie, origin: ORIGIN }, body: form })
}

type ProblemsResult = { type: 'DataWithResponseInit'; data: { problems: Array<{ line: number; column: string; key: string }> }; init: ResponseInit }

const userCount = () => db().select({ n: sql<number>`count(*)` }).from(users).get()!.n
const auditCount = () => db().select({ n: sql<number>`count(*)` }).from(auditLog).get()!.n

async function setup() {
	setClock(new Date('2026-03-02T02:00:00Z'))
	const team = createTestTeam('east')
	const hr = await createTestUser({ email: 'hr@example.com', roles: ['hr_admin'] })
	await createTestUser({ email: 'taken@example.com' })
	return { team, hr }
}

describe('importUsers', () => {
	test('a good GB18030 file creates everyone, without a password, with staff role and audit rows', async () => {
		const { team, hr } = await setup()
		const bytes = fixture('users-gb18030.csv')
		const before = { users: userCount(), audit: auditCount() }

		expect(importUsers(bytes, hr.id)).toEqual({ ok: true, count: 3 })

		expect(userCount()).toBe(before.users + 3)
		const imported = db()
			.select()
			.from(users)
			.where(sql`${users.email} in ('wang.fang@example.com', 'zhao.yan@example.com', 'chen.jie@example.com')`)
			.orderBy(asc(users.id))
			.all()
		expect(imported.map((u) => [u.email, u.name, u.positionType, u.teamId, u.hireDate, u.passwordHash])).toEqual([
			['wang.fang@example.com', '王芳', 'sales_rep', team.id, '2025-01-06', null],
			['zhao.yan@example.com', '赵䶮', 'marketing', team.id, '2024-07-01', null],
			['chen.jie@example.com', '陈杰', 'customer_success', null, '2023-11-20', null],
		])
		const rolesOf = (id: number) =>
			db().select().from(userRoles).where(eq(userRoles.userId, id)).all().map((r) => r.role).sort()
		expect(rolesOf(imported[0]!.id)).toEqual(['staff'])
		expect(rolesOf(imported[1]!.id)).toEqual(['manager', 'mentor', 'staff'])

		const audit = db().select().from(auditLog).orderBy(asc(auditLog.id)).all().slice(before.audit)
		expect(audit.map((a) => [a.action, a.actorId])).toEqual([
			['user.create', hr.id],
			['user.create', hr.id],
			['user.create', hr.id],
			['user.import', hr.id],
		])
		expect(JSON.parse(audit[3]!.data)).toEqual({ count: 3, sha256: encodeHexLowerCase(sha256(bytes)) })
		expect(verifyAuditChain()).toBeNull()
	})

	test('a file with planted errors lists every one with line and column and writes nothing', async () => {
		const { hr } = await setup()
		const before = { users: userCount(), audit: auditCount() }

		const outcome = importUsers(fixture('users-errors.csv'), hr.id)

		expect(outcome.ok).toBe(false)
		const problems = outcome.ok ? [] : outcome.problems
		expect(problems.map((p) => [p.line, p.column, p.key])).toEqual([
			[4, '邮箱', 'import.errors.email'],
			[5, '团队', 'import.errors.team'],
			[6, '入职日期', 'import.errors.date'],
			[7, '邮箱', 'import.errors.duplicateInFile'],
			[8, '邮箱', 'import.errors.emailTaken'],
			[9, '角色', 'import.errors.role'],
			[10, '姓名', 'import.errors.required'],
			[10, '岗位', 'import.errors.position'],
			[10, '入职日期', 'import.errors.date'],
			[10, '角色', 'import.errors.role'],
		])
		expect(userCount()).toBe(before.users)
		expect(auditCount()).toBe(before.audit)
		// The valid row on line 2 was not written either.
		expect(db().select().from(users).where(eq(users.email, 'good.one@example.com')).get()).toBeUndefined()
	})
})

describe('/admin/users/import', () => {
	test('HR uploads a good file and lands on the people list with a toast', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const res = (await settle(() =>
			importAction({ request: uploadRequest(fixture('users-gb18030.csv'), cookie), params: {}, context: {} }),
		)) as Response
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe('/admin/users')
		expect(res.headers.get('set-cookie')).toMatch(/^ascent_toast=/)
		expect(db().select().from(users).where(eq(users.email, 'wang.fang@example.com')).get()).toBeDefined()
	})

	test('a bad file answers 400 with every problem', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const before = userCount()
		const res = (await importAction({
			request: uploadRequest(fixture('users-errors.csv'), cookie),
			params: {},
			context: {},
		})) as unknown as ProblemsResult
		expect(res.init.status).toBe(400)
		expect(res.data.problems).toHaveLength(10)
		expect(res.data.problems[0]).toMatchObject({ line: 4, column: '邮箱', key: 'import.errors.email' })
		expect(userCount()).toBe(before)
	})

	test('staff get 403 from the page, the upload and the template, and nothing is written', async () => {
		await setup()
		const staff = await createTestUser({ roles: ['staff', 'manager'] })
		const cookie = await sessionCookieFor(staff.id)
		const before = userCount()
		const upload = (await settle(() =>
			importAction({ request: uploadRequest(fixture('users-gb18030.csv'), cookie), params: {}, context: {} }),
		)) as Response
		expect(upload.status).toBe(403)
		const page = (await settle(() =>
			importLoader({ request: getRequest('/admin/users/import', { cookie }), params: {}, context: {} }),
		)) as Response
		expect(page.status).toBe(403)
		const template = (await settle(() =>
			templateLoader({ request: getRequest('/admin/users/template.csv', { cookie }), params: {}, context: {} }),
		)) as Response
		expect(template.status).toBe(403)
		expect(userCount()).toBe(before)
	})

	test('a body that is not multipart is a 400 with a reason; an oversized file is a 413', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const urlencoded = new Request(`${ORIGIN}/admin/users/import`, {
			method: 'POST',
			headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'file=abc',
		})
		const bad = (await settle(() => importAction({ request: urlencoded, params: {}, context: {} }))) as Response
		expect(bad.status).toBe(400)
		expect(await bad.text()).toMatch(/multipart/)

		const big = new Uint8Array(UPLOAD_MAX_BYTES + 1).fill(0x41)
		const tooBig = (await settle(() => importAction({ request: uploadRequest(big, cookie), params: {}, context: {} }))) as Response
		expect(tooBig.status).toBe(413)
	})

	test('the template downloads as a UTF-8 CSV with BOM and Chinese headers, and imports cleanly', async () => {
		const { hr, team } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const res = (await templateLoader({
			request: getRequest('/admin/users/template.csv', { cookie }),
			params: {},
			context: {},
		})) as Response
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.csv"/)
		const bytes = new Uint8Array(await res.arrayBuffer())
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const text = new TextDecoder().decode(bytes)
		expect(text.split('\r\n')[0]).toBe('邮箱,姓名,岗位,团队,入职日期,角色')
		expect(text).toContain(team.code)
		expect(importUsers(bytes, hr.id)).toEqual({ ok: true, count: 2 })
	})
})
