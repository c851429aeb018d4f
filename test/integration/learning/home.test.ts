import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { examAttempts } from '#db/schema/exams.ts'
import { lessons } from '#db/schema/learning.ts'
import { getExam, startAttempt } from '#app/modules/exams/attempts.server.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { markLessonComplete } from '#app/modules/learning/progress.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { loader as homeLoader } from '#app/routes/_shell._index.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, submitAnswers } from './helpers.ts'

const { db } = withFreshDatabase()

async function setUp(hireDate = '2026-11-10') {
	setClock(new Date('2026-11-20T02:00:00Z'))
	await syncContent({ root: 'test/fixtures/content', db: db() })
	const user = await createTestUser({ hireDate, name: '小新' })
	const cookie = await sessionCookieFor(user.id)
	return { id: user.id, home: () => homeLoader(args(getRequest('/', { cookie }))) }
}

const lessonId = (slug: string) => db().select({ id: lessons.id }).from(lessons).where(and(eq(lessons.tier, 'new'), eq(lessons.slug, slug))).get()!.id
const canary = (home: Awaited<ReturnType<typeof homeLoader>>) => home.exams.find((e) => e.slug === 'canary')!
function start(userId: number) {
	const started = startAttempt(userId, getExam('canary')!)
	if (!started.ok) throw new Error(started.reason)
	return started.attemptId
}

describe('home: next step, progress and 上岗资格', () => {
	test('a new hire is walked from lesson to exam to cooldown to clearance', async () => {
		const me = await setUp()
		let home = await me.home()
		expect(home.profile.name).toBe('小新')
		expect(home.current).toBe('new')
		expect(home.next).toMatchObject({ kind: 'lesson', lesson: { slug: 'first-lesson', minutes: 5 } })
		expect(home.trackProgress).toMatchObject({ requiredDone: 0, requiredTotal: 1, percent: 0 })
		expect(home.clearance).toEqual({ clearedOn: null, missing: [{ slug: 'canary', title: '金丝雀产品考试', titleEn: 'Canary product exam' }] })
		expect(canary(home)).toMatchObject({ state: { kind: 'ready' }, attemptsUsed: 0, maxAttempts: 2, required: true })
		// Exams of higher tiers are not listed.
		expect(home.exams.every((e) => e.tier === 'new')).toBe(true)

		markLessonComplete(me.id, lessonId('first-lesson'))
		home = await me.home()
		expect(home.trackProgress.percent).toBe(100)
		expect(home.next).toMatchObject({ kind: 'exam', exam: { slug: 'canary' } })

		const first = start(me.id)
		home = await me.home()
		expect(home.next).toMatchObject({ kind: 'resume', attemptId: first, exam: { slug: 'canary' }, endsAt: new Date('2026-11-20T02:10:00Z') })

		setClock(new Date('2026-11-20T02:05:00Z'))
		submitAnswers(first, me.id, false)
		home = await me.home()
		// Failed: 24 hours of cooldown from the submit.
		expect(home.next).toEqual({ kind: 'cooldown', exam: expect.objectContaining({ slug: 'canary' }), until: new Date('2026-11-21T02:05:00Z') })
		expect(canary(home).state).toEqual({ kind: 'cooldown', until: new Date('2026-11-21T02:05:00Z') })

		setClock(new Date('2026-11-21T02:05:00Z'))
		expect((await me.home()).next).toMatchObject({ kind: 'exam', exam: { slug: 'canary', attemptsUsed: 1 } })

		submitAnswers(start(me.id), me.id, true)
		home = await me.home()
		expect(home.clearance).toEqual({ clearedOn: '2026-11-21', missing: [] })
		expect(canary(home).state).toEqual({ kind: 'passed' })
		expect(home.next).toMatchObject({ kind: 'optional', lesson: { slug: 'second-lesson' } })

		markLessonComplete(me.id, lessonId('second-lesson'))
		// Only optional exams (if any) are left after that.
		const last = (await me.home()).next
		expect(last.kind === 'done' || (last.kind === 'exam' && !last.exam.required)).toBe(true)
	})

	test('an attempt left open past its deadline is graded when home is opened, and the cooldown shows', async () => {
		const me = await setUp()
		markLessonComplete(me.id, lessonId('first-lesson'))
		const attemptId = start(me.id)
		setClock(new Date('2026-11-20T03:00:00Z'))
		const home = await me.home()
		const attempt = db().select().from(examAttempts).where(eq(examAttempts.id, attemptId)).get()!
		expect(attempt).toMatchObject({ status: 'graded', closedBy: 'deadline', passed: false })
		// Closed at the deadline (10 minutes + 30 s grace), so the cooldown counts from there.
		expect(home.next).toMatchObject({ kind: 'cooldown', until: new Date('2026-11-21T02:10:30Z') })
	})

	test('with both attempts failed the person is told to ask their manager, and stays not cleared', async () => {
		const me = await setUp()
		markLessonComplete(me.id, lessonId('first-lesson'))
		markLessonComplete(me.id, lessonId('second-lesson'))
		submitAnswers(start(me.id), me.id, false)
		setClock(new Date('2026-11-22T02:00:00Z'))
		submitAnswers(start(me.id), me.id, false)
		const home = await me.home()
		expect(canary(home).state).toEqual({ kind: 'exhausted' })
		expect(home.next).toEqual({ kind: 'exhausted', exams: [expect.objectContaining({ slug: 'canary' })] })
		expect(home.clearance.clearedOn).toBeNull()
	})

	test('a colleague past three months whose exam is passed is on the intermediate track and sees its lesson', async () => {
		const me = await setUp('2026-06-01')
		expect((await me.home()).current).toBe('new')
		submitAnswers(start(me.id), me.id, true)
		const home = await me.home()
		expect(home.current).toBe('intermediate')
		expect(home.next).toMatchObject({ kind: 'lesson', lesson: { slug: 'ka-basics' } })
		// The new-hire exam, passed, still shows among the exams of lower tiers.
		expect(canary(home).state).toEqual({ kind: 'passed' })
		expect(home.exams.every((e) => e.tier !== 'core')).toBe(true)
	})
})
