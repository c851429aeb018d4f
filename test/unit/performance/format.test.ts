import { describe, expect, test } from 'vitest'
import {
	formatAxisValue,
	formatIndicatorDelta,
	formatIndicatorValue,
	formatMoney,
	formatMonthShort,
	formatPercent,
	formatPeriod,
	formatScore,
	localName,
	neutralizeCell,
} from '#app/modules/performance/format.ts'

describe('formatIndicatorValue', () => {
	test('money reads in 万 and 亿 in Chinese, in full yuan in English', () => {
		expect(formatIndicatorValue(805_000, 'cny', 'zh-CN')).toBe('¥80.5 万')
		expect(formatIndicatorValue(120_000, 'cny', 'zh-CN')).toBe('¥12 万')
		expect(formatIndicatorValue(333_333.33, 'cny', 'zh-CN')).toBe('¥33.33 万')
		expect(formatIndicatorValue(9_800, 'cny', 'zh-CN')).toBe('¥9,800')
		expect(formatIndicatorValue(123_000_000, 'cny', 'zh-CN')).toBe('¥1.23 亿')
		expect(formatIndicatorValue(805_000, 'cny', 'en')).toBe('¥805,000')
		expect(formatMoney(-120_000, 'zh-CN')).toBe('-¥12 万')
	})

	test('percent-unit values are already percent points; counts, scores and hours keep one decimal', () => {
		expect(formatIndicatorValue(15, 'percent', 'zh-CN')).toBe('15%')
		expect(formatIndicatorValue(6.666_67, 'percent', 'en')).toBe('6.7%')
		expect(formatIndicatorValue(14.5, 'count', 'zh-CN')).toBe('14.5')
		expect(formatIndicatorValue(1_234, 'count', 'en')).toBe('1,234')
		expect(formatIndicatorValue(4.5, 'score', 'zh-CN')).toBe('4.5 分')
		expect(formatIndicatorValue(85, 'score', 'en')).toBe('85 pts')
		expect(formatIndicatorValue(24, 'hours', 'zh-CN')).toBe('24 小时')
		expect(formatIndicatorValue(24, 'hours', 'en')).toBe('24 h')
	})

	test('nothing recorded prints a dash, not zero', () => {
		expect(formatIndicatorValue(null, 'cny', 'zh-CN')).toBe('—')
		expect(formatIndicatorValue(undefined, 'count', 'en')).toBe('—')
		expect(formatIndicatorValue(Number.POSITIVE_INFINITY, 'hours', 'en')).toBe('—')
		expect(formatIndicatorValue(0, 'count', 'en')).toBe('0')
	})

	test('a gap in a percent indicator is in percentage points', () => {
		expect(formatIndicatorDelta(3, 'percent', 'zh-CN')).toBe('3 个百分点')
		expect(formatIndicatorDelta(2.5, 'percent', 'en')).toBe('2.5 pp')
		expect(formatIndicatorDelta(120_000, 'cny', 'zh-CN')).toBe('¥12 万')
	})

	test('axis labels are compact', () => {
		expect(formatAxisValue(1_000_000, 'cny', 'zh-CN')).toBe('¥100万')
		expect(formatAxisValue(1_300_000, 'cny', 'en')).toBe('¥1.3M')
		expect(formatAxisValue(15, 'percent', 'en')).toBe('15%')
	})
})

describe('formatPercent and formatScore', () => {
	test('achievements are truncated, so just short of the target never reads 100 %', () => {
		expect(formatPercent(1, 'zh-CN')).toBe('100%')
		expect(formatPercent(0.996, 'zh-CN')).toBe('99%')
		expect(formatPercent(1.05, 'en')).toBe('105%')
		expect(formatPercent(0.9999999999999, 'en')).toBe('100%')
		expect(formatPercent(0.1234, 'en', 1)).toBe('12.3%')
		expect(formatPercent(null, 'en')).toBe('—')
	})

	test('scores keep one decimal, truncated, and survive float noise', () => {
		expect(formatScore(100, 'zh-CN')).toBe('100')
		expect(formatScore(99.999_999_999, 'zh-CN')).toBe('100')
		expect(formatScore(99.96, 'en')).toBe('99.9')
		expect(formatScore(65.25, 'en')).toBe('65.2')
		expect(formatScore(null, 'en')).toBe('—')
	})
})

describe('localName', () => {
	test('Chinese for any zh locale, English otherwise', () => {
		const named = { nameZh: '销售额', nameEn: 'Sales revenue' }
		expect(localName(named, 'zh-CN')).toBe('销售额')
		expect(localName(named, 'zh')).toBe('销售额')
		expect(localName(named, 'en')).toBe('Sales revenue')
	})
})

describe('neutralizeCell', () => {
	test('formula starters get an apostrophe; other text is untouched', () => {
		for (const bad of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=cmd', '\r=cmd'])
			expect(neutralizeCell(bad)).toBe(`'${bad}`)
		for (const fine of ['王小新', 'a=b', '', ' =still text?', "'quoted"]) expect(neutralizeCell(fine)).toBe(fine)
	})
})

describe('formatPeriod', () => {
	test('quarters and months read naturally in both languages', () => {
		expect(formatPeriod('2026-Q4', 'zh-CN')).toBe('2026年第4季度')
		expect(formatPeriod('2026-Q4', 'en')).toBe('Q4 2026')
		expect(formatPeriod('2026-11', 'zh-CN')).toBe('2026年11月')
		expect(formatPeriod('2026-11', 'en')).toBe('Nov 2026')
		expect(formatMonthShort('2026-01', 'zh-CN')).toBe('1月')
		expect(formatMonthShort('2026-01', 'en')).toBe('Jan')
		expect(formatPeriod('nonsense', 'en')).toBe('nonsense')
	})
})
