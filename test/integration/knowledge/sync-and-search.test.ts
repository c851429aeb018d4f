import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { kbArticles } from '#db/schema/knowledge.ts'
import { ContentSyncError, syncContent } from '#app/modules/content/sync.server.ts'
import { facetCounts, matchingIds, searchArticles } from '#app/modules/knowledge/search.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'

const { db } = withFreshDatabase()
const FIXTURES = 'test/fixtures/content'

const slugsFor = (q: string) => searchArticles(q).hits.map((h) => h.slug)

describe('content sync', () => {
	test('compiles every article once and skips unchanged files on the next run', async () => {
		const first = await syncContent({ root: FIXTURES })
		expect(first.compiled.sort()).toEqual(['budget-cut', 'competitor-cheaper', 'insurance-risk'])
		const again = await syncContent({ root: FIXTURES })
		expect(again).toMatchObject({ compiled: [], unchanged: 3, removed: [] })
		const article = db().select().from(kbArticles).all().find((a) => a.slug === 'competitor-cheaper')!
		expect(article.code).toContain('function')
		expect(article.bodyText).toContain('你们比竞品贵了30%。')
		expect(article.bodyText).not.toContain('<Customer>')
	})

	test('a changed file is recompiled and a removed one leaves the index', async () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-content-'))
		fs.cpSync(FIXTURES, root, { recursive: true })
		await syncContent({ root })
		const file = path.join(root, 'kb/faq/budget-cut.mdx')
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('预算减少时', '预算被砍一半时'))
		fs.rmSync(path.join(root, 'kb/objections/competitor-cheaper.mdx'))
		fs.writeFileSync(
			path.join(root, 'kb/cases/insurance-risk.mdx'),
			fs.readFileSync(path.join(root, 'kb/cases/insurance-risk.mdx'), 'utf8'),
		)
		const report = await syncContent({ root })
		expect(report).toMatchObject({ compiled: ['budget-cut'], unchanged: 1, removed: ['competitor-cheaper'] })
		expect(slugsFor('被砍')).toEqual(['budget-cut'])
		expect(slugsFor('压价')).toEqual([])
		fs.rmSync(root, { recursive: true, force: true })
	})

	test('a bad file fails the sync naming file, field and reason, and nothing is written', async () => {
		const error = await syncContent({ root: 'test/fixtures/content-bad' }).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(ContentSyncError)
		const problems = (error as ContentSyncError).problems
		const file = 'test/fixtures/content-bad/kb/objections/broken.mdx'
		const fields = problems.filter((p) => p.file === file).map((p) => p.field)
		expect(fields).toEqual(expect.arrayContaining(['title_en', 'summary', 'tags', 'positions.1', 'updated']))
		expect(problems.find((p) => p.field === 'updated')?.reason).toMatch(/YYYY-MM-DD/)
		// The valid file in the same folder is not half-written either.
		expect(db().select().from(kbArticles).all()).toHaveLength(0)
		expect((error as Error).message).toContain(`${file}: tags:`)
	})

	test('a related slug that does not exist is an error', async () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-content-'))
		fs.cpSync(FIXTURES, root, { recursive: true })
		fs.rmSync(path.join(root, 'kb/cases/insurance-risk.mdx'))
		const error = (await syncContent({ root }).catch((e: unknown) => e)) as ContentSyncError
		expect(error.problems).toEqual([
			{ file: expect.stringMatching(/competitor-cheaper\.mdx$/), field: 'related', reason: 'no article with slug "insurance-risk"' },
		])
		fs.rmSync(root, { recursive: true, force: true })
	})
})

describe('search over synced content', () => {
	test.each([
		['1 character', '险', ['insurance-risk']],
		['2 characters', '压价', ['competitor-cheaper']],
		['2 characters inside a longer word (保险风险 has 风险)', '风险', ['insurance-risk']],
		['3+ characters', '保险风险', ['insurance-risk']],
		['English, any case', 'SalesForce', ['insurance-risk']],
		['full-width query against half-width text', 'ＣＲＭ', ['budget-cut']],
		['mixed zh/en terms are AND-ed', '预算 crm', ['budget-cut']],
		['terms that are never together find nothing', '压价 salesforce', []],
		['numbers and symbols', '30%', ['competitor-cheaper']],
	])('%s: %s', async (_name, q, expected) => {
		await syncContent({ root: FIXTURES })
		expect(slugsFor(q)).toEqual(expected)
		expect(matchingIds(q)).toHaveLength(expected.length)
	})

	test('FTS syntax is text, never an operator or an error', async () => {
		await syncContent({ root: FIXTURES })
		for (const q of ['"价格', 'NEAR(压价 竞品)', '竞品 -压价', '压价*', '(', 'AND OR NOT', '"', "'; drop table kb_articles; --"])
			expect(() => searchArticles(q)).not.toThrow()
		// "-压价" is the text "-压价" (absent), not "without 压价".
		expect(matchingIds('竞品 -压价')).toEqual([])
	})

	test('a title hit ranks above a body-only hit', async () => {
		await syncContent({ root: FIXTURES })
		// 数据 is in insurance-risk's summary and tags, and only in competitor's… nowhere; 客户 is everywhere.
		const hits = searchArticles('客户').hits.map((h) => h.slug)
		expect(hits[0]).toBe('competitor-cheaper')
	})

	test('filters narrow results and facets count what each value would give', async () => {
		await syncContent({ root: FIXTURES })
		expect(searchArticles('', { filters: { type: 'case' } }).hits.map((h) => h.slug)).toEqual(['insurance-risk'])
		expect(searchArticles('', { filters: { position: 'customer_success' } }).total).toBe(1)
		expect(searchArticles('', { filters: { tag: '预算' } }).hits.map((h) => h.slug)).toEqual(['budget-cut'])
		const facets = facetCounts('', { type: 'objection' })
		expect(facets.type).toEqual({ objection: 1, case: 1, faq: 1 })
		expect(facets.tag).toEqual({ 竞品: 1, 压价: 1 })
	})

	test('hits come with highlighted titles and snippets', async () => {
		await syncContent({ root: FIXTURES })
		const [hit] = searchArticles('竞品').hits
		expect(hit!.title.filter((s) => s.hit).map((s) => s.text)).toEqual(['竞品'])
		expect(hit!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['竞品', '竞品'])
	})
})
