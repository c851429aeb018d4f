import { describe, expect, test } from 'vitest'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { searchArticles } from '#app/modules/knowledge/search.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'

withFreshDatabase()

/** What a rep types on a call, and the script that must come up in the first three results. */
const objections: Array<[string, string]> = [
	['价格太贵', 'price-too-high'],
	['太贵', 'price-too-high'],
	['竞品 便宜', 'competitor-30-percent-cheaper'],
	['压价', 'competitor-30-percent-cheaper'],
	['30%', 'competitor-30-percent-cheaper'],
	['没有预算', 'no-budget-this-year'],
	['预算', 'no-budget-this-year'],
	['请示 老板', 'need-to-ask-the-boss'],
	['不是时候', 'bad-timing'],
	['供应商', 'already-have-a-vendor'],
	['Salesforce', 'already-have-a-vendor'],
	['数据安全', 'data-security-concerns'],
	['合同条款', 'contract-terms'],
	['折扣', 'discount-for-bigger-order'],
	['发资料', 'send-me-materials-first'],
	['试用', 'trial-first'],
	['实施', 'implementation-risk'],
	['excel', 'not-needed-now'],
	['涨价', 'renewal-price-increase'],
	['7步跟进法', 'seven-step-follow-up'],
	['朋友圈', 'moments-reach-rate'],
	['刷数据', 'stop-gaming-the-numbers'],
	['竞品 降价 指标', 'market-shock-targets'],
]

describe('the real knowledge base', () => {
	test('every article compiles and the right one is in the first three results', async () => {
		const report = await syncContent({ root: 'content' })
		expect(report.compiled.length).toBeGreaterThanOrEqual(28)
		expect(searchArticles('', { filters: { type: 'objection' } }).total).toBeGreaterThanOrEqual(14)
		expect(searchArticles('', { filters: { type: 'case' } }).total).toBeGreaterThanOrEqual(8)
		expect(searchArticles('', { filters: { type: 'faq' } }).total).toBeGreaterThanOrEqual(6)
		for (const [query, slug] of objections) {
			const top3 = searchArticles(query).hits.slice(0, 3).map((h) => h.slug)
			expect.soft(top3, `"${query}"`).toContain(slug)
		}
	})

	test('a sentence heard on a call, typed as is, falls back to its words', async () => {
		await syncContent({ root: 'content' })
		for (const [sentence, slug] of [
			['你们比竞品贵了30%', 'competitor-30-percent-cheaper'],
			['我得先请示一下老板', 'need-to-ask-the-boss'],
			['今年没有预算了', 'no-budget-this-year'],
		] as const) {
			const result = searchArticles(sentence)
			expect.soft(result.relaxedTerms, sentence).not.toBeNull()
			expect.soft(result.hits[0]?.slug, sentence).toBe(slug)
		}
		expect(searchArticles('压价').relaxedTerms).toBeNull()
		expect(searchArticles('qwertyzxcv').total).toBe(0)
	})
})
