/**
 * KPI data import, pure: the columns of a KPI file, their header aliases, and the per-row checks shared
 * by file uploads and the records API. No database here — the caller passes the people and indicators
 * it loaded once (see import.server.ts).
 *
 * The row loop is hand-written (no zod per row) and caches every distinct email, indicator and date it
 * has seen, because a CRM export repeats them a million times: it checks well over 100,000 rows/s.
 */
import type { Resources } from '#app/locales/zh-CN.ts'
import { normalizeDate } from '#app/utils/dates.ts'
import { columnLetter, type SheetProblem } from '#app/utils/spreadsheet.ts'
import { addDays, weekStart } from './periods.ts'

// Exports of any kind (xlsx, csv) neutralise formula-looking cells with this one function.
export { neutralizeCell } from './format.ts'

export type KpiImportField = 'email' | 'indicator' | 'date' | 'value' | 'evidence'

export type KpiImportErrorKey = `kpiImport.errors.${keyof Resources['kpiImport']['errors']}`

/**
 * One thing wrong with a file (or an API batch). `line` is the physical line in the file (1-based, the
 * worksheet row number for .xlsx, the record's index for the API; 0 for the file as a whole), `column`
 * the header as written in the file, `key` + `values` the message.
 */
export type KpiImportProblem = SheetProblem<KpiImportErrorKey>

/** The accepted columns in template order; the page lists them from here. */
export const KPI_IMPORT_COLUMNS: ReadonlyArray<{
	field: KpiImportField
	zh: string
	en: string
	required: boolean
	/** Other headers CRM exports use for the same thing. */
	aliases: readonly string[]
}> = [
	{ field: 'email', zh: '邮箱', en: 'email', required: true, aliases: ['员工邮箱', '电子邮箱', '邮件', 'e-mail', 'mail', 'user_email'] },
	{ field: 'indicator', zh: '指标', en: 'indicator', required: true, aliases: ['指标代码', '指标名称', 'indicator_code', 'kpi', 'metric', 'code'] },
	{ field: 'date', zh: '日期', en: 'date', required: true, aliases: ['业务日期', '记录日期', 'business_date', 'day'] },
	{ field: 'value', zh: '数值', en: 'value', required: true, aliases: ['值', '数据', '数量', '金额', 'amount'] },
	{ field: 'evidence', zh: '证据', en: 'evidence', required: false, aliases: ['凭证', '备注', '说明', 'note', 'notes', 'remark'] },
]

export const KPI_IMPORT_FIELDS: readonly KpiImportField[] = KPI_IMPORT_COLUMNS.map((c) => c.field)
export const KPI_REQUIRED_FIELDS: readonly KpiImportField[] = KPI_IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.field)

/** Longest evidence text kept (a contract number, a CRM link, a short note). */
export const EVIDENCE_MAX = 500
/** A value above this is a typo (or a unit mix-up), not a KPI. */
export const VALUE_MAX = 1e12
/** Dates before this are typos (0202-03-01, 1926 for 2026). */
export const EARLIEST_DATE = '2000-01-01'

/** Case-, width- and space-insensitive, so "E-Mail", "e_mail" and "ＥＭＡＩＬ" all match. */
export function foldHeader(value: string) {
	return value.normalize('NFKC').toLowerCase().replace(/[\s_\-*:：]+/g, '')
}

const headerAliases = new Map<string, KpiImportField>(
	KPI_IMPORT_COLUMNS.flatMap(({ field, zh, en, aliases }) => [zh, en, ...aliases].map((label) => [foldHeader(label), field] as const)),
)

/** The field a header names, or null when it is not one of ours (such columns are ignored). */
export function fieldOfHeader(label: string): KpiImportField | null {
	return headerAliases.get(foldHeader(label)) ?? null
}

/** A formula cell of an .xlsx file (exceljs gives `{ formula }`). */
export type FormulaCell = { formula: string }

/** A value of a kind no column takes (an API record's boolean, object or array). */
export type InvalidCell = { invalid: true }

/**
 * A cell as the readers hand it over: CSV gives strings; .xlsx also numbers, booleans, Excel dates
 * (a UTC midnight) and formulas; the API strings and numbers.
 */
export type SheetCell = string | number | boolean | Date | FormulaCell | InvalidCell | null | undefined

/**
 * Text a spreadsheet would run as a formula: starting with = + @, or - followed by something other
 * than a digit ("-5" is a negative number, "-A1" is not).
 */
export function looksLikeFormula(text: string): boolean {
	const c = text.charCodeAt(0)
	if (c === 61 || c === 43 || c === 64) return true
	if (c === 45 && text.length > 1) {
		const d = text.charCodeAt(1)
		return d < 48 || d > 57
	}
	return false
}

export type IndicatorRef = {
	id: number
	code: string
	nameZh: string
	nameEn: string
	unit: 'cny' | 'count' | 'percent' | 'score' | 'hours'
	grain: 'day' | 'week' | 'month'
	rollup: 'sum' | 'avg' | 'last' | 'ratio'
	numeratorCode: string | null
	denominatorCode: string | null
	source: 'import' | 'api' | 'manual' | 'exam' | 'assessment'
}

export type KpiImportContext = {
	/** Today's business date (YYYY-MM-DD): a later date is refused. */
	today: string
	/** Lower-cased emails of the people who may receive records (existing, not deactivated). */
	userIdByEmail: ReadonlyMap<string, number>
	/** Lower-cased emails of deactivated people, for a clearer message than "unknown". */
	deactivatedEmails?: ReadonlySet<string>
	indicators: readonly IndicatorRef[]
}

/** Which file column feeds which field. */
export type HeaderMapping = {
	/** The header's line (worksheet row). */
	line: number
	/** Every header cell as written (trimmed), by position. */
	labels: string[]
	/** field → cell index */
	columns: Partial<Record<KpiImportField, number>>
	/** Required fields with no column: nothing is checked until they are chosen. */
	missing: KpiImportField[]
}

/** A field → column index choice made on the page, for headers we do not recognise. */
export type ColumnChoice = Partial<Record<KpiImportField, number>>

export function cellText(cell: SheetCell): string {
	if (cell === null || cell === undefined) return ''
	if (typeof cell === 'string') return cell
	if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
	if (typeof cell === 'object') return 'formula' in cell ? (cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`) : ''
	return String(cell)
}

const E = (key: keyof Resources['kpiImport']['errors']): KpiImportErrorKey => `kpiImport.errors.${key}`

/**
 * Maps a header row to fields. A choice made on the page wins over a recognised header; a column is
 * used for one field at most; two headers naming the same field are a problem (which one is meant?).
 */
export function mapHeader(
	cells: readonly SheetCell[],
	line: number,
	choice: ColumnChoice = {},
): { mapping: HeaderMapping; problems: KpiImportProblem[] } {
	const labels = Array.from(cells, (c) => cellText(c).trim())
	const columns: Partial<Record<KpiImportField, number>> = {}
	const used = new Set<number>()
	const chosen = new Set<KpiImportField>()
	const problems: KpiImportProblem[] = []
	for (const field of KPI_IMPORT_FIELDS) {
		const index = choice[field]
		if (index === undefined || !Number.isInteger(index) || index < 0 || index >= labels.length || used.has(index)) continue
		columns[field] = index
		used.add(index)
		chosen.add(field)
	}
	labels.forEach((label, index) => {
		if (label === '' || used.has(index)) return
		const field = fieldOfHeader(label)
		// Unknown headers are ignored (CRM exports carry names, teams …); a chosen field ignores its old header.
		if (!field || chosen.has(field)) return
		if (columns[field] === undefined) {
			columns[field] = index
			used.add(index)
		} else
			problems.push({
				line,
				column: label,
				key: E('duplicateColumn'),
				values: { column: label, other: labels[columns[field]!] || columnLetter(columns[field]!) },
			})
	})
	const missing = KPI_REQUIRED_FIELDS.filter((f) => columns[f] === undefined)
	const chinese = labels.some((l) => /\p{Script=Han}/u.test(l)) || labels.every((l) => !fieldOfHeader(l))
	for (const field of missing) {
		const spec = KPI_IMPORT_COLUMNS.find((c) => c.field === field)!
		const name = chinese ? spec.zh : spec.en
		problems.push({ line, column: name, key: E('missingColumn'), values: { column: name } })
	}
	return { mapping: { line, labels, columns, missing }, problems }
}

/** Rows that passed every check, column-wise (a million rows as objects would not fit comfortably). */
export type ValidRows = {
	length: number
	line: number[]
	userId: number[]
	indicatorId: number[]
	/** The record's date: for week and month grains the Monday / the 1st of the period. */
	date: string[]
	value: number[]
	/** Null when the row gave none (an existing record's evidence is then kept). */
	evidence: Array<string | null>
}

export type ValidationResult = {
	rows: ValidRows
	/** Data rows read (blank lines skipped). */
	rowCount: number
	problems: KpiImportProblem[]
	/** Every problem found; `problems` stops at `maxProblems`. */
	problemCount: number
}

export type ValidatorOptions = {
	/** Problems kept for display beyond which only the count goes on (default 10,000). */
	maxProblems?: number
	/** The text was decoded with replacement characters: a cell holding one is an encoding problem. */
	lossyText?: boolean
	/** More rows than this is a problem at the first extra row. */
	maxRows?: number
	/** Blank lines in a file are skipped (default); an empty API record is a record with empty fields. */
	skipBlankRows?: boolean
}

type Fail = { key: KpiImportErrorKey; values: Record<string, string | number> }
type Resolved<T> = { ok: T } | Fail

const DAY_MS = 86_400_000
const EPOCH_2000 = Date.UTC(2000, 0, 1)
/** Excel's day 0 (its serial numbers count from 1899-12-30, the 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

function isoOfUtc(ms: number) {
	return new Date(ms).toISOString().slice(0, 10)
}

/** "2026年3月2日", "2026-03-02 00:00:00" and "2026-03-02T08:00" → the date part, then normalizeDate. */
function parseDateText(text: string): string | null {
	const direct = normalizeDate(text)
	if (direct) return direct
	const zh = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(text)
	if (zh) return normalizeDate(`${zh[1]}-${zh[2]}-${zh[3]}`)
	const withTime = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.exec(text)
	if (withTime) return normalizeDate(withTime[1]!)
	return null
}

/** A money or percent sign written with the number, as Chinese Excel shows it. */
type ParsedNumber = { value: number; percent: boolean; currency: boolean } | 'scientific' | null

const PLAIN_NUMBER = /^\d+(\.\d+)?$/
const GROUPED_NUMBER = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/

/** "1,234", "12.5%", "¥8,000", "8000元", "−3" → the number and the sign it carried; null when not a number. */
export function parseNumberText(raw: string): ParsedNumber {
	const text = raw.trim()
	if (PLAIN_NUMBER.test(text)) return { value: Number(text), percent: false, currency: false }
	let s = text.normalize('NFKC').replace(/[\s\u00a0\u2009\u202f]+/g, '').replace(/^[\u2212\u2013]/, '-')
	let currency = false
	let percent = false
	let sign = ''
	if (s.startsWith('-')) {
		sign = '-'
		s = s.slice(1)
	}
	if (/^(¥|CNY|RMB)/i.test(s)) {
		currency = true
		s = s.replace(/^(¥|CNY|RMB)/i, '')
	}
	if (s.endsWith('元')) {
		currency = true
		s = s.slice(0, -1)
	}
	if (s.endsWith('%')) {
		percent = true
		s = s.slice(0, -1)
	}
	if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(s)) return 'scientific'
	if (!GROUPED_NUMBER.test(s) || (currency && percent)) return null
	const value = Number(sign + s.replace(/,/g, ''))
	return Number.isFinite(value) ? { value, percent, currency } : null
}

/**
 * The row checks for one file or batch: feed it the rows in order, then `finish()`. One problem per
 * cell at most; a row with any problem is not kept.
 */
export function createRowValidator(mapping: HeaderMapping, context: KpiImportContext, options: ValidatorOptions = {}) {
	const maxProblems = options.maxProblems ?? 10_000
	const maxRows = options.maxRows ?? Infinity
	const lossy = options.lossyText === true
	const skipBlank = options.skipBlankRows !== false
	const { today, userIdByEmail, deactivatedEmails } = context

	const indicatorSlot = new Map<number, number>()
	const byName = new Map<string, IndicatorRef>()
	context.indicators.forEach((indicator, slot) => {
		indicatorSlot.set(indicator.id, slot)
		for (const name of [indicator.nameZh, indicator.nameEn, indicator.code]) byName.set(foldHeader(name), indicator)
	})
	const indicatorCount = Math.max(context.indicators.length, 1)

	// Fields in file order, so a row's problems come out left to right.
	const fields = KPI_IMPORT_FIELDS.filter((f) => mapping.columns[f] !== undefined).sort(
		(a, b) => mapping.columns[a]! - mapping.columns[b]!,
	)
	const col = mapping.columns
	const labelOf = (field: KpiImportField) => {
		const index = col[field]!
		return mapping.labels[index] || columnLetter(index)
	}
	const labels = Object.fromEntries(fields.map((f) => [f, labelOf(f)])) as Record<KpiImportField, string>

	const rows: ValidRows = { length: 0, line: [], userId: [], indicatorId: [], date: [], value: [], evidence: [] }
	const problems: KpiImportProblem[] = []
	let problemCount = 0
	let rowCount = 0
	let tooMany = false

	const emailCache = new Map<string, Resolved<number>>()
	const indicatorCache = new Map<string, Resolved<IndicatorRef>>()
	const dateCache = new Map<string, Resolved<string>>()
	const weekCache = new Map<string, string>()
	const dayIndexCache = new Map<string, number>()
	const firstLineOfKey = new Map<number, number>()

	const fail = (key: keyof Resources['kpiImport']['errors'], values: Record<string, string | number>): Fail => ({ key: E(key), values })
	const isFail = <T,>(r: Resolved<T>): r is Fail => 'key' in r

	/** Formula cells and values of the wrong kind, whatever the column. */
	function special(cell: SheetCell): Fail | null {
		if (typeof cell !== 'object' || cell === null || cell instanceof Date) return null
		return 'formula' in cell ? fail('formula', { value: cellText(cell) }) : fail('type', {})
	}

	function common(text: string): Fail | null {
		if (text === '') return fail('required', {})
		if (lossy && text.includes('\uFFFD')) return fail('cellEncoding', { value: text })
		if (looksLikeFormula(text)) return fail('formula', { value: text })
		return null
	}

	function resolveEmail(cell: SheetCell): Resolved<number> {
		const bad = special(cell)
		if (bad) return bad
		const raw = cellText(cell)
		const cached = emailCache.get(raw)
		if (cached) return cached
		const text = raw.trim()
		const email = text.toLowerCase()
		let result: Resolved<number> = common(text) ?? { ok: userIdByEmail.get(email) ?? 0 }
		if (!isFail(result) && result.ok === 0) {
			if (deactivatedEmails?.has(email)) result = fail('deactivatedPerson', { value: text })
			else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) result = fail('email', { value: text })
			else result = fail('unknownPerson', { value: text })
		}
		emailCache.set(raw, result)
		return result
	}

	function resolveIndicator(cell: SheetCell): Resolved<IndicatorRef> {
		const bad = special(cell)
		if (bad) return bad
		const raw = cellText(cell)
		const cached = indicatorCache.get(raw)
		if (cached) return cached
		const text = raw.trim()
		let result: Resolved<IndicatorRef> | null = common(text)
		if (!result) {
			const indicator = byName.get(foldHeader(text))
			if (!indicator) result = fail('unknownIndicator', { value: text })
			else if (indicator.rollup === 'ratio')
				result = fail('ratioIndicator', { value: text, numerator: indicator.numeratorCode ?? '', denominator: indicator.denominatorCode ?? '' })
			else if (indicator.source === 'exam') result = fail('examIndicator', { value: text })
			else result = { ok: indicator }
		}
		indicatorCache.set(raw, result)
		return result
	}

	function checkIso(iso: string | null, shown: string): Resolved<string> {
		if (!iso) return fail('date', { value: shown })
		if (iso > today) return fail('dateInFuture', { value: shown, today })
		if (iso < EARLIEST_DATE) return fail('dateTooOld', { value: shown })
		return { ok: iso }
	}

	function resolveDate(cell: SheetCell): Resolved<string> {
		if (cell instanceof Date) {
			if (Number.isNaN(cell.getTime())) return fail('date', { value: '' })
			const iso = cell.toISOString().slice(0, 10)
			return checkIso(iso, iso)
		}
		if (typeof cell === 'number') {
			// An Excel date that lost its date format: a serial day number.
			if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return fail('date', { value: String(cell) })
			const iso = isoOfUtc(EXCEL_EPOCH + cell * DAY_MS)
			return checkIso(iso, iso)
		}
		const bad = special(cell)
		if (bad) return bad
		const raw = cellText(cell)
		const cached = dateCache.get(raw)
		if (cached) return cached
		const text = raw.trim()
		const result = common(text) ?? checkIso(parseDateText(text), text)
		dateCache.set(raw, result)
		return result
	}

	function recordDate(iso: string, grain: IndicatorRef['grain']): string {
		if (grain === 'day') return iso
		if (grain === 'month') return `${iso.slice(0, 8)}01`
		let monday = weekCache.get(iso)
		if (monday === undefined) weekCache.set(iso, (monday = weekStart(iso)))
		return monday
	}

	function dayIndex(iso: string): number {
		let n = dayIndexCache.get(iso)
		if (n === undefined) {
			n = Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH_2000) / DAY_MS)
			dayIndexCache.set(iso, n)
		}
		return n
	}

	function resolveValue(cell: SheetCell, indicator: IndicatorRef | null): Resolved<number> {
		let value: number
		let percent = false
		let currency = false
		let shown: string
		if (typeof cell === 'number') {
			if (!Number.isFinite(cell)) return fail('number', { value: String(cell) })
			value = cell
			shown = String(cell)
		} else if (special(cell)) {
			return special(cell)!
		} else {
			const raw = cellText(cell)
			const text = raw.trim()
			const problem = common(text)
			if (problem) return problem
			if (cell instanceof Date || typeof cell === 'boolean') return fail('number', { value: text })
			shown = text
			if (PLAIN_NUMBER.test(text)) value = Number(text)
			else {
				const parsed = parseNumberText(text)
				if (parsed === 'scientific') return fail('scientific', { value: text })
				if (!parsed) return fail('number', { value: text })
				;({ value, percent, currency } = parsed)
			}
		}
		if (value < 0) return fail('negative', { value: shown })
		if (value > VALUE_MAX) return fail('tooLarge', { value: shown })
		if (!indicator) return { ok: value }
		const names = { value: shown, nameZh: indicator.nameZh, nameEn: indicator.nameEn }
		if (percent && indicator.unit !== 'percent') return fail('percentSign', names)
		if (currency && indicator.unit !== 'cny') return fail('currencySign', names)
		if (indicator.unit === 'count' && !Number.isInteger(value)) return fail('notInteger', names)
		if (indicator.unit === 'percent' && value > 100) return fail('percentTooHigh', names)
		return { ok: value }
	}

	function resolveEvidence(cell: SheetCell): Resolved<string | null> {
		const bad = special(cell)
		if (bad) return bad
		const text = cellText(cell).trim()
		if (text === '') return { ok: null }
		if (lossy && text.includes('\uFFFD')) return fail('cellEncoding', { value: text })
		if (looksLikeFormula(text)) return fail('formula', { value: text })
		if (text.length > EVIDENCE_MAX) return fail('tooLong', { max: EVIDENCE_MAX })
		return { ok: text }
	}

	function report(problem: KpiImportProblem) {
		problemCount++
		if (problems.length < maxProblems) problems.push(problem)
	}

	function isBlank(cells: readonly SheetCell[]) {
		for (let i = 0; i < cells.length; i++) {
			const c = cells[i]
			if (c === null || c === undefined) continue
			if (typeof c !== 'string') return false
			if (c !== '' && c.trim() !== '') return false
		}
		return true
	}

	const rowProblems: Array<{ index: number; problem: KpiImportProblem }> = []

	return {
		/** One data row; blank rows are skipped. */
		row(line: number, cells: readonly SheetCell[]) {
			if (skipBlank && isBlank(cells)) return
			rowCount++
			if (rowCount > maxRows) {
				if (!tooMany) report({ line, column: '', key: E('tooManyRows'), values: { max: maxRows } })
				tooMany = true
				return
			}
			rowProblems.length = 0
			let userId = 0
			let indicator: IndicatorRef | null = null
			let iso = ''
			let value = 0
			let evidence: string | null = null
			// The key cells first: the value's checks depend on the indicator's unit.
			const email = col.email === undefined ? null : resolveEmail(cells[col.email])
			if (email) {
				if (isFail(email)) rowProblems.push({ index: col.email!, problem: { line, column: labels.email, ...email } })
				else userId = email.ok
			}
			const ind = col.indicator === undefined ? null : resolveIndicator(cells[col.indicator])
			if (ind) {
				if (isFail(ind)) rowProblems.push({ index: col.indicator!, problem: { line, column: labels.indicator, ...ind } })
				else indicator = ind.ok
			}
			const date = col.date === undefined ? null : resolveDate(cells[col.date])
			if (date) {
				if (isFail(date)) rowProblems.push({ index: col.date!, problem: { line, column: labels.date, ...date } })
				else iso = date.ok
			}
			if (col.value !== undefined) {
				const v = resolveValue(cells[col.value], indicator)
				if (isFail(v)) rowProblems.push({ index: col.value, problem: { line, column: labels.value, ...v } })
				else value = v.ok
			}
			if (col.evidence !== undefined) {
				const e = resolveEvidence(cells[col.evidence])
				if (isFail(e)) rowProblems.push({ index: col.evidence, problem: { line, column: labels.evidence, ...e } })
				else evidence = e.ok
			}
			let recordOn = ''
			if (userId && indicator && iso) {
				recordOn = recordDate(iso, indicator.grain)
				const key = (userId * indicatorCount + indicatorSlot.get(indicator.id)!) * 100_000 + dayIndex(recordOn)
				const first = firstLineOfKey.get(key)
				if (first !== undefined)
					rowProblems.push({
						index: col.email!,
						problem: { line, column: labels.email, key: E('duplicateInFile'), values: { line: first, date: recordOn } },
					})
				else firstLineOfKey.set(key, line)
			}
			if (rowProblems.length > 0) {
				if (rowProblems.length > 1) rowProblems.sort((a, b) => a.index - b.index)
				for (const { problem } of rowProblems) report(problem)
				return
			}
			if (!userId || !indicator || !recordOn) return
			const n = rows.length++
			rows.line[n] = line
			rows.userId[n] = userId
			rows.indicatorId[n] = indicator.id
			rows.date[n] = recordOn
			rows.value[n] = value
			rows.evidence[n] = evidence
		},
		finish(): ValidationResult {
			return { rows, rowCount, problems, problemCount }
		},
	}
}

/** Problems in reading order: by line, then by the column's position in the file. */
export function sortProblems(problems: KpiImportProblem[], mapping: HeaderMapping | null): KpiImportProblem[] {
	const order = new Map<string, number>()
	mapping?.labels.forEach((label, index) => {
		const name = label || columnLetter(index)
		if (!order.has(name)) order.set(name, index)
	})
	return problems
		.map((p, i) => ({ p, i }))
		.sort((a, b) => a.p.line - b.p.line || (order.get(a.p.column) ?? -1) - (order.get(b.p.column) ?? -1) || a.i - b.i)
		.map(({ p }) => p)
}

/** The example rows of the templates, dated so that none is in the future. */
export function templateRows(today: string, locale: 'zh-CN' | 'en'): Array<[string, string, string, number, string]> {
	const yesterday = addDays(today, -1)
	const monday = weekStart(addDays(today, -7))
	const month = `${today.slice(0, 8)}01`
	const zh = locale === 'zh-CN'
	return [
		['rep@example.com', zh ? '销售额' : 'revenue', yesterday, 128_000, zh ? 'CRM 订单 SO-0318' : 'CRM order SO-0318'],
		['rep@example.com', zh ? '新客户数' : 'new_customers', yesterday, 2, ''],
		['rep@example.com', zh ? '分配线索数' : 'leads_assigned', yesterday, 20, ''],
		['rep@example.com', zh ? '成交线索数' : 'leads_won', yesterday, 3, ''],
		['rep@example.com', zh ? '周拜访量' : 'weekly_visits', monday, 15, ''],
		['rep@example.com', zh ? '客户投诉处理满意度' : 'complaint_satisfaction', month, 92.5, ''],
	]
}

/** The template header in the reader's language (both are recognised on upload). */
export function templateHeader(locale: 'zh-CN' | 'en'): string[] {
	return KPI_IMPORT_COLUMNS.map((c) => (locale === 'zh-CN' ? c.zh : c.en))
}

function csvField(value: string) {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** The CSV template: UTF-8 with BOM (so Excel shows the Chinese), CRLF as Excel writes. */
export function kpiImportTemplateCsv(today: string, locale: 'zh-CN' | 'en'): string {
	const lines = [templateHeader(locale), ...templateRows(today, locale).map((row) => row.map(String))]
	return '\uFEFF' + lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n'
}
