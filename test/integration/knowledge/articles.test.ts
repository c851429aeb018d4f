import { describe, expect, test } from 'vitest'
import { kbSearchGaps } from '#db/schema/knowledge.ts'
import { createApiToken } from '#app/modules/auth/api-tokens.server.ts'
import type { ApiScope } from '#app/modules/auth/api-scopes.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import {
	feedbackSummary,
	getArticleBySlug,
	isBookmarked,
	listBookmarks,
	myFeedback,
	popularArticles,
	recentArticles,
	recordView,
	relatedArticles,
	saveFeedback,
	toggleBookmark,
	viewCount,
} from '#app/modules/knowledge/articles.server.ts'
import { upsertArticle } from '#app/modules/knowledge/index.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { loader as gapsLoader } from '#app/routes/_shell.admin.kb.gaps.tsx'
import { action as articleAction, loader as articleLoader } from '#app/routes/_shell.kb.$slug.tsx'
import { loader as kbLoader } from '#app/routes/_shell.kb._index.tsx'
import { action as apiAction, loader as apiLoader } from '#app/routes/api.v1.kb.search.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, ORIGIN, sessionCookieFor, settle } from '#test/helpers/requests.ts'

const { db } = withFreshDatabase()

type DataResult = {
	type: 'DataWithResponseInit'
	data: { result: { error?: Record<string, string[] | null> } }
	init: ResponseInit
}

async function setUp() {
	await syncContent({ root: 'test/fixtures/content', db: db() })
	const article = (slug: string) => getArticleBySlug(slug)!
	return { article }
}

async function signedIn(roles: Array<'hr_admin'> = []) {
	const user = await createTestUser({ roles })
	return { ...user, cookie: await sessionCookieFor(user.id) }
}

/** A bare article for ranking tests; the fixtures have too few shared tags to show the order. */
function addArticle(slug: string, tags: string[], updatedOn: string, related: string[] = []) {
	return db().transaction((tx) =>
		upsertArticle(tx, {
			slug,
			type: 'faq',
			title: `标题 ${slug}`,
			titleEn: `Title ${slug}`,
			summary: '摘要',
			summaryEn: 'Summary',
			tags,
			products: [],
			stage: null,
			objectionCategory: null,
			positions: ['sales_rep'],
			indicators: [],
			related,
			author: '测试',
			updatedOn,
			verifiedBy: null,
			verifiedOn: null,
			code: '',
			bodyText: '正文',
			contentHash: slug,
			sourcePath: `${slug}.mdx`,
			syncedAt: new Date(),
		}),
	)
}

const gapCount = (query: string) => db().select().from(kbSearchGaps).all().find((g) => g.query === query)?.count ?? 0
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

describe('views', () => {
	test('a person counts once per Shanghai business day, however often they refresh', async () => {
		const { article } = await setUp()
		const { id: articleId } = article('competitor-cheaper')
		const a = await createTestUser()
		const b = await createTestUser()

		setClock(new Date('2026-11-02T01:00:00Z'))
		expect(recordView(articleId, a.id)).toBe(true)
		expect(recordView(articleId, a.id)).toBe(false)
		// 15:59 UTC is still the same day in Shanghai (23:59).
		setClock(new Date('2026-11-02T15:59:00Z'))
		recordView(articleId, a.id)
		expect(viewCount(articleId)).toBe(1)

		// 16:00 UTC is midnight in Shanghai: a new business day.
		setClock(new Date('2026-11-02T16:00:00Z'))
		recordView(articleId, a.id)
		expect(viewCount(articleId)).toBe(2)
		recordView(articleId, b.id)
		expect(viewCount(articleId)).toBe(3)
	})

	test('opening an article through the page records the view and shows the count', async () => {
		await setUp()
		const rep = await signedIn()
		const open = () => articleLoader(args(getRequest('/kb/competitor-cheaper', { cookie: rep.cookie }), { slug: 'competitor-cheaper' }))
		expect((await open()).views).toBe(1)
		expect((await open()).views).toBe(1)
	})

	test('most viewed counts the last 90 days only and leaves out unread articles; recent is by update date', async () => {
		const { article } = await setUp()
		const users = await Promise.all([1, 2, 3].map(() => createTestUser()))
		setClock(new Date('2026-06-01T04:00:00Z'))
		// Long ago: three people read the FAQ.
		for (const u of users) recordView(article('budget-cut').id, u.id)
		setClock(new Date('2026-11-01T04:00:00Z'))
		recordView(article('insurance-risk').id, users[0]!.id)
		recordView(article('competitor-cheaper').id, users[0]!.id)
		recordView(article('competitor-cheaper').id, users[1]!.id)

		expect(popularArticles(5).map((a) => [a.slug, a.views])).toEqual([
			['competitor-cheaper', 2],
			['insurance-risk', 1],
		])
		expect(recentArticles(2).map((a) => a.slug)).toEqual(['competitor-cheaper', 'insurance-risk'])
	})
})

describe('related articles', () => {
	test('the article’s own related slugs first, then the ones sharing most tags, at most five, never itself', async () => {
		const { article } = await setUp()
		addArticle('two-shared-old', ['竞品', '压价'], '2025-01-01')
		addArticle('one-shared-new', ['压价'], '2026-12-01')
		addArticle('one-shared-old', ['竞品'], '2025-06-01')
		addArticle('two-shared-new', ['竞品', '压价', '其他'], '2026-12-02')
		addArticle('unrelated', ['无关'], '2026-12-03')
		addArticle('one-more', ['竞品'], '2024-01-01')

		const related = relatedArticles(article('competitor-cheaper')).map((a) => a.slug)
		expect(related).toEqual(['insurance-risk', 'two-shared-new', 'two-shared-old', 'one-shared-new', 'one-shared-old'])
		expect(relatedArticles(article('budget-cut'))).toEqual([])
	})
})

describe('bookmarks', () => {
	test('toggling adds and removes; the list is newest first', async () => {
		const { article } = await setUp()
		const rep = await createTestUser()
		setClock(new Date('2026-11-01T01:00:00Z'))
		expect(toggleBookmark(rep.id, article('budget-cut').id)).toBe(true)
		setClock(new Date('2026-11-01T02:00:00Z'))
		expect(toggleBookmark(rep.id, article('insurance-risk').id)).toBe(true)
		expect(isBookmarked(rep.id, article('budget-cut').id)).toBe(true)
		expect(listBookmarks(rep.id).map((a) => a.slug)).toEqual(['insurance-risk', 'budget-cut'])

		expect(toggleBookmark(rep.id, article('budget-cut').id)).toBe(false)
		expect(isBookmarked(rep.id, article('budget-cut').id)).toBe(false)
		expect(listBookmarks(rep.id).map((a) => a.slug)).toEqual(['insurance-risk'])
	})

	test('the bookmark form toggles through the action and redirects back with a toast', async () => {
		await setUp()
		const rep = await signedIn()
		const post = () =>
			settle(() =>
				articleAction(args(formRequest('/kb/budget-cut', { intent: 'bookmark' }, { cookie: rep.cookie }), { slug: 'budget-cut' })),
			) as Promise<Response>
		const res = await post()
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe('/kb/budget-cut')
		expect(res.headers.get('set-cookie')).toMatch(/^ascent_toast=/)
		const page = await articleLoader(args(getRequest('/kb/budget-cut', { cookie: rep.cookie }), { slug: 'budget-cut' }))
		expect(page.bookmarked).toBe(true)
		await post()
		expect(listBookmarks(rep.id)).toEqual([])
	})
})

describe('feedback', () => {
	test('one answer per person, which they may change; the summary counts people', async () => {
		const { article } = await setUp()
		const { id } = article('competitor-cheaper')
		const a = await createTestUser()
		const b = await createTestUser()
		saveFeedback(id, a.id, true, '  很好用  ')
		saveFeedback(id, b.id, false)
		expect(feedbackSummary(id)).toEqual({ yes: 1, no: 1 })
		expect(myFeedback(id, a.id)).toEqual({ helpful: true, comment: '很好用' })

		saveFeedback(id, a.id, false, '')
		expect(feedbackSummary(id)).toEqual({ yes: 0, no: 2 })
		expect(myFeedback(id, a.id)).toEqual({ helpful: false, comment: null })
		expect(feedbackSummary(article('budget-cut').id)).toEqual({ yes: 0, no: 0 })
		expect(() => saveFeedback(id, a.id, true, '长'.repeat(501))).toThrow(RangeError)
	})

	test('through the form: a comment over 500 characters is a 400 field error and nothing is saved', async () => {
		const { article } = await setUp()
		const rep = await signedIn()
		const post = (fields: Record<string, string>) =>
			settle(() => articleAction(args(formRequest('/kb/competitor-cheaper', fields, { cookie: rep.cookie }), { slug: 'competitor-cheaper' })))

		const tooLong = (await post({ intent: 'feedback', helpful: 'yes', comment: '话'.repeat(501) })) as unknown as DataResult
		expect(tooLong.init.status).toBe(400)
		expect(tooLong.data.result.error?.comment).toEqual(['kb.commentTooLong'])
		const noAnswer = (await post({ intent: 'feedback', comment: '' })) as unknown as DataResult
		expect(noAnswer.init.status).toBe(400)
		expect(noAnswer.data.result.error?.helpful).toEqual(['validation.required'])
		expect(myFeedback(article('competitor-cheaper').id, rep.id)).toBeNull()

		const ok = (await post({ intent: 'feedback', helpful: 'yes', comment: '话'.repeat(500) })) as Response
		expect(ok.status).toBe(302)
		expect(ok.headers.get('location')).toBe('/kb/competitor-cheaper')
		expect(myFeedback(article('competitor-cheaper').id, rep.id)).toMatchObject({ helpful: true })
		const page = await articleLoader(args(getRequest('/kb/competitor-cheaper', { cookie: rep.cookie }), { slug: 'competitor-cheaper' }))
		expect(page.feedback).toMatchObject({ summary: { yes: 1, no: 0 }, mine: { helpful: true } })
	})
})

describe('the article page', () => {
	test('an unknown slug is a 404 for the page and its action; anonymous visitors go to log in', async () => {
		await setUp()
		const rep = await signedIn()
		const missing = (await settle(() =>
			articleLoader(args(getRequest('/kb/no-such-article', { cookie: rep.cookie }), { slug: 'no-such-article' })),
		)) as Response
		expect(missing.status).toBe(404)
		const missingAction = (await settle(() =>
			articleAction(args(formRequest('/kb/no-such-article', { intent: 'bookmark' }, { cookie: rep.cookie }), { slug: 'no-such-article' })),
		)) as Response
		expect(missingAction.status).toBe(404)
		const anonymous = (await settle(() => articleLoader(args(getRequest('/kb/budget-cut'), { slug: 'budget-cut' })))) as Response
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('location')).toBe('/login?redirectTo=%2Fkb%2Fbudget-cut')
	})

	test('renders the article HTML with its hidden copy button, related articles and the verified line data', async () => {
		await setUp()
		const rep = await signedIn()
		const page = await articleLoader(args(getRequest('/kb/competitor-cheaper', { cookie: rep.cookie }), { slug: 'competitor-cheaper' }))
		expect(page.article).toMatchObject({ title: '客户以竞品更低价压价', objectionCategory: 'competitor', verifiedBy: null })
		expect(page.article).not.toHaveProperty('code')
		expect(page.html).toContain('data-copy-script')
		expect(page.html).toContain('理解，我们一起算一下三年的总成本。')
		expect(page.related.map((a) => a.slug)).toEqual(['insurance-risk'])
		const en = await articleLoader(args(getRequest('/kb/competitor-cheaper?lng=en', { cookie: rep.cookie }), { slug: 'competitor-cheaper' }))
		expect(en.html).toContain('Copy script')
	})
})

describe('the search page', () => {
	const search = (cookie: string, query: string) => kbLoader(args(getRequest(`/kb${query}`, { cookie })))

	test('finds and highlights; filters narrow and report counts per value', async () => {
		await setUp()
		const rep = await signedIn()
		const found = await search(rep.cookie, `?q=${encodeURIComponent('压价')}`)
		expect(found.total).toBe(1)
		expect(found.hits[0]!.slug).toBe('competitor-cheaper')
		expect(found.hits[0]!.title.filter((s) => s.hit).map((s) => s.text)).toEqual(['压价'])
		expect(found.landing).toBeNull()

		const all = await search(rep.cookie, '?type=faq')
		expect(all.hits.map((h) => h.slug)).toEqual(['budget-cut'])
		expect(all.facets.type).toEqual({ case: 1, faq: 1, objection: 1 })
		// An unknown filter value is ignored rather than an error.
		expect((await search(rep.cookie, '?type=bogus&page=abc')).total).toBe(3)
	})

	test('a zero-result query is recorded as a gap each time; an empty query, a hit, or an over-narrow filter is not', async () => {
		await setUp()
		setClock(new Date('2026-11-02T01:00:00Z'))
		const rep = await signedIn()
		const empty = await search(rep.cookie, '')
		expect(empty.landing).not.toBeNull()
		expect(empty.landing!.recent.map((a) => a.slug)).toEqual(['competitor-cheaper', 'insurance-risk', 'budget-cut'])
		await search(rep.cookie, '?q=%20%20')
		expect(db().select().from(kbSearchGaps).all()).toEqual([])

		const first = await search(rep.cookie, `?q=${encodeURIComponent('火星 保险')}`)
		expect(first).toMatchObject({ total: 0, gapRecorded: true })
		expect(gapCount('火星 保险')).toBe(1)
		// The same search again within half a minute (typing paused, then Enter) is still one search.
		setClock(new Date('2026-11-02T01:00:20Z'))
		await search(rep.cookie, `?q=${encodeURIComponent('火星 保险')}`)
		expect(gapCount('火星 保险')).toBe(1)
		setClock(new Date('2026-11-02T01:01:00Z'))
		await search(rep.cookie, `?q=${encodeURIComponent('  火星   保险 ')}`)
		expect(gapCount('火星 保险')).toBe(2)

		// 压价 exists, just not among FAQs: no content gap.
		const filtered = await search(rep.cookie, `?q=${encodeURIComponent('压价')}&type=faq`)
		expect(filtered).toMatchObject({ total: 0, gapRecorded: false })
		expect(gapCount('压价')).toBe(0)
	})

	test('FTS syntax is just text, and an over-long query is cut with a notice', async () => {
		await setUp()
		const rep = await signedIn()
		for (const query of ['"价格 OR (NEAR -*', 'price* AND NOT "', '压价)"', "'; drop table kb_articles; --"]) {
			const page = await search(rep.cookie, `?q=${encodeURIComponent(query)}`)
			expect(page.query.display).toBe(query.trim())
		}
		expect((await search(rep.cookie, '')).total).toBe(3)
		const long = await search(rep.cookie, `?q=${encodeURIComponent('压价'.repeat(150))}`)
		expect(long.query.truncated).toBe(true)
	})

	test('when nothing contains the query as typed, its words are searched and the filters count those results', async () => {
		await setUp()
		const rep = await signedIn()
		const page = await search(rep.cookie, `?q=${encodeURIComponent('竞品压价怎么办')}`)
		expect(page.query.relaxed).toEqual(expect.arrayContaining(['竞品', '压价']))
		expect(page.hits.map((h) => h.slug)).toContain('competitor-cheaper')
		expect(page.hits[0]!.snippet.some((s) => s.hit)).toBe(true)
		expect(page.facets.type.objection).toBe(1)
		// Results were found, so this is no content gap.
		expect(page.gapRecorded).toBe(false)
		expect(gapCount('竞品压价怎么办')).toBe(0)
	})

	test('bookmarks appear on the browse view', async () => {
		const { article } = await setUp()
		const rep = await signedIn()
		toggleBookmark(rep.id, article('insurance-risk').id)
		const page = await search(rep.cookie, '')
		expect(page.landing!.bookmarks.map((a) => a.slug)).toEqual(['insurance-risk'])
	})
})

describe('search gaps for HR', () => {
	test('staff get 403; HR sees the gaps, most frequent first', async () => {
		await setUp()
		const staff = await signedIn()
		const forbidden = (await settle(() => gapsLoader(args(getRequest('/admin/kb/gaps', { cookie: staff.cookie }))))) as Response
		expect(forbidden.status).toBe(403)

		setClock(new Date('2026-11-02T01:00:00Z'))
		await kbLoader(args(getRequest('/kb?q=xyzzy', { cookie: staff.cookie })))
		await kbLoader(args(getRequest('/kb?q=plugh', { cookie: staff.cookie })))
		// Searched again a minute later: a second search.
		setClock(new Date('2026-11-02T01:01:00Z'))
		await kbLoader(args(getRequest('/kb?q=plugh', { cookie: staff.cookie })))
		const hr = await signedIn(['hr_admin'])
		const page = await gapsLoader(args(getRequest('/admin/kb/gaps', { cookie: hr.cookie })))
		expect(page.gaps.map((g) => [g.query, g.count])).toEqual([
			['plugh', 2],
			['xyzzy', 1],
		])
	})
})

describe('GET /api/v1/kb/search', () => {
	async function tokenWith(scopes: ApiScope[]) {
		const hr = await createTestUser({ roles: ['hr_admin'], positionType: null })
		return createApiToken({ name: 'IM 机器人', scopes, createdById: hr.id }).token
	}
	const request = (path: string, token?: string, init: RequestInit = {}) =>
		new Request(ORIGIN + path, { ...init, headers: token ? { authorization: `Bearer ${token}` } : {} })
	async function call(fn: typeof apiLoader, req: Request) {
		const res = (await settle(() => fn(args(req)))) as Response
		return { res, body: (await res.json()) as Record<string, unknown> }
	}

	test('needs a bearer token with bot:read', async () => {
		await setUp()
		const none = await call(apiLoader, request('/api/v1/kb/search?q=压价'))
		expect(none.res.status).toBe(401)
		const wrongScope = await call(apiLoader, request('/api/v1/kb/search?q=压价', await tokenWith(['users:read'])))
		expect(wrongScope.res.status).toBe(403)
		expect(wrongScope.body).toMatchObject({ error: { code: 'insufficient_scope' } })
		// The session cookie of a signed-in person does not count.
		const rep = await signedIn()
		const withCookie = new Request(`${ORIGIN}/api/v1/kb/search?q=x`, { headers: { cookie: rep.cookie } })
		expect((await call(apiLoader, withCookie)).res.status).toBe(401)
	})

	test('answers the best matches with plain snippets and absolute links; blank q is a 400; POST is a 405', async () => {
		await setUp()
		const token = await tokenWith(['bot:read'])
		const { res, body } = await call(apiLoader, request(`/api/v1/kb/search?q=${encodeURIComponent('压价')}&limit=3`, token))
		expect(res.status).toBe(200)
		expect(res.headers.get('content-type')).toMatch(/application\/json/)
		expect(body).toMatchObject({ query: '压价', total: 1 })
		expect(body.results).toEqual([
			{
				slug: 'competitor-cheaper',
				title: '客户以竞品更低价压价',
				titleEn: 'The customer uses a cheaper competitor to push the price down',
				type: 'objection',
				snippet: expect.stringContaining('竞品便宜 30%'),
				url: `${ORIGIN}/kb/competitor-cheaper`,
			},
		])

		for (const q of ['', '?q=', '?q=%20%20']) {
			const blank = await call(apiLoader, request(`/api/v1/kb/search${q}`, token))
			expect(blank.res.status).toBe(400)
			expect(blank.body).toMatchObject({ error: { code: 'invalid_request' } })
		}
		const badLimit = await call(apiLoader, request('/api/v1/kb/search?q=x&limit=500', token))
		expect(badLimit.res.status).toBe(400)

		const none = await call(apiLoader, request('/api/v1/kb/search?q=xyzzy', token))
		expect(none.body).toMatchObject({ total: 0, results: [] })
		expect(gapCount('xyzzy')).toBe(1)

		const post = await call(apiAction as typeof apiLoader, request('/api/v1/kb/search?q=x', token, { method: 'POST' }))
		expect(post.res.status).toBe(405)
		expect(post.res.headers.get('allow')).toBe('GET')
	})
})
