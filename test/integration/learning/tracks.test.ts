import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { lessonCompletions, lessons, trackModules } from '#db/schema/learning.ts'
import { getExam, startAttempt } from '#app/modules/exams/attempts.server.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { lessonInTrack, markLessonComplete, trackOverview } from '#app/modules/learning/progress.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { action as lessonAction, loader as lessonLoader } from '#app/routes/_shell.tracks.$track.$lesson.tsx'
import { loader as trackLoader } from '#app/routes/_shell.tracks.$track._index.tsx'
import { loader as tracksLoader } from '#app/routes/_shell.tracks._index.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, outcome, submitAnswers } from './helpers.ts'

const { db } = withFreshDatabase()

async function setUp({ hireDate = '2026-11-10' } = {}) {
	setClock(new Date('2026-11-20T02:00:00Z'))
	await syncContent({ root: 'test/fixtures/content', db: db() })
	const user = await createTestUser({ hireDate })
	return { ...user, cookie: await sessionCookieFor(user.id) }
}

const lessonId = (tier: 'new' | 'intermediate', slug: string) =>
	db().select({ id: lessons.id }).from(lessons).where(and(eq(lessons.tier, tier), eq(lessons.slug, slug))).get()!.id
const completions = (userId: number) => db().select().from(lessonCompletions).where(eq(lessonCompletions.userId, userId)).all()

const openLesson = (cookie: string, track: string, lesson: string) =>
	outcome(() => lessonLoader(args(getRequest(`/tracks/${track}/${lesson}`, { cookie }), { track, lesson })))
const complete = (cookie: string, track: string, lesson: string, extra: Record<string, string> = {}) =>
	outcome(() => lessonAction(args(formRequest(`/tracks/${track}/${lesson}`, { intent: 'complete', ...extra }, { cookie }), { track, lesson })))

describe('track overview', () => {
	test('modules and lessons in order; progress counts required lessons only; minutes add up', async () => {
		const me = await setUp()
		const before = trackOverview(me.id, 'new')
		expect(before.modules.map((m) => [m.slug, m.lessons.map((l) => [l.slug, l.required, l.completed])])).toEqual([
			[
				'basics',
				[
					['first-lesson', true, false],
					['second-lesson', false, false],
				],
			],
		])
		expect(before.progress).toMatchObject({ requiredDone: 0, requiredTotal: 1, percent: 0, minutes: 13, lessonCount: 2 })

		// The optional lesson does not move required progress.
		markLessonComplete(me.id, lessonId('new', 'second-lesson'))
		expect(trackOverview(me.id, 'new').progress).toMatchObject({ requiredDone: 0, percent: 0, completedCount: 1 })
		markLessonComplete(me.id, lessonId('new', 'first-lesson'))
		const after = trackOverview(me.id, 'new')
		expect(after.progress).toMatchObject({ requiredDone: 1, requiredTotal: 1, percent: 100 })
		expect(after.modules[0]!.progress.percent).toBe(100)

		// Someone else's progress is their own.
		const other = await createTestUser({ hireDate: '2026-11-10' })
		expect(trackOverview(other.id, 'new').progress.requiredDone).toBe(0)
	})

	test('/tracks: the current tier open with progress, the next locked with tenure date and the exams to pass', async () => {
		const me = await setUp()
		const page = await tracksLoader(args(getRequest('/tracks', { cookie: me.cookie })))
		expect(page.current).toBe('new')
		expect(page.tiers.map((t) => [t.tier, t.open, t.current])).toEqual([
			['new', true, true],
			['intermediate', false, false],
			['core', false, false],
		])
		expect(page.tiers[1]!.locks).toEqual([
			{ kind: 'tenure', opensOn: '2027-02-10' },
			{ kind: 'exams', missing: ['canary'] },
		])
		expect(page.examTitles.canary).toEqual({ title: '金丝雀产品考试', titleEn: 'Canary product exam' })
		expect(page.tiers[0]!.progress).toMatchObject({ requiredTotal: 1, percent: 0 })
	})

	test('/tracks/:track shows a locked tier’s modules with the reason; an unknown track is a 404', async () => {
		const me = await setUp()
		const locked = await trackLoader(args(getRequest('/tracks/intermediate', { cookie: me.cookie }), { track: 'intermediate' }))
		expect(locked.open).toBe(false)
		expect(locked.overview.modules.map((m) => m.slug)).toEqual(['deals'])
		expect(locked.locks.map((l) => l.kind)).toEqual(['tenure', 'exams'])
		const open = await trackLoader(args(getRequest('/tracks/new', { cookie: me.cookie }), { track: 'new' }))
		expect(open.open).toBe(true)

		for (const track of ['expert', 'NEW', '']) {
			const missing = await outcome(() => trackLoader(args(getRequest(`/tracks/${track}`, { cookie: me.cookie }), { track })))
			expect(missing.status).toBe(404)
		}
	})
})

describe('the lesson page', () => {
	test('renders the lesson from MDX with its minutes, indicators and the lessons around it', async () => {
		const me = await setUp()
		const first = await openLesson(me.cookie, 'new', 'first-lesson')
		if (first.status !== 200 || !('body' in first)) throw new Error(`got ${first.status}`)
		expect(first.body.html).toContain('这是测试用的第一课')
		expect(first.body.lesson).toMatchObject({ title: '第一课', minutes: 5, required: true, completed: false, indicators: ['product_knowledge_score'] })
		expect(first.body.lesson).not.toHaveProperty('code')
		expect(first.body.previous).toBeNull()
		expect(first.body.next).toMatchObject({ slug: 'second-lesson', title: '第二课' })

		const second = await openLesson(me.cookie, 'new', 'second-lesson')
		if (!('body' in second)) throw new Error(`got ${second.status}`)
		expect(second.body.previous).toMatchObject({ slug: 'first-lesson' })
		expect(second.body.next).toBeNull()

		expect((await openLesson(me.cookie, 'new', 'no-such-lesson')).status).toBe(404)
		// A lesson is found within its own tier only.
		expect((await openLesson(me.cookie, 'new', 'ka-basics')).status).toBe(404)
		expect((await openLesson(me.cookie, 'expert', 'first-lesson')).status).toBe(404)
	})

	test('previous and next run across modules in the tier’s order', async () => {
		const me = await setUp()
		const module = db()
			.insert(trackModules)
			.values({ tier: 'new', slug: 'later', title: '后续', titleEn: 'Later', summary: '后续', summaryEn: 'Later', position: 2, contentHash: 'x' })
			.returning()
			.get()
		db()
			.insert(lessons)
			.values({
				tier: 'new',
				moduleId: module.id,
				slug: 'third-lesson',
				title: '第三课',
				titleEn: 'Third lesson',
				summary: '第三课',
				summaryEn: 'Third',
				minutes: 3,
				position: 1,
				indicators: [],
				required: true,
				code: '',
				contentHash: 'third',
				sourcePath: 'tracks/new/later/third-lesson.mdx',
				syncedAt: new Date(),
			})
			.run()
		expect(lessonInTrack(me.id, 'new', 'second-lesson')!.next).toMatchObject({ slug: 'third-lesson' })
		expect(lessonInTrack(me.id, 'new', 'third-lesson')).toMatchObject({ previous: { slug: 'second-lesson' }, next: null, module: { slug: 'later' } })
		expect(trackOverview(me.id, 'new').progress).toMatchObject({ requiredTotal: 2 })
	})

	test('mark complete: redirects back with a toast, shows completed, and a second post changes nothing', async () => {
		const me = await setUp()
		const first = await complete(me.cookie, 'new', 'first-lesson')
		if (!('response' in first)) throw new Error('expected a redirect')
		expect(first.response.status).toBe(302)
		expect(first.response.headers.get('location')).toBe('/tracks/new/first-lesson')
		expect(first.response.headers.get('set-cookie')).toMatch(/^ascent_toast=/)
		setClock(new Date('2026-11-21T02:00:00Z'))
		expect((await complete(me.cookie, 'new', 'first-lesson')).status).toBe(302)

		const rows = completions(me.id)
		expect(rows).toHaveLength(1)
		expect(rows[0]!.completedAt).toEqual(new Date('2026-11-20T02:00:00Z'))
		const page = await openLesson(me.cookie, 'new', 'first-lesson')
		expect('body' in page && page.body.lesson.completed).toBe(true)
	})

	test('marks the signed-in person only, whatever the form says; anonymous posts go to log in', async () => {
		const me = await setUp()
		const other = await createTestUser({ hireDate: '2026-11-10' })
		await complete(me.cookie, 'new', 'first-lesson', { userId: String(other.id) })
		expect(completions(me.id)).toHaveLength(1)
		expect(completions(other.id)).toHaveLength(0)

		const anonymous = await outcome(() =>
			lessonAction(args(formRequest('/tracks/new/second-lesson', { intent: 'complete' }), { track: 'new', lesson: 'second-lesson' })),
		)
		expect(anonymous.status).toBe(302)
		expect('response' in anonymous && anonymous.response.headers.get('location')).toMatch(/^\/login/)
		expect(db().select().from(lessonCompletions).all()).toHaveLength(1)

		const bad = await complete(me.cookie, 'new', 'second-lesson', { intent: 'delete' })
		expect(bad.status).toBe(400)
		expect(completions(me.id)).toHaveLength(1)
	})

	test('a lesson of a locked tier is a 403 that says what opens it, and cannot be marked complete', async () => {
		const me = await setUp()
		const page = await openLesson(me.cookie, 'intermediate', 'ka-basics')
		expect(page.status).toBe(403)
		expect('data' in page && page.data.tierLock).toMatchObject({
			tier: 'intermediate',
			locks: [
				{ kind: 'tenure', opensOn: '2027-02-10' },
				{ kind: 'exams', missing: ['canary'] },
			],
			examTitles: { canary: { title: '金丝雀产品考试' } },
		})
		expect((await complete(me.cookie, 'intermediate', 'ka-basics')).status).toBe(403)
		expect(completions(me.id)).toHaveLength(0)

		// Tenure alone is not enough; once the new-hire exam is passed, the lesson opens.
		const veteran = await createTestUser({ hireDate: '2026-01-10' })
		const cookie = await sessionCookieFor(veteran.id)
		expect((await openLesson(cookie, 'intermediate', 'ka-basics')).status).toBe(403)
		const started = startAttempt(veteran.id, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		submitAnswers(started.attemptId, veteran.id, true)
		expect((await openLesson(cookie, 'intermediate', 'ka-basics')).status).toBe(200)
	})

	test('during an open closed-book attempt lessons answer 423 with the way back to the exam; the track pages stay up', async () => {
		const me = await setUp()
		const started = startAttempt(me.id, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)

		const page = await openLesson(me.cookie, 'new', 'first-lesson')
		expect(page.status).toBe(423)
		expect('data' in page && page.data.examLock).toMatchObject({ href: `/exams/canary/attempts/${started.attemptId}`, title: '金丝雀产品考试' })
		expect((await complete(me.cookie, 'new', 'first-lesson')).status).toBe(423)
		expect(completions(me.id)).toHaveLength(0)
		// Even a lesson that would 404 or 403 says "exam in progress" first: nothing leaks about the content.
		expect((await openLesson(me.cookie, 'intermediate', 'ka-basics')).status).toBe(423)

		expect((await outcome(() => tracksLoader(args(getRequest('/tracks', { cookie: me.cookie }))))).status).toBe(200)
		expect((await outcome(() => trackLoader(args(getRequest('/tracks/new', { cookie: me.cookie }), { track: 'new' })))).status).toBe(200)

		// Past the deadline (10 minutes + grace) the lock lifts.
		setClock(new Date('2026-11-20T02:11:00Z'))
		expect((await openLesson(me.cookie, 'new', 'first-lesson')).status).toBe(200)
	})
})
