import { asc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { badgeAwards, pointRules, pointsLedger } from '#db/schema/gamification.ts'
import { kbArticles, kbFeedback } from '#db/schema/knowledge.ts'
import { lessonCompletions, lessons } from '#db/schema/learning.ts'
import { mentorPairings } from '#db/schema/mentoring.ts'
import { sessionAttendance, sessionSpeakers, sharingSessions } from '#db/schema/sharing.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { getExam, startAttempt } from '#app/modules/exams/attempts.server.ts'
import { backfillPoints } from '#app/modules/gamification/backfill.server.ts'
import { onAttemptGraded, onCoachingLogged, onExamPassed, onKbHelpful, onLessonCompleted } from '#app/modules/gamification/events.server.ts'
import { pointsSummary } from '#app/modules/gamification/points.server.ts'
import { updatePointRules } from '#app/modules/gamification/rules.server.ts'
import { saveFeedback } from '#app/modules/knowledge/articles.server.ts'
import { markLessonComplete } from '#app/modules/learning/progress.server.ts'
import { logCoaching } from '#app/modules/mentoring/coaching.server.ts'
import { coachingSchema } from '#app/modules/mentoring/rules.ts'
import { checkIn, markAttendance } from '#app/modules/sharing/rsvp.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { auditsLike } from '#test/integration/performance/helpers.ts'
import { submitAnswers } from '#test/integration/learning/helpers.ts'

const { db } = withFreshDatabase()

/** Friday 20 November 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-11-20T02:00:00Z')
const hours = (base: Date, n: number) => new Date(base.getTime() + n * 3_600_000)

async function setUp() {
	setClock(NOW)
	await syncContent({ root: 'test/fixtures/content', db: db() })
}

async function person(name: string, roles: Array<'mentor' | 'manager' | 'hr_admin'> = [], hireDate = '2026-11-02') {
	const { id } = await createTestUser({ name, password: null, roles, hireDate })
	return { id, viewer: { id, roles: ['staff' as const, ...roles] } }
}

const lessonId = (slug: string) => db().select({ id: lessons.id }).from(lessons).where(eq(lessons.slug, slug)).get()!.id
const articleId = (slug: string) => db().select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, slug)).get()!.id
const ledgerOf = (userId: number) =>
	db()
		.select({ source: pointsLedger.source, sourceKey: pointsLedger.sourceKey, points: pointsLedger.points, rulePoints: pointsLedger.rulePoints, day: pointsLedger.day })
		.from(pointsLedger)
		.where(eq(pointsLedger.userId, userId))
		.orderBy(asc(pointsLedger.id))
		.all()
const ledgerCount = () => db().select().from(pointsLedger).all().length
const total = (userId: number) => pointsSummary(userId).total
const badgesOf = (userId: number) =>
	db()
		.select({ badge: badgeAwards.badge, awardKey: badgeAwards.awardKey, evidence: badgeAwards.evidence })
		.from(badgeAwards)
		.where(eq(badgeAwards.userId, userId))
		.orderBy(asc(badgeAwards.id))
		.all()

/** A sharing session straight into the tables: 19:00–20:30 Shanghai on `day`, code 123456. */
function session(day: string, organizerId: number, speakerIds: number[]) {
	const startsAt = new Date(`${day}T19:00:00+08:00`)
	const { id } = db()
		.insert(sharingSessions)
		.values({ title: `${day} 分享会`, topic: '经验分享', startsAt, endsAt: hours(startsAt, 1.5), capacity: 20, indicators: [], tags: [], organizerId, checkInCode: '123456' })
		.returning({ id: sharingSessions.id })
		.get()
	speakerIds.forEach((userId, i) => db().insert(sessionSpeakers).values({ sessionId: id, userId, position: i + 1 }).run())
	return { id, startsAt }
}

describe('lessons', () => {
	test('completing a lesson through the app pays 10 once, and the level moves', async () => {
		await setUp()
		const me = await person('小新')
		// 90 points already (an exam passed first try with full marks elsewhere): 10 more reach Lv.2.
		db().transaction((tx) => onExamPassed(tx, { userId: me.id, examSlug: 'elsewhere', attemptId: 1, firstTry: true, perfect: true }))
		expect(pointsSummary(me.id)).toMatchObject({ level: 1, total: 90, percent: 90, next: 100 })

		expect(markLessonComplete(me.id, lessonId('first-lesson'))).toBe(true)
		expect(pointsSummary(me.id)).toMatchObject({ level: 2, total: 100, percent: 0, next: 300 })
		expect(ledgerOf(me.id).at(-1)).toEqual({ source: 'lesson_completed', sourceKey: `lesson:${lessonId('first-lesson')}`, points: 10, rulePoints: 10, day: '2026-11-20' })

		// Doing it again (a refresh, a second click) changes nothing and pays nothing.
		expect(markLessonComplete(me.id, lessonId('first-lesson'))).toBe(false)
		expect(total(me.id)).toBe(100)
		expect(ledgerOf(me.id)).toHaveLength(4)
	})

	test('past the daily cap an event is written with 0 paid; the next day a new lesson pays again', async () => {
		await setUp()
		const hr = await person('人力', ['hr_admin'])
		const me = await person('小新')
		expect(updatePointRules(hr.viewer, [{ source: 'lesson_completed', points: 10, dailyCap: 15 }])).toEqual({ ok: true, changed: 1 })
		expect(auditsLike('points.rules.update')[0]!.data).toEqual({
			changes: [{ source: 'lesson_completed', before: { points: 10, dailyCap: 100 }, after: { points: 10, dailyCap: 15 } }],
		})

		markLessonComplete(me.id, lessonId('first-lesson'), hours(NOW, 1))
		markLessonComplete(me.id, lessonId('second-lesson'), hours(NOW, 2))
		expect(ledgerOf(me.id).map((r) => [r.points, r.rulePoints, r.day])).toEqual([
			[10, 10, '2026-11-20'],
			// What was left under the cap.
			[5, 10, '2026-11-20'],
		])
		markLessonComplete(me.id, lessonId('ka-basics'), hours(NOW, 3))
		expect(ledgerOf(me.id).at(-1)).toMatchObject({ points: 0, rulePoints: 10, day: '2026-11-20' })
		expect(total(me.id)).toBe(15)

		// Next day: a new lesson pays in full; the capped one cannot pay later.
		db().transaction((tx) => onLessonCompleted(tx, me.id, lessonId('ka-basics'), hours(NOW, 24)))
		db().transaction((tx) => onLessonCompleted(tx, me.id, 999, hours(NOW, 25)))
		expect(ledgerOf(me.id).map((r) => [r.sourceKey, r.points, r.day])).toEqual([
			[`lesson:${lessonId('first-lesson')}`, 10, '2026-11-20'],
			[`lesson:${lessonId('second-lesson')}`, 5, '2026-11-20'],
			[`lesson:${lessonId('ka-basics')}`, 0, '2026-11-20'],
			['lesson:999', 10, '2026-11-21'],
		])
		expect(total(me.id)).toBe(25)
	})
})

describe('exams', () => {
	test('a first-try pass with full marks pays 50 + 20 + 20 and earns 一次通过 and 满分; paying it again pays nothing', async () => {
		await setUp()
		const me = await person('小新')
		const started = startAttempt(me.id, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		submitAnswers(started.attemptId, me.id, true)

		expect(ledgerOf(me.id).map((r) => [r.source, r.sourceKey, r.points])).toEqual([
			['exam_passed', 'exam:canary', 50],
			['exam_first_try', 'exam:canary', 20],
			['exam_perfect', 'exam:canary', 20],
		])
		expect(total(me.id)).toBe(90)
		expect(badgesOf(me.id)).toEqual([
			{ badge: 'first_try', awardKey: 'exam:canary', evidence: { exam: 'canary', attempt: started.attemptId } },
			{ badge: 'perfect_score', awardKey: 'exam:canary', evidence: { exam: 'canary', attempt: started.attemptId } },
		])

		// The same grading replayed, or another passing attempt of the same exam: nothing more.
		expect(db().transaction((tx) => onAttemptGraded(tx, started.attemptId))).toEqual({ paid: 0, badges: [] })
		expect(db().transaction((tx) => onExamPassed(tx, { userId: me.id, examSlug: 'canary', attemptId: started.attemptId + 100, firstTry: true, perfect: true }))).toEqual({
			paid: 0,
			badges: [],
		})
		expect(total(me.id)).toBe(90)
		expect(badgesOf(me.id)).toHaveLength(2)
	})

	test('a fail then a pass: the pass pays 50 (+20 full marks) but no first-try bonus or badge; a failed attempt pays nothing', async () => {
		await setUp()
		const me = await person('小新')
		const first = startAttempt(me.id, getExam('canary')!)
		if (!first.ok) throw new Error(first.reason)
		submitAnswers(first.attemptId, me.id, false)
		expect(ledgerOf(me.id)).toEqual([])

		// After the 24-hour cooldown.
		setClock(hours(NOW, 25))
		const second = startAttempt(me.id, getExam('canary')!)
		if (!second.ok) throw new Error(second.reason)
		submitAnswers(second.attemptId, me.id, true)
		expect(ledgerOf(me.id).map((r) => [r.source, r.points, r.day])).toEqual([
			['exam_passed', 50, '2026-11-21'],
			['exam_perfect', 20, '2026-11-21'],
		])
		expect(badgesOf(me.id).map((b) => b.badge)).toEqual(['perfect_score'])
	})
})

describe('knowledge base', () => {
	test('someone else marking an article helpful pays its author 5, once per rater; the author’s own mark pays nothing', async () => {
		await setUp()
		const author = await person('王磊')
		const rater = await person('小新')
		const article = articleId('competitor-cheaper')

		saveFeedback(article, author.id, true)
		expect(ledgerCount()).toBe(0)

		saveFeedback(article, rater.id, true, '很好用')
		expect(ledgerOf(author.id)).toEqual([{ source: 'kb_helpful', sourceKey: `article:${article}:rater:${rater.id}`, points: 5, rulePoints: 5, day: '2026-11-20' }])
		// Marking it again, or un-marking and re-marking, pays nothing; "not helpful" never pays.
		saveFeedback(article, rater.id, true, '改一下评论')
		saveFeedback(article, rater.id, false)
		saveFeedback(article, rater.id, true)
		expect(total(author.id)).toBe(5)
		expect(total(rater.id)).toBe(0)
	})

	test('a name shared by two people, or nobody of that name, pays nobody', async () => {
		await setUp()
		const rater = await person('小新')
		saveFeedback(articleId('insurance-risk'), rater.id, true)
		await person('赵静')
		await person('赵静')
		saveFeedback(articleId('budget-cut'), rater.id, true)
		expect(ledgerCount()).toBe(0)
	})

	test('a session article pays each speaker, and ten raters in a day reach the cap of 50', async () => {
		await setUp()
		const organiser = await person('组织者', ['manager'])
		const [a, b] = [await person('刘洋'), await person('陈涛')]
		const { id: sessionId } = session('2026-11-05', organiser.id, [a.id, b.id])
		const source = db().select().from(kbArticles).where(eq(kbArticles.slug, 'budget-cut')).get()!
		const { id: _, ...copy } = source
		const { id: article } = db()
			.insert(kbArticles)
			.values({ ...copy, slug: 'session-notes', sourcePath: `sessions/${sessionId}` })
			.returning({ id: kbArticles.id })
			.get()
		const raters = []
		for (let i = 0; i < 11; i++) raters.push(await person(`同事${i}`))
		for (const r of raters) saveFeedback(article, r.id, true)
		for (const speaker of [a, b]) {
			expect(total(speaker.id)).toBe(50)
			expect(ledgerOf(speaker.id)).toHaveLength(11)
			expect(ledgerOf(speaker.id).at(-1)).toMatchObject({ points: 0, rulePoints: 5 })
		}
		// A speaker marking their own session's article pays neither of them.
		saveFeedback(article, a.id, true)
		expect(ledgerOf(b.id)).toHaveLength(11)
	})
})

describe('mentoring', () => {
	test('a coaching session pays the mentor 20 and the mentee 10 on the day it is logged (a backdated one cannot dodge the cap); replaying it pays nothing', async () => {
		await setUp()
		const mentor = await person('王磊', ['mentor'], '2024-01-01')
		const mentee = await person('小新')
		const { id: pairingId } = db().insert(mentorPairings).values({ mentorId: mentor.id, menteeId: mentee.id, startsOn: '2026-11-02' }).returning().get()
		const input = coachingSchema({ today: '2026-11-20', startsOn: '2026-11-02' }).parse({ kind: 'ride_along', occurredOn: '2026-11-18', notes: '陪访客户，先确认预算再谈方案' })
		const logged = logCoaching(pairingId, input, mentor.viewer)
		if (!logged.ok) throw new Error(logged.reason)

		expect(ledgerOf(mentor.id)).toEqual([{ source: 'coaching_mentor', sourceKey: `coaching:${logged.sessionId}`, points: 20, rulePoints: 20, day: '2026-11-20' }])
		expect(ledgerOf(mentee.id)).toEqual([{ source: 'coaching_mentee', sourceKey: `coaching:${logged.sessionId}`, points: 10, rulePoints: 10, day: '2026-11-20' }])
		db().transaction((tx) => onCoachingLogged(tx, { coachingId: logged.sessionId, mentorId: mentor.id, menteeId: mentee.id }))
		expect([total(mentor.id), total(mentee.id)]).toEqual([20, 10])
	})
})

describe('sharing sessions', () => {
	test('attendance pays the attendee 10 and each speaker 100 once; the speaker’s own attendance pays no attendance points', async () => {
		await setUp()
		const organiser = await person('组织者', ['manager'])
		const speaker = await person('刘洋')
		const [a, b] = [await person('小新'), await person('小周')]
		const first = session('2026-11-26', organiser.id, [speaker.id])

		expect(checkIn(first.id, a.id, '123456', hours(first.startsAt, 0.1))).toMatchObject({ ok: true })
		expect(ledgerOf(a.id)).toEqual([{ source: 'session_attended', sourceKey: `session:${first.id}`, points: 10, rulePoints: 10, day: '2026-11-26' }])
		expect(ledgerOf(speaker.id)).toEqual([{ source: 'session_presented', sourceKey: `session:${first.id}`, points: 100, rulePoints: 100, day: '2026-11-26' }])

		// More attendees (and the speaker marked present) pay the speaker nothing more.
		expect(markAttendance(first.id, [a.id, b.id, speaker.id], organiser.viewer, hours(first.startsAt, 1))).toMatchObject({ ok: true, marked: [b.id, speaker.id] })
		expect(total(b.id)).toBe(10)
		expect(total(a.id)).toBe(10)
		expect(ledgerOf(speaker.id)).toHaveLength(1)
		expect(badgesOf(speaker.id)).toEqual([])
	})

	test('分享达人 comes with the second session presented that took place', async () => {
		await setUp()
		const organiser = await person('组织者', ['manager'])
		const speaker = await person('刘洋')
		const attendee = await person('小新')
		const first = session('2026-11-05', organiser.id, [speaker.id])
		const second = session('2026-12-03', organiser.id, [speaker.id])
		// A session nobody attended did not take place: no points, no badge progress.
		session('2026-11-12', organiser.id, [speaker.id])

		markAttendance(first.id, [attendee.id], organiser.viewer, hours(first.startsAt, 2))
		expect(badgesOf(speaker.id)).toEqual([])
		markAttendance(second.id, [attendee.id], organiser.viewer, hours(second.startsAt, 2))
		expect(total(speaker.id)).toBe(200)
		expect(badgesOf(speaker.id)).toEqual([{ badge: 'sharing_star', awardKey: 'sessions:2', evidence: { sessions: 2 } }])
	})
})

describe('the ledger', () => {
	test('refuses UPDATE and DELETE, even in raw SQL', async () => {
		await setUp()
		const me = await person('小新')
		markLessonComplete(me.id, lessonId('first-lesson'))
		expect(() => db().$client.prepare('update points_ledger set points = 1000').run()).toThrow(/append-only/)
		expect(() => db().$client.prepare('delete from points_ledger').run()).toThrow(/append-only/)
		expect(total(me.id)).toBe(10)
	})

	test('a rule HR set to 0 pays nothing and writes nothing', async () => {
		await setUp()
		const me = await person('小新')
		db().update(pointRules).set({ points: 0, dailyCap: null }).where(eq(pointRules.source, 'lesson_completed')).run()
		markLessonComplete(me.id, lessonId('first-lesson'))
		expect(ledgerOf(me.id)).toEqual([])
	})
})

describe('backfill', () => {
	test('pays history through the same hooks on the events’ own days, oldest first, and a second run writes nothing', async () => {
		await setUp()
		const organiser = await person('组织者', ['manager'])
		const speaker = await person('刘洋')
		const me = await person('小新')
		const author = await person('王磊')
		// History written before the ledger existed (straight into the tables, no hooks).
		db().insert(lessonCompletions).values({ userId: me.id, lessonId: lessonId('first-lesson'), completedAt: new Date('2026-11-03T03:00:00Z') }).run()
		db().insert(lessonCompletions).values({ userId: me.id, lessonId: lessonId('second-lesson'), completedAt: new Date('2026-11-04T03:00:00Z') }).run()
		const first = session('2026-11-05', organiser.id, [speaker.id])
		const second = session('2026-11-12', organiser.id, [speaker.id])
		for (const s of [first, second])
			db().insert(sessionAttendance).values({ sessionId: s.id, userId: me.id, checkedInAt: hours(s.startsAt, 0.2), method: 'code' }).run()
		db()
			.insert(kbFeedback)
			.values({ articleId: articleId('competitor-cheaper'), userId: me.id, helpful: true, createdAt: new Date('2026-11-06T03:00:00Z'), updatedAt: new Date('2026-11-06T03:00:00Z') })
			.run()

		expect(backfillPoints()).toEqual({ events: 5, ledgerRows: 7, badges: 1 })
		expect(ledgerOf(me.id).map((r) => [r.source, r.day])).toEqual([
			['lesson_completed', '2026-11-03'],
			['lesson_completed', '2026-11-04'],
			['session_attended', '2026-11-05'],
			['session_attended', '2026-11-12'],
		])
		expect(ledgerOf(speaker.id).map((r) => [r.source, r.points, r.day])).toEqual([
			['session_presented', 100, '2026-11-05'],
			['session_presented', 100, '2026-11-12'],
		])
		expect(ledgerOf(author.id).map((r) => [r.source, r.day])).toEqual([['kb_helpful', '2026-11-06']])
		expect(badgesOf(speaker.id).map((b) => b.badge)).toEqual(['sharing_star'])

		expect(backfillPoints()).toEqual({ events: 5, ledgerRows: 0, badges: 0 })
		// Live events already paid count as paid too.
		db().transaction((tx) => onKbHelpful(tx, { articleId: articleId('competitor-cheaper'), raterId: me.id }))
		expect(total(author.id)).toBe(5)
	})
})
