import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import {
	decodeCsv,
	IMPORT_MAX_ROWS,
	parseUserCsv,
	userImportTemplate,
	type ImportContext,
} from '#app/modules/auth/user-import.ts'
import { normalizeDate } from '#app/utils/dates.ts'

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('test/fixtures', name)))
const utf8 = (text: string) => new TextEncoder().encode(text)
const BOM = '\uFEFF'

const context: ImportContext = {
	teams: [
		{ id: 7, code: 'east-team', nameZh: '华东销售团队', nameEn: 'East team' },
		{ id: 8, code: 'south-team', nameZh: '华南销售团队', nameEn: 'South team' },
	],
	today: '2026-03-02',
	isEmailTaken: (email) => email === 'taken@example.com',
}

const parseText = (text: string, ctx: ImportContext = context) => parseUserCsv(utf8(text), ctx)
const brief = (problems: ReturnType<typeof parseUserCsv>['problems']) =>
	problems.map((p) => [p.line, p.column, p.key.replace('import.errors.', '')])

describe('decodeCsv', () => {
	test('UTF-8 with a BOM loses the BOM; without one it is read as is', () => {
		expect(decodeCsv(utf8(`${BOM}邮箱,姓名`))).toBe('邮箱,姓名')
		expect(decodeCsv(utf8('邮箱,姓名'))).toBe('邮箱,姓名')
	})

	test('a file saved by Chinese Excel (GB18030, CRLF) is read correctly, 4-byte characters included', () => {
		const text = decodeCsv(fixture('users-gb18030.csv'))
		expect(text).toMatch(/^邮箱,姓名,岗位,团队,入职日期,角色\r\n/)
		expect(text).toContain('赵䶮')
	})

	test('bytes that are neither UTF-8 nor GB18030, and UTF-16, are refused', () => {
		expect(decodeCsv(new Uint8Array([0x81, 0x20, 0x41]))).toBeNull()
		expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x2c, 0x00]))).toBeNull()
		expect(parseUserCsv(new Uint8Array([0x81, 0x20, 0x41]), context).problems).toEqual([
			{ line: 0, column: '', key: 'import.errors.encoding', values: {} },
		])
	})
})

describe('parseUserCsv: good files', () => {
	test('the GB18030 fixture gives every person, with teams by code or name and dates normalised', () => {
		const { rows, problems } = parseUserCsv(fixture('users-gb18030.csv'), context)
		expect(problems).toEqual([])
		expect(rows).toEqual([
			{ line: 2, email: 'wang.fang@example.com', name: '王芳', positionType: 'sales_rep', teamId: 7, hireDate: '2025-01-06', roles: ['staff'] },
			{ line: 3, email: 'zhao.yan@example.com', name: '赵䶮', positionType: 'marketing', teamId: 7, hireDate: '2024-07-01', roles: ['mentor', 'manager'] },
			{ line: 4, email: 'chen.jie@example.com', name: '陈杰', positionType: 'customer_success', teamId: null, hireDate: '2023-11-20', roles: [] },
		])
	})

	test('English headers in any case and spacing, with a BOM and English values', () => {
		const text = `${BOM}Email, NAME ,Position,TEAM,Hire Date,Roles\n` +
			'Li.Na@Example.com,Li Na,customer_success,East team,2025/3/9,"mentor, HR_ADMIN"\n' +
			'bob@example.com,Bob,Sales Rep,SOUTH-TEAM,2025-03-10,manager|staff\n'
		const { rows, problems } = parseText(text)
		expect(problems).toEqual([])
		expect(rows.map((r) => [r.email, r.positionType, r.teamId, r.hireDate, r.roles])).toEqual([
			['li.na@example.com', 'customer_success', 7, '2025-03-09', ['mentor', 'hr_admin']],
			['bob@example.com', 'sales_rep', 8, '2025-03-10', ['manager', 'staff']],
		])
	})

	test('CRLF, blank lines and rows of empty cells are skipped without shifting line numbers', () => {
		const text = '邮箱,姓名,入职日期\r\n\r\na@example.com,甲,2025-01-01\r\n,,\r\nb@example.com,乙,2025-01-02\r\n\r\n'
		const { rows, problems } = parseText(text)
		expect(problems).toEqual([])
		expect(rows.map((r) => [r.line, r.email, r.positionType, r.teamId, r.roles])).toEqual([
			[3, 'a@example.com', null, null, []],
			[5, 'b@example.com', null, null, []],
		])
	})

	test('a quoted line break inside a name (CRLF or LF) keeps later line numbers right', () => {
		for (const eol of ['\r\n', '\n']) {
			const text = ['邮箱,姓名,入职日期', 'a@example.com,"欧阳', '', '娜娜",2025-01-01', 'bad,乙,2025-01-02'].join(eol) + eol
			const { rows, problems } = parseText(text)
			expect(rows).toMatchObject([{ line: 2, name: '欧阳 娜娜' }])
			expect(brief(problems)).toEqual([[5, '邮箱', 'email']])
		}
	})

	test('the downloadable template is itself a valid import', () => {
		const template = userImportTemplate('east-team')
		expect(template.startsWith(BOM + '邮箱,姓名,岗位,团队,入职日期,角色\r\n')).toBe(true)
		const { rows, problems } = parseText(template, { ...context, isEmailTaken: undefined })
		expect(problems).toEqual([])
		expect(rows).toHaveLength(2)
	})
})

describe('parseUserCsv: every planted problem, with line and column', () => {
	test('the errors fixture reports each problem once, in file order', () => {
		const { rows, problems } = parseUserCsv(fixture('users-errors.csv'), context)
		expect(problems).toEqual([
			{ line: 4, column: '邮箱', key: 'import.errors.email', values: { value: 'not-an-email' } },
			{ line: 5, column: '团队', key: 'import.errors.team', values: { value: 'west-team' } },
			{ line: 6, column: '入职日期', key: 'import.errors.date', values: { value: '2025-02-30' } },
			{ line: 7, column: '邮箱', key: 'import.errors.duplicateInFile', values: { value: 'good.one@example.com', line: 2 } },
			{ line: 8, column: '邮箱', key: 'import.errors.emailTaken', values: { value: 'taken@example.com' } },
			{ line: 9, column: '角色', key: 'import.errors.role', values: { value: '老板' } },
			{ line: 10, column: '姓名', key: 'import.errors.required', values: { value: '' } },
			{ line: 10, column: '岗位', key: 'import.errors.position', values: { value: '销售总监' } },
			{ line: 10, column: '入职日期', key: 'import.errors.date', values: { value: '2025-13-01' } },
			{ line: 10, column: '角色', key: 'import.errors.role', values: { value: 'CEO' } },
		])
		// Only rows without problems are offered, and the caller writes none of them anyway.
		expect(rows.map((r) => r.line)).toEqual([2])
	})

	test('problems use the header as written in the file', () => {
		const text = 'E-Mail,Name,hire_date\nnope,Ann,2025-01-01\n'
		expect(parseText(text).problems).toMatchObject([{ line: 2, column: 'E-Mail', key: 'import.errors.email' }])
	})

	test('header problems: missing, unknown and repeated columns', () => {
		const text = '邮箱,姓名,部门,邮箱\na@example.com,甲,销售部,b@example.com\n'
		expect(parseText(text).problems).toEqual([
			{ line: 1, column: '部门', key: 'import.errors.unknownColumn', values: { column: '部门' } },
			{ line: 1, column: '邮箱', key: 'import.errors.duplicateColumn', values: { column: '邮箱' } },
			{ line: 1, column: '入职日期', key: 'import.errors.missingColumn', values: { column: '入职日期' } },
		])
		expect(parseText('email,name\n').problems.map((p) => [p.key, p.column])).toEqual([
			['import.errors.missingColumn', 'hire_date'],
			['import.errors.empty', ''],
		])
	})

	test('values past the last header, a too-long name, and a future hire date', () => {
		const text = `邮箱,姓名,入职日期\na@example.com,${'名'.repeat(61)},2026-03-03,多余\n`
		expect(parseText(text).problems).toEqual([
			{ line: 2, column: '姓名', key: 'import.errors.tooLong', values: { max: 60 } },
			{ line: 2, column: '入职日期', key: 'import.errors.dateInFuture', values: { value: '2026-03-03' } },
			{ line: 2, column: 'D', key: 'import.errors.extraValue', values: { value: '多余' } },
		])
	})

	test('empty files, broken quoting and too many rows', () => {
		expect(brief(parseText('').problems)).toEqual([[0, '', 'empty']])
		expect(brief(parseText(`${BOM}\r\n  \r\n`).problems)).toEqual([[0, '', 'empty']])
		const broken = parseText('邮箱,姓名,入职日期\na@example.com,"甲,2025-01-01\nb@example.com,乙,2025-01-02\n')
		expect(broken.problems).toEqual([{ line: 2, column: '', key: 'import.errors.csv', values: { detail: 'Quote Not Closed' } }])
		const stray = parseText('邮箱,姓名,入职日期\r\na@example.com,"甲\r\n乙",2025-01-01\r\nb@example.com,x"y",2025-01-02\r\n')
		expect(stray.problems).toMatchObject([{ line: 4, key: 'import.errors.csv' }])
		const many = ['邮箱,姓名,入职日期', ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `p${i}@example.com,某,2025-01-01`)]
		expect(parseText(many.join('\n')).problems).toEqual([
			{ line: IMPORT_MAX_ROWS + 2, column: '', key: 'import.errors.tooManyRows', values: { max: IMPORT_MAX_ROWS } },
		])
		expect(parseText(many.slice(0, -1).join('\n')).rows).toHaveLength(IMPORT_MAX_ROWS)
	})
})

describe('normalizeDate', () => {
	test.each([
		['2025-03-01', '2025-03-01'],
		['2025/3/1', '2025-03-01'],
		[' 2024/12/31 ', '2024-12-31'],
		['2025-02-29', null],
		['2025/13/1', null],
		['03/01/2025', null],
		['2025-3', null],
	])('%s → %s', (input, expected) => {
		expect(normalizeDate(input)).toBe(expected)
	})
})
