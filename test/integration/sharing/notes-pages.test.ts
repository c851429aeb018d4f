import { eq } from 'drizzle-orm'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { kbArticles } from '#db/schema/knowledge.ts'
import { sessionArticleDrafts, sessionRsvps, sharingSessions } from '#db/schema/sharing.ts'
import { searchArticles } from '#app/modules/knowledge/search.server.ts'
import { draftFromSession } from '#app/modules/sharing/publish.server.ts'
import { shanghaiInstant } from '#app/modules/sharing/rules.ts'
import { attendedCounts, createSession, saveNotes, speakerOptions } from '#app/modules/sharing/sessions.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import DraftsPage, { action as draftsAction, loader as draftsLoader } from '#app/routes/_shell.admin.kb.drafts.tsx'
import EditPage, { action as editAction, loader as editLoader } from '#app/routes/_shell.sessions.$id.edit.tsx'
import SessionPage, { action as sessionAction, loader as sessionLoader } from '#app/routes/_shell.sessions.$id.tsx'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { renderInRouter, textOf } from '#test/helpers/render.ts'
import { formRequest, getRequest, sessionCookieFor } from '#test/helpers/requests.ts'
import { args, auditsLike, run } from '../performance/helpers.ts'

const { db } = withFreshDatabase()

/** Saturday 12 December 2026, 10:00 in Shanghai: two days after the session. */
const NOW = new Date('2026-12-12T02:00:00Z')
const NOTES = ['续约前 90 天先做使用复盘，把沉睡账号逐个回访。', '', '## 做法', '', '1. 拉出近三个月的登录数据；'].join('\n')

type Errors = { result: { error?: Record<string, string[] | null> } }

async function setUp() {
	setClock(NOW)
	const manager = await createTestUser({ roles: ['manager'], positionType: null, name: '王经理', password: null })
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '钱人事', password: null })
	const otherHr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '孙人事', password: null })
	const speaker = await createTestUser({ name: '刘洋', password: null })
	const rep = await createTestUser({ name: '小新', password: null })
	const created = createSession(
		{
			title: '大客户续约的三个节点',
			topic: '续约前 90 天要做什么',
			date: '2026-12-10',
			startTime: '19:00',
			endTime: '20:30',
			startsAt: shanghaiInstant('2026-12-10', '19:00'),
			endsAt: shanghaiInstant('2026-12-10', '20:30'),
			place: '上海总部 3 楼',
			meetingUrl: null,
			capacity: 5,
			indicators: ['lead_conversion'],
			tags: ['续约'],
			speakerIds: [speaker.id],
		},
		{ id: manager.id, roles: ['staff', 'manager'] },
	)
	if (!created.ok) throw new Error(JSON.stringify(created))
	const cookies = {
		manager: await sessionCookieFor(manager.id),
		hr: await sessionCookieFor(hr.id),
		otherHr: await sessionCookieFor(otherHr.id),
		rep: await sessionCookieFor(rep.id),
	}
	return { ids: { manager: manager.id, hr: hr.id, otherHr: otherHr.id, speaker: speaker.id, rep: rep.id }, sessionId: created.sessionId, cookies }
}

const post = (cookie: string, id: number, fields: Record<string, string | string[]>) =>
	run(() => sessionAction(args(formRequest(`/sessions/${id}`, fields, { cookie }), { id: String(id) })))
const detail = (cookie: string, id: number) => run(() => sessionLoader(args(getRequest(`/sessions/${id}`, { cookie }), { id: String(id) })))
const postDrafts = (cookie: string, fields: Record<string, string>) => run(() => draftsAction(args(formRequest('/admin/kb/drafts', fields, { cookie }))))
const sessionRow = (id: number) => db().select().from(sharingSessions).where(eq(sharingSessions.id, id)).get()!

describe('notes and recording on /sessions/:id', () => {
	test('the organiser saves notes and a recording link (audited); everyone sees the recording link', async () => {
		const { sessionId, cookies } = await setUp()
		const saved = await post(cookies.manager, sessionId, { intent: 'notes', notes: NOTES, recordingUrl: 'https://meeting.example.com/rec/1' })
		expect(saved.status).toBe(302)
		expect(sessionRow(sessionId)).toMatchObject({ notes: NOTES, recordingUrl: 'https://meeting.example.com/rec/1' })
		expect(auditsLike('sharing.session.notes')).toHaveLength(1)

		const page = await detail(cookies.rep, sessionId)
		const body = page.body as Awaited<ReturnType<typeof sessionLoader>>['data']
		for (const lng of ['zh-CN', 'en'] as const) {
			const html = await renderInRouter(createElement(SessionPage), lng, { loaderData: body, path: `/sessions/${sessionId}` })
			expect(html).toContain('href="https://meeting.example.com/rec/1"')
			expect(html).not.toContain('name="notes"')
			expect(textOf(html)).not.toMatch(/sharing\./)
		}
		const managerPage = (await detail(cookies.manager, sessionId)).body as typeof body
		const html = await renderInRouter(createElement(SessionPage), 'zh-CN', { loaderData: managerPage, path: `/sessions/${sessionId}` })
		expect(html).toContain('name="notes"')
		expect(html).toContain('value="draft"')
	})

	test('a rep gets 403 and nothing is written; a plain http link is refused on its field', async () => {
		const { sessionId, cookies, ids } = await setUp()
		const before = JSON.stringify(sessionRow(sessionId))
		expect((await post(cookies.rep, sessionId, { intent: 'notes', notes: NOTES })).status).toBe(403)
		expect((await post(cookies.rep, sessionId, { intent: 'draft', type: 'case' })).status).toBe(403)
		const bad = await post(cookies.manager, sessionId, { intent: 'notes', notes: NOTES, recordingUrl: 'http://meeting.example.com/rec/1' })
		expect(bad.status).toBe(400)
		expect((bad.body as Errors).result.error?.recordingUrl).toEqual(['sharing.errors.recordingUrl'])
		expect(saveNotes(sessionId, { notes: 'x'.repeat(50_001), recordingUrl: null }, { id: ids.manager, roles: ['staff', 'manager'] })).toMatchObject({
			ok: false,
			fieldErrors: { notes: ['sharing.errors.tooLong'] },
		})
		expect(JSON.stringify(sessionRow(sessionId))).toBe(before)
		expect(auditsLike('sharing.session.notes')).toHaveLength(0)
	})

	test('"publish as knowledge" drafts from the notes; without notes it is refused on the form', async () => {
		const { sessionId, cookies } = await setUp()
		const refused = await post(cookies.manager, sessionId, { intent: 'draft', type: 'case' })
		expect(refused.status).toBe(400)
		expect((refused.body as Errors).result.error?.['']).toEqual(['sharing.errors.noNotes'])
		expect(db().select().from(sessionArticleDrafts).all()).toHaveLength(0)

		await post(cookies.manager, sessionId, { intent: 'notes', notes: NOTES, recordingUrl: '' })
		expect((await post(cookies.manager, sessionId, { intent: 'draft', type: 'case' })).status).toBe(302)
		expect(db().select().from(sessionArticleDrafts).all()).toMatchObject([{ sessionId, type: 'case', status: 'draft' }])
		const page = (await detail(cookies.manager, sessionId)).body as Awaited<ReturnType<typeof sessionLoader>>['data']
		expect(page.draft).toMatchObject({ status: 'draft', type: 'case' })
		// Not published yet: others do not see the draft.
		expect(((await detail(cookies.rep, sessionId)).body as typeof page).draft).toBeNull()
	})
})

describe('/admin/kb/drafts', () => {
	test('a rep and a manager get 403 on the page and on posting', async () => {
		const { cookies } = await setUp()
		for (const cookie of [cookies.rep, cookies.manager]) {
			expect((await run(() => draftsLoader(args(getRequest('/admin/kb/drafts', { cookie }))))).status).toBe(403)
			expect((await postDrafts(cookie, { intent: 'publish', draftId: '1' })).status).toBe(403)
		}
	})

	test('HR publishes (with an edited title): the article exists and search finds a word from the notes', async () => {
		const { sessionId, cookies, ids } = await setUp()
		saveNotes(sessionId, { notes: NOTES, recordingUrl: null }, { id: ids.manager, roles: ['staff', 'manager'] })
		const drafted = draftFromSession(sessionId, 'method', { id: ids.manager, roles: ['staff', 'manager'] })
		if (!drafted.ok) throw new Error('draft refused')

		const page = await run(() => draftsLoader(args(getRequest('/admin/kb/drafts', { cookie: cookies.hr }))))
		expect(page.status).toBe(200)
		const body = page.body as Awaited<ReturnType<typeof draftsLoader>>['data']
		expect(body.drafts).toHaveLength(1)
		expect(body.drafts[0]!.source).toContain('沉睡账号')
		for (const lng of ['zh-CN', 'en'] as const) {
			const html = await renderInRouter(createElement(DraftsPage), lng, { loaderData: body, path: '/admin/kb/drafts' })
			expect(html).toContain('<pre')
			expect(textOf(html)).not.toMatch(/sharing\./)
		}

		const draft = body.drafts[0]!
		const published = await postDrafts(cookies.hr, { intent: 'publish', draftId: String(draft.id), type: draft.type, title: '续约三节点', titleEn: 'Renewal in three steps', summary: draft.summary, summaryEn: 'Wake sleeping accounts before renewal', body: draft.body })
		expect(published.status).toBe(302)
		const article = db().select().from(kbArticles).where(eq(kbArticles.sourcePath, `sessions/${sessionId}`)).get()!
		expect(article).toMatchObject({ title: '续约三节点', titleEn: 'Renewal in three steps', summaryEn: 'Wake sleeping accounts before renewal', type: 'method' })
		expect(searchArticles('沉睡').hits.map((h) => h.slug)).toContain(article.slug)
		const audit = auditsLike('sharing.article.publish')
		expect(audit).toHaveLength(1)

		// The session page links the article for everyone.
		const sessionPage = (await detail(cookies.rep, sessionId)).body as Awaited<ReturnType<typeof sessionLoader>>['data']
		expect(sessionPage.draft).toMatchObject({ status: 'published', slug: article.slug })
		const html = await renderInRouter(createElement(SessionPage), 'zh-CN', { loaderData: sessionPage, path: `/sessions/${sessionId}` })
		expect(html).toContain(`href="/kb/${article.slug}"`)
	})

	test('the author cannot publish their own draft: refused and shown, nothing written; a compile error lands on the body', async () => {
		const { sessionId, cookies, ids } = await setUp()
		saveNotes(sessionId, { notes: NOTES, recordingUrl: null }, { id: ids.hr, roles: ['staff', 'hr_admin'] })
		const drafted = draftFromSession(sessionId, 'case', { id: ids.hr, roles: ['staff', 'hr_admin'] })
		if (!drafted.ok) throw new Error('draft refused')
		const loaded = (await run(() => draftsLoader(args(getRequest('/admin/kb/drafts', { cookie: cookies.hr }))))).body as Awaited<ReturnType<typeof draftsLoader>>['data']
		expect(loaded.drafts[0]!.own).toBe(true)

		const own = await postDrafts(cookies.hr, { intent: 'publish', draftId: String(drafted.draftId) })
		expect(own.status).toBe(400)
		expect((own.body as Errors).result.error?.['']).toEqual(['sharing.errors.ownDraft'])
		expect(db().select().from(kbArticles).where(eq(kbArticles.sourcePath, `sessions/${sessionId}`)).all()).toHaveLength(0)
		for (const lng of ['zh-CN', 'en'] as const) {
			const html = await renderInRouter(createElement(DraftsPage), lng, { loaderData: loaded, actionData: own.body, path: '/admin/kb/drafts' })
			expect(textOf(html)).toContain(lng === 'en' ? 'You cannot publish a draft you wrote' : '不能')
		}
		expect((await postDrafts(cookies.hr, { intent: 'reject', draftId: String(drafted.draftId), note: '自己的' })).status).toBe(400)

		const broken = await postDrafts(cookies.otherHr, { intent: 'publish', draftId: String(drafted.draftId), body: '第一行\n\n<Broken\n' })
		expect(broken.status).toBe(400)
		expect((broken.body as Errors).result.error?.body?.[0]).toMatch(/^sharing\.errors\.mdx\?/)
		expect(db().select().from(sessionArticleDrafts).get()).toMatchObject({ status: 'draft' })

		const rejected = await postDrafts(cookies.otherHr, { intent: 'reject', draftId: String(drafted.draftId), note: '请补充具体数据' })
		expect(rejected.status).toBe(302)
		expect(db().select().from(sessionArticleDrafts).get()).toMatchObject({ status: 'rejected', reviewNote: '请补充具体数据' })
	})
})

describe('/sessions/:id/edit', () => {
	test('a rep gets 403; the organiser sees the form pre-filled; seats below the number going are refused on the field', async () => {
		const { sessionId, cookies, ids } = await setUp()
		const id = String(sessionId)
		expect((await run(() => editLoader(args(getRequest(`/sessions/${id}/edit`, { cookie: cookies.rep }), { id })))).status).toBe(403)
		expect((await run(() => editAction(args(formRequest(`/sessions/${id}/edit`, { title: 'x' }, { cookie: cookies.rep }), { id })))).status).toBe(403)

		const page = await run(() => editLoader(args(getRequest(`/sessions/${id}/edit`, { cookie: cookies.manager }), { id })))
		const body = page.body as Awaited<ReturnType<typeof editLoader>>['data']
		expect(body.initial).toMatchObject({ date: '2026-12-10', startTime: '19:00', endTime: '20:30', capacity: '5', speakerIds: [String(ids.speaker)] })
		for (const lng of ['zh-CN', 'en'] as const) {
			const html = await renderInRouter(createElement(EditPage), lng, { loaderData: body, path: `/sessions/${id}/edit` })
			expect(html).toContain('大客户续约的三个节点')
			expect(textOf(html)).not.toMatch(/sharing\./)
		}

		db()
			.insert(sessionRsvps)
			.values([ids.rep, ids.speaker, ids.otherHr].map((userId) => ({ sessionId, userId, status: 'going' as const, respondedAt: NOW })))
			.run()
		const fields = { ...body.initial, capacity: '2', tags: body.initial.tags, speakerIds: body.initial.speakerIds, indicators: body.initial.indicators }
		const before = JSON.stringify(sessionRow(sessionId))
		const refused = await run(() => editAction(args(formRequest(`/sessions/${id}/edit`, fields, { cookie: cookies.manager }), { id })))
		expect(refused.status).toBe(400)
		expect((refused.body as Errors).result.error?.capacity).toEqual(['sharing.errors.capacityBelowGoing?going=3'])
		expect(JSON.stringify(sessionRow(sessionId))).toBe(before)

		const saved = await run(() => editAction(args(formRequest(`/sessions/${id}/edit`, { ...fields, capacity: '3', place: '上海总部 5 楼' }, { cookie: cookies.manager }), { id })))
		expect(saved.status).toBe(302)
		expect(sessionRow(sessionId)).toMatchObject({ capacity: 3, place: '上海总部 5 楼', sequence: 1 })
	})
})

describe('module reads', () => {
	test('speakerOptions lists active sales-line people; attendedCounts counts attendance per session', async () => {
		const { sessionId, ids } = await setUp()
		const options = speakerOptions().map((p) => p.id)
		expect(options).toContain(ids.speaker)
		expect(options).toContain(ids.rep)
		expect(options).not.toContain(ids.manager)
		expect(attendedCounts([sessionId]).get(sessionId)).toBeUndefined()
		db().$client.prepare(`insert into session_attendance (session_id, user_id, checked_in_at, method) values (?, ?, ?, 'organizer')`).run(sessionId, ids.rep, NOW.getTime())
		expect(attendedCounts([sessionId, 999]).get(sessionId)).toBe(1)
	})
})
