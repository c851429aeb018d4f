import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import {
	capabilityMax,
	decisionSchema,
	DEFAULT_RULES,
	reachableMaxScore,
	ruleSetProblems,
	rulesSchema,
	type PromotionRuleSet,
	type RulesFormContext,
} from '#app/modules/promotion/rules.ts'

const context: RulesFormContext = {
	maxScore: 130.5,
	capabilities: [
		{ code: 'complaint_satisfaction', nameZh: '客户投诉处理满意度', nameEn: 'Complaint-handling satisfaction', unit: 'percent' },
		{ code: 'product_knowledge_score', nameZh: '产品知识测试得分', nameEn: 'Product knowledge test score', unit: 'score' },
		{ code: 'coaching_score', nameZh: '演练评分', nameEn: 'Drill and role-play score', unit: 'score' },
	],
}

/** The form as a browser posts it: the defaults unless overridden. */
function form(overrides: Record<string, string | null> = {}) {
	const fields: Record<string, string | null> = {
		consecutiveQuarters: '3',
		minScore: '100',
		requireCoreExams: 'on',
		'capabilityMins.complaint_satisfaction': '',
		'capabilityMins.product_knowledge_score': '80',
		'capabilityMins.coaching_score': '',
		minTenureMonths: '12',
		violationFreeMonths: '12',
		targetTitle: '销售主管',
		...overrides,
	}
	const data = new FormData()
	for (const [k, v] of Object.entries(fields)) if (v !== null) data.set(k, v)
	return parseWithZod(data, { schema: rulesSchema(context) })
}

const errorsOf = (submission: ReturnType<typeof form>) => (submission.status === 'error' ? submission.error : {})

describe('rulesSchema', () => {
	test('the default form parses to the default rule set', () => {
		const submission = form()
		expect(submission.status).toBe('success')
		expect(submission.status === 'success' && submission.value).toEqual(DEFAULT_RULES)
	})

	test('an unchecked box is false; blank capability minimums are left out; several minimums are kept', () => {
		const submission = form({ requireCoreExams: null, 'capabilityMins.coaching_score': '4', 'capabilityMins.complaint_satisfaction': '90' })
		expect(submission.status === 'success' && submission.value).toMatchObject({
			requireCoreExams: false,
			capabilityMins: { product_knowledge_score: 80, coaching_score: 4, complaint_satisfaction: 90 },
		})
		const none = form({ 'capabilityMins.product_knowledge_score': '' })
		expect(none.status === 'success' && none.value.capabilityMins).toEqual({})
	})

	test.each([
		{ name: '0 consecutive quarters', field: 'consecutiveQuarters', value: '0', error: 'promotion.errors.quarters?min=1&max=8' },
		{ name: '9 consecutive quarters', field: 'consecutiveQuarters', value: '9', error: 'promotion.errors.quarters?min=1&max=8' },
		{ name: '2.5 quarters', field: 'consecutiveQuarters', value: '2.5', error: 'promotion.errors.quarters?min=1&max=8' },
		{ name: 'blank quarters', field: 'consecutiveQuarters', value: '', error: 'promotion.errors.required' },
		{ name: 'a minimum score above the reachable 130.5', field: 'minScore', value: '131', error: 'promotion.errors.scoreAbove?max=130.5' },
		{ name: 'a negative minimum score', field: 'minScore', value: '-1', error: 'promotion.errors.negative' },
		{ name: 'product knowledge above 100', field: 'capabilityMins.product_knowledge_score', value: '101', error: 'promotion.errors.capabilityAbove?max=100&unit=score' },
		{ name: 'coaching score above 5', field: 'capabilityMins.coaching_score', value: '6', error: 'promotion.errors.capabilityAbove?max=5&unit=score' },
		{ name: 'a percentage above 100', field: 'capabilityMins.complaint_satisfaction', value: '120', error: 'promotion.errors.capabilityAbove?max=100&unit=percent' },
		{ name: 'a capability minimum that is not a number', field: 'capabilityMins.coaching_score', value: 'abc', error: 'promotion.errors.number' },
		{ name: 'tenure over 600 months', field: 'minTenureMonths', value: '601', error: 'promotion.errors.tenure?min=0&max=600' },
		{ name: 'violation-free months over 120', field: 'violationFreeMonths', value: '121', error: 'promotion.errors.violationFree?min=0&max=120' },
		{ name: 'a blank title', field: 'targetTitle', value: '   ', error: 'promotion.errors.title?max=40' },
		{ name: 'a title over 40 characters', field: 'targetTitle', value: '主'.repeat(41), error: 'promotion.errors.title?max=40' },
	])('refuses $name with a field error', ({ field, value, error }) => {
		const submission = form({ [field]: value })
		expect(submission.status).toBe('error')
		expect(errorsOf(submission)).toEqual({ [field]: [error] })
	})

	test('the edges are allowed: 1 and 8 quarters, exactly the reachable maximum, 600 months, 0 months', () => {
		const edges: Array<Record<string, string>> = [
			{ consecutiveQuarters: '1' },
			{ consecutiveQuarters: '8' },
			{ minScore: '130.5' },
			{ minTenureMonths: '600' },
			{ minTenureMonths: '0', violationFreeMonths: '0' },
			{ 'capabilityMins.product_knowledge_score': '100', 'capabilityMins.coaching_score': '5' },
		]
		for (const overrides of edges) expect(form(overrides).status).toBe('success')
	})
})

describe('ruleSetProblems (anything written outside the form)', () => {
	const base: PromotionRuleSet = { ...DEFAULT_RULES }
	test('the defaults have none; impossible ones are named per field', () => {
		expect(ruleSetProblems(base, context)).toEqual({})
		expect(ruleSetProblems({ ...base, consecutiveQuarters: 0 }, context)).toEqual({ consecutiveQuarters: ['promotion.errors.quarters?min=1&max=8'] })
		expect(ruleSetProblems({ ...base, minScore: 200 }, context)).toEqual({ minScore: ['promotion.errors.scoreAbove?max=130.5'] })
		expect(ruleSetProblems({ ...base, capabilityMins: { product_knowledge_score: 120 } }, context)).toEqual({
			'capabilityMins.product_knowledge_score': ['promotion.errors.capabilityAbove?max=100&unit=score'],
		})
		expect(ruleSetProblems({ ...base, capabilityMins: { no_such: 1 } }, context)).toEqual({ 'capabilityMins.no_such': ['promotion.errors.unknownIndicator?code=no_such'] })
		expect(ruleSetProblems({ ...base, minTenureMonths: 700 }, context)).toEqual({ minTenureMonths: ['promotion.errors.tenure?min=0&max=600'] })
	})

	test('templates that cannot reach 100 refuse the default 100', () => {
		expect(ruleSetProblems(base, { ...context, maxScore: 95 })).toEqual({ minScore: ['promotion.errors.scoreAbove?max=95'] })
	})
})

describe('reachableMaxScore', () => {
	test("the seed's sales-rep template reaches 130.5; the best template counts", () => {
		const salesRep = [
			{ weight: 50, direction: 'higher' as const, target: 1_000_000, challenge: 1_300_000 },
			{ weight: 10, direction: 'higher' as const, target: 8, challenge: 12 },
			{ weight: 20, direction: 'higher' as const, target: 15, challenge: 20 },
			{ weight: 10, direction: 'higher' as const, target: 15, challenge: 20 },
			{ weight: 10, direction: 'higher' as const, target: 90, challenge: 95 },
		]
		// 65 + 15 + 26.67 + 13.33 + 10.56 = 130.56, rounded down.
		expect(reachableMaxScore([salesRep])).toBe(130.5)
		const flat = [{ weight: 100, direction: 'higher' as const, target: 10, challenge: 11 }]
		expect(reachableMaxScore([flat, salesRep])).toBe(130.5)
		expect(reachableMaxScore([flat])).toBe(110)
	})

	test('lower-is-better caps at target ÷ challenge; a weight without a goal counts at target; no template is 0', () => {
		expect(reachableMaxScore([[{ weight: 100, direction: 'lower', target: 24, challenge: 12 }]])).toBe(200)
		expect(reachableMaxScore([[{ weight: 50, direction: 'higher', target: null, challenge: null }, { weight: 50, direction: 'higher', target: 10, challenge: 20 }]])).toBe(150)
		expect(reachableMaxScore([])).toBe(0)
	})
})

describe('capabilityMax and decisionSchema', () => {
	test('test scores out of 100, rubrics out of 5, percentages 100, counts unbounded', () => {
		expect(capabilityMax('product_knowledge_score', 'score')).toBe(100)
		expect(capabilityMax('coaching_score', 'score')).toBe(5)
		expect(capabilityMax('training_coverage', 'percent')).toBe(100)
		expect(capabilityMax('something', 'count')).toBeNull()
	})

	const decision = (fields: Record<string, string>) => {
		const data = new FormData()
		for (const [k, v] of Object.entries(fields)) data.set(k, v)
		return parseWithZod(data, { schema: decisionSchema })
	}

	test('approve needs a title; reject needs a reason of 5 characters or more', () => {
		expect(decision({ decision: 'approved', userId: '7', newTitle: ' 销售主管 ' })).toMatchObject({ status: 'success', value: { decision: 'approved', userId: 7, newTitle: '销售主管' } })
		expect(decision({ decision: 'approved', userId: '7', newTitle: '' })).toMatchObject({ status: 'error', error: { newTitle: ['promotion.errors.title?max=40'] } })
		expect(decision({ decision: 'rejected', userId: '7', reason: '' })).toMatchObject({ status: 'error', error: { reason: ['promotion.errors.reasonRequired?min=5'] } })
		expect(decision({ decision: 'rejected', userId: '7', reason: '还需一个季度' })).toMatchObject({ status: 'success', value: { reason: '还需一个季度' } })
	})
})
