/**
 * KPI data in: files uploaded by HR (CSV or .xlsx) and batches pushed through /api/v1/kpi/records share
 * one check (import.ts) and one write path. A write is one BEGIN IMMEDIATE transaction with prepared
 * raw statements: every row, the batch, its undo log (kpi_import_changes), the audit rows and the stale
 * periods commit together or not at all — a killed process leaves no row of the batch behind.
 */
import { isUtf8 } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { getDb, prepared, type Db } from '#db/client.server.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { decodeCsv } from '#app/modules/auth/user-import.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { logger } from '#app/utils/logger.server.ts'
import { evaluateAlertsFor } from './alerts.server.ts'
import {
	createRowValidator,
	KPI_IMPORT_FIELDS,
	mapHeader,
	sortProblems,
	type ColumnChoice,
	type HeaderMapping,
	type IndicatorRef,
	type KpiImportContext,
	type KpiImportField,
	type KpiImportProblem,
	type SheetCell,
	type ValidRows,
} from './import.ts'
import { markStale } from './stale.server.ts'

/** Largest upload taken by /admin/kpi/import (a million-row CRM export is about 60 MB). */
export const KPI_UPLOAD_MAX_BYTES = 100 * 1024 * 1024
/** Rows one file may hold: more than fits in 100 MB anyway, but a bound for the row loop. */
export const KPI_IMPORT_MAX_ROWS = 2_000_000
/** Records one API call may send. */
export const KPI_API_MAX_RECORDS = 10_000

export type KpiImportFile = {
	bytes: Uint8Array
	fileName: string
	/** Columns chosen on the page for required fields whose header was not recognised. */
	choice?: ColumnChoice
}

export type KpiImportCounts = { rows: number; insert: number; update: number; unchanged: number }

export type KpiDryRun = {
	sha256: string
	fileName: string
	format: 'csv' | 'xlsx'
	/** Null when the file has no header row (or could not be read at all). */
	mapping: HeaderMapping | null
	/** Sorted by line, then column; at most 10,000 (see problemCount). */
	problems: KpiImportProblem[]
	problemCount: number
	/** What a commit would write now (counted over the rows without problems). */
	counts: KpiImportCounts
	/** The live batch that already imported this very file, if any. */
	alreadyImported: { batchId: number; at: number } | null
}

export type KpiCommitOutcome =
	| { status: 'committed'; batchId: number; rows: number; inserted: number; updated: number; unchanged: number }
	| { status: 'alreadyImported'; alreadyImported: number }
	| { status: 'invalid'; dryRun: KpiDryRun }

export type Actor = { id: number }

// ————————————————————————————————————————————————————————— reading files

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const XLS_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, magic: readonly number[]) {
	return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)
}

function fileProblem(key: 'encoding' | 'xls' | 'xlsx' | 'empty' | 'noRows' | 'csv', line = 0, values: Record<string, string | number> = {}): KpiImportProblem {
	return { line, column: '', key: `kpiImport.errors.${key}`, values }
}

type Visit = (line: number, cells: readonly SheetCell[]) => void

/**
 * Mostly UTF-8 with a few foreign lines (rows pasted in from a GB18030 file), or a GB18030 file? Counts
 * the lines with non-ASCII bytes that are valid UTF-8 against those that are not.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	let valid = 0
	let invalid = 0
	for (let start = 0; start < buffer.length; ) {
		let end = buffer.indexOf(0x0a, start)
		if (end === -1) end = buffer.length
		const line = buffer.subarray(start, end)
		let ascii = true
		for (let i = 0; i < line.length; i++)
			if (line[i]! >= 0x80) {
				ascii = false
				break
			}
		if (!ascii) {
			if (isUtf8(line)) valid++
			else invalid++
		}
		start = end + 1
	}
	return valid > invalid
}

/**
 * What csv-parse reads: a UTF-8 file as its bytes (no string copy of a 60 MB file), anything else as
 * decoded text; `lossy` when undecodable bytes were replaced (each such cell is then a problem).
 */
function decodeInput(bytes: Uint8Array): { input: Buffer | string; lossy: boolean } | null {
	if (isUtf8(bytes)) return { input: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), lossy: false }
	if (mostlyUtf8(bytes)) return { input: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''), lossy: true }
	const text = decodeCsv(bytes)
	return text === null ? null : { input: text, lossy: false }
}

/** Excel in a European locale saves with semicolons; "Unicode text" uses tabs. The header tells. */
function sniffDelimiter(input: Buffer | string): string {
	let first: string
	if (typeof input === 'string') {
		const end = input.search(/[\r\n]/)
		first = end === -1 ? input : input.slice(0, end)
	} else {
		const end = input.indexOf(0x0a)
		first = input.subarray(0, end === -1 ? Math.min(input.length, 65_536) : end).toString('utf8')
	}
	const count = (c: string) => first.split(c).length - 1
	const best = [',', ';', '\t'].map((c) => [c, count(c)] as const).reduce((a, b) => (b[1] > a[1] ? b : a))
	return best[1] > 0 ? best[0] : ','
}

/** `lastLine`: the physical line the last good record ended on. */
function syntaxProblem(error: { code?: unknown; lines?: unknown; message?: unknown }, lastLine: number) {
	// An unclosed quote is noticed only at the end of the file; the record after the last good one opened it.
	const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : typeof error.lines === 'number' ? error.lines : 0
	// The parser's wording ends with its own line count; keep the name of the problem.
	const detail = String(error.message ?? error).split(':')[0]!
	return fileProblem('csv', line, { detail })
}

/**
 * Feeds every record to `visit` with the physical line it starts on. Line breaks may be CRLF, LF or CR,
 * mixed; csv-parse counts a CRLF inside a quoted field as two lines, which is corrected here.
 */
function readCsv(input: Buffer | string, visit: Visit): { problem: KpiImportProblem } | null {
	let overcount = 0
	let lastLine = 0
	try {
		parse(input, {
			bom: true,
			delimiter: sniffDelimiter(input),
			record_delimiter: ['\r\n', '\n', '\r'],
			relax_column_count: true,
			relax_quotes: true,
			on_record: (record: string[], context) => {
				let breaks = 0
				for (let i = 0; i < record.length; i++) {
					const cell = record[i]!
					if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue
					for (let j = 0; j < cell.length; j++) {
						const c = cell.charCodeAt(j)
						if (c === 13) {
							breaks++
							if (cell.charCodeAt(j + 1) === 10) {
								overcount++
								j++
							}
						} else if (c === 10) breaks++
					}
				}
				lastLine = context.lines - overcount
				visit(lastLine - breaks, record)
				return null
			},
		})
	} catch (error) {
		const e = error as { code?: unknown }
		if (typeof e.code === 'string' && e.code.startsWith('CSV_')) return { problem: syntaxProblem(e, lastLine) }
		throw error
	}
	return null
}

function xlsxCell(cell: ExcelJS.Cell): SheetCell {
	if (cell.type === ExcelJS.ValueType.Formula) return { formula: cell.formula ?? '' }
	const value = cell.value
	if (value === null || value === undefined) return null
	if (typeof value === 'number') {
		// A percent-formatted cell holds the fraction: 12.5 % is 0.125.
		return typeof cell.numFmt === 'string' && cell.numFmt.includes('%') ? `${Number((value * 100).toFixed(10))}%` : value
	}
	if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value
	if ('richText' in value) return value.richText.map((r) => r.text).join('')
	if ('hyperlink' in value) {
		const text = (value as ExcelJS.CellHyperlinkValue).text as unknown
		if (typeof text === 'string') return text
		if (text && typeof text === 'object' && 'richText' in text) return (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')
		return String(text ?? '')
	}
	if ('error' in value) return String(value.error)
	return cell.text
}

async function readXlsx(bytes: Uint8Array, visit: Visit): Promise<{ problem: KpiImportProblem } | null> {
	const workbook = new ExcelJS.Workbook()
	try {
		await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
	} catch {
		return { problem: fileProblem('xlsx') }
	}
	const sheet = workbook.worksheets[0]
	if (!sheet) return { problem: fileProblem('empty') }
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: SheetCell[] = []
		row.eachCell({ includeEmpty: false }, (cell, column) => {
			cells[column - 1] = xlsxCell(cell)
		})
		visit(rowNumber, Array.from(cells, (c) => c ?? null))
	})
	return null
}

// ————————————————————————————————————————————————————————— reference data

/** The people and indicators a file is checked against, loaded once per file. */
export function loadImportContext(db: Db = getDb()): KpiImportContext {
	const raw = db.$client
	const userIdByEmail = new Map<string, number>()
	const deactivatedEmails = new Set<string>()
	for (const [id, email, deactivatedAt] of raw.prepare(`select id, email, deactivated_at from users`).raw().all() as Array<[number, string, number | null]>) {
		if (deactivatedAt === null) userIdByEmail.set(email.toLowerCase(), id)
		else deactivatedEmails.add(email.toLowerCase())
	}
	const indicators = raw
		.prepare(
			`select id, code, name_zh as nameZh, name_en as nameEn, unit, grain, rollup, numerator_code as numeratorCode,
			 denominator_code as denominatorCode, source from indicators order by position, id`,
		)
		.all() as IndicatorRef[]
	return { today: businessDate(now()), userIdByEmail, deactivatedEmails, indicators }
}

// ————————————————————————————————————————————————————————— checking

type Checked = {
	sha256: string
	format: 'csv' | 'xlsx'
	mapping: HeaderMapping | null
	rows: ValidRows | null
	rowCount: number
	problems: KpiImportProblem[]
	problemCount: number
}

export function sha256Hex(bytes: Uint8Array) {
	return createHash('sha256').update(bytes).digest('hex')
}

/** Reads and checks a whole file against the database's people and indicators; writes nothing. */
async function checkFile(file: KpiImportFile, context: KpiImportContext): Promise<Checked> {
	const { bytes } = file
	const sha256 = sha256Hex(bytes)
	const format = startsWith(bytes, XLSX_MAGIC) ? 'xlsx' : 'csv'
	const fail = (problem: KpiImportProblem, mapping: HeaderMapping | null = null): Checked => ({
		sha256,
		format,
		mapping,
		rows: null,
		rowCount: 0,
		problems: [problem],
		problemCount: 1,
	})
	if (bytes.length === 0) return fail(fileProblem('empty'))
	if (startsWith(bytes, XLS_MAGIC)) return fail(fileProblem('xls'))
	if (format === 'csv' && /\.xlsx$/i.test(file.fileName)) return fail(fileProblem('xlsx'))

	let mapping: HeaderMapping | null = null
	let headerProblems: KpiImportProblem[] = []
	let validator: ReturnType<typeof createRowValidator> | null = null
	let uncheckedRows = 0
	let lossy = false
	const visit: Visit = (line, cells) => {
		if (validator) return validator.row(line, cells)
		if (mapping) {
			// A required column is missing: rows are counted, not checked (the page asks for the column first).
			if (cells.some((c) => c !== null && c !== undefined && String(c).trim() !== '')) uncheckedRows++
			return
		}
		if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return
		const mapped = mapHeader(cells, line, file.choice)
		mapping = mapped.mapping
		headerProblems = mapped.problems
		if (mapping.missing.length === 0)
			validator = createRowValidator(mapping, context, { lossyText: lossy, maxRows: KPI_IMPORT_MAX_ROWS })
	}
	let read: { problem: KpiImportProblem } | null
	if (format === 'csv') {
		const decoded = decodeInput(bytes)
		if (!decoded) return fail(fileProblem('encoding'))
		lossy = decoded.lossy
		read = readCsv(decoded.input, visit)
	} else read = await readXlsx(bytes, visit)
	if (read) return fail(read.problem, mapping)
	const finalMapping = mapping as HeaderMapping | null
	if (!finalMapping) return fail(fileProblem('empty'))
	const result = (validator as ReturnType<typeof createRowValidator> | null)?.finish()
	const rowCount = result?.rowCount ?? uncheckedRows
	const problems = [...headerProblems, ...(result?.problems ?? [])]
	let problemCount = headerProblems.length + (result?.problemCount ?? 0)
	if (rowCount === 0) {
		problems.push(fileProblem('noRows', finalMapping.line + 1))
		problemCount++
	}
	return {
		sha256,
		format,
		mapping: finalMapping,
		rows: result?.rows ?? null,
		rowCount,
		problems: sortProblems(problems, finalMapping),
		problemCount,
	}
}

// ————————————————————————————————————————————————————————— writing

type ExistingRow = [id: number, value: number, evidence: string | null, batchId: number | null]

function statements(db: Db) {
	const raw = db.$client
	return {
		existing: raw.prepare(
			`select id, value, evidence, batch_id from kpi_records where user_id = ? and indicator_id = ? and date = ? and source = ?`,
		).raw(),
		// A new key is inserted straight away; only a conflict pays for reading the existing record.
		insert: raw.prepare(
			`insert into kpi_records (user_id, indicator_id, date, value, source, evidence, batch_id, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)
			 on conflict (user_id, indicator_id, date, source) do nothing`,
		),
		update: raw.prepare(`update kpi_records set value = ?, evidence = ?, batch_id = ?, updated_at = ? where id = ?`),
		change: raw.prepare(
			`insert into kpi_import_changes (batch_id, record_id, previous_value, previous_evidence, previous_batch_id) values (?, ?, ?, ?, ?)`,
		),
		liveBatchForHash: raw.prepare(
			`select id, created_at from kpi_import_batches where sha256 = ? and kind = 'file' and reverted_at is null order by id desc limit 1`,
		).raw(),
		insertBatch: raw.prepare(
			`insert into kpi_import_batches (kind, file_name, sha256, actor_id, token_id, rows, inserted, updated, unchanged, created_at)
			 values (?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`,
		),
		finishBatch: raw.prepare(`update kpi_import_batches set inserted = ?, updated = ?, unchanged = ? where id = ?`),
	}
}

function stmts(db: Db = getDb()) {
	return prepared('kpiImport.statements', statements, db)
}

function sameEvidence(next: string | null, previous: string | null) {
	// No evidence in the row keeps what the record has.
	return next === null || next === previous
}

/** What writing these rows would do, without writing. */
function countChanges(rows: ValidRows, source: 'import' | 'api'): Omit<KpiImportCounts, 'rows'> {
	const { existing } = stmts()
	let insert = 0
	let update = 0
	let unchanged = 0
	for (let i = 0; i < rows.length; i++) {
		const found = existing.get(rows.userId[i], rows.indicatorId[i], rows.date[i], source) as ExistingRow | undefined
		if (!found) insert++
		else if (found[1] === rows.value[i] && sameEvidence(rows.evidence[i]!, found[2])) unchanged++
		else update++
	}
	return { insert, update, unchanged }
}

type BatchInput = {
	kind: 'file' | 'api'
	source: 'import' | 'api'
	fileName: string | null
	sha256: string
	actorId: number | null
	tokenId: number | null
	actorRole: string
	rows: ValidRows
	rowCount: number
	/** Extra audit data for the batch row (the token's name …). */
	auditData?: Record<string, unknown>
	onProgress?: (written: number, total: number) => void
}

type BatchWritten =
	| { alreadyImported: number }
	| { batchId: number; inserted: number; updated: number; unchanged: number; userIds: number[] }

const PROGRESS_EVERY = 10_000

/** One transaction: the batch row, every record, its undo log, the audit rows and the stale periods. */
function writeBatch(input: BatchInput): BatchWritten {
	const db = getDb()
	const s = stmts(db)
	const { rows, source } = input
	return db.transaction(
		(tx) => {
			if (input.kind === 'file') {
				const live = s.liveBatchForHash.get(input.sha256) as [number, number] | undefined
				if (live) return { alreadyImported: live[0] }
			}
			const at = now().getTime()
			const batchId = Number(
				s.insertBatch.run(input.kind, input.fileName, input.sha256, input.actorId, input.tokenId, input.rowCount, at).lastInsertRowid,
			)
			let inserted = 0
			let updated = 0
			let unchanged = 0
			const dates = new Set<string>()
			const userIds = new Set<number>()
			const { userId, indicatorId, date, value, evidence } = rows
			for (let i = 0; i < rows.length; i++) {
				if (input.onProgress && i > 0 && i % PROGRESS_EVERY === 0) input.onProgress(i, rows.length)
				const u = userId[i]!
				const ind = indicatorId[i]!
				const d = date[i]!
				const v = value[i]!
				const e = evidence[i]!
				const added = s.insert.run(u, ind, d, v, source, e, batchId, at)
				if (added.changes === 1) {
					s.change.run(batchId, added.lastInsertRowid, null, null, null)
					inserted++
					dates.add(d)
					userIds.add(u)
					continue
				}
				const [recordId, previousValue, previousEvidence, previousBatchId] = s.existing.get(u, ind, d, source) as ExistingRow
				if (previousValue === v && sameEvidence(e, previousEvidence)) {
					unchanged++
					continue
				}
				const nextEvidence = e ?? previousEvidence
				s.update.run(v, nextEvidence, batchId, at, recordId)
				s.change.run(batchId, recordId, previousValue, previousEvidence, previousBatchId)
				recordAudit(tx, {
					actorId: input.actorId,
					actorRole: input.actorRole,
					action: 'kpi.record.update',
					entity: 'kpi_record',
					entityId: recordId,
					batchId,
					data: {
						userId: u,
						indicatorId: ind,
						date: d,
						source,
						before: { value: previousValue, evidence: previousEvidence },
						after: { value: v, evidence: nextEvidence },
					},
				})
				updated++
				dates.add(d)
				userIds.add(u)
			}
			s.finishBatch.run(inserted, updated, unchanged, batchId)
			recordAudit(tx, {
				actorId: input.actorId,
				actorRole: input.actorRole,
				action: input.kind === 'file' ? 'kpi.import' : 'kpi.api.records',
				entity: 'kpi_import_batch',
				entityId: batchId,
				batchId,
				data: {
					kind: input.kind,
					fileName: input.fileName,
					sha256: input.sha256,
					rows: input.rowCount,
					inserted,
					updated,
					unchanged,
					...input.auditData,
				},
			})
			markStale(tx, dates)
			return { batchId, inserted, updated, unchanged, userIds: [...userIds] }
		},
		{ behavior: 'immediate' },
	)
}

/** Alerts are opened after the batch committed; a failure there must not undo or fail the import. */
function evaluateAlertsAfter(userIds: readonly number[]) {
	if (userIds.length === 0) return
	try {
		evaluateAlertsFor(userIds)
	} catch (error) {
		logger.error({ err: error, userIds: userIds.length }, 'KPI alert evaluation after an import failed')
	}
}

function liveBatchFor(sha256: string): { batchId: number; at: number } | null {
	const live = stmts().liveBatchForHash.get(sha256) as [number, number] | undefined
	return live ? { batchId: live[0], at: live[1] } : null
}

function toDryRun(file: KpiImportFile, checked: Checked, counts: Omit<KpiImportCounts, 'rows'>): KpiDryRun {
	return {
		sha256: checked.sha256,
		fileName: file.fileName,
		format: checked.format,
		mapping: checked.mapping,
		problems: checked.problems,
		problemCount: checked.problemCount,
		counts: { rows: checked.rowCount, ...counts },
		alreadyImported: liveBatchFor(checked.sha256),
	}
}

/**
 * Checks a file and counts what a commit would write; writes nothing. Every problem comes with its
 * line, column and reason; the counts cover the rows without problems.
 */
export async function dryRun(file: KpiImportFile): Promise<KpiDryRun> {
	const checked = await checkFile(file, loadImportContext())
	const counts = checked.rows ? countChanges(checked.rows, 'import') : { insert: 0, update: 0, unchanged: 0 }
	return toDryRun(file, checked, counts)
}

/**
 * Writes a file, all or nothing. The same file (by SHA-256) already imported and not reverted is a
 * no-op. Rows whose (person, indicator, date) already has an imported record update it (audited with
 * before and after); identical rows are left alone. Alert rules run for the people touched, after the
 * commit.
 */
export async function commitImport(
	file: KpiImportFile,
	actor: Actor,
	options: { onProgress?: (written: number, total: number) => void } = {},
): Promise<KpiCommitOutcome> {
	const live = liveBatchFor(sha256Hex(file.bytes))
	if (live) return { status: 'alreadyImported', alreadyImported: live.batchId }
	const checked = await checkFile(file, loadImportContext())
	if (checked.problemCount > 0 || !checked.rows)
		return { status: 'invalid', dryRun: toDryRun(file, checked, { insert: 0, update: 0, unchanged: 0 }) }
	const written = writeBatch({
		kind: 'file',
		source: 'import',
		fileName: file.fileName.slice(0, 255) || null,
		sha256: checked.sha256,
		actorId: actor.id,
		tokenId: null,
		actorRole: 'hr_admin',
		rows: checked.rows,
		rowCount: checked.rowCount,
		onProgress: options.onProgress,
	})
	if ('alreadyImported' in written) return { status: 'alreadyImported', alreadyImported: written.alreadyImported }
	evaluateAlertsAfter(written.userIds)
	const { batchId, inserted, updated, unchanged } = written
	return { status: 'committed', batchId, rows: checked.rowCount, inserted, updated, unchanged }
}

// ————————————————————————————————————————————————————————— the API

export type ApiRecordProblem = {
	index: number
	/** The record's field, or null for the record as a whole. */
	field: KpiImportField | null
	key: KpiImportProblem['key']
	values: KpiImportProblem['values']
}

export type ApiWriteOutcome =
	| { ok: true; batchId: number; inserted: number; updated: number; unchanged: number }
	| { ok: false; problems: ApiRecordProblem[] }

const API_MAPPING: HeaderMapping = {
	line: -1,
	labels: [...KPI_IMPORT_FIELDS],
	columns: Object.fromEntries(KPI_IMPORT_FIELDS.map((f, i) => [f, i])),
	missing: [],
}

/** A JSON value as a cell: text and numbers pass; anything else is marked so the check refuses it. */
function apiCell(value: unknown): SheetCell {
	if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number') return value
	return { invalid: true }
}

/**
 * Writes records pushed by an integration (source 'api'), all or nothing, with the same checks as a
 * file. Problems carry the record's index (0-based) and field.
 */
export function writeApiRecords(records: readonly unknown[], token: { id: number; name: string }): ApiWriteOutcome {
	const validator = createRowValidator(API_MAPPING, loadImportContext(), { maxProblems: Infinity, skipBlankRows: false })
	const problems: ApiRecordProblem[] = []
	records.forEach((record, index) => {
		if (typeof record !== 'object' || record === null || Array.isArray(record)) {
			problems.push({ index, field: null, key: 'kpiImport.errors.notObject', values: {} })
			return
		}
		const r = record as Record<string, unknown>
		validator.row(
			index,
			KPI_IMPORT_FIELDS.map((f) => apiCell(r[f])),
		)
	})
	const result = validator.finish()
	for (const p of result.problems)
		problems.push({
			index: p.line,
			field: p.column as KpiImportField,
			key: p.key === 'kpiImport.errors.duplicateInFile' ? 'kpiImport.errors.duplicateInBatch' : p.key,
			values: p.values,
		})
	if (problems.length > 0) {
		const order = new Map<string | null, number>([[null, -1], ...KPI_IMPORT_FIELDS.map((f, i) => [f, i] as const)])
		problems.sort((a, b) => a.index - b.index || order.get(a.field)! - order.get(b.field)!)
		return { ok: false, problems }
	}
	const written = writeBatch({
		kind: 'api',
		source: 'api',
		fileName: null,
		sha256: createHash('sha256').update(JSON.stringify(records)).digest('hex'),
		actorId: null,
		tokenId: token.id,
		actorRole: 'api',
		rows: result.rows,
		rowCount: result.rowCount,
		auditData: { token: { id: token.id, name: token.name } },
	})
	if ('alreadyImported' in written) throw new Error('API batches are never deduplicated by hash')
	evaluateAlertsAfter(written.userIds)
	const { batchId, inserted, updated, unchanged } = written
	return { ok: true, batchId, inserted, updated, unchanged }
}

// ————————————————————————————————————————————————————————— reverting and history

type RecordRef = { email: string; nameZh: string; nameEn: string; code: string; date: string }

export type RevertOutcome =
	| { ok: true; batchId: number; deleted: number; restored: number }
	| { ok: false; batchId: number; reason: 'notFound' | 'alreadyReverted' }
	| { ok: false; batchId: number; reason: 'superseded'; record: RecordRef; laterBatchId: number }
	| { ok: false; batchId: number; reason: 'manual' | 'referenced'; record: RecordRef }

type ChangeRow = {
	recordId: number
	previousValue: number | null
	previousEvidence: string | null
	previousBatchId: number | null
	currentId: number | null
	currentBatchId: number | null
	userId: number | null
	indicatorId: number | null
	date: string | null
	value: number | null
	evidence: string | null
	violations: number
}

/**
 * Undoes a batch: deletes the records it created and restores the values it updated, in one
 * transaction. Refused when a later batch or a manual edit has since changed (or deleted) one of its
 * records, or when a record it created is referenced by an integrity violation.
 */
export function revertBatch(batchId: number, actor: Actor): RevertOutcome {
	const db = getDb()
	const raw = db.$client
	const outcome = db.transaction(
		(tx): RevertOutcome & { userIds?: number[] } => {
			const batch = raw
				.prepare(`select id, kind, file_name as fileName, sha256, reverted_at as revertedAt from kpi_import_batches where id = ?`)
				.get(batchId) as { id: number; kind: string; fileName: string | null; sha256: string; revertedAt: number | null } | undefined
			if (!batch || (batch.kind !== 'file' && batch.kind !== 'api')) return { ok: false, batchId, reason: 'notFound' }
			if (batch.revertedAt !== null) return { ok: false, batchId, reason: 'alreadyReverted' }
			const changes = raw
				.prepare(
					`select c.record_id as recordId, c.previous_value as previousValue, c.previous_evidence as previousEvidence,
					 c.previous_batch_id as previousBatchId, r.id as currentId, r.batch_id as currentBatchId, r.user_id as userId,
					 r.indicator_id as indicatorId, r.date as date, r.value as value, r.evidence as evidence,
					 (select count(*) from integrity_violations v where v.record_id = c.record_id) as violations
					 from kpi_import_changes c left join kpi_records r on r.id = c.record_id
					 where c.batch_id = ? order by c.record_id`,
				)
				.all(batchId) as ChangeRow[]
			const refOf = (change: ChangeRow): RecordRef => {
				const row = raw
					.prepare(
						`select u.email as email, i.name_zh as nameZh, i.name_en as nameEn, i.code as code, r.date as date
						 from kpi_records r join users u on u.id = r.user_id join indicators i on i.id = r.indicator_id where r.id = ?`,
					)
					.get(change.recordId) as RecordRef | undefined
				return row ?? { email: '—', nameZh: '—', nameEn: '—', code: '—', date: '—' }
			}
			for (const change of changes) {
				if (change.currentId === null) return { ok: false, batchId, reason: 'manual', record: refOf(change) }
				if (change.currentBatchId !== batchId) {
					if (change.currentBatchId === null) return { ok: false, batchId, reason: 'manual', record: refOf(change) }
					return { ok: false, batchId, reason: 'superseded', record: refOf(change), laterBatchId: change.currentBatchId }
				}
				if (change.previousValue === null && change.violations > 0)
					return { ok: false, batchId, reason: 'referenced', record: refOf(change) }
			}
			const at = now()
			const del = raw.prepare(`delete from kpi_records where id = ?`)
			const restore = raw.prepare(`update kpi_records set value = ?, evidence = ?, batch_id = ?, updated_at = ? where id = ?`)
			let deleted = 0
			let restored = 0
			const dates = new Set<string>()
			const userIds = new Set<number>()
			for (const change of changes) {
				dates.add(change.date!)
				userIds.add(change.userId!)
				if (change.previousValue === null) {
					del.run(change.recordId)
					deleted++
					continue
				}
				restore.run(change.previousValue, change.previousEvidence, change.previousBatchId, at.getTime(), change.recordId)
				restored++
				recordAudit(tx, {
					actorId: actor.id,
					actorRole: 'hr_admin',
					action: 'kpi.record.update',
					entity: 'kpi_record',
					entityId: change.recordId,
					batchId,
					reason: 'revert',
					data: {
						userId: change.userId,
						indicatorId: change.indicatorId,
						date: change.date,
						before: { value: change.value, evidence: change.evidence },
						after: { value: change.previousValue, evidence: change.previousEvidence },
					},
				})
			}
			raw.prepare(`update kpi_import_batches set reverted_at = ?, reverted_by_id = ? where id = ?`).run(at.getTime(), actor.id, batchId)
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'kpi.import.revert',
				entity: 'kpi_import_batch',
				entityId: batchId,
				batchId,
				data: { kind: batch.kind, fileName: batch.fileName, sha256: batch.sha256, deleted, restored },
			})
			markStale(tx, dates)
			return { ok: true, batchId, deleted, restored, userIds: [...userIds] }
		},
		{ behavior: 'immediate' },
	)
	if (!outcome.ok) return outcome
	const { userIds = [], ...result } = outcome
	evaluateAlertsAfter(userIds)
	return result
}

export type ImportHistoryEntry = {
	id: number
	kind: 'file' | 'api'
	fileName: string | null
	sha256: string
	actor: { id: number; name: string; email: string } | null
	token: { id: number; name: string } | null
	rows: number
	inserted: number
	updated: number
	unchanged: number
	createdAt: number
	revertedAt: number | null
	revertedBy: { id: number; name: string } | null
}

/** File and API batches, newest first. */
export function importHistory(limit = 50): ImportHistoryEntry[] {
	const rows = getDb()
		.$client.prepare(
			`select b.id, b.kind, b.file_name as fileName, b.sha256, b.rows, b.inserted, b.updated, b.unchanged,
			 b.created_at as createdAt, b.reverted_at as revertedAt,
			 a.id as actorId, a.name as actorName, a.email as actorEmail, t.id as tokenId, t.name as tokenName,
			 r.id as revertedById, r.name as revertedByName
			 from kpi_import_batches b
			 left join users a on a.id = b.actor_id
			 left join api_tokens t on t.id = b.token_id
			 left join users r on r.id = b.reverted_by_id
			 where b.kind in ('file', 'api') order by b.id desc limit ?`,
		)
		.all(limit) as Array<{
		id: number
		kind: 'file' | 'api'
		fileName: string | null
		sha256: string
		rows: number
		inserted: number
		updated: number
		unchanged: number
		createdAt: number
		revertedAt: number | null
		actorId: number | null
		actorName: string | null
		actorEmail: string | null
		tokenId: number | null
		tokenName: string | null
		revertedById: number | null
		revertedByName: string | null
	}>
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		fileName: r.fileName,
		sha256: r.sha256,
		actor: r.actorId !== null ? { id: r.actorId, name: r.actorName ?? '', email: r.actorEmail ?? '' } : null,
		token: r.tokenId !== null ? { id: r.tokenId, name: r.tokenName ?? '' } : null,
		rows: r.rows,
		inserted: r.inserted,
		updated: r.updated,
		unchanged: r.unchanged,
		createdAt: r.createdAt,
		revertedAt: r.revertedAt,
		revertedBy: r.revertedById !== null ? { id: r.revertedById, name: r.revertedByName ?? '' } : null,
	}))
}

// ————————————————————————————————————————————————————————— staging uploads between dry run and commit

const SHA256_HEX = /^[0-9a-f]{64}$/
/** Staged files nobody committed are removed after a day. */
const STAGE_TTL_MS = 24 * 60 * 60 * 1000

export function isSha256(value: unknown): value is string {
	return typeof value === 'string' && SHA256_HEX.test(value)
}

/** Beside the database (DATABASE_PATH's directory, data/ by default), never inside the public build. */
export function stagingDir() {
	return path.join(path.dirname(process.env.DATABASE_PATH || 'data/ascent.db'), 'kpi-import')
}

function sweepStaged(dir: string) {
	const cutoff = Date.now() - STAGE_TTL_MS
	for (const name of fs.readdirSync(dir)) {
		const file = path.join(dir, name)
		try {
			if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true })
		} catch {
			// gone already
		}
	}
}

export class StagedFileTooLarge extends Error {
	constructor(readonly maxBytes: number) {
		super(`Upload larger than ${maxBytes} bytes`)
	}
}

/**
 * Streams an upload to the staging directory, hashing as it goes, and names it by its SHA-256 (so the
 * commit step can refer to it by a hash posted from a plain form). Throws StagedFileTooLarge past the
 * limit, leaving nothing behind.
 */
export async function stageUpload(
	data: AsyncIterable<Uint8Array>,
	fileName: string,
	maxBytes = KPI_UPLOAD_MAX_BYTES,
): Promise<{ sha256: string; size: number }> {
	const dir = stagingDir()
	fs.mkdirSync(dir, { recursive: true })
	sweepStaged(dir)
	const temp = path.join(dir, `.upload-${randomBytes(8).toString('hex')}`)
	const out = fs.openSync(temp, 'w')
	const hash = createHash('sha256')
	let size = 0
	try {
		for await (const chunk of data) {
			size += chunk.byteLength
			if (size > maxBytes) throw new StagedFileTooLarge(maxBytes)
			hash.update(chunk)
			fs.writeSync(out, chunk)
		}
	} catch (error) {
		fs.closeSync(out)
		fs.rmSync(temp, { force: true })
		throw error
	}
	fs.closeSync(out)
	const sha256 = hash.digest('hex')
	fs.renameSync(temp, path.join(dir, sha256))
	fs.writeFileSync(path.join(dir, `${sha256}.json`), JSON.stringify({ fileName: fileName.slice(0, 255) }))
	return { sha256, size }
}

/** A staged file by its hash; null when it is gone (expired, committed) or the hash is malformed. */
export function readStaged(sha256: string): { bytes: Uint8Array; fileName: string } | null {
	if (!isSha256(sha256)) return null
	const file = path.join(stagingDir(), sha256)
	try {
		const bytes = new Uint8Array(fs.readFileSync(file))
		let fileName = `${sha256.slice(0, 12)}.csv`
		try {
			const meta = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { fileName?: unknown }
			if (typeof meta.fileName === 'string' && meta.fileName) fileName = meta.fileName
		} catch {
			// no metadata: keep the hash as the name
		}
		return { bytes, fileName }
	} catch {
		return null
	}
}

export function discardStaged(sha256: string) {
	if (!isSha256(sha256)) return
	const file = path.join(stagingDir(), sha256)
	fs.rmSync(file, { force: true })
	fs.rmSync(`${file}.json`, { force: true })
}
