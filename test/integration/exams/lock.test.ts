import { describe, expect, test } from 'vitest'
import { createApiToken } from '#app/modules/auth/api-tokens.server.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { getExam, startAttempt, submitAttempt } from '#app/modules/exams/attempts.server.ts'
import { getArticleBySlug, isBookmarked, viewCount } from '#app/modules/knowledge/articles.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { loader as gapsLoader } from '#app/routes/_shell.admin.kb.gaps.tsx'
import { action as articleAction, loader as articleLoader } from '#app/routes/_shell.kb.$slug.tsx'
import { loader as kbLoader } from '#app/routes/_shell.kb._index.tsx'
import { loader as shellLoader } from '#app/routes/_shell.tsx'
import { loader as apiLoader } from '#app/routes/api.v1.kb.search.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, ORIGIN, sessionCookieFor } from '#test/helpers/requests.ts'

const { db } = withFreshDatabase()

const T0 = new Date('2026-11-27T06:20:00Z')
const ARTICLE = 'competitor-cheaper'

type ExamLock = { href: string; title: string; titleEn: string; endsAt: string }

async function newHire(roles: Array<'hr_admin'> = []) {
	setClock(T0)
	await syncContent({ root: 'test/fixtures/content', db: db() })
	const user = await createTestUser({ hireDate: '2026-11-02', roles })
	return { ...user, cookie: await sessionCookieFor(user.id) }
}

function begin(userId: number, slug: string) {
	const started = startAttempt(userId, getExam(slug)!)
	if (!started.ok) throw new Error(started.reason)
	return { attemptId: started.attemptId, href: `/exams/${slug}/attempts/${started.attemptId}` }
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

/** The HTTP status a loader or action answers with, and the lock its 423 carries. */
async function outcome(fn: () => Promise<unknown>): Promise<{ status: number; examLock?: ExamLock; headers?: HeadersInit }> {
	try {
		const value = await fn()
		if (value instanceof Response) return { status: value.status }
		return { status: 200 }
	} catch (error) {
		if (error instanceof Response) return { status: error.status }
		const thrown = error as { type?: string; data?: { examLock?: ExamLock }; init?: ResponseInit }
		if (thrown?.type === 'DataWithResponseInit') return { status: thrown.init?.status ?? 200, examLock: thrown.data?.examLock, headers: thrown.init?.headers }
		throw error
	}
}

/** Every knowledge-base entry point a signed-in person (or their bot token) has. */
function knowledgeBase(cookie: string, token: string) {
	return {
		index: () => outcome(() => kbLoader(args(getRequest('/kb', { cookie })))),
		search: () => outcome(() => kbLoader(args(getRequest(`/kb?q=${encodeURIComponent('压价')}`, { cookie })))),
		article: () => outcome(() => articleLoader(args(getRequest(`/kb/${ARTICLE}`, { cookie }), { slug: ARTICLE }))),
		bookmark: () =>
			outcome(() => articleAction(args(formRequest(`/kb/${ARTICLE}`, { intent: 'bookmark' }, { cookie }), { slug: ARTICLE }))),
		feedback: () =>
			outcome(() =>
				articleAction(args(formRequest(`/kb/${ARTICLE}`, { intent: 'feedback', helpful: 'yes', comment: '' }, { cookie }), { slug: ARTICLE })),
			),
		api: async () => {
			const res = (await apiLoader(
				args(new Request(`${ORIGIN}/api/v1/kb/search?q=${encodeURIComponent('压价')}`, { headers: { authorization: `Bearer ${token}` } })),
			)) as Response
			return { status: res.status, body: (await res.json()) as Record<string, unknown> }
		},
	}
}

async function statuses(kb: ReturnType<typeof knowledgeBase>) {
	return {
		index: (await kb.index()).status,
		search: (await kb.search()).status,
		article: (await kb.article()).status,
		api: (await kb.api()).status,
	}
}

async function shellLock(cookie: string) {
	return (await shellLoader(args(getRequest('/', { cookie })))).examLock
}

describe('closed book', () => {
	test('an open closed-book attempt locks every KB page, search, action and API call with 423 naming the exam; submitting unlocks them', async () => {
		const me = await newHire()
		const token = createApiToken({ name: '我的机器人', scopes: ['bot:read'], createdById: me.id }).token
		const kb = knowledgeBase(me.cookie, token)
		expect(await statuses(kb)).toEqual({ index: 200, search: 200, article: 200, api: 200 })
		const article = getArticleBySlug(ARTICLE)!
		const views = viewCount(article.id)

		const { attemptId, href } = begin(me.id, 'canary')
		const lock = { href, title: '金丝雀产品考试', titleEn: 'Canary product exam', endsAt: '2026-11-27T06:30:00.000Z' }
		for (const call of [kb.index, kb.search, kb.article, kb.bookmark, kb.feedback]) {
			const result = await call()
			expect(result).toMatchObject({ status: 423, examLock: lock })
			expect(result.headers).toMatchObject({ 'Cache-Control': 'no-store' })
		}
		// Nothing happened behind the lock: no view counted, no bookmark stored.
		expect(viewCount(article.id)).toBe(views)
		expect(isBookmarked(me.id, article.id)).toBe(false)

		const api = await kb.api()
		expect(api.status).toBe(423)
		expect(api.body).toMatchObject({
			error: { code: 'exam_in_progress' },
			exam: { href, url: `${ORIGIN}${href}`, title: '金丝雀产品考试', titleEn: 'Canary product exam' },
		})
		expect(api.body).not.toHaveProperty('results')

		// The frame goes into focus mode with the way back to the exam.
		expect(await shellLock(me.cookie)).toEqual(lock)

		setClock(new Date(T0.getTime() + 5 * 60_000))
		expect(submitAttempt(attemptId, me.id)).toEqual({ ok: true })
		expect(await statuses(kb)).toEqual({ index: 200, search: 200, article: 200, api: 200 })
		expect((await kb.bookmark()).status).toBe(302)
		expect(isBookmarked(me.id, article.id)).toBe(true)
		expect(await shellLock(me.cookie)).toBeNull()
	})

	test('the lock lifts by itself once the deadline has passed, without a submit', async () => {
		const me = await newHire()
		const token = createApiToken({ name: '我的机器人', scopes: ['bot:read'], createdById: me.id }).token
		const kb = knowledgeBase(me.cookie, token)
		begin(me.id, 'canary')
		setClock(new Date(T0.getTime() + 10 * 60_000 + 29_000))
		// Inside the 30 s grace the attempt is still open, and so is the lock.
		expect(await statuses(kb)).toEqual({ index: 423, search: 423, article: 423, api: 423 })
		setClock(new Date(T0.getTime() + 10 * 60_000 + 30_000))
		expect(await statuses(kb)).toEqual({ index: 200, search: 200, article: 200, api: 200 })
		expect(await shellLock(me.cookie)).toBeNull()
	})

	test('an open-book attempt locks nothing', async () => {
		const me = await newHire()
		const token = createApiToken({ name: '我的机器人', scopes: ['bot:read'], createdById: me.id }).token
		begin(me.id, 'open-book')
		expect(await statuses(knowledgeBase(me.cookie, token))).toEqual({ index: 200, search: 200, article: 200, api: 200 })
		expect(await shellLock(me.cookie)).toBeNull()
	})

	test('the lock is the taker’s alone: colleagues and tokens issued by others still search', async () => {
		const me = await newHire()
		const colleague = await createTestUser({ hireDate: '2026-11-02' })
		const othersToken = createApiToken({ name: '团队机器人', scopes: ['bot:read'], createdById: colleague.id }).token
		begin(me.id, 'canary')
		const kb = knowledgeBase(await sessionCookieFor(colleague.id), othersToken)
		expect(await statuses(kb)).toEqual({ index: 200, search: 200, article: 200, api: 200 })
		expect(await shellLock(me.cookie)).not.toBeNull()
	})

	test('the search-gap report (HR) is locked too while HR takes a closed-book exam', async () => {
		const hr = await newHire(['hr_admin'])
		begin(hr.id, 'canary')
		expect(await outcome(() => gapsLoader(args(getRequest('/admin/kb/gaps', { cookie: hr.cookie }))))).toMatchObject({ status: 423 })
	})
})
