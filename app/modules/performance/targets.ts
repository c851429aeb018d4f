/**
 * Pure rules and helpers for role templates, targets and their adjustments: amounts as people type
 * them ("800万"), period cells as spreadsheets write them, goal checks per field, month defaults from a
 * quarter's, and the error strings the forms carry. No database here (targets.server.ts writes).
 */
import { normalizeDate } from '#app/utils/dates.ts'
import { columnLetter, fold, type SheetProblem } from '#app/utils/spreadsheet.ts'
import { formatIndicatorValue } from './format.ts'
import { isPeriod, monthOf, monthsOf, periodKind, quarterOf, shiftPeriod, type Period } from './periods.ts'
import { adjustmentRange, goalProblem, type Direction, type Goal } from './scoring.ts'

/** Whoever acts: a signed-in person and their roles (the routes pass the AuthUser). */
export type Actor = { id: number; roles: readonly string[] }

export const REASON_MIN = 5
export const REASON_MAX = 500

export type FieldErrors = Record<string, string[]>
/** Why an action was refused: per form field (Conform paths) and for the form as a whole. */
export type Refusal = { ok: false; fieldErrors: FieldErrors; formErrors: string[] }

export function isHr(actor: Actor) {
	return actor.roles.includes('hr_admin')
}

/**
 * An error as one string a Conform form can carry: an i18n key, then its values as a query string
 * ("kpiAdmin.errors.weightSum?sum=95"). Amounts stay raw numbers (with `unit`) so each reader sees them
 * in their own language; `problemText` turns it into the message.
 */
export function problem(key: string, values?: Record<string, string | number>): string {
	if (!values || Object.keys(values).length === 0) return key
	const params = new URLSearchParams()
	for (const [k, v] of Object.entries(values)) params.set(k, String(v))
	return `${key}?${params}`
}

export function readProblem(text: string): { key: string; values: Record<string, string> } {
	const at = text.indexOf('?')
	if (at < 0) return { key: text, values: {} }
	return { key: text.slice(0, at), values: Object.fromEntries(new URLSearchParams(text.slice(at + 1))) }
}

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** Values that are amounts in the indicator's unit (formatted when the problem says which unit). */
const AMOUNTS = ['min', 'max', 'value', 'from', 'to', 'original'] as const

/** The message for a problem string, amounts formatted for the reader ("¥800 万"). */
export function problemText(text: string, t: Translate, locale: string): string {
	const { key, values } = readProblem(text)
	const shown: Record<string, unknown> = { ...values }
	if (values.unit)
		for (const name of AMOUNTS) {
			const raw = values[name]
			if (raw !== undefined && raw !== '') shown[name] = formatIndicatorValue(Number(raw), values.unit, locale)
		}
	return t(key, shown)
}

/** Lists a record's problems in the reader's language. */
export function problemTexts(errors: readonly string[] | undefined, t: Translate, locale: string): string[] | undefined {
	return errors?.map((e) => problemText(e, t, locale))
}

/**
 * An amount as typed or pasted: "1,000,000", "１２０", "¥800万", "1.2亿", "15%". Null when it is not a
 * number. 万 and 亿 multiply (so "800万" is 8,000,000 yuan).
 */
export function parseAmount(value: string | number | null | undefined): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null
	if (typeof value !== 'string') return null
	let text = value.normalize('NFKC').replace(/[\s,，¥￥元%]/g, '')
	let factor = 1
	if (text.endsWith('亿')) {
		factor = 1e8
		text = text.slice(0, -1)
	} else if (text.endsWith('万')) {
		factor = 1e4
		text = text.slice(0, -1)
	}
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null
	const n = Number(text) * factor
	if (!Number.isFinite(n)) return null
	// 1.2亿 is 120000000, not 120000000.00000001.
	return factor === 1 ? n : Math.round(n * 1e6) / 1e6
}

/**
 * A period as written in a file: "2026-10", "2026/10", "2026年10月", "2026-Q4", "2026Q4", "2026年第4季度",
 * or the first day of a month as Excel turns "2026-10" into (2026/10/1). Null otherwise.
 */
export function normalizePeriod(value: string): Period | null {
	const text = value.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '')
	const month = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/.exec(text)
	if (month) {
		const key = `${month[1]}-${month[2]!.padStart(2, '0')}`
		return isPeriod(key) ? key : null
	}
	const quarter = /^(\d{4})(?:[-/.]|年)?(?:Q([1-4])|第([1-4一二三四])季度?)$/.exec(text)
	if (quarter) {
		const n = quarter[2] ?? String('一二三四'.indexOf(quarter[3]!) + 1 || quarter[3])
		const key = `${quarter[1]}-Q${n}`
		return isPeriod(key) ? key : null
	}
	const date = normalizeDate(text)
	if (date && date.endsWith('-01')) return date.slice(0, 7)
	return null
}

/** Periods to choose from around today (a year of quarters and months either way), plus `selected`. */
export function periodChoices(today: string, selected?: string | null): { quarters: Period[]; months: Period[] } {
	const quarters = [4, 3, 2, 1, 0, -1, -2, -3, -4].map((n) => shiftPeriod(quarterOf(today), n))
	const months = [6, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, -6].map((n) => shiftPeriod(monthOf(today), n))
	if (selected && isPeriod(selected)) {
		const list = periodKind(selected) === 'quarter' ? quarters : months
		if (!list.includes(selected)) {
			list.push(selected)
			list.sort()
		}
	}
	return { quarters, months }
}

/** The stored scores a target change touches: its period, and for a quarter the months that default to it. */
export function affectedPeriods(period: Period): Period[] {
	return periodKind(period) === 'quarter' ? [period, ...monthsOf(period)] : [period]
}

/** Rounds away floating-point noise (12 significant digits), so 1000万 × 0.8 is 800万. */
export function tidy(value: number): number {
	return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(12)) : value
}

/**
 * A template's default goal for a period: the quarter's as it is; for a month, summed indicators take a
 * third of the quarter's and the others the same (as scores.server.ts reads a month without targets).
 */
export function defaultGoalFor(goal: Goal, rollup: string, period: Period): Goal {
	if (periodKind(period) === 'quarter' || rollup !== 'sum') return { ...goal }
	return { baseline: tidy(goal.baseline / 3), target: tidy(goal.target / 3), challenge: tidy(goal.challenge / 3) }
}

/**
 * The goal after an approved adjustment to `toTarget`: baseline and challenge keep their ratio to the
 * target, so the three stay in order (both directions) whenever the new target is positive.
 */
export function scaleGoal(goal: Goal, toTarget: number): Goal {
	// Rounding away float noise must not cross the target: each value stays on its side of it.
	const scale = (value: number) => {
		if (value === goal.target) return toTarget
		const scaled = tidy((value * toTarget) / goal.target)
		return value < goal.target ? Math.min(scaled, toTarget) : Math.max(scaled, toTarget)
	}
	return { baseline: scale(goal.baseline), target: toTarget, challenge: scale(goal.challenge) }
}

/** The ±20 % range of an adjustment as problem values (raw numbers plus the unit). */
export function rangeValues(originalTarget: number, unit: string) {
	const { min, max } = adjustmentRange(originalTarget)
	return { min: tidy(min), max: tidy(max), unit }
}

export type GoalInput = { baseline?: number | null; target?: number | null; challenge?: number | null }
const GOAL_FIELDS = ['baseline', 'target', 'challenge'] as const

/**
 * Field errors for a goal (keys `${prefix}baseline` …). With `optional`, all three blank is fine (a
 * template weight without default goals); one or two blank never is.
 */
export function goalErrors(goal: GoalInput, direction: Direction, { prefix = '', optional = false } = {}): FieldErrors {
	const errors: FieldErrors = {}
	const blank = GOAL_FIELDS.filter((f) => goal[f] === null || goal[f] === undefined)
	if (blank.length === 3 && optional) return errors
	if (blank.length > 0) {
		for (const f of blank) errors[`${prefix}${f}`] = [optional ? 'kpiAdmin.errors.goalIncomplete' : 'kpiAdmin.errors.required']
		return errors
	}
	const full = goal as Goal
	for (const f of GOAL_FIELDS)
		if (!Number.isFinite(full[f])) errors[`${prefix}${f}`] = ['kpiAdmin.errors.notNumber']
		else if (full[f] < 0) errors[`${prefix}${f}`] = ['kpiAdmin.errors.negative']
	if (Object.keys(errors).length > 0) return errors
	const why = goalProblem(full, direction)
	if (why === 'zeroTarget') errors[`${prefix}target`] = ['kpiAdmin.errors.zeroTarget']
	else if (why === 'order') errors[`${prefix}target`] = [direction === 'higher' ? 'kpiAdmin.errors.orderHigher' : 'kpiAdmin.errors.orderLower']
	return errors
}

export function reasonErrors(reason: string, field = 'reason'): FieldErrors {
	const length = reason.trim().length
	if (length < REASON_MIN) return { [field]: ['kpiAdmin.errors.reasonTooShort'] }
	if (length > REASON_MAX) return { [field]: ['kpiAdmin.errors.reasonTooLong'] }
	return {}
}

export function refusal(fieldErrors: FieldErrors = {}, formErrors: string[] = []): Refusal {
	return { ok: false, fieldErrors, formErrors }
}

export function hasErrors(errors: FieldErrors) {
	return Object.keys(errors).length > 0
}

// ————— Target files (CSV / Excel) —————

export type TargetField = 'email' | 'indicator' | 'period' | 'baseline' | 'target' | 'challenge'

/** The columns of a targets file, in template order; the targets page lists them from here. */
export const TARGET_COLUMNS: ReadonlyArray<{ field: TargetField; zh: string; en: string }> = [
	{ field: 'email', zh: '邮箱', en: 'email' },
	{ field: 'indicator', zh: '指标', en: 'indicator' },
	{ field: 'period', zh: '周期', en: 'period' },
	{ field: 'baseline', zh: '基准值', en: 'baseline' },
	{ field: 'target', zh: '目标值', en: 'target' },
	{ field: 'challenge', zh: '挑战值', en: 'challenge' },
]

export const TARGET_IMPORT_MAX_ROWS = 20_000

/** One thing wrong with a targets file: physical line (0 for the whole file), column as headed, message. */
export type TargetImportProblem = SheetProblem

/** A row of a sheet: its line and its cells (numbers stay numbers when the file had them). */
export type SheetRow = { line: number; cells: Array<string | number | null> }

export type IndicatorRef = { id: number; code: string; nameZh: string; nameEn: string; direction: Direction; unit: string }
export type PersonRef = { id: number; name: string }

export type TargetImportContext = {
	/** Active people by lower-cased email. */
	people: ReadonlyMap<string, PersonRef>
	indicators: readonly IndicatorRef[]
	/** Nobody sets their own targets, in a file either. */
	actorId: number
}

export type ImportedTarget = { line: number; userId: number; indicatorId: number; period: Period } & Goal

const headerAliases = new Map<string, TargetField>(
	TARGET_COLUMNS.flatMap(({ field, zh, en }) => [
		[fold(zh), field],
		[fold(en), field],
	]),
)
headerAliases.set(fold('目标'), 'target')
headerAliases.set(fold('基准'), 'baseline')
headerAliases.set(fold('挑战'), 'challenge')
headerAliases.set(fold('指标代码'), 'indicator')

const E = (key: string) => `kpiAdmin.importErrors.${key}`

function cellText(cell: string | number | null | undefined) {
	if (cell === null || cell === undefined) return ''
	return typeof cell === 'number' ? String(cell) : cell.trim()
}

/**
 * Checks a whole targets sheet (first non-empty row is the header). Every problem of every row is
 * reported; `rows` is only to be written when `problems` is empty (all or nothing).
 */
export function checkTargetSheet(sheet: readonly SheetRow[], context: TargetImportContext): { rows: ImportedTarget[]; problems: TargetImportProblem[] } {
	const fail = (...problems: TargetImportProblem[]) => ({ rows: [], problems })
	const nonEmpty = sheet.filter((r) => r.cells.some((c) => cellText(c) !== ''))
	const [header, ...body] = nonEmpty
	if (!header) return fail({ line: 0, column: '', key: E('empty'), values: {} })

	const problems: TargetImportProblem[] = []
	const labels = header.cells.map(cellText)
	const columnOf = new Map<TargetField, number>()
	labels.forEach((label, index) => {
		if (label === '') return
		const field = headerAliases.get(fold(label))
		if (!field) problems.push({ line: header.line, column: label, key: E('unknownColumn'), values: { column: label } })
		else if (columnOf.has(field)) problems.push({ line: header.line, column: label, key: E('duplicateColumn'), values: { column: label } })
		else columnOf.set(field, index)
	})
	const chinese = labels.some((l) => /\p{Script=Han}/u.test(l)) || columnOf.size === 0
	for (const { field, zh, en } of TARGET_COLUMNS) {
		if (columnOf.has(field)) continue
		const name = chinese ? zh : en
		problems.push({ line: header.line, column: name, key: E('missingColumn'), values: { column: name } })
	}
	const labelOf = (index: number) => labels[index] || columnLetter(index)
	if (problems.length > 0) return fail(...problems)
	if (body.length === 0) return fail({ line: header.line + 1, column: '', key: E('empty'), values: {} })
	if (body.length > TARGET_IMPORT_MAX_ROWS)
		return fail({ line: body[TARGET_IMPORT_MAX_ROWS]!.line, column: '', key: E('tooManyRows'), values: { max: TARGET_IMPORT_MAX_ROWS } })

	const indicatorByName = new Map<string, IndicatorRef>()
	for (const indicator of context.indicators)
		for (const name of [indicator.code, indicator.nameZh, indicator.nameEn]) {
			const key = fold(name)
			if (!indicatorByName.has(key)) indicatorByName.set(key, indicator)
		}

	const rows: ImportedTarget[] = []
	const firstLine = new Map<string, number>()
	for (const { line, cells } of body) {
		const rowProblems: TargetImportProblem[] = []
		const at = (field: TargetField) => {
			const index = columnOf.get(field)!
			return { raw: cells[index] ?? null, text: cellText(cells[index]), column: labelOf(index) }
		}
		const add = (field: TargetField, key: string, values: Record<string, string | number> = {}) =>
			rowProblems.push({ line, column: at(field).column, key: E(key), values })
		cells.forEach((cell, index) => {
			if (cellText(cell) === '' || (labels[index] ?? '') !== '') return
			rowProblems.push({ line, column: labelOf(index), key: E('extraValue'), values: { value: cellText(cell) } })
		})

		const email = at('email').text.toLowerCase()
		const person = email ? context.people.get(email) : undefined
		if (!email) add('email', 'required')
		else if (!person) add('email', 'unknownPerson', { value: email })
		else if (person.id === context.actorId) add('email', 'ownTarget', { value: email })

		const indicatorText = at('indicator').text
		const indicator = indicatorText ? indicatorByName.get(fold(indicatorText)) : undefined
		if (!indicatorText) add('indicator', 'required')
		else if (!indicator) add('indicator', 'unknownIndicator', { value: indicatorText })

		const periodText = at('period').text
		const period = periodText ? normalizePeriod(periodText) : null
		if (!periodText) add('period', 'required')
		else if (!period) add('period', 'period', { value: periodText })

		const goal: Partial<Goal> = {}
		for (const field of ['baseline', 'target', 'challenge'] as const) {
			const { raw, text } = at(field)
			if (text === '') {
				add(field, 'required')
				continue
			}
			const value = parseAmount(raw)
			if (value === null) add(field, 'number', { value: text })
			else if (value < 0) add(field, 'negative', { value: text })
			else goal[field] = value
		}
		if (indicator && goal.baseline !== undefined && goal.target !== undefined && goal.challenge !== undefined) {
			const why = goalProblem(goal as Goal, indicator.direction)
			if (why === 'zeroTarget') add('target', 'zeroTarget')
			else if (why === 'order') add('target', indicator.direction === 'higher' ? 'orderHigher' : 'orderLower')
		}

		if (person && indicator && period) {
			const key = `${person.id}:${indicator.id}:${period}`
			const first = firstLine.get(key)
			if (first !== undefined) rowProblems.push({ line, column: '', key: E('duplicateInFile'), values: { line: first } })
			else firstLine.set(key, line)
		}
		if (rowProblems.length > 0) {
			problems.push(...rowProblems)
			continue
		}
		rows.push({ line, userId: person!.id, indicatorId: indicator!.id, period: period!, ...(goal as Goal) })
	}
	return problems.length > 0 ? fail(...problems) : { rows, problems: [] }
}
