import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { examAttemptGrants } from '#db/schema/exams.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { getExam, startAttempt, submitAttempt } from '#app/modules/exams/attempts.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { action as grantAction, loader as grantLoader } from '#app/routes/_shell.team_.$userId.exams.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { answerWrites } from '#test/helpers/exams.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, outcome } from '../learning/helpers.ts'

const { db } = withFreshDatabase()
const DAY = 86_400_000

/** A new hire who failed canary (2 attempts, 24 h cooldown) twice: no attempts left. */
async function setUp() {
	const t0 = new Date('2026-11-20T02:00:00Z')
	setClock(t0)
	await syncContent({ root: 'test/fixtures/content', db: db() })
	const manager = await createTestUser({ roles: ['manager'] })
	const team = createTestTeam('east', manager.id)
	const person = await createTestUser({ teamId: team.id, hireDate: '2026-11-10', name: '重考者' })
	const otherManager = await createTestUser({ roles: ['manager'] })
	createTestTeam('west', otherManager.id)
	const exam = getExam('canary')!
	for (const day of [0, 2]) {
		const at = new Date(t0.getTime() + day * DAY)
		setClock(at)
		const started = startAttempt(person.id, exam, at)
		if (!started.ok) throw new Error(started.reason)
		submitAttempt(started.attemptId, person.id, { writes: answerWrites(started.attemptId, false) }, at)
	}
	setClock(new Date(t0.getTime() + 5 * DAY))
	return {
		person,
		managerId: manager.id,
		cookies: {
			manager: await sessionCookieFor(manager.id),
			otherManager: await sessionCookieFor(otherManager.id),
			person: await sessionCookieFor(person.id),
		},
	}
}

const path = (userId: number) => `/team/${userId}/exams`

describe('one more attempt, granted by the manager', () => {
	test('the manager sees that attempts are used up; the person and another team’s manager get 403', async () => {
		const { person, cookies } = await setUp()
		const page = await outcome(() => grantLoader(args(getRequest(path(person.id), { cookie: cookies.manager }), { userId: String(person.id) })))
		if (page.status !== 200 || !('body' in page)) throw new Error(`status ${page.status}`)
		expect(page.body.exams.find((e) => e.slug === 'canary')).toMatchObject({ attemptsUsed: 2, maxAttempts: 2, state: { kind: 'no_attempts_left' } })
		for (const cookie of [cookies.person, cookies.otherManager]) {
			const refused = await outcome(() => grantLoader(args(getRequest(path(person.id), { cookie }), { userId: String(person.id) })))
			expect(refused.status).toBe(403)
			const posted = await outcome(() =>
				grantAction(args(formRequest(path(person.id), { exam: 'canary', reason: '补考一次，已复习' }, { cookie }), { userId: String(person.id) })),
			)
			expect(posted.status).toBe(403)
		}
		expect(db().select().from(examAttemptGrants).all()).toHaveLength(0)
	})

	test('a missing reason is refused at its field and nothing is written', async () => {
		const { person, cookies } = await setUp()
		const result = await grantAction(args(formRequest(path(person.id), { exam: 'canary', reason: '短' }, { cookie: cookies.manager }), { userId: String(person.id) }))
		const { data, init } = result as unknown as { data: { result: { error: Record<string, string[]> } }; init: ResponseInit }
		expect(init.status).toBe(400)
		expect(data.result.error.reason).toEqual(['exams.grant.reasonTooShort'])
		expect(db().select().from(examAttemptGrants).all()).toHaveLength(0)
	})

	test('granted: audited, the person can start attempt 3; a second grant while it is unused is refused', async () => {
		const { person, cookies, managerId } = await setUp()
		const request = () =>
			formRequest(path(person.id), { exam: 'canary', reason: '已重新学习产品课程，申请补考' }, { cookie: cookies.manager })
		const granted = await outcome(() => grantAction(args(request(), { userId: String(person.id) })))
		expect(granted.status).toBe(302)
		expect(db().select().from(examAttemptGrants).all()).toMatchObject([{ userId: person.id, grantedBy: managerId }])
		const audit = db().select().from(auditLog).where(eq(auditLog.action, 'exam.attempt_granted')).all()
		expect(audit).toHaveLength(1)
		expect(JSON.parse(audit[0]!.data)).toMatchObject({ exam: 'canary', before: 2, after: 3 })

		const again = await grantAction(args(request(), { userId: String(person.id) }))
		expect((again as unknown as { init: ResponseInit }).init.status).toBe(409)
		expect(db().select().from(examAttemptGrants).all()).toHaveLength(1)

		const third = startAttempt(person.id, getExam('canary')!)
		expect(third).toMatchObject({ ok: true })
		const fourth = third.ok ? submitAttempt(third.attemptId, person.id) : null
		expect(fourth).toEqual({ ok: true })
		expect(startAttempt(person.id, getExam('canary')!)).toMatchObject({ ok: false })
	})
})
