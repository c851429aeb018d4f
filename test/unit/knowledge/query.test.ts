import { describe, expect, test } from 'vitest'
import {
	relaxedTerms,
	containsAllTerms,
	ftsPhrase,
	highlight,
	MAX_QUERY_LENGTH,
	normalize,
	normalizeWithMap,
	parseQuery,
	shortTokens,
	snippet,
} from '#app/modules/knowledge/query.ts'

describe('normalisation', () => {
	test('full-width Latin, digits and punctuation fold to half-width; case folds', () => {
		expect(normalize('ＣＲＭ系统　３０％')).toBe('crm系统 30%')
		expect(normalize('SalesForce')).toBe('salesforce')
	})

	test('the map points each normalised character back at the original', () => {
		const { text, map } = normalizeWithMap('Ａ压价')
		expect(text).toBe('a压价')
		expect(map.slice(0, 3)).toEqual([0, 1, 2])
	})
})

describe('short-term tokens', () => {
	test('unigrams and bigrams within runs, never across punctuation or spaces', () => {
		expect(shortTokens(normalize('保险风险'))).toBe('保 险 保险 风 险风 险 风险')
		expect(shortTokens('竞品，压价')).toBe('竞 品 竞品 压 价 压价')
		expect(shortTokens('ai 方案')).toBe('a i ai 方 案 方案')
	})
})

describe('query parsing and routing', () => {
	test.each([
		['压价', [{ text: '压价', index: 'short' }]],
		['险', [{ text: '险', index: 'short' }]],
		['价格太贵', [{ text: '价格太贵', index: 'trigram' }]],
		['Salesforce', [{ text: 'salesforce', index: 'trigram' }]],
		['竞品 ＣＲＭ', [{ text: '竞品', index: 'short' }, { text: 'crm', index: 'trigram' }]],
		['30% 预算', [{ text: '30%', index: 'trigram' }, { text: '预算', index: 'short' }]],
		['3% ', [{ text: '3', index: 'short' }]],
		['压价 压价', [{ text: '压价', index: 'short' }]],
	] as const)('%s', (raw, terms) => {
		expect(parseQuery(raw).terms).toEqual(terms)
	})

	test('an empty or whitespace query has no terms (the browse view)', () => {
		expect(parseQuery('   ').terms).toEqual([])
		expect(parseQuery(null).terms).toEqual([])
	})

	test('FTS syntax stays text: quoted, with quotes doubled', () => {
		const { terms } = parseQuery('"价格 OR (NEAR -*')
		// "-*" has no word characters and is too short for the trigram index: it is dropped.
		expect(terms).toEqual([
			{ text: '"价格', index: 'trigram' },
			{ text: 'or', index: 'short' },
			{ text: '(near', index: 'trigram' },
		])
		expect(ftsPhrase('"价格')).toBe('"""价格"')
		expect(ftsPhrase('near(a b)')).toBe('"near(a b)"')
	})

	test('queries over 200 characters are cut and say so', () => {
		const long = '价'.repeat(MAX_QUERY_LENGTH + 50)
		const parsed = parseQuery(long)
		expect(parsed.truncated).toBe(true)
		expect(Array.from(parsed.display)).toHaveLength(MAX_QUERY_LENGTH)
		expect(parseQuery('价格').truncated).toBe(false)
	})
})

describe('matching, highlighting and snippets', () => {
	test('every term must be a substring', () => {
		const text = normalize('客户以竞品更低价压价')
		expect(containsAllTerms(text, parseQuery('竞品 压价').terms)).toBe(true)
		expect(containsAllTerms(text, parseQuery('竞品 预算').terms)).toBe(false)
	})

	test('hits are marked in the original text, whatever its width or case', () => {
		expect(highlight('用ＣＲＭ压价', parseQuery('crm 压价').terms)).toEqual([
			{ text: '用', hit: false },
			{ text: 'ＣＲＭ压价', hit: true },
		])
	})

	test('the snippet is a window around the first hit', () => {
		const text = `${'无关内容。'.repeat(60)}客户说你们比竞品贵了30%。${'其他内容。'.repeat(60)}`
		const s = snippet(text, parseQuery('竞品').terms, 60)
		expect(s).toContain('竞品')
		expect(s.startsWith('…')).toBe(true)
		expect(s.endsWith('…')).toBe(true)
	})
})

describe('relaxing a phrase that matched nothing', () => {
	const fakeSegment = (text: string) => (text === '你们比竞品贵了30%' ? ['你们', '比', '竞品', '贵', '了', '30%'] : [text])

	test('keeps the words of two or more characters, minus common ones, routed by length', () => {
		expect(relaxedTerms(parseQuery('你们比竞品贵了30%'), fakeSegment)).toEqual([
			{ text: '竞品', index: 'short' },
			{ text: '30%', index: 'trigram' },
		])
	})

	test('short terms and words equal to the term are not relaxed again', () => {
		expect(relaxedTerms(parseQuery('压价'), fakeSegment)).toEqual([])
		expect(relaxedTerms(parseQuery('salesforce'), fakeSegment)).toEqual([])
	})
})
