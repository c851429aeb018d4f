import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	createRowValidator,
	fieldOfHeader,
	kpiImportTemplateCsv,
	looksLikeFormula,
	mapHeader,
	neutralizeCell,
	parseNumberText,
	templateHeader,
	type IndicatorRef,
	type KpiImportContext,
	type SheetCell,
} from '#app/modules/performance/import.ts'

const ind = (id: number, code: string, nameZh: string, nameEn: string, unit: IndicatorRef['unit'], extra: Partial<IndicatorRef> = {}): IndicatorRef => ({
	id,
	code,
	nameZh,
	nameEn,
	unit,
	grain: 'day',
	rollup: 'sum',
	numeratorCode: null,
	denominatorCode: null,
	source: 'import',
	...extra,
})

const indicators: IndicatorRef[] = [
	ind(1, 'revenue', '销售额', 'Sales revenue', 'cny'),
	ind(2, 'new_customers', '新客户数', 'New customers', 'count'),
	ind(3, 'lead_conversion', '线索转化率', 'Lead conversion rate', 'percent', { rollup: 'ratio', numeratorCode: 'leads_won', denominatorCode: 'leads_assigned' }),
	ind(4, 'weekly_visits', '周拜访量', 'Weekly visits', 'count', { grain: 'week', rollup: 'avg' }),
	ind(5, 'complaint_satisfaction', '客户投诉处理满意度', 'Complaint-handling satisfaction', 'percent', { grain: 'month', rollup: 'avg' }),
	ind(6, 'resolution_time', '问题解决时效', 'Resolution time', 'hours', { rollup: 'avg' }),
	ind(7, 'product_knowledge_score', '产品知识测试得分', 'Product knowledge test score', 'score', { grain: 'month', rollup: 'avg', source: 'exam' }),
]

const context: KpiImportContext = {
	today: '2026-03-02',
	userIdByEmail: new Map([
		['rep@example.com', 10],
		['li.na@example.com', 11],
	]),
	deactivatedEmails: new Set(['gone@example.com']),
	indicators,
}

const HEADER = ['邮箱', '指标', '日期', '数值', '证据']

/** Checks rows (line numbers from 2) under a header; returns the problems briefly and the kept rows. */
function check(rows: SheetCell[][], header: SheetCell[] = HEADER, ctx: KpiImportContext = context) {
	const { mapping, problems: headerProblems } = mapHeader(header, 1)
	const validator = createRowValidator(mapping, ctx)
	rows.forEach((cells, i) => validator.row(i + 2, cells))
	const result = validator.finish()
	const kept = Array.from({ length: result.rows.length }, (_, i) => ({
		line: result.rows.line[i],
		userId: result.rows.userId[i],
		indicatorId: result.rows.indicatorId[i],
		date: result.rows.date[i],
		value: result.rows.value[i],
		evidence: result.rows.evidence[i],
	}))
	return {
		headerProblems,
		problems: result.problems.map((p) => [p.line, p.column, p.key.replace('kpiImport.errors.', '')]),
		raw: result.problems,
		kept,
		result,
	}
}

describe('headers', () => {
	test('Chinese, English and alias headers map to fields whatever their case, width or spacing', () => {
		expect(mapHeader(HEADER, 1).mapping.columns).toEqual({ email: 0, indicator: 1, date: 2, value: 3, evidence: 4 })
		expect(mapHeader(['Email', 'INDICATOR', ' date ', 'Value', 'evidence'], 1).mapping.columns).toEqual({
			email: 0,
			indicator: 1,
			date: 2,
			value: 3,
			evidence: 4,
		})
		expect(['E-Mail', 'ＥＭＡＩＬ', '员工邮箱', 'indicator_code', '指标名称', '业务日期', '金额', '备注'].map(fieldOfHeader)).toEqual([
			'email',
			'email',
			'email',
			'indicator',
			'indicator',
			'date',
			'value',
			'evidence',
		])
	})

	test('unknown columns are ignored, a missing required column is named in the header language', () => {
		const zh = mapHeader(['姓名', '邮箱', '指标', '数值', '团队'], 1)
		expect(zh.mapping.columns).toEqual({ email: 1, indicator: 2, value: 3 })
		expect(zh.mapping.missing).toEqual(['date'])
		expect(zh.problems.map((p) => [p.line, p.column, p.key])).toEqual([[1, '日期', 'kpiImport.errors.missingColumn']])
		const en = mapHeader(['name', 'email', 'indicator', 'value'], 3)
		expect(en.problems.map((p) => [p.line, p.column])).toEqual([[3, 'date']])
	})

	test('two columns for the same field are a problem at the second one', () => {
		const { mapping, problems } = mapHeader(['邮箱', 'email', '指标', '日期', '数值'], 1)
		expect(mapping.columns.email).toBe(0)
		expect(problems.map((p) => [p.column, p.key, p.values.other])).toEqual([['email', 'kpiImport.errors.duplicateColumn', '邮箱']])
	})

	test('a column chosen on the page fills a required field the header did not name', () => {
		const header = ['员工账号', '指标', '日期', '数值']
		expect(mapHeader(header, 1).mapping.missing).toEqual(['email'])
		const chosen = mapHeader(header, 1, { email: 0 })
		expect(chosen.mapping.missing).toEqual([])
		expect(chosen.problems).toEqual([])
		expect(chosen.mapping.columns).toEqual({ email: 0, indicator: 1, date: 2, value: 3 })
		// A choice beyond the header is ignored rather than trusted.
		expect(mapHeader(header, 1, { email: 9 }).mapping.missing).toEqual(['email'])
	})
})

describe('values people actually type', () => {
	test('thousands separators, currency and percent signs, Chinese dates and several date formats', () => {
		const { problems, kept } = check([
			['REP@Example.com', 'revenue', '2026/3/1', '1,234,567.5', ' 合同 HT-01 '],
			['rep@example.com', '销售额', '2026-02-27', '¥8,000', ''],
			['rep@example.com', 'Sales Revenue', '2026年2月26日', '8000元', ''],
			['li.na@example.com', '客户投诉处理满意度', '2026-02-14', '92.5%', ''],
			['li.na@example.com', 'resolution_time', '2026-02-13 18:30:00', '4.5', ''],
			['li.na@example.com', 'new_customers', '2026.2.12', '３', ''],
		])
		expect(problems).toEqual([])
		expect(kept.map((r) => [r.line, r.userId, r.indicatorId, r.date, r.value, r.evidence])).toEqual([
			[2, 10, 1, '2026-03-01', 1234567.5, '合同 HT-01'],
			[3, 10, 1, '2026-02-27', 8000, null],
			[4, 10, 1, '2026-02-26', 8000, null],
			// Monthly: the first of the month.
			[5, 11, 5, '2026-02-01', 92.5, null],
			[6, 11, 6, '2026-02-13', 4.5, null],
			[7, 11, 2, '2026-02-12', 3, null],
		])
	})

	test('.xlsx cells: Excel dates (also as serial numbers) and numbers are taken as they are', () => {
		const { problems, kept } = check([
			['rep@example.com', 'revenue', new Date(Date.UTC(2026, 1, 27)), 12_000.25, null],
			['rep@example.com', 'new_customers', 46_079, 2, null],
		])
		expect(problems).toEqual([])
		expect(kept.map((r) => [r.date, r.value])).toEqual([
			['2026-02-27', 12_000.25],
			['2026-02-26', 2],
		])
	})

	test('a weekly indicator is recorded on the Monday, so two days of one week are duplicates', () => {
		const { problems, kept } = check([
			['rep@example.com', 'weekly_visits', '2026-02-26', '15', ''],
			['rep@example.com', 'weekly_visits', '2026-02-24', '12', ''],
		])
		expect(kept.map((r) => r.date)).toEqual(['2026-02-23'])
		expect(problems).toEqual([[3, '邮箱', 'duplicateInFile']])
	})

	test('parseNumberText', () => {
		expect(parseNumberText('1,234')).toEqual({ value: 1234, percent: false, currency: false })
		expect(parseNumberText('12.5%')).toEqual({ value: 12.5, percent: true, currency: false })
		expect(parseNumberText('￥ 1,000.5')).toEqual({ value: 1000.5, percent: false, currency: true })
		expect(parseNumberText('-3')).toEqual({ value: -3, percent: false, currency: false })
		expect(parseNumberText('1.2E+05')).toBe('scientific')
		for (const bad of ['1,2', '12,34', 'abc', '1.2.3', '', '¥12%', '1 000 000x']) expect(parseNumberText(bad)).toBeNull()
	})
})

describe('problems', () => {
	test('every kind of bad cell is reported once, with its line and the column as written', () => {
		const { problems, kept } = check([
			['rep@example.com', 'revenue', '2026-02-30', '100', ''],
			['rep@example.com', 'revenue', '2026-03-03', '100', ''],
			['rep@example.com', 'revenue', '1999-12-31', '100', ''],
			['nobody@example.com', 'revenue', '2026-03-01', '100', ''],
			['gone@example.com', 'revenue', '2026-03-01', '100', ''],
			['not-an-email', 'revenue', '2026-03-01', '100', ''],
			['rep@example.com', '销售量', '2026-03-01', '100', ''],
			['rep@example.com', '线索转化率', '2026-03-01', '12', ''],
			['rep@example.com', 'product_knowledge_score', '2026-03-01', '80', ''],
			['rep@example.com', 'new_customers', '2026-02-01', '-3', ''],
			['rep@example.com', 'new_customers', '2026-02-02', '2.5', ''],
			['rep@example.com', 'new_customers', '2026-02-03', '25%', ''],
			['rep@example.com', 'new_customers', '2026-02-04', '¥5', ''],
			['rep@example.com', 'complaint_satisfaction', '2026-01-05', '105', ''],
			['rep@example.com', 'revenue', '2026-02-05', '1.23457E+12', ''],
			['rep@example.com', 'revenue', '2026-02-06', 'abc', ''],
			['rep@example.com', 'revenue', '2026-02-07', '2e13', ''],
			['rep@example.com', 'revenue', '2026-02-08', '100', 'x'.repeat(501)],
			['rep@example.com', 'revenue', '2026-02-09', '', ''],
		])
		expect(problems).toEqual([
			[2, '日期', 'date'],
			[3, '日期', 'dateInFuture'],
			[4, '日期', 'dateTooOld'],
			[5, '邮箱', 'unknownPerson'],
			[6, '邮箱', 'deactivatedPerson'],
			[7, '邮箱', 'email'],
			[8, '指标', 'unknownIndicator'],
			[9, '指标', 'ratioIndicator'],
			[10, '指标', 'examIndicator'],
			[11, '数值', 'negative'],
			[12, '数值', 'notInteger'],
			[13, '数值', 'percentSign'],
			[14, '数值', 'currencySign'],
			[15, '数值', 'percentTooHigh'],
			[16, '数值', 'scientific'],
			[17, '数值', 'number'],
			[18, '数值', 'scientific'],
			[19, '证据', 'tooLong'],
			[20, '数值', 'required'],
		])
		expect(kept).toEqual([])
	})

	test('the messages carry what the reader needs: the value, today, the ratio parts', () => {
		const { raw } = check([
			['rep@example.com', 'revenue', '2026-03-03', '100', ''],
			['rep@example.com', 'lead_conversion', '2026-03-01', '12', ''],
			['rep@example.com', 'new_customers', '2026-03-01', '2.5', ''],
		])
		expect(raw.map((p) => p.values)).toEqual([
			{ value: '2026-03-03', today: '2026-03-02' },
			{ value: 'lead_conversion', numerator: 'leads_won', denominator: 'leads_assigned' },
			{ value: '2.5', nameZh: '新客户数', nameEn: 'New customers' },
		])
	})

	test('formula-looking cells are refused in every column; a negative number is not a formula', () => {
		const { problems } = check([
			['=HYPERLINK("http://evil")', 'revenue', '2026-03-01', '1', ''],
			['rep@example.com', '@SUM(A1)', '2026-03-01', '1', ''],
			['rep@example.com', 'revenue', '+2026-03-01', '1', ''],
			['rep@example.com', 'revenue', '2026-02-28', '-A1', ''],
			['rep@example.com', 'revenue', '2026-02-27', '+1', ''],
			['rep@example.com', 'revenue', '2026-02-26', '1', '=cmd|" /C calc"!A0'],
			['rep@example.com', 'revenue', '2026-02-25', '1', '  -x'],
			['rep@example.com', 'revenue', '2026-02-24', { formula: 'B2*2' }, ''],
		])
		expect(problems).toEqual([
			[2, '邮箱', 'formula'],
			[3, '指标', 'formula'],
			[4, '日期', 'formula'],
			[5, '数值', 'formula'],
			[6, '数值', 'formula'],
			[7, '证据', 'formula'],
			[8, '证据', 'formula'],
			[9, '数值', 'formula'],
		])
	})

	test('a row with several bad cells lists them left to right; the duplicate check still runs', () => {
		const { problems } = check([
			['rep@example.com', 'revenue', '2026-03-01', '100', ''],
			['rep@example.com', 'revenue', '2026-03-01', '-1', '=1'],
			['rep@example.com', '??', 'yesterday', 'x', '=1'],
		])
		expect(problems).toEqual([
			[3, '邮箱', 'duplicateInFile'],
			[3, '数值', 'negative'],
			[3, '证据', 'formula'],
			[4, '指标', 'unknownIndicator'],
			[4, '日期', 'date'],
			[4, '数值', 'number'],
			[4, '证据', 'formula'],
		])
	})

	test('duplicates point at the first line with the key, however the key was written', () => {
		const { raw } = check([
			['rep@example.com', 'revenue', '2026-03-01', '1', ''],
			['li.na@example.com', 'revenue', '2026-03-01', '1', ''],
			['REP@example.com', '销售额', '2026/3/1', '2', ''],
			['rep@example.com', 'Sales revenue', '2026-03-01', '3', ''],
		])
		expect(raw.map((p) => [p.line, p.key, p.values.line])).toEqual([
			[4, 'kpiImport.errors.duplicateInFile', 2],
			[5, 'kpiImport.errors.duplicateInFile', 2],
		])
	})

	test('blank rows are skipped; rows beyond the limit are one problem; problems past the cap are counted', () => {
		const { mapping } = mapHeader(HEADER, 1)
		const validator = createRowValidator(mapping, context, { maxRows: 3, maxProblems: 2 })
		validator.row(2, ['', '  ', null, '', ''])
		for (let line = 3; line <= 6; line++) validator.row(line, ['x@example.com', 'revenue', '2026-03-01', '1', ''])
		const result = validator.finish()
		expect(result.rowCount).toBe(4)
		expect(result.problemCount).toBe(4)
		expect(result.problems.map((p) => [p.line, p.key])).toEqual([
			[3, 'kpiImport.errors.unknownPerson'],
			[4, 'kpiImport.errors.unknownPerson'],
		])
	})

	test('one problem per cell at most, and a row with a problem is never kept (random rows)', () => {
		const pick = <T,>(values: T[]) => fc.constantFrom(...values)
		const cell = fc.oneof(fc.string({ maxLength: 12 }), pick(['=1', '-x', '+1', '@a', '-5', '', ' ']))
		const row = fc.tuple(
			fc.oneof(cell, pick(['rep@example.com', 'li.na@example.com', 'gone@example.com', 'REP@EXAMPLE.COM'])),
			fc.oneof(cell, pick(['revenue', '销售额', 'weekly_visits', 'lead_conversion', 'complaint_satisfaction'])),
			fc.oneof(cell, pick(['2026-03-01', '2026/2/3', '2026-03-05', '2026-02-30', '2026-02-23'])),
			fc.oneof(cell, pick(['1', '1,000', '12.5%', '¥3', '-2', '2.5', '101'])),
			fc.oneof(cell, pick(['', 'note'])),
		)
		fc.assert(
			fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
				const { raw, kept } = check(rows)
				const cells = raw.map((p) => `${p.line}|${p.column}`)
				expect(new Set(cells).size).toBe(cells.length)
				const bad = new Set(raw.map((p) => p.line))
				for (const r of kept) expect(bad.has(r.line!)).toBe(false)
				for (let i = 1; i < raw.length; i++) expect(raw[i]!.line).toBeGreaterThanOrEqual(raw[i - 1]!.line)
			}),
		)
	})
})

describe('spreadsheet safety', () => {
	test('looksLikeFormula', () => {
		for (const s of ['=1', '+1', '@x', '-x', '--1', '- 5']) expect(looksLikeFormula(s), s).toBe(true)
		// A lone dash ("no data" in many sheets) is not a formula; it fails as "not a number" instead.
		for (const s of ['-1', '-0.5', '-', '1', 'a=b', '', '合同']) expect(looksLikeFormula(s), s).toBe(false)
	})

	test('neutralizeCell makes every formula-looking export cell text and leaves the rest alone', () => {
		expect(neutralizeCell('=SUM(A1)')).toBe("'=SUM(A1)")
		expect(neutralizeCell('-1+2')).toBe("'-1+2")
		expect(neutralizeCell('\t=1')).toBe("'\t=1")
		expect(neutralizeCell('李娜')).toBe('李娜')
		fc.assert(
			fc.property(fc.string(), (s) => {
				const out = neutralizeCell(s)
				expect(/^[=+\-@\t\r]/.test(out)).toBe(false)
				expect(out === s || out === `'${s}`).toBe(true)
			}),
		)
	})
})

describe('the CSV template', () => {
	test('UTF-8 BOM, CRLF, a recognised header, and rows that pass the checks as they are', () => {
		for (const locale of ['zh-CN', 'en'] as const) {
			const csv = kpiImportTemplateCsv('2026-03-02', locale)
			expect(csv.startsWith('\uFEFF')).toBe(true)
			const lines = csv.slice(1).split('\r\n')
			expect(lines.at(-1)).toBe('')
			expect(lines[0]).toBe(templateHeader(locale).join(','))
			const allIndicators = [
				...indicators,
				ind(8, 'leads_assigned', '分配线索数', 'Leads assigned', 'count'),
				ind(9, 'leads_won', '成交线索数', 'Leads won', 'count'),
			]
			const rows = lines.slice(1, -1).map((l) => l.split(','))
			const { problems, kept } = check(rows, lines[0]!.split(','), { ...context, indicators: allIndicators })
			expect(problems).toEqual([])
			expect(kept.length).toBe(rows.length)
			expect(rows.every((r) => r[0] === 'rep@example.com')).toBe(true)
		}
	})
})
