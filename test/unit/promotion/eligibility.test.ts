import fc from 'fast-check'
import { createInstance } from 'i18next'
import { describe, expect, test } from 'vitest'
import { i18nConfig } from '#app/i18n.ts'
import {
	byStatusThenName,
	capabilityApplies,
	consecutiveQuartersOnTarget,
	eligibility,
	missingText,
	quartersEvidence,
	type PersonFacts,
	type PromotionStatus,
	type RuleKey,
} from '#app/modules/promotion/eligibility.ts'
import { DEFAULT_RULES, type PromotionRuleSet } from '#app/modules/promotion/rules.ts'

const TODAY = '2026-11-28'

const rules = (overrides: Partial<PromotionRuleSet> = {}): PromotionRuleSet => ({ ...DEFAULT_RULES, capabilityMins: { ...DEFAULT_RULES.capabilityMins }, ...overrides })

const knowledge = (value: number | null) => ({ code: 'product_knowledge_score', nameZh: '产品知识测试得分', nameEn: 'Product knowledge test score', unit: 'score', value })

/** Someone who meets every default rule. */
function facts(overrides: Partial<PersonFacts> = {}): PersonFacts {
	return {
		today: TODAY,
		hireDate: '2024-03-01',
		quarters: [
			{ period: '2026-Q3', score: 112 },
			{ period: '2026-Q2', score: 104 },
			{ period: '2026-Q1', score: 100 },
		],
		coreExams: [{ slug: 'core-leadership', title: '骨干：团队管理', titleEn: 'Core: team management', passedOn: '2026-07-02' }],
		capabilityPeriod: '2026-Q3',
		capabilities: [knowledge(92)],
		violations: [],
		...overrides,
	}
}

const item = (checklist: ReturnType<typeof eligibility>, rule: RuleKey) => checklist.items.find((i) => i.rule === rule)!

const i18n = createInstance({ ...i18nConfig, lng: 'zh-CN', initImmediate: false })
void i18n.init()
const zh = (text: string) => missingText(text, (k, v) => String(i18n.getFixedT('zh-CN')(k as never, v as never)), 'zh-CN')
const en = (text: string) => missingText(text, (k, v) => String(i18n.getFixedT('en')(k as never, v as never)), 'en')
const missingZh = (checklist: ReturnType<typeof eligibility>, rule: RuleKey) => item(checklist, rule).missing.map(zh)
const missingEn = (checklist: ReturnType<typeof eligibility>, rule: RuleKey) => item(checklist, rule).missing.map(en)

describe('eligibility: each rule', () => {
	test('everything met: eligible, every rule met, nothing missing', () => {
		const result = eligibility(rules(), facts())
		expect(result.status).toBe('eligible')
		expect(result.unmet).toEqual([])
		expect(result.items.map((i) => [i.rule, i.met])).toEqual([
			['quarters', true],
			['exams', true],
			['capability', true],
			['tenure', true],
			['integrity', true],
		])
		expect(result.items.flatMap((i) => i.missing)).toEqual([])
		expect(result.targetTitle).toBe('销售主管')
	})

	test.each([
		{ name: 'all three at 100 or more', scores: [100, 130, 101], run: 3, missing: [] },
		{ name: 'the newest below', scores: [99.9, 120, 120], run: 0, missing: ['再有 3 个季度达标（加权得分 ≥ 100）'] },
		{ name: 'the oldest below', scores: [120, 120, 80], run: 2, missing: ['再有 1 个季度达标（加权得分 ≥ 100）'] },
		{ name: 'a quarter without a score breaks the run', scores: [120, null, 120], run: 1, missing: ['再有 2 个季度达标（加权得分 ≥ 100）'] },
		{ name: 'no scored quarter at all', scores: [null, null, null], run: 0, missing: ['再有 3 个季度达标（加权得分 ≥ 100）'] },
	])('quarters: $name', ({ scores, run, missing }) => {
		const periods = ['2026-Q3', '2026-Q2', '2026-Q1']
		const result = eligibility(rules(), facts({ quarters: scores.map((score, i) => ({ period: periods[i]!, score })) }))
		const quarters = item(result, 'quarters')
		expect(quarters.met).toBe(run === 3)
		expect(quartersEvidence(result)).toMatchObject({ required: 3, minScore: 100, run })
		expect(quartersEvidence(result).quarters.map((q) => [q.period, q.score, q.met])).toEqual(
			scores.map((score, i) => [periods[i], score, score !== null && score >= 100]),
		)
		expect(missingZh(result, 'quarters')).toEqual(missing)
	})

	test('quarters: the missing words in English, one and several', () => {
		const one = eligibility(rules(), facts({ quarters: [{ period: '2026-Q3', score: 120 }, { period: '2026-Q2', score: 120 }, { period: '2026-Q1', score: 90 }] }))
		expect(missingEn(one, 'quarters')).toEqual(['1 more quarter on target (weighted score ≥ 100)'])
		const three = eligibility(rules(), facts({ quarters: [{ period: '2026-Q3', score: 90 }] }))
		expect(missingEn(three, 'quarters')).toEqual(['3 more quarters on target (weighted score ≥ 100)'])
	})

	test('quarters: a rule of one quarter at 110 reads the newest quarter only', () => {
		const result = eligibility(rules({ consecutiveQuarters: 1, minScore: 110 }), facts())
		expect(item(result, 'quarters').met).toBe(true)
		expect(quartersEvidence(result).quarters).toHaveLength(1)
		const below = eligibility(rules({ consecutiveQuarters: 1, minScore: 115 }), facts())
		expect(missingZh(below, 'quarters')).toEqual(['再有 1 个季度达标（加权得分 ≥ 115）'])
	})

	test('exams: the ones not passed are named, in both languages; not required means met', () => {
		const coreExams = [
			{ slug: 'a', title: '团队管理', titleEn: 'Team management', passedOn: null },
			{ slug: 'b', title: '战略解码', titleEn: 'Strategy decoding', passedOn: null },
			{ slug: 'c', title: '复杂项目', titleEn: 'Complex deals', passedOn: '2026-05-01' },
		]
		const result = eligibility(rules(), facts({ coreExams }))
		expect(item(result, 'exams').met).toBe(false)
		expect(missingZh(result, 'exams')).toEqual(['还需通过 2 门核心考试：团队管理、战略解码'])
		expect(missingEn(result, 'exams')).toEqual(['Pass 2 more core exams: Team management, Strategy decoding'])
		expect(item(result, 'exams').evidence).toEqual({ required: true, exams: coreExams })

		const off = eligibility(rules({ requireCoreExams: false }), facts({ coreExams }))
		expect(item(off, 'exams')).toMatchObject({ met: true, missing: [], evidence: { required: false } })
		// No core exam exists: nothing to pass.
		expect(item(eligibility(rules(), facts({ coreExams: [] })), 'exams').met).toBe(true)
	})

	test.each([
		{ value: 80, met: true, zh: [] },
		{ value: 79.5, met: false, zh: ['产品知识测试得分 需 ≥ 80 分（现为 79.5 分）'] },
		{ value: 72, met: false, zh: ['产品知识测试得分 需 ≥ 80 分（现为 72 分）'] },
		{ value: null, met: false, zh: ['产品知识测试得分 需 ≥ 80 分（2026年第3季度没有记录）'] },
	])('capability: product knowledge $value against 80', ({ value, met, zh: words }) => {
		const result = eligibility(rules(), facts({ capabilities: [knowledge(value)] }))
		expect(item(result, 'capability').met).toBe(met)
		expect(missingZh(result, 'capability')).toEqual(words)
		expect(item(result, 'capability').evidence).toEqual({ period: '2026-Q3', indicators: [{ ...knowledge(value), min: 80, met }] })
	})

	test('capability: English names and units; several minimums each report; one that does not apply is skipped', () => {
		const coaching = { code: 'coaching_score', nameZh: '演练评分', nameEn: 'Drill and role-play score', unit: 'score', value: 3.2 }
		const result = eligibility(
			rules({ capabilityMins: { product_knowledge_score: 80, coaching_score: 4, report_quality: 4 } }),
			facts({ capabilities: [knowledge(72), coaching] }),
		)
		expect(missingEn(result, 'capability')).toEqual([
			'Product knowledge test score must be at least 80 pts (now 72 pts)',
			'Drill and role-play score must be at least 4 pts (now 3.2 pts)',
		])
		expect(item(result, 'capability').evidence).toMatchObject({ indicators: [{ code: 'product_knowledge_score' }, { code: 'coaching_score' }] })
		const none = eligibility(rules({ capabilityMins: {} }), facts({ capabilities: [knowledge(10)] }))
		expect(item(none, 'capability')).toMatchObject({ met: true, missing: [] })
	})

	test.each([
		{ hireDate: '2025-11-28', months: 12, met: true, zh: [] },
		{ hireDate: '2025-11-29', months: 11, met: false, zh: ['任职还差 1 个月'] },
		{ hireDate: '2026-02-10', months: 9, met: false, zh: ['任职还差 3 个月'] },
		{ hireDate: '2026-11-20', months: 0, met: false, zh: ['任职还差 12 个月'] },
	])('tenure: hired $hireDate is $months months', ({ hireDate, months, met, zh: words }) => {
		const result = eligibility(rules(), facts({ hireDate }))
		expect(item(result, 'tenure')).toMatchObject({ met, evidence: { hireDate, months, required: 12 } })
		expect(missingZh(result, 'tenure')).toEqual(words)
	})

	test('tenure: the English words and the day it is reached', () => {
		const result = eligibility(rules(), facts({ hireDate: '2026-02-10' }))
		expect(missingEn(result, 'tenure')).toEqual(['3 more months of tenure'])
		expect(item(result, 'tenure').evidence).toMatchObject({ reachedOn: '2027-02-10' })
	})

	test.each([
		{ name: 'none', violations: [], met: true, zh: [], last: null },
		{ name: 'exactly 12 months ago', violations: ['2025-11-28'], met: true, zh: [], last: '2025-11-28' },
		{ name: '7 months ago', violations: ['2026-04-28'], met: false, zh: ['距上次诚信违规满 12 个月还差 5 个月'], last: '2026-04-28' },
		{ name: '5 months ago, and an older one', violations: ['2024-01-01', '2026-06-20'], met: false, zh: ['距上次诚信违规满 12 个月还差 7 个月'], last: '2026-06-20' },
		{ name: 'yesterday', violations: ['2026-11-27'], met: false, zh: ['距上次诚信违规满 12 个月还差 12 个月'], last: '2026-11-27' },
		{ name: 'dated after today (not counted yet)', violations: ['2026-12-01'], met: true, zh: [], last: null },
	])('integrity: violation $name', ({ violations, met, zh: words, last }) => {
		const result = eligibility(rules(), facts({ violations }))
		expect(item(result, 'integrity')).toMatchObject({ met, evidence: { required: 12, lastViolationOn: last } })
		expect(missingZh(result, 'integrity')).toEqual(words)
	})

	test('integrity: English words; 0 months ignores the record', () => {
		const result = eligibility(rules(), facts({ violations: ['2026-04-28'] }))
		expect(missingEn(result, 'integrity')).toEqual(['5 more months until 12 months without an integrity violation'])
		expect(item(result, 'integrity').evidence).toMatchObject({ count: 1, clearOn: '2027-04-28' })
		expect(item(eligibility(rules({ violationFreeMonths: 0 }), facts({ violations: ['2026-11-27'] })), 'integrity').met).toBe(true)
	})
})

describe('eligibility: overall status', () => {
	const q = (...scores: Array<number | null>) => scores.map((score, i) => ({ period: `2026-Q${3 - i}`, score }))

	test.each<{ name: string; overrides: Partial<PersonFacts>; status: PromotionStatus; unmet: RuleKey[] }>([
		{ name: 'one quarter short', overrides: { quarters: q(120, 120, 90) }, status: 'nearly', unmet: ['quarters'] },
		{ name: 'two quarters short', overrides: { quarters: q(120, 90, 120) }, status: 'not_yet', unmet: ['quarters'] },
		{ name: 'only the exam missing', overrides: { coreExams: [{ slug: 'x', title: 'x', titleEn: 'x', passedOn: null }] }, status: 'nearly', unmet: ['exams'] },
		{ name: 'only tenure missing', overrides: { hireDate: '2026-06-01' }, status: 'nearly', unmet: ['tenure'] },
		{ name: 'only the violation', overrides: { violations: ['2026-06-01'] }, status: 'nearly', unmet: ['integrity'] },
		{ name: 'tenure and capability missing', overrides: { hireDate: '2026-06-01', capabilities: [knowledge(50)] }, status: 'not_yet', unmet: ['capability', 'tenure'] },
		{ name: 'one quarter short and a violation', overrides: { quarters: q(120, 120, 90), violations: ['2026-06-01'] }, status: 'not_yet', unmet: ['quarters', 'integrity'] },
	])('$name → $status', ({ overrides, status, unmet }) => {
		const result = eligibility(rules(), facts(overrides))
		expect(result.status).toBe(status)
		expect(result.unmet).toEqual(unmet)
	})

	const quarter = fc.option(fc.double({ min: 0, max: 140, noNaN: true }), { nil: null })
	const anyFacts = fc.record({
		quarters: fc.array(quarter, { maxLength: 8 }),
		passed: fc.array(fc.boolean(), { maxLength: 3 }),
		knowledge: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
		hireMonthsAgo: fc.integer({ min: 0, max: 60 }),
		violationMonthsAgo: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
	})
	const anyRules = fc.record({
		consecutiveQuarters: fc.integer({ min: 1, max: 8 }),
		minScore: fc.integer({ min: 0, max: 130 }),
		requireCoreExams: fc.boolean(),
		knowledgeMin: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
		minTenureMonths: fc.integer({ min: 0, max: 36 }),
		violationFreeMonths: fc.integer({ min: 0, max: 24 }),
	})
	const monthsAgo = (n: number) => {
		const d = new Date(`${TODAY}T00:00:00Z`)
		d.setUTCMonth(d.getUTCMonth() - n)
		return d.toISOString().slice(0, 10)
	}
	type AnyFacts = typeof anyFacts extends fc.Arbitrary<infer T> ? T : never
	type AnyRules = typeof anyRules extends fc.Arbitrary<infer T> ? T : never
	const build = (f: AnyFacts, r: AnyRules) => ({
		rules: rules({
			consecutiveQuarters: r.consecutiveQuarters,
			minScore: r.minScore,
			requireCoreExams: r.requireCoreExams,
			capabilityMins: r.knowledgeMin === null ? {} : { product_knowledge_score: r.knowledgeMin },
			minTenureMonths: r.minTenureMonths,
			violationFreeMonths: r.violationFreeMonths,
		}),
		facts: facts({
			quarters: f.quarters.map((score, i) => ({ period: `q${i}`, score })),
			coreExams: f.passed.map((p, i) => ({ slug: `e${i}`, title: `考试${i}`, titleEn: `Exam ${i}`, passedOn: p ? '2026-01-01' : null })),
			capabilities: [knowledge(f.knowledge)],
			hireDate: monthsAgo(f.hireMonthsAgo),
			violations: f.violationMonthsAgo === null ? [] : [monthsAgo(f.violationMonthsAgo)],
		}),
	})
	const rank: Record<PromotionStatus, number> = { eligible: 2, nearly: 1, not_yet: 0 }

	test('property: eligible exactly when every rule is met; nothing missing exactly then', () => {
		fc.assert(
			fc.property(anyFacts, anyRules, (f, r) => {
				const { rules: rs, facts: fs } = build(f, r)
				const result = eligibility(rs, fs)
				const allMet = result.items.every((i) => i.met)
				expect(result.status === 'eligible').toBe(allMet)
				expect(result.items.flatMap((i) => i.missing).length === 0).toBe(allMet)
				for (const i of result.items) expect(i.met).toBe(i.missing.length === 0)
			}),
		)
	})

	test('property: adding a qualifying quarter (newest) never makes someone less eligible', () => {
		fc.assert(
			fc.property(anyFacts, anyRules, fc.double({ min: 0, max: 40, noNaN: true }), (f, r, above) => {
				const { rules: rs, facts: fs } = build(f, r)
				const before = eligibility(rs, fs)
				const after = eligibility(rs, { ...fs, quarters: [{ period: 'new', score: rs.minScore + above }, ...fs.quarters] })
				expect(rank[after.status]).toBeGreaterThanOrEqual(rank[before.status])
				expect(quartersEvidence(after).run).toBeGreaterThanOrEqual(quartersEvidence(before).run)
				expect(after.unmet.length).toBeLessThanOrEqual(before.unmet.length)
			}),
		)
	})
})

describe('helpers', () => {
	test('consecutiveQuartersOnTarget counts from the newest and stops at the first miss or gap', () => {
		const q = (...scores: Array<number | null>) => scores.map((score, i) => ({ period: String(i), score }))
		expect(consecutiveQuartersOnTarget(q(), 100)).toBe(0)
		expect(consecutiveQuartersOnTarget(q(100, 101, 99, 120), 100)).toBe(2)
		expect(consecutiveQuartersOnTarget(q(null, 120), 100)).toBe(0)
	})

	test('capabilityApplies: own template or nobody’s, not another position’s', () => {
		const own = new Set(['complaint_satisfaction'])
		const any = new Set(['complaint_satisfaction', 'report_quality'])
		expect(capabilityApplies('complaint_satisfaction', own, any)).toBe(true)
		expect(capabilityApplies('product_knowledge_score', own, any)).toBe(true)
		expect(capabilityApplies('report_quality', own, any)).toBe(false)
	})

	test('byStatusThenName puts eligible first, then nearly, then the rest', () => {
		const rows = [
			{ name: '乙', status: 'not_yet' as const },
			{ name: '甲', status: 'nearly' as const },
			{ name: '丙', status: 'eligible' as const },
			{ name: '丁', status: 'eligible' as const },
		]
		expect([...rows].sort(byStatusThenName).map((r) => r.status)).toEqual(['eligible', 'eligible', 'nearly', 'not_yet'])
	})
})
