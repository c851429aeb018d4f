import { z } from 'zod'
import type { Resources } from '#app/locales/zh-CN.ts'
import type { PositionType, Role } from '#db/schema/auth.ts'
import { normalizeDate } from '#app/utils/dates.ts'
import { readRecords } from '#app/utils/csv.ts'
import { columnLetter, fold, type SheetProblem } from '#app/utils/spreadsheet.ts'
import { EMAIL_MAX, NAME_MAX } from './user-form.ts'

export const IMPORT_MAX_ROWS = 2000

export type ImportErrorKey = `import.errors.${keyof Resources['import']['errors']}`

/**
 * One thing wrong with an uploaded file. `line` is the physical line in the file (1-based; 0 for
 * the file as a whole), `column` the header as written in the file, `key` + `values` the message.
 */
export type ImportProblem = SheetProblem<ImportErrorKey>

export type ImportField = 'email' | 'name' | 'position' | 'team' | 'hireDate' | 'roles'

/** The accepted columns, in template order; the import page lists them from here. */
export const IMPORT_COLUMNS: ReadonlyArray<{ field: ImportField; zh: string; en: string; required: boolean }> = [
	{ field: 'email', zh: '邮箱', en: 'email', required: true },
	{ field: 'name', zh: '姓名', en: 'name', required: true },
	{ field: 'position', zh: '岗位', en: 'position', required: false },
	{ field: 'team', zh: '团队', en: 'team', required: false },
	{ field: 'hireDate', zh: '入职日期', en: 'hire_date', required: true },
	{ field: 'roles', zh: '角色', en: 'roles', required: false },
]

export type TeamRef = { id: number; code: string; nameZh: string; nameEn: string }

export type ImportContext = {
	teams: readonly TeamRef[]
	/** Today's business date (YYYY-MM-DD): a hire date may not be later, as on the user form. */
	today: string
	/** Database check, passed in so this file stays pure. */
	isEmailTaken?: (email: string) => boolean
}

export type ImportedUser = {
	line: number
	email: string
	name: string
	positionType: PositionType | null
	teamId: number | null
	hireDate: string
	roles: Role[]
}

const headerAliases = new Map<string, ImportField>(
	IMPORT_COLUMNS.flatMap(({ field, zh, en }) => [
		[fold(zh), field],
		[fold(en), field],
	]),
)
headerAliases.set('role', 'roles')

const positionAliases = new Map<string, PositionType>([
	['salesrep', 'sales_rep'],
	['销售代表', 'sales_rep'],
	['marketing', 'marketing'],
	['市场专员', 'marketing'],
	['customersuccess', 'customer_success'],
	['客户成功', 'customer_success'],
] satisfies Array<[string, PositionType]>)

const roleAliases = new Map<string, Role>([
	['staff', 'staff'],
	['员工', 'staff'],
	['mentor', 'mentor'],
	['导师', 'mentor'],
	['manager', 'manager'],
	['经理', 'manager'],
	['hradmin', 'hr_admin'],
	['人力资源', 'hr_admin'],
	['人力资源/管理员', 'hr_admin'],
] satisfies Array<[string, Role]>)

/** Excel and Chinese IMEs give all of these; full-width forms included. */
const ROLE_SEPARATORS = /[;,、|；，｜]/

/** UTF-8 (BOM or not), else GB18030 as Chinese Excel saves it; null when it is neither. */
export function decodeCsv(bytes: Uint8Array): string | null {
	// UTF-16 ("Unicode text" in Excel) would decode as GB18030 gibberish; say so instead.
	if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
		return null
	for (const encoding of ['utf-8', 'gb18030']) {
		try {
			return new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
		} catch {
			// try the next encoding
		}
	}
	return null
}

export function normalizeImportEmail(email: string) {
	return email.trim().toLowerCase()
}

/** A team by its code or its Chinese or English name. */
export function resolveTeam(value: string, teams: readonly TeamRef[]): TeamRef | null {
	const key = fold(value)
	return teams.find((t) => fold(t.code) === key) ?? teams.find((t) => fold(t.nameZh) === key || fold(t.nameEn) === key) ?? null
}

const E = (key: keyof Resources['import']['errors']): ImportErrorKey => `import.errors.${key}`

function rowSchema({ teams, today }: ImportContext) {
	const optional = z.string().trim()
	return z.object({
		email: z
			.string()
			.trim()
			.toLowerCase()
			.min(1, { error: E('required') })
			.max(EMAIL_MAX, { error: E('tooLong') })
			.pipe(z.email({ error: E('email') })),
		// A quoted line break or a double space in a name is layout, not part of the name.
		name: z
			.string()
			.transform((v) => v.replace(/\s+/g, ' ').trim())
			.pipe(z.string().min(1, { error: E('required') }).max(NAME_MAX, { error: E('tooLong') })),
		position: optional.transform((v, ctx): PositionType | null => {
			if (!v) return null
			const position = positionAliases.get(fold(v))
			if (!position) ctx.addIssue({ code: 'custom', message: E('position'), params: { value: v } })
			return position ?? null
		}),
		team: optional.transform((v, ctx): number | null => {
			if (!v) return null
			const team = resolveTeam(v, teams)
			if (!team) ctx.addIssue({ code: 'custom', message: E('team'), params: { value: v } })
			return team?.id ?? null
		}),
		hireDate: z
			.string()
			.trim()
			.min(1, { error: E('required') })
			.transform((v, ctx) => {
				const date = normalizeDate(v)
				if (!date) ctx.addIssue({ code: 'custom', message: E('date'), params: { value: v } })
				else if (date > today) ctx.addIssue({ code: 'custom', message: E('dateInFuture'), params: { value: v } })
				return date ?? ''
			}),
		roles: optional.transform((v, ctx) => {
			const found = new Set<Role>()
			for (const part of v.split(ROLE_SEPARATORS).map((p) => p.trim())) {
				if (!part) continue
				const role = roleAliases.get(fold(part))
				if (role) found.add(role)
				else ctx.addIssue({ code: 'custom', message: E('role'), params: { value: part } })
			}
			return [...found]
		}),
	})
}

function byPosition(order: Map<string, number>) {
	return (a: ImportProblem, b: ImportProblem) =>
		a.line - b.line || (order.get(a.column) ?? Infinity) - (order.get(b.column) ?? Infinity)
}

/**
 * Reads and checks a whole people file. Every problem in every row is reported; `rows` is only
 * meant to be written when `problems` is empty.
 */
export function parseUserCsv(
	bytes: Uint8Array,
	context: ImportContext,
): { rows: ImportedUser[]; problems: ImportProblem[] } {
	const text = decodeCsv(bytes)
	if (text === null) return fail({ line: 0, column: '', key: E('encoding'), values: {} })
	if (text.trim() === '') return fail({ line: 0, column: '', key: E('empty'), values: {} })

	const read = readRecords(text)
	if ('syntax' in read) return fail({ line: read.syntax.line, column: '', key: E('csv'), values: { detail: read.syntax.detail } })
	const [header, ...body] = read.records.filter((r) => r.cells.some((cell) => cell.trim() !== ''))
	if (!header) return fail({ line: 0, column: '', key: E('empty'), values: {} })

	const problems: ImportProblem[] = []
	const headerLine = header.line
	const labels = header.cells.map((cell) => cell.trim())
	const columnOf = new Map<ImportField, number>()
	const chinese = labels.some((l) => /\p{Script=Han}/u.test(l)) || !labels.some((l) => headerAliases.has(fold(l)))
	labels.forEach((label, index) => {
		if (label === '') return
		const field = headerAliases.get(fold(label))
		if (!field) problems.push({ line: headerLine, column: label, key: E('unknownColumn'), values: { column: label } })
		else if (columnOf.has(field))
			problems.push({ line: headerLine, column: label, key: E('duplicateColumn'), values: { column: label } })
		else columnOf.set(field, index)
	})
	for (const { field, zh, en, required } of IMPORT_COLUMNS) {
		if (!required || columnOf.has(field)) continue
		const name = chinese ? zh : en
		problems.push({ line: headerLine, column: name, key: E('missingColumn'), values: { column: name } })
	}
	const labelOf = (index: number) => labels[index] || columnLetter(index)
	const order = new Map(labels.map((label, index) => [labelOf(index), index]))

	if (body.length === 0) return fail(...problems, { line: headerLine + 1, column: '', key: E('empty'), values: {} })
	if (body.length > IMPORT_MAX_ROWS) {
		const first = body[IMPORT_MAX_ROWS]!
		return fail(...problems, { line: first.line, column: '', key: E('tooManyRows'), values: { max: IMPORT_MAX_ROWS } })
	}

	const schema = rowSchema(context)
	const rows: ImportedUser[] = []
	const firstLineOf = new Map<string, number>()
	for (const { line, cells } of body) {
		const raw = Object.fromEntries(
			IMPORT_COLUMNS.map(({ field }) => [field, cells[columnOf.get(field) ?? -1] ?? '']),
		) as Record<ImportField, string>
		// Values under no header (a blank header cell or past the last one) would be silently lost.
		cells.forEach((cell, index) => {
			if (cell.trim() === '' || (labels[index] ?? '') !== '') return
			problems.push({ line, column: labelOf(index), key: E('extraValue'), values: { value: cell.trim() } })
		})

		const result = schema.safeParse(raw)
		const rowProblems: ImportProblem[] = []
		for (const issue of result.error?.issues ?? []) {
			const field = issue.path[0] as ImportField
			const index = columnOf.get(field)
			// A missing column is reported once, at the header, not again on every row.
			if (index === undefined) continue
			const values: ImportProblem['values'] =
				issue.code === 'too_big'
					? { max: Number(issue.maximum) }
					: issue.code === 'custom' && issue.params
						? (issue.params as ImportProblem['values'])
						: { value: raw[field].trim() }
			rowProblems.push({ line, column: labelOf(index), key: issue.message as ImportErrorKey, values })
		}

		// Duplicates are checked whenever the email itself is valid, whatever else is wrong with the row.
		const emailIndex = columnOf.get('email')
		const emailOk = emailIndex !== undefined && !result.error?.issues.some((i) => i.path[0] === 'email')
		if (emailOk) {
			const email = normalizeImportEmail(raw.email)
			const column = labelOf(emailIndex)
			const seenAt = firstLineOf.get(email)
			if (seenAt !== undefined)
				rowProblems.push({ line, column, key: E('duplicateInFile'), values: { value: email, line: seenAt } })
			else {
				firstLineOf.set(email, line)
				if (context.isEmailTaken?.(email)) rowProblems.push({ line, column, key: E('emailTaken'), values: { value: email } })
			}
		}

		problems.push(...rowProblems)
		if (result.success && rowProblems.length === 0) {
			const { email, name, position, team, hireDate, roles } = result.data
			rows.push({ line, email, name, positionType: position, teamId: team, hireDate, roles })
		}
	}
	return { rows, problems: problems.sort(byPosition(order)) }
}

function fail(...problems: ImportProblem[]) {
	return { rows: [], problems }
}

/** The downloadable template: UTF-8 with BOM (so Excel shows the Chinese), CRLF as Excel writes. */
export function userImportTemplate(teamCode = ''): string {
	const lines = [
		IMPORT_COLUMNS.map((c) => c.zh),
		['zhang.wei@example.com', '张伟', '销售代表', teamCode, '2025-03-03', '员工'],
		['li.na@example.com', '李娜', '客户成功', teamCode, '2024-09-16', '导师;经理'],
	]
	return '\uFEFF' + lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n'
}
