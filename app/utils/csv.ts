/**
 * CSV records with the physical line each starts on (server side: csv-parse needs Node's Buffer, so this
 * module must never be imported by anything a page bundles).
 */
import { parse } from 'csv-parse/sync'

export type CsvRecord = { line: number; cells: string[] }

/** A CSV the parser refused: the physical line (0 when unknown) and the name of the problem. */
export type CsvSyntaxError = { line: number; detail: string }

/**
 * Every record of a CSV text (blank ones included). csv-parse counts a CRLF inside a quoted field as
 * two lines, so line breaks are made uniform first; then a record's first line is its last line minus
 * the breaks inside its fields.
 */
export function readRecords(text: string): { records: CsvRecord[] } | { syntax: CsvSyntaxError } {
	const uniform = text.replace(/\r\n?/g, '\n')
	let rows: Array<{ record: string[]; info: { lines: number } }>
	try {
		rows = parse(uniform, { info: true, relax_column_count: true, record_delimiter: '\n' }) as unknown as typeof rows
	} catch (error) {
		return { syntax: syntaxProblem(uniform, error) }
	}
	return {
		records: rows.map(({ record, info }) => ({
			line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
			cells: record,
		})),
	}
}

/** Where and what a csv-parse error is (`text` as it was parsed, with uniform line breaks). */
export function syntaxProblem(text: string, error: unknown): CsvSyntaxError {
	const e = error as { code?: unknown; lines?: unknown; bytes_records?: unknown; message?: unknown }
	let line = typeof e.lines === 'number' ? e.lines : 0
	// An unclosed quote is only noticed at the end of the file; the record it opened is the useful line.
	if (e.code === 'CSV_QUOTE_NOT_CLOSED' && typeof e.bytes_records === 'number')
		line = 1 + new TextEncoder().encode(text).subarray(0, e.bytes_records).filter((b) => b === 0x0a).length
	// The parser's own wording ends with its own (pre-fix) line count; keep just the name of the problem.
	const detail = String(e.message ?? error).split(':')[0]!
	return { line, detail }
}
