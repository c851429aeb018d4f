import { eq, sql } from 'drizzle-orm'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { users } from '#db/schema/auth.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { sessionArticleDrafts, sessionAttendance, sessionFeedback, sessionRsvps, sessionSpeakers, sharingSessions } from '#db/schema/sharing.ts'
import { seedDemo } from '#db/seed/index.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { searchArticles } from '#app/modules/knowledge/search.server.ts'
import { CHECK_IN_EARLY_MS, shanghaiParts } from '#app/modules/sharing/rules.ts'
import { nextSessionFor } from '#app/modules/sharing/sessions.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import Home, { loader as homeLoader } from '#app/routes/_shell._index.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { renderInRouter, textOf } from '#test/helpers/render.ts'
import { getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args } from '../performance/helpers.ts'

const { db } = withFreshDatabase()

/** Saturday 28 November 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-11-28T02:00:00Z')

async function seeded() {
	setClock(NOW)
	await syncContent({ root: 'content', db: db() })
	return seedDemo(db(), { now: NOW })
}

const userId = (email: string) => db().select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id
const count = (table: typeof sharingSessions | typeof sessionRsvps | typeof sessionAttendance | typeof sessionFeedback) =>
	db()
		.select({ n: sql<number>`count(*)` })
		.from(table)
		.get()!.n

describe('the demo’s sharing sessions', () => {
	test('three past sessions with attendance, feedback and notes, one published as a method article; two upcoming', async () => {
		const summary = await seeded()
		expect(summary).toMatchObject({
			sharingSessions: count(sharingSessions),
			sessionRsvps: count(sessionRsvps),
			sessionAttendance: count(sessionAttendance),
			sessionFeedback: count(sessionFeedback),
			sessionArticles: 1,
		})
		expect(summary.sharingSessions).toBe(5)

		const sessions = db().select().from(sharingSessions).orderBy(sharingSessions.startsAt).all()
		const past = sessions.filter((s) => s.endsAt.getTime() <= NOW.getTime())
		const upcoming = sessions.filter((s) => s.startsAt.getTime() > NOW.getTime())
		expect(past).toHaveLength(3)
		expect(upcoming).toHaveLength(2)
		// Monthly, the last three months, 19:00–20:30 Shanghai; upcoming in about two and five weeks.
		expect(past.map((s) => shanghaiParts(s.startsAt).date.slice(0, 7))).toEqual(['2026-08', '2026-09', '2026-10'])
		for (const s of sessions) {
			expect([shanghaiParts(s.startsAt).time, shanghaiParts(s.endsAt).time]).toEqual(['19:00', '20:30'])
			expect(s.checkInCode).toMatch(/^\d{6}$/)
			expect(db().select().from(sessionSpeakers).where(eq(sessionSpeakers.sessionId, s.id)).all().length).toBeGreaterThan(0)
		}
		const daysAhead = upcoming.map((s) => (s.startsAt.getTime() - NOW.getTime()) / 86_400_000)
		expect(daysAhead[0]).toBeGreaterThan(10)
		expect(daysAhead[0]).toBeLessThan(21)
		expect(daysAhead[1]).toBeGreaterThan(30)
		expect(daysAhead[1]).toBeLessThan(42)
		expect(past.map((s) => s.title)).toContain('如何通过朋友圈运营提升客户触达率')

		const rsvps = db().select().from(sessionRsvps).all()
		const attendance = db().select().from(sessionAttendance).all()
		const feedback = db().select().from(sessionFeedback).all()
		for (const s of sessions) {
			const answers = rsvps.filter((r) => r.sessionId === s.id)
			expect(answers.filter((r) => r.status === 'going').length).toBeLessThanOrEqual(s.capacity)
			// A queue only when the seats are taken; nobody answered after today.
			if (answers.some((r) => r.status === 'waitlisted')) expect(answers.filter((r) => r.status === 'going')).toHaveLength(s.capacity)
			for (const r of answers) expect(r.respondedAt.getTime()).toBeLessThan(Math.min(NOW.getTime(), s.startsAt.getTime()))
			const present = attendance.filter((a) => a.sessionId === s.id)
			const rated = feedback.filter((f) => f.sessionId === s.id)
			if (s.endsAt.getTime() > NOW.getTime()) {
				expect([present.length, rated.length, s.notes]).toEqual([0, 0, null])
				continue
			}
			expect(s.notes).toBeTruthy()
			expect(present.length).toBeGreaterThan(10)
			expect(rated.length).toBeGreaterThan(0)
			// Checked in during the window, by the code or marked by the organiser.
			for (const a of present) {
				expect(a.checkedInAt.getTime()).toBeGreaterThanOrEqual(s.startsAt.getTime() - CHECK_IN_EARLY_MS)
				expect(a.checkedInAt.getTime()).toBeLessThanOrEqual(s.endsAt.getTime())
				expect(a.markedById).toBe(a.method === 'organizer' ? s.organizerId : null)
			}
			expect(new Set(present.map((a) => a.method))).toEqual(new Set(['code', 'organizer']))
			// Feedback 3–5, only from people who were there, after it started.
			const there = new Set(present.map((a) => a.userId))
			for (const f of rated) {
				expect(there.has(f.userId)).toBe(true)
				expect(f.rating).toBeGreaterThanOrEqual(3)
				expect(f.rating).toBeLessThanOrEqual(5)
				expect(f.createdAt.getTime()).toBeGreaterThan(s.endsAt.getTime())
			}
		}
		// Some were queued and got a seat when someone cancelled.
		expect(rsvps.filter((r) => r.status === 'going' && r.promotedAt !== null).length).toBeGreaterThan(0)

		// 刘洋's notes: drafted by the organiser, published by HR as a method article rep@ finds by searching.
		const draft = db().select().from(sessionArticleDrafts).get()!
		expect(draft).toMatchObject({ status: 'published', type: 'method', createdById: userId('manager@example.com'), reviewedById: userId('hr@example.com') })
		const article = db().select().from(kbArticles).where(eq(kbArticles.id, draft.articleId!)).get()!
		expect(article).toMatchObject({ type: 'method', title: '如何通过朋友圈运营提升客户触达率', sourcePath: `sessions/${draft.sessionId}` })
		for (const query of ['朋友圈', '触达率']) expect(searchArticles(query).hits.map((h) => h.slug)).toContain(article.slug)
	})

	test('rep@ is going to the next session and sees it on the home page; newhire@ is queued for the full one', async () => {
		await seeded()
		const upcoming = db()
			.select()
			.from(sharingSessions)
			.where(sql`${sharingSessions.startsAt} > ${NOW.getTime()}`)
			.orderBy(sharingSessions.startsAt)
			.all()
		const [next, full] = upcoming as [(typeof upcoming)[number], (typeof upcoming)[number]]
		expect(nextSessionFor(userId('rep@example.com'), NOW)).toMatchObject({ id: next.id, mine: { status: 'going' } })
		expect(nextSessionFor(userId('newhire@example.com'), NOW)).toMatchObject({ id: full.id, seatsLeft: 0, mine: { status: 'waitlisted', waitlistPosition: expect.any(Number) } })

		const cookie = await sessionCookieFor(userId('rep@example.com'))
		const data = await homeLoader(args(getRequest('/', { cookie })))
		expect(data.nextSession).toEqual({
			id: next.id,
			title: next.title,
			startsAt: next.startsAt,
			endsAt: next.endsAt,
			place: next.place,
			meetingUrl: next.meetingUrl,
			cancelledAt: null,
			mine: { status: 'going', waitlistPosition: null, attended: false },
		})
		const html = await renderInRouter(createElement(Home), 'zh-CN', { loaderData: data, path: '/' })
		const zh = textOf(html)
		expect(zh).toContain('下一场分享会')
		expect(zh).toContain(next.title)
		expect(zh).toContain('19:00')
		expect(zh).toContain('（北京时间）')
		expect(zh).toContain(next.place!)
		expect(zh).toContain('我会参加')
		expect(html).toContain(`href="/sessions/${next.id}"`)
		const en = textOf(await renderInRouter(createElement(Home), 'en', { loaderData: data, path: '/' }))
		expect(en).toContain('Next sharing session')
		expect(en).not.toMatch(/sharing\./)

		// The waitlisted newcomer sees their place in the queue.
		const newhire = await homeLoader(args(getRequest('/', { cookie: await sessionCookieFor(userId('newhire@example.com')) })))
		expect(newhire.nextSession).toMatchObject({ id: full.id, mine: { status: 'waitlisted' } })
		expect(textOf(await renderInRouter(createElement(Home), 'zh-CN', { loaderData: newhire, path: '/' }))).toMatch(/候补第 \d 位/)
	})
})
