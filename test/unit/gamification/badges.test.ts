import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import { badgeCodes, pointSources } from '#db/schema/gamification.ts'
import {
	articleRaterKey,
	BADGE_CATALOGUE,
	BADGE_CODES,
	badgeCriteria,
	coachingKey,
	decisionSchema,
	examKey,
	highValueSchema,
	lessonKey,
	mayNominateFor,
	nominationSchema,
	parseSourceKey,
	POINT_SOURCES,
	pointRuleProblem,
	pointRulesSchema,
	sessionKey,
} from '#app/modules/gamification/badges.ts'
import { readProblem } from '#app/modules/performance/targets.ts'

/** A form post as Conform reads it. */
function form(fields: Record<string, string>) {
	const data = new FormData()
	for (const [k, v] of Object.entries(fields)) data.append(k, v)
	return data
}

describe('the badge catalogue', () => {
	test('lists every badge of the schema, each with how it is earned', () => {
		expect([...BADGE_CODES]).toEqual([...badgeCodes])
		expect([...POINT_SOURCES]).toEqual([...pointSources])
		expect(Object.keys(BADGE_CATALOGUE).sort()).toEqual([...badgeCodes].sort())
		expect(BADGE_CATALOGUE.first_try.kind).toBe('event')
		expect(BADGE_CATALOGUE.sharing_star.kind).toBe('event')
		expect(BADGE_CATALOGUE.monthly_star).toEqual({ kind: 'nomination', periodKind: 'month' })
		expect(BADGE_CATALOGUE.best_newcomer).toEqual({ kind: 'period', periodKind: 'quarter' })
		expect(BADGE_CATALOGUE.visit_champion).toEqual({ kind: 'period', periodKind: 'month' })
	})

	test('the criteria carry the figures they mention: HR’s amount in yuan, the sessions needed, the newcomer months', () => {
		expect(readProblem(badgeCriteria('high_value_account', { highValueAmount: 200_000 }))).toEqual({
			key: 'points.badges.high_value_account.criteria',
			values: { value: '200000', unit: 'cny' },
		})
		expect(readProblem(badgeCriteria('sharing_star', { highValueAmount: 1 })).values).toEqual({ sessions: '2' })
		expect(readProblem(badgeCriteria('best_newcomer', { highValueAmount: 1 })).values).toEqual({ months: '3' })
		expect(badgeCriteria('first_try', { highValueAmount: 1 })).toBe('points.badges.first_try.criteria')
	})
})

describe('event keys', () => {
	test('name what they were for, so the history can say it in words', () => {
		expect(parseSourceKey(lessonKey(12))).toEqual({ kind: 'lesson', id: 12 })
		expect(parseSourceKey(examKey('product-knowledge'))).toEqual({ kind: 'exam', slug: 'product-knowledge' })
		expect(parseSourceKey(articleRaterKey(7, 31))).toEqual({ kind: 'article', id: 7 })
		expect(parseSourceKey(coachingKey(40))).toEqual({ kind: 'coaching', id: 40 })
		expect(parseSourceKey(sessionKey(3))).toEqual({ kind: 'session', id: 3 })
		expect(parseSourceKey('weekly_visits:2026-10')).toEqual({ kind: 'indicator', code: 'weekly_visits', period: '2026-10' })
		expect(parseSourceKey('lead_conversion:2026-Q3')).toEqual({ kind: 'indicator', code: 'lead_conversion', period: '2026-Q3' })
		expect(parseSourceKey('weekly_visits:2026-13')).toEqual({ kind: 'other' })
		expect(parseSourceKey('something')).toEqual({ kind: 'other' })
	})
})

describe('HR’s price list form', () => {
	const rows = (...list: Array<[string, string, string]>) =>
		form(Object.fromEntries(list.flatMap(([source, points, cap], i) => [[`rules[${i}].source`, source], [`rules[${i}].points`, points], [`rules[${i}].dailyCap`, cap]])))

	test('whole points 0–1000, a blank cap meaning none', () => {
		const parsed = parseWithZod(rows(['lesson_completed', '15', '120'], ['exam_passed', '0', '']), { schema: pointRulesSchema })
		expect(parsed.status).toBe('success')
		expect(parsed.status === 'success' && parsed.value.rules).toEqual([
			{ source: 'lesson_completed', points: 15, dailyCap: 120 },
			{ source: 'exam_passed', points: 0, dailyCap: null },
		])
	})

	test.each([
		[['lesson_completed', '', '100'], 'rules[0].points', 'points.errors.points'],
		[['lesson_completed', '1001', ''], 'rules[0].points', 'points.errors.points'],
		[['lesson_completed', '-1', ''], 'rules[0].points', 'points.errors.points'],
		[['lesson_completed', '2.5', ''], 'rules[0].points', 'points.errors.points'],
		[['lesson_completed', 'ten', ''], 'rules[0].points', 'points.errors.points'],
		[['lesson_completed', '10', '10001'], 'rules[0].dailyCap', 'points.errors.cap'],
		[['lesson_completed', '10', '-3'], 'rules[0].dailyCap', 'points.errors.cap'],
		// A cap under the points could never pay one event in full.
		[['lesson_completed', '20', '10'], 'rules[0].dailyCap', 'points.errors.capBelowPoints'],
		[['lesson_completed', '20', '0'], 'rules[0].dailyCap', 'points.errors.capBelowPoints'],
		[['bogus', '20', ''], 'rules[0].source', 'points.errors.source'],
	] as Array<[[string, string, string], string, string]>)('%o is refused on %s', (row, field, key) => {
		const parsed = parseWithZod(rows(row), { schema: pointRulesSchema })
		expect(parsed.status).toBe('error')
		expect(parsed.reply().error?.[field]).toEqual([key])
	})

	test('a cap equal to the points, or 0 points with a cap of 0, is fine; a source twice is not', () => {
		expect(parseWithZod(rows(['kb_helpful', '5', '5']), { schema: pointRulesSchema }).status).toBe('success')
		expect(parseWithZod(rows(['kb_helpful', '0', '0']), { schema: pointRulesSchema }).status).toBe('success')
		const twice = parseWithZod(rows(['kb_helpful', '5', ''], ['kb_helpful', '6', '']), { schema: pointRulesSchema })
		expect(twice.reply().error?.rules).toEqual(['points.errors.rules'])
	})

	test('the server’s own check says the same in words', () => {
		expect(pointRuleProblem({ source: 'kb_helpful', points: 5, dailyCap: 50 })).toBeNull()
		expect(pointRuleProblem({ source: 'kb_helpful', points: 5, dailyCap: 4 })).toEqual({ field: 'dailyCap', error: 'points.errors.capBelowPoints' })
		expect(pointRuleProblem({ source: 'kb_helpful', points: 5000, dailyCap: null })).toEqual({ field: 'points', error: 'points.errors.points' })
	})
})

describe('the 高价值客户开发奖 amount', () => {
	test.each([
		['150000', 150_000],
		['15万', 150_000],
		['¥200,000', 200_000],
		['1', 1],
		['1亿', 100_000_000],
	])('%s is %i yuan', (text, amount) => {
		const parsed = parseWithZod(form({ amount: text }), { schema: highValueSchema })
		expect(parsed.status === 'success' && parsed.value.amount).toBe(amount)
	})

	test.each(['', '0', '-5', '100000001', '1.5', 'abc'])('%s is refused', (text) => {
		const parsed = parseWithZod(form({ amount: text }), { schema: highValueSchema })
		expect(parsed.status).toBe('error')
		expect(parsed.reply().error?.amount).toEqual(['points.errors.amount'])
	})
})

describe('月度之星', () => {
	test('the current month or one already over, never one to come', () => {
		expect(mayNominateFor('2026-11', '2026-11-28')).toBe(true)
		expect(mayNominateFor('2026-10', '2026-11-28')).toBe(true)
		expect(mayNominateFor('2025-12', '2026-11-28')).toBe(true)
		expect(mayNominateFor('2026-12', '2026-11-28')).toBe(false)
		expect(mayNominateFor('2026-Q3', '2026-11-28')).toBe(false)
		expect(mayNominateFor('2026-13', '2026-11-28')).toBe(false)
	})

	test('a nomination needs a person, a month and a reason of 5–300 characters', () => {
		const ok = parseWithZod(form({ userId: '7', month: '2026-10', reason: '  十月签下三个 KA 客户  ' }), { schema: nominationSchema })
		expect(ok.status === 'success' && ok.value).toEqual({ userId: 7, month: '2026-10', reason: '十月签下三个 KA 客户' })
		const bad = parseWithZod(form({ userId: '', month: '2026/10', reason: '很好' }), { schema: nominationSchema })
		expect(bad.reply().error).toMatchObject({
			userId: ['points.errors.person'],
			month: ['points.errors.month'],
			reason: ['points.errors.reasonShort'],
		})
		const long = parseWithZod(form({ userId: '7', month: '2026-10', reason: '好'.repeat(301) }), { schema: nominationSchema })
		expect(long.reply().error?.reason).toEqual(['points.errors.reasonLong'])
	})

	test('HR declines with a note; confirming needs none', () => {
		expect(parseWithZod(form({ nominationId: '3', decision: 'confirmed' }), { schema: decisionSchema }).status).toBe('success')
		const declined = parseWithZod(form({ nominationId: '3', decision: 'declined' }), { schema: decisionSchema })
		expect(declined.reply().error?.note).toEqual(['points.errors.noteRequired'])
		expect(parseWithZod(form({ nominationId: '3', decision: 'declined', note: '事例不够具体' }), { schema: decisionSchema }).status).toBe('success')
		expect(parseWithZod(form({ nominationId: '3', decision: 'maybe' }), { schema: decisionSchema }).reply().error?.decision).toEqual(['points.errors.decision'])
	})
})
