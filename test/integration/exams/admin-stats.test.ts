import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { attemptQuestions, examQuestions } from '#db/schema/exams.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { getExam, recordFocusLoss, startAttempt, submitAttempt } from '#app/modules/exams/attempts.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { loader as detailLoader } from '#app/routes/_shell.admin.exams.$exam.tsx'
import { loader as indexLoader } from '#app/routes/_shell.admin.exams._index.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { getRequest, sessionCookieFor, settle } from '#test/helpers/requests.ts'
import { answerWrites as answersFor } from '#test/helpers/exams.ts'

const { db } = withFreshDatabase()

const T0 = new Date('2026-11-27T02:00:00Z')
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000)

type Index = Awaited<ReturnType<typeof indexLoader>>
type Detail = Awaited<ReturnType<typeof detailLoader>>


function drawnKeys(attemptId: number): string[] {
	return db()
		.select({ key: examQuestions.key })
		.from(attemptQuestions)
		.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
		.where(eq(attemptQuestions.attemptId, attemptId))
		.all()
		.map((r) => r.key)
}

type Taker = { id: number; name: string; team: 'east' | 'south'; right: boolean; attemptId: number; keys: string[] }

/**
 * Two teams take the canary exam: east has 12 people, south 8. Half of each team answer every
 * question right (100, passed, cleared for duty), the other half every question wrong (0).
 * One east person left the exam page twice.
 */
async function scenario() {
	setClock(T0)
	await syncContent({ root: 'test/fixtures/content', db: db() })
	const exam = getExam('canary')!
	const hr = await createTestUser({ name: '人事', roles: ['hr_admin'] })
	const eastManager = await createTestUser({ name: '东区经理', roles: ['manager'] })
	const southManager = await createTestUser({ name: '南区经理', roles: ['manager'] })
	const staff = await createTestUser({ name: '普通员工' })
	const east = createTestTeam('east', eastManager.id)
	const south = createTestTeam('south', southManager.id)

	const takers: Taker[] = []
	const plan = [
		...Array.from({ length: 12 }, (_, i) => ({ team: 'east' as const, name: `东${i + 1}`, right: i < 6 })),
		...Array.from({ length: 8 }, (_, i) => ({ team: 'south' as const, name: `南${i + 1}`, right: i < 4 })),
	]
	for (const [i, p] of plan.entries()) {
		const user = await createTestUser({ name: p.name, teamId: (p.team === 'east' ? east : south).id, hireDate: '2026-11-02' })
		const started = startAttempt(user.id, exam, minutes(i))
		if (!started.ok) throw new Error(`start refused: ${started.reason}`)
		if (p.name === '东7') {
			recordFocusLoss(started.attemptId, user.id, 5_000, minutes(i + 1))
			recordFocusLoss(started.attemptId, user.id, null, minutes(i + 2))
		}
		expect(submitAttempt(started.attemptId, user.id, { writes: answersFor(started.attemptId, p.right) }, minutes(i + 5))).toEqual({ ok: true })
		takers.push({ id: user.id, name: p.name, team: p.team, right: p.right, attemptId: started.attemptId, keys: drawnKeys(started.attemptId) })
	}
	const as = async (userId: number, path: string) => getRequest(path, { cookie: await sessionCookieFor(userId) })
	const index = async (userId: number) => (await indexLoader({ request: await as(userId, '/admin/exams'), params: {}, context: {} })) as Index
	const detail = async (userId: number, slug = 'canary') =>
		(await detailLoader({ request: await as(userId, `/admin/exams/${slug}`), params: { exam: slug }, context: {} })) as Detail
	return { hr, eastManager, southManager, staff, takers, as, index, detail }
}

/** What the question table should say, tallied from the attempts themselves (not from the stats code). */
function expectedQuestionRows(takers: readonly Taker[]) {
	return ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((key) => {
		const drew = takers.filter((t) => t.keys.includes(key))
		const n = drew.length
		const right = drew.filter((t) => t.right).length
		// Right answerers score 100 and wrong ones 0, so the upper 27 % holds the right answerers first.
		const g = Math.round(0.27 * n)
		const discrimination = n < 10 ? null : Math.min(right, g) / g - (g - Math.min(n - right, g)) / g
		return { key, shown: n, correct: right, correctRate: n ? right / n : null, discrimination }
	})
}

describe('/admin/exams analytics', () => {
	test('HR sees every attempt: pass rate, mean, distribution and cleared-for-duty counts', async () => {
		const { hr, takers, index, detail } = await scenario()

		const overview = await index(hr.id)
		const canary = overview.exams.find((e) => e.slug === 'canary')!
		expect(canary).toMatchObject({ attempts: 20, people: 20, passed: 10, passRate: 0.5, meanScore: 50 })
		expect(overview.clearance.cleared).toBe(10)

		const page = await detail(hr.id)
		expect(page.summary).toMatchObject({ attempts: 20, passRate: 0.5, meanScore: 50, medianScore: 50 })
		expect(page.distribution[0]).toMatchObject({ from: 0, to: 9, count: 10 })
		expect(page.distribution[9]).toMatchObject({ from: 90, to: 100, count: 10 })
		expect(page.distribution.slice(1, 9).every((b) => b.count === 0)).toBe(true)

		expect(page.attempts.total).toBe(20)
		expect(page.attempts.rows.map((r) => r.name).sort()).toEqual(takers.map((t) => t.name).sort())
		// Newest first.
		expect(page.attempts.rows[0]!.name).toBe('南8')
		const away = page.attempts.rows.find((r) => r.name === '东7')!
		expect(away).toMatchObject({ focusLosses: 2, score: 0, passed: false, closedBy: 'submit', teamZh: '华东销售团队' })
		expect(away.focusEvents.map((e) => e.awayMs)).toEqual([5_000, null])
		expect(page.attempts.rows.filter((r) => r.name !== '东7').every((r) => r.focusLosses === 0)).toBe(true)

		expect(page.clearance!.cleared).toBe(10)
		expect(page.clearance!.list.map((p) => p.name).sort()).toEqual(
			takers
				.filter((t) => t.right)
				.map((t) => t.name)
				.sort(),
		)
		expect(page.clearance!.list.every((p) => p.clearedOn === '2026-11-27')).toBe(true)
	})

	test('per-question shown, % correct and discrimination match the attempts taken', async () => {
		const { hr, takers, detail } = await scenario()
		const page = await detail(hr.id)
		const expected = expectedQuestionRows(takers)
		// 40 alpha draws over 3 questions: at least one has ≥ 10 takers, so an index is really computed.
		expect(expected.some((e) => e.discrimination !== null)).toBe(true)
		expect(page.questions.map((q) => q.key)).toEqual(expected.map((e) => e.key))
		for (const want of expected) {
			const got = page.questions.find((q) => q.key === want.key)!
			expect(got.shown, want.key).toBe(want.shown)
			expect(got.correct, want.key).toBe(want.correct)
			expect(got.correctRate, want.key).toBe(want.correctRate)
			expect(got.exposureRate, want.key).toBe(want.shown / 20)
			if (want.discrimination === null) expect(got.discrimination, want.key).toBeNull()
			else expect(got.discrimination, want.key).toBeCloseTo(want.discrimination, 10)
		}
		// Four questions per attempt, 20 attempts.
		expect(page.questions.reduce((sum, q) => sum + q.shown, 0)).toBe(80)
		expect(page.questions.find((q) => q.key === 'a1')!.excerpt).toBe('甲类第一题：哪一个是正确选项？')
	})

	test('a manager sees only their team’s attempts, people and clearances', async () => {
		const { eastManager, takers, index, detail } = await scenario()
		const east = takers.filter((t) => t.team === 'east')

		const overview = await index(eastManager.id)
		expect(overview.teamSize).toBe(12)
		expect(overview.exams.find((e) => e.slug === 'canary')).toMatchObject({ attempts: 12, people: 12, passRate: 0.5 })
		expect(overview.clearance).toEqual({ people: 12, cleared: 6, list: expect.any(Array) })

		const page = await detail(eastManager.id)
		expect(page.summary.attempts).toBe(12)
		const names = page.attempts.rows.map((r) => r.name)
		expect(names.sort()).toEqual(east.map((t) => t.name).sort())
		expect(names).not.toContain('南1')
		expect(page.attempts.rows.find((r) => r.name === '东7')!.focusLosses).toBe(2)
		expect(page.clearance!.list.map((p) => p.name).sort()).toEqual(['东1', '东2', '东3', '东4', '东5', '东6'])
		// Item analysis over the team's attempts only.
		const expected = expectedQuestionRows(east)
		for (const want of expected) expect(page.questions.find((q) => q.key === want.key)!.shown, want.key).toBe(want.shown)
		expect(page.questions.reduce((sum, q) => sum + q.shown, 0)).toBe(48)
	})

	test('staff get 403; an unknown exam is 404; no answer or explanation reaches the page', async () => {
		const { staff, hr, as, detail } = await scenario()
		const forbidden = await settle(async () => indexLoader({ request: await as(staff.id, '/admin/exams'), params: {}, context: {} }))
		expect((forbidden as Response).status).toBe(403)
		const forbiddenDetail = await settle(async () =>
			detailLoader({ request: await as(staff.id, '/admin/exams/canary'), params: { exam: 'canary' }, context: {} }),
		)
		expect((forbiddenDetail as Response).status).toBe(403)

		expect(((await settle(() => detail(hr.id, 'no-such-exam'))) as Response).status).toBe(404)
		expect(((await settle(() => detail(hr.id, '../etc'))) as Response).status).toBe(404)

		const text = JSON.stringify(await detail(hr.id))
		expect(text).not.toContain('CANARY-EXPLANATION')
		expect(text).not.toContain('正确选项一')
		expect(text).not.toContain('"answer"')
	})

	test('a manager with no team sees empty scoped numbers, not everyone’s', async () => {
		const { southManager, index } = await scenario()
		const lonely = await createTestUser({ roles: ['manager'] })
		const overview = await index(lonely.id)
		expect(overview.teamSize).toBe(0)
		expect(overview.exams.find((e) => e.slug === 'canary')).toMatchObject({ attempts: 0, passRate: null, meanScore: null })
		expect(overview.clearance).toMatchObject({ people: 0, cleared: 0 })
		expect((await index(southManager.id)).exams.find((e) => e.slug === 'canary')!.attempts).toBe(8)
	})
})
