import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { Role } from '#db/schema/auth.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { sessionArticleDrafts, sessionSpeakers, sharingSessions } from '#db/schema/sharing.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { searchArticles } from '#app/modules/knowledge/search.server.ts'
import { draftFromSession, draftsForReview, getDraft, publishDraft, rejectDraft } from '#app/modules/sharing/publish.server.ts'
import type { Viewer } from '#app/modules/sharing/rsvp.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { auditsLike } from '#test/integration/performance/helpers.ts'

const { db } = withFreshDatabase()

/** Saturday 12 December 2026, 10:00 in Shanghai: two days after the session. */
const NOW = new Date('2026-12-12T02:00:00Z')
/** The session: Thursday 10 December 2026, 19:00–20:30 in Shanghai. */
const STARTS = new Date('2026-12-10T11:00:00Z')
const ENDS = new Date('2026-12-10T12:30:00Z')

const NOTES = [
	'续约前 90 天先做使用复盘，把 churn 风险写清楚，再约决策人。',
	'',
	'## 做法',
	'',
	'1. 拉出近三个月的登录数据；',
	'2. 标出沉睡账号，逐个回访。',
].join('\n')

const viewer = (id: number, ...roles: Role[]): Viewer => ({ id, roles: ['staff', ...roles] })

async function person(name: string, ...roles: Role[]): Promise<Viewer> {
	const { id } = await createTestUser({ name, password: null, roles })
	return viewer(id, ...roles)
}

const count = (table: string) => (db().$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
/** What a refused action must leave untouched. */
const footprint = () => ({
	drafts: JSON.stringify(db().select().from(sessionArticleDrafts).all()),
	articles: count('kb_articles'),
	index: count('kb_article_index'),
	audits: count('audit_log'),
})

async function setup({ notes = NOTES as string | null } = {}) {
	setClock(NOW)
	const organiser = await person('赵经理', 'manager')
	const hr = await person('钱人事', 'hr_admin')
	const otherHr = await person('孙人事', 'hr_admin')
	const rep = await person('周销售')
	const speaker = await person('王芳')
	const session = db()
		.insert(sharingSessions)
		.values({
			title: '大客户续约的三个节点',
			topic: '续约前 90 天要做什么',
			startsAt: STARTS,
			endsAt: ENDS,
			place: '上海 3 楼会议室',
			capacity: 30,
			indicators: ['renewal_rate'],
			tags: ['续约'],
			organizerId: organiser.id,
			checkInCode: '123456',
			notes,
			recordingUrl: 'https://meeting.example.com/rec/1',
		})
		.returning()
		.get()
	db().insert(sessionSpeakers).values({ sessionId: session.id, userId: speaker.id, position: 0 }).run()
	return { organiser, hr, otherHr, rep, sessionId: session.id, slug: `session-${session.id}-202612` }
}

function drafted(sessionId: number, actor: Viewer, type: 'case' | 'method' = 'method'): number {
	const result = draftFromSession(sessionId, type, actor)
	if (!result.ok) throw new Error(`draft refused: ${JSON.stringify(result)}`)
	return result.draftId
}

const slugsFor = (q: string) => searchArticles(q).hits.map((h) => h.slug)

describe('drafting from a session', () => {
	test('the organiser drafts; a second call rewrites the same draft; both audited', async () => {
		const { organiser, sessionId, slug } = await setup()
		const first = draftFromSession(sessionId, 'case', organiser)
		expect(first).toMatchObject({ ok: true, created: true })
		db().update(sharingSessions).set({ notes: '改过的笔记 {重点}。' }).where(eq(sharingSessions.id, sessionId)).run()
		const second = draftFromSession(sessionId, 'method', organiser)
		expect(second).toMatchObject({ ok: true, created: false })
		if (!first.ok || !second.ok) return
		expect(second.draftId).toBe(first.draftId)
		const draft = getDraft(first.draftId)!
		expect(draft).toMatchObject({ slug, type: 'method', status: 'draft', summary: '改过的笔记 {重点}。', indicators: ['renewal_rate'] })
		expect(draft.body.startsWith('改过的笔记 \\{重点\\}。')).toBe(true)
		expect(auditsLike('sharing.article.').map((a) => a.action)).toEqual(['sharing.article.draft', 'sharing.article.redraft'])
	})

	test('HR may draft; a rep, a session without notes, an unknown session or type are refused with nothing written', async () => {
		const { hr, rep, sessionId } = await setup()
		const before = footprint()
		expect(draftFromSession(sessionId, 'case', rep)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['sharing.errors.forbidden'] })
		expect(draftFromSession(999, 'case', hr)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['sharing.errors.notFound'] })
		expect(draftFromSession(sessionId, 'faq' as 'case', hr)).toMatchObject({ ok: false, fieldErrors: { type: ['sharing.errors.articleType'] } })
		db().update(sharingSessions).set({ notes: '  \n ' }).where(eq(sharingSessions.id, sessionId)).run()
		expect(draftFromSession(sessionId, 'case', hr)).toMatchObject({ ok: false, fieldErrors: { notes: ['sharing.errors.noNotes'] } })
		expect(footprint()).toEqual(before)
		db().update(sharingSessions).set({ notes: NOTES }).where(eq(sharingSessions.id, sessionId)).run()
		expect(draftFromSession(sessionId, 'case', hr)).toMatchObject({ ok: true })
	})
})

describe('publishing', () => {
	test('HR publishes the draft into the KB: searchable in Chinese (two characters) and English, audited', async () => {
		const { organiser, hr, sessionId, slug } = await setup()
		const draftId = drafted(sessionId, organiser)
		expect(draftsForReview().map((d) => d.id)).toEqual([draftId])

		const result = await publishDraft(draftId, hr)
		expect(result).toMatchObject({ ok: true, slug })
		expect(slugsFor('复盘')).toContain(slug)
		expect(slugsFor('churn')).toContain(slug)
		expect(slugsFor('王芳')).toContain(slug)

		const article = db().select().from(kbArticles).where(eq(kbArticles.slug, slug)).get()!
		expect(article).toMatchObject({
			type: 'method',
			title: '大客户续约的三个节点',
			author: '王芳',
			sourcePath: `sessions/${sessionId}`,
			updatedOn: '2026-12-12',
			indicators: ['renewal_rate'],
			positions: ['sales_rep', 'marketing', 'customer_success'],
		})
		expect(article.code).toContain('function')
		expect(article.bodyText).toContain('沉睡账号')
		expect(article.bodyText).toContain('2026-12-10 19:00–20:30')
		expect(getDraft(draftId)).toMatchObject({ status: 'published', reviewedById: hr.id, articleId: article.id })
		expect(draftsForReview()).toEqual([])
		expect(auditsLike('sharing.article.publish')).toHaveLength(1)

		// Published is final: no second publication, no redraft over it.
		expect(await publishDraft(draftId, hr)).toMatchObject({ ok: false, formErrors: ['sharing.errors.draftClosed'] })
		expect(draftFromSession(sessionId, 'case', organiser)).toMatchObject({ ok: false, formErrors: ['sharing.errors.alreadyPublished'] })
	})

	test('HR edits while publishing: title, English title and type', async () => {
		const { organiser, hr, sessionId, slug } = await setup()
		const draftId = drafted(sessionId, organiser)
		const result = await publishDraft(draftId, hr, { type: 'case', titleEn: 'Three renewal checkpoints', title: '续约三节点' })
		expect(result).toMatchObject({ ok: true })
		expect(db().select().from(kbArticles).where(eq(kbArticles.slug, slug)).get()).toMatchObject({
			type: 'case',
			title: '续约三节点',
			titleEn: 'Three renewal checkpoints',
		})
		expect(slugsFor('checkpoints')).toEqual([slug])
		expect(getDraft(draftId)).toMatchObject({ type: 'case', title: '续约三节点' })
	})

	test('the author may not publish their own draft, nor may someone without HR', async () => {
		const { organiser, hr, otherHr, rep, sessionId } = await setup()
		const byHr = drafted(sessionId, hr)
		const before = footprint()
		expect(await publishDraft(byHr, hr)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['sharing.errors.ownDraft'] })
		expect(await publishDraft(byHr, organiser)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['sharing.errors.forbidden'] })
		expect(await publishDraft(byHr, rep)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['sharing.errors.forbidden'] })
		expect(await publishDraft(12345, otherHr)).toMatchObject({ ok: false, formErrors: ['sharing.errors.notFound'] })
		expect(footprint()).toEqual(before)
		expect(await publishDraft(byHr, otherHr)).toMatchObject({ ok: true })
	})

	test('notes with braces, angle brackets and code still compile', async () => {
		const { organiser, hr, sessionId, slug } = await setup({
			notes: '报价 {底线} 要 <8 折，客户说 <b>太贵</b>。\n\nimport 数据前先清洗。\n\n```js\nconst x = { y: "<z>" }\n```\n\n<!-- 备注 --> 结束 }',
		})
		const result = await publishDraft(drafted(sessionId, organiser), hr)
		expect(result).toMatchObject({ ok: true })
		const article = db().select().from(kbArticles).where(eq(kbArticles.slug, slug)).get()!
		expect(article.bodyText).toContain('报价 {底线} 要 <8 折，客户说 <b>太贵</b>。')
		expect(article.bodyText).toContain('import 数据前先清洗。')
		expect(article.bodyText).toContain('const x = { y: "<z>" }')
		expect(slugsFor('底线')).toEqual([slug])
	})

	test("an edit that breaks the MDX is refused with the compiler's message and the body's line, nothing written", async () => {
		const { organiser, hr, sessionId } = await setup()
		const draftId = drafted(sessionId, organiser)
		const before = footprint()
		const result = await publishDraft(draftId, hr, { body: '第一行\n\n第三行 {没有闭合' })
		expect(result.ok).toBe(false)
		if (result.ok) return
		const [error] = result.fieldErrors.body ?? []
		expect(error).toMatch(/^sharing\.errors\.mdx\?/)
		const values = new URLSearchParams(error!.slice(error!.indexOf('?') + 1))
		expect(values.get('line')).toBe('3')
		expect(values.get('message')).toMatch(/closing brace/)
		expect(footprint()).toEqual(before)
		expect(await publishDraft(draftId, hr, { title: '' })).toMatchObject({ ok: false, fieldErrors: { title: ['sharing.errors.required'] } })
		expect(await publishDraft(draftId, hr, { summary: '字'.repeat(201) })).toMatchObject({ ok: false, fieldErrors: { summary: ['sharing.errors.tooLong'] } })
		expect(footprint()).toEqual(before)
	})

	test('a slug held by an article from a file is not taken over', async () => {
		const { organiser, hr, sessionId, slug } = await setup()
		const draftId = drafted(sessionId, organiser)
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-content-'))
		fs.cpSync('test/fixtures/content', root, { recursive: true })
		const donor = path.join(root, 'kb/faq/budget-cut.mdx')
		fs.renameSync(donor, path.join(root, `kb/faq/${slug}.mdx`))
		await syncContent({ root })
		const before = footprint()
		expect(await publishDraft(draftId, hr)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['sharing.errors.slugTaken'] })
		expect(footprint()).toEqual(before)
		fs.rmSync(root, { recursive: true, force: true })
	})
})

describe('rejecting', () => {
	test('HR rejects with a note; the author redrafts, which reopens it for review', async () => {
		const { organiser, hr, rep, sessionId } = await setup()
		const draftId = drafted(sessionId, organiser)
		const before = footprint()
		expect(rejectDraft(draftId, '  ', hr)).toMatchObject({ ok: false, fieldErrors: { note: ['sharing.errors.required'] } })
		expect(rejectDraft(draftId, '请补充数据', rep)).toMatchObject({ ok: false, formErrors: ['sharing.errors.forbidden'] })
		expect(rejectDraft(draftId, '请补充数据', organiser)).toMatchObject({ ok: false, formErrors: ['sharing.errors.forbidden'] })
		expect(footprint()).toEqual(before)

		expect(rejectDraft(draftId, '请补充续约数据', hr)).toEqual({ ok: true })
		expect(getDraft(draftId)).toMatchObject({ status: 'rejected', reviewNote: '请补充续约数据', reviewedById: hr.id })
		expect(draftsForReview()).toEqual([])
		expect(await publishDraft(draftId, hr)).toMatchObject({ ok: false, formErrors: ['sharing.errors.draftClosed'] })
		expect(auditsLike('sharing.article.reject')).toMatchObject([{ reason: '请补充续约数据', actorId: hr.id }])

		expect(draftFromSession(sessionId, 'case', organiser)).toMatchObject({ ok: true, draftId, created: false })
		expect(getDraft(draftId)).toMatchObject({ status: 'draft', reviewNote: null })
		expect(draftsForReview().map((d) => d.id)).toEqual([draftId])
	})
})

describe('content sync after publishing', () => {
	test('syncing the real content leaves a published session article in place', async () => {
		const { organiser, hr, sessionId, slug } = await setup()
		await publishDraft(drafted(sessionId, organiser), hr)
		const before = db().select().from(kbArticles).where(eq(kbArticles.slug, slug)).get()!

		const report = await syncContent({ root: 'content' })
		expect(report.removed).toEqual([])
		expect(report.compiled).not.toContain(slug)
		expect(db().select().from(kbArticles).where(eq(kbArticles.slug, slug)).get()).toEqual(before)
		expect(slugsFor('复盘')).toContain(slug)

		const again = await syncContent({ root: 'content' })
		expect(again).toMatchObject({ compiled: [], removed: [], skipped: [] })
		expect(slugsFor('churn')).toContain(slug)
	}, 60_000)

	test('a file with the same slug is skipped and reported, and the session article is kept', async () => {
		const { organiser, hr, sessionId, slug } = await setup()
		await publishDraft(drafted(sessionId, organiser), hr)
		const before = db().select().from(kbArticles).where(eq(kbArticles.slug, slug)).get()!
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-content-'))
		fs.cpSync('test/fixtures/content', root, { recursive: true })
		fs.copyFileSync(path.join(root, 'kb/faq/budget-cut.mdx'), path.join(root, `kb/faq/${slug}.mdx`))

		const report = await syncContent({ root })
		expect(report.skipped).toEqual([expect.objectContaining({ slug, reason: expect.stringContaining(`sessions/${sessionId}`) })])
		expect(report.compiled).not.toContain(slug)
		expect(db().select().from(kbArticles).where(eq(kbArticles.slug, slug)).get()).toEqual(before)

		// Removing every file leaves it too: only articles that came from files are removed.
		fs.rmSync(path.join(root, 'kb'), { recursive: true })
		const emptied = await syncContent({ root })
		expect(emptied.removed).not.toContain(slug)
		expect(db().select().from(kbArticles).all().map((a) => a.slug)).toEqual([slug])
		fs.rmSync(root, { recursive: true, force: true })
	})
})
