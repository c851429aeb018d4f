import { eq, like } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { tierOverrides } from '#db/schema/learning.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { tierStateFor } from '#app/modules/learning/tier-state.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { loader as lessonLoader } from '#app/routes/_shell.tracks.$track.$lesson.tsx'
import { action as overrideAction, loader as overrideLoader } from '#app/routes/_shell.team_.$userId.tier.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, outcome } from './helpers.ts'

const { db } = withFreshDatabase()

async function setUp() {
	setClock(new Date('2026-11-20T02:00:00Z'))
	await syncContent({ root: 'test/fixtures/content', db: db() })
	const manager = await createTestUser({ roles: ['manager'], name: '王经理' })
	const team = createTestTeam('east', manager.id)
	const person = await createTestUser({ teamId: team.id, hireDate: '2026-11-10', name: '小新' })
	const otherManager = await createTestUser({ roles: ['manager'] })
	createTestTeam('west', otherManager.id)
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null })
	const colleague = await createTestUser({ teamId: team.id })
	return {
		person,
		cookies: {
			manager: await sessionCookieFor(manager.id),
			otherManager: await sessionCookieFor(otherManager.id),
			hr: await sessionCookieFor(hr.id),
			staff: await sessionCookieFor(colleague.id),
			person: await sessionCookieFor(person.id),
		},
		managerId: manager.id,
		hrId: hr.id,
	}
}

const path = (userId: number) => `/team/${userId}/tier`
const post = (cookie: string, userId: number, fields: Record<string, string>) =>
	outcome(() => overrideAction(args(formRequest(path(userId), fields, { cookie }), { userId: String(userId) })))
const view = (cookie: string, userId: number) => outcome(() => overrideLoader(args(getRequest(path(userId), { cookie }), { userId: String(userId) })))
const overrideAudits = () =>
	db()
		.select()
		.from(auditLog)
		.where(like(auditLog.action, 'learning.tier_override%'))
		.orderBy(auditLog.id)
		.all()
		.map((row) => ({ action: row.action, actorId: row.actorId, entityId: row.entityId, data: JSON.parse(row.data) as unknown }))

type FieldErrors = { result: { error?: Record<string, string[] | null> } }
const fieldErrors = (o: Awaited<ReturnType<typeof post>>) => ('body' in o ? (o.body as unknown as { data: FieldErrors }).data.result.error : undefined)

describe('/team/:userId/tier', () => {
	test('only the person’s own manager or HR may see or change it; staff, other managers and the person get 403', async () => {
		const { person, cookies, managerId } = await setUp()
		const reason = { intent: 'set', tier: 'intermediate', reason: '提前完成全部产品培训' }
		for (const cookie of [cookies.otherManager, cookies.staff, cookies.person]) {
			expect((await view(cookie, person.id)).status).toBe(403)
			expect((await post(cookie, person.id, reason)).status).toBe(403)
		}
		// A manager cannot raise their own tier either.
		expect((await post(cookies.manager, managerId, reason)).status).toBe(403)
		expect(db().select().from(tierOverrides).all()).toEqual([])
		expect(overrideAudits()).toEqual([])

		const page = await view(cookies.manager, person.id)
		expect(page.status).toBe(200)
		expect('body' in page && page.body).toMatchObject({ person: { name: '小新' }, current: 'new', override: null })
		expect((await view(cookies.hr, person.id)).status).toBe(200)
		expect((await view(cookies.hr, 999_999)).status).toBe(404)
		expect((await outcome(() => overrideLoader(args(getRequest('/team/x/tier'), { userId: String(person.id) })))).status).toBe(302)
	})

	test('a missing, short or over-long reason or no tier is a field error and nothing is written', async () => {
		const { person, cookies } = await setUp()
		const cases: Array<[Record<string, string>, string, string]> = [
			[{ intent: 'set', tier: 'intermediate', reason: '' }, 'reason', 'learning.override.reasonTooShort'],
			[{ intent: 'set', tier: 'intermediate', reason: ' 太短了 ' }, 'reason', 'learning.override.reasonTooShort'],
			[{ intent: 'set', tier: 'intermediate', reason: '长'.repeat(501) }, 'reason', 'learning.override.reasonTooLong'],
			[{ intent: 'set', tier: '', reason: '提前完成全部产品培训' }, 'tier', 'learning.override.tierRequired'],
			[{ intent: 'set', tier: 'expert', reason: '提前完成全部产品培训' }, 'tier', 'learning.override.tierRequired'],
		]
		for (const [fields, field, key] of cases) {
			const result = await post(cookies.manager, person.id, fields)
			expect(result.status, JSON.stringify(fields).slice(0, 80)).toBe(200)
			expect((result as { body: { init: ResponseInit } }).body.init.status).toBe(400)
			expect(fieldErrors(result)?.[field]).toEqual([key])
		}
		expect(db().select().from(tierOverrides).all()).toEqual([])
		expect(overrideAudits()).toEqual([])
		expect(tierStateFor(person.id).current).toBe('new')
	})

	test('setting up opens the tier for the person at once; clearing returns them; both audited with before, after and reason', async () => {
		const { person, cookies, managerId, hrId } = await setUp()
		const set = await post(cookies.manager, person.id, { intent: 'set', tier: 'intermediate', reason: '  有三年同行业经验  ' })
		expect(set.status).toBe(302)
		expect('response' in set && set.response.headers.get('location')).toBe(path(person.id))
		expect(tierStateFor(person.id).current).toBe('intermediate')
		expect(db().select().from(tierOverrides).where(eq(tierOverrides.userId, person.id)).get()).toMatchObject({
			tier: 'intermediate',
			reason: '有三年同行业经验',
			setBy: managerId,
		})
		const lesson = await outcome(() =>
			lessonLoader(args(getRequest('/tracks/intermediate/ka-basics', { cookie: cookies.person }), { track: 'intermediate', lesson: 'ka-basics' })),
		)
		expect(lesson.status).toBe(200)

		// Down again, by HR this time.
		expect((await post(cookies.hr, person.id, { intent: 'set', tier: 'new', reason: '产品考试需重新准备' })).status).toBe(302)
		const page = await view(cookies.manager, person.id)
		expect('body' in page && page.body).toMatchObject({
			current: 'new',
			override: { tier: 'new', reason: '产品考试需重新准备', setByName: expect.any(String) },
		})

		expect((await post(cookies.manager, person.id, { intent: 'clear', reason: '恢复按司龄计算' })).status).toBe(302)
		expect(db().select().from(tierOverrides).all()).toEqual([])
		// Clearing twice is a form error, not a second audit row.
		const again = await post(cookies.manager, person.id, { intent: 'clear', reason: '恢复按司龄计算' })
		expect((again as { body: { data: { result: { error?: Record<string, string[]> } } } }).body.data.result.error?.['']).toEqual([
			'learning.override.nothingToClear',
		])

		expect(overrideAudits()).toEqual([
			{
				action: 'learning.tier_override_set',
				actorId: managerId,
				entityId: String(person.id),
				data: { before: null, after: { tier: 'intermediate', reason: '有三年同行业经验' }, reason: '有三年同行业经验' },
			},
			{
				action: 'learning.tier_override_set',
				actorId: hrId,
				entityId: String(person.id),
				data: {
					before: { tier: 'intermediate', reason: '有三年同行业经验' },
					after: { tier: 'new', reason: '产品考试需重新准备' },
					reason: '产品考试需重新准备',
				},
			},
			{
				action: 'learning.tier_override_cleared',
				actorId: managerId,
				entityId: String(person.id),
				data: { before: { tier: 'new', reason: '产品考试需重新准备' }, after: null, reason: '恢复按司龄计算' },
			},
		])
	})
})
