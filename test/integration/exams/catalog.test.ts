import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { examAttempts, exams } from '#db/schema/exams.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { submitAttempt } from '#app/modules/exams/attempts.server.ts'
import { examCatalogFor, type examForPerson } from '#app/modules/exams/catalog.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { action as examAction, loader as examLoader } from '#app/routes/_shell.exams.$exam._index.tsx'
import { loader as catalogLoader } from '#app/routes/_shell.exams._index.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor, settle } from '#test/helpers/requests.ts'
import { answerWrites as answers } from '#test/helpers/exams.ts'

const { db } = withFreshDatabase()

// 14:20 in Shanghai: a failed submit at 14:30 cools down until 14:30 the next day.
const T0 = new Date('2026-11-27T06:20:00Z')
const minutes = (n: number, from = T0) => new Date(from.getTime() + n * 60_000)

type DataResult<T> = { type: 'DataWithResponseInit'; data: T; init: ResponseInit | null }

async function newHire(hireDate = '2026-11-02') {
	setClock(T0)
	await syncContent({ root: 'test/fixtures/content', db: db() })
	const user = await createTestUser({ hireDate })
	return { ...user, cookie: await sessionCookieFor(user.id) }
}

const args = (request: Request, exam: string) => ({ request, params: { exam }, context: {} })

function stateOf(userId: number, slug: string) {
	const exam = examCatalogFor(userId)
		.flatMap((group) => group.exams)
		.find((e) => e.slug === slug)
	if (!exam) throw new Error(`${slug} is not in the catalogue`)
	return exam.state
}

/** POSTs "开始考试" as the form does and returns the redirect or the refusal. */
async function start(slug: string, cookie: string) {
	return settle(() => examAction(args(formRequest(`/exams/${slug}`, { intent: 'start' }, { cookie }), slug)))
}

function redirectTarget(result: unknown) {
	if (!(result instanceof Response)) throw new Error(`expected a redirect, got ${JSON.stringify(result)}`)
	expect(result.status).toBe(303)
	return result.headers.get('Location')
}

function openAttemptId(userId: number) {
	return db()
		.select({ id: examAttempts.id })
		.from(examAttempts)
		.where(and(eq(examAttempts.userId, userId), eq(examAttempts.status, 'open')))
		.get()!.id
}


function fail(attemptId: number, userId: number) {
	expect(submitAttempt(attemptId, userId, { writes: answers(attemptId, false) })).toEqual({ ok: true })
}

describe('the exam catalogue', () => {
	test('lists every live exam by tier with what the person can do: start, resume, cooldown, retry, no attempts left', async () => {
		const me = await newHire()
		const catalogue = examCatalogFor(me.id)
		expect(catalogue.map((g) => [g.tier, g.open, g.exams.map((e) => e.slug)])).toEqual([
			['new', true, ['canary', 'open-book']],
			['intermediate', false, ['canary-intermediate']],
			['core', false, []],
		])
		expect(catalogue[0]!.exams[0]).toMatchObject({
			title: '金丝雀产品考试',
			closedBook: true,
			required: true,
			questionsPerAttempt: 4,
			timeLimitSeconds: 600,
			passMark: 75,
			state: { kind: 'ready', attemptsLeft: 2 },
		})

		// Start: the action sends the person straight to the new attempt.
		const first = redirectTarget(await start('canary', me.cookie))
		const firstId = openAttemptId(me.id)
		expect(first).toBe(`/exams/canary/attempts/${firstId}`)
		expect(stateOf(me.id, 'canary')).toEqual({ kind: 'open', attemptId: firstId, endsAt: minutes(10) })
		// One exam at a time: the others point at the one in progress.
		expect(stateOf(me.id, 'open-book')).toMatchObject({ kind: 'busy', href: first })

		// A failed submit at 14:30 Shanghai time: cooldown of 24 h, one attempt left.
		setClock(minutes(10))
		fail(firstId, me.id)
		const until = new Date('2026-11-28T06:30:00Z')
		expect(stateOf(me.id, 'canary')).toEqual({ kind: 'cooldown', until, attemptsLeft: 1, lastAttemptId: firstId })
		expect(formatDateTime(until, 'zh-CN')).toContain('14:30')
		expect(stateOf(me.id, 'open-book')).toMatchObject({ kind: 'ready' })

		// Just before the cooldown ends the start is refused with the time; just after, it is allowed.
		setClock(new Date(until.getTime() - 1000))
		const early = (await start('canary', me.cookie)) as DataResult<{ refused: unknown }>
		expect(early.init?.status).toBe(409)
		expect(early.data.refused).toEqual({ kind: 'cooldown', until })
		setClock(until)
		expect(stateOf(me.id, 'canary')).toEqual({ kind: 'ready', attemptsLeft: 1 })

		const second = redirectTarget(await start('canary', me.cookie))
		const secondId = openAttemptId(me.id)
		expect(second).toBe(`/exams/canary/attempts/${secondId}`)
		fail(secondId, me.id)
		expect(stateOf(me.id, 'canary')).toEqual({ kind: 'no_attempts_left', lastAttemptId: secondId })

		setClock(minutes(60 * 24 * 7))
		const refused = (await start('canary', me.cookie)) as DataResult<{ refused: unknown }>
		expect(refused.init?.status).toBe(409)
		expect(refused.data.refused).toEqual({ kind: 'no_attempts_left' })
		expect(db().select().from(examAttempts).where(eq(examAttempts.userId, me.id)).all()).toHaveLength(2)

		// The exam page shows the whole history, newest state included.
		const page = (await examLoader(args(getRequest('/exams/canary', { cookie: me.cookie }), 'canary'))) as DataResult<
			NonNullable<ReturnType<typeof examForPerson>>
		>
		expect(page.init?.headers).toMatchObject({ 'Cache-Control': 'no-store' })
		expect(page.data.state).toEqual({ kind: 'no_attempts_left', lastAttemptId: secondId })
		expect(page.data.history).toEqual([
			expect.objectContaining({ id: firstId, number: 1, status: 'graded', closedBy: 'submit', score: 0, passed: false, closedAt: minutes(10), startedAt: T0 }),
			expect.objectContaining({ id: secondId, number: 2, status: 'graded', closedBy: 'submit', score: 0, passed: false, focusLosses: 0 }),
		])
	})

	test('a pass shows the best score and its date; the start is refused as already passed', async () => {
		const me = await newHire()
		redirectTarget(await start('canary', me.cookie))
		const id = openAttemptId(me.id)
		setClock(minutes(5))
		expect(submitAttempt(id, me.id, { writes: answers(id, true) })).toEqual({ ok: true })
		expect(stateOf(me.id, 'canary')).toEqual({ kind: 'passed', bestScore: 100, passedAt: minutes(5), attemptId: id })
		const refused = (await start('canary', me.cookie)) as DataResult<{ refused: unknown }>
		expect(refused.init?.status).toBe(409)
		expect(refused.data.refused).toEqual({ kind: 'passed' })
	})

	test('an attempt past its deadline is graded when the catalogue is opened, and counts as used', async () => {
		const me = await newHire()
		redirectTarget(await start('canary', me.cookie))
		const id = openAttemptId(me.id)
		setClock(minutes(11))
		expect(stateOf(me.id, 'canary')).toMatchObject({ kind: 'cooldown', attemptsLeft: 1, lastAttemptId: id })
		expect(db().select().from(examAttempts).where(eq(examAttempts.id, id)).get()).toMatchObject({ status: 'graded', closedBy: 'deadline' })
	})

	test("a later tier's exam is locked for a new hire, with the reason; starting it is refused", async () => {
		const me = await newHire()
		expect(stateOf(me.id, 'canary-intermediate')).toEqual({
			kind: 'tier_locked',
			tier: 'intermediate',
			opensOn: '2027-02-02',
			missing: ['canary'],
		})
		const refused = (await start('canary-intermediate', me.cookie)) as DataResult<{ refused: unknown }>
		expect(refused.init?.status).toBe(409)
		expect(refused.data.refused).toMatchObject({ kind: 'tier_locked', tier: 'intermediate' })
		expect(db().select().from(examAttempts).all()).toHaveLength(0)
	})

	test('the list page needs a session and is not cached', async () => {
		const me = await newHire()
		const anonymous = await settle(() => catalogLoader({ request: getRequest('/exams'), params: {}, context: {} }))
		expect(anonymous).toBeInstanceOf(Response)
		expect((anonymous as Response).headers.get('Location')).toMatch(/^\/login/)
		const page = (await catalogLoader({ request: getRequest('/exams', { cookie: me.cookie }), params: {}, context: {} })) as DataResult<{
			tiers: Array<{ tier: string }>
		}>
		expect(page.data.tiers.map((g) => g.tier)).toEqual(['new', 'intermediate', 'core'])
		expect(page.init?.headers).toMatchObject({ 'Cache-Control': 'no-store' })
		expect((page.data as { seesStatistics?: boolean }).seesStatistics).toBe(false)
		const manager = await createTestUser({ roles: ['manager'] })
		const theirs = (await catalogLoader({
			request: getRequest('/exams', { cookie: await sessionCookieFor(manager.id) }),
			params: {},
			context: {},
		})) as DataResult<{ seesStatistics: boolean }>
		expect(theirs.data.seesStatistics).toBe(true)
	})

	test('an unknown or retired exam is a 404, for the page and for the start', async () => {
		const me = await newHire()
		for (const slug of ['nope', 'canary-intermediate']) {
			if (slug === 'canary-intermediate') db().update(exams).set({ retiredAt: T0 }).where(eq(exams.slug, slug)).run()
			const page = await settle(() => examLoader(args(getRequest(`/exams/${slug}`, { cookie: me.cookie }), slug)))
			expect((page as Response).status).toBe(404)
			expect(((await start(slug, me.cookie)) as Response).status).toBe(404)
		}
		expect(examCatalogFor(me.id).flatMap((g) => g.exams.map((e) => e.slug))).not.toContain('canary-intermediate')
	})
})

describe('starting an attempt', () => {
	test('a second start while an attempt is open goes back to it, from this exam or another', async () => {
		const me = await newHire()
		const first = redirectTarget(await start('canary', me.cookie))
		expect(redirectTarget(await start('canary', me.cookie))).toBe(first)
		expect(redirectTarget(await start('open-book', me.cookie))).toBe(first)
		expect(db().select().from(examAttempts).all()).toHaveLength(1)
	})

	test('an unknown intent is a 400 and starts nothing', async () => {
		const me = await newHire()
		const res = await settle(() => examAction(args(formRequest('/exams/canary', { intent: 'submit' }, { cookie: me.cookie }), 'canary')))
		expect((res as Response).status).toBe(400)
		expect(db().select().from(examAttempts).all()).toHaveLength(0)
	})

	test('five parallel starts with one attempt left make exactly one attempt, and all land on it', async () => {
		const me = await newHire()
		redirectTarget(await start('canary', me.cookie))
		fail(openAttemptId(me.id), me.id)
		setClock(minutes(60 * 25))
		const results = await Promise.all(Array.from({ length: 5 }, () => start('canary', me.cookie)))
		const attempts = db().select().from(examAttempts).where(eq(examAttempts.userId, me.id)).all()
		expect(attempts).toHaveLength(2)
		const second = attempts.find((a) => a.number === 2)!
		expect(results.map(redirectTarget)).toEqual(Array(5).fill(`/exams/canary/attempts/${second.id}`))
	})
})
