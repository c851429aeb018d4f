/**
 * Pure helpers shared by the spreadsheet imports (people, KPI data, targets): header folding and column
 * letters. Reading CSV lives in csv.ts: csv-parse touches Node's Buffer when it loads, so it must stay out
 * of anything the browser bundles (pages use these helpers through the forms' problem texts).
 */

/**
 * One thing wrong with an uploaded sheet: `line` the physical line (1-based; 0 for the file as a whole),
 * `column` the header as written in the file, `key` + `values` the message.
 */
export type SheetProblem<Key extends string = string> = {
	line: number
	column: string
	key: Key
	values: Record<string, string | number>
}

/** Case-, width- and space-insensitive, so "Hire Date", "hire_date" and "ＥＭＡＩＬ" all match. */
export function fold(value: string) {
	return value.normalize('NFKC').toLowerCase().replace(/[\s_\-*]+/g, '')
}

/** Spreadsheet-style column name (A, B, … AA) for a cell that has no header. */
export function columnLetter(index: number): string {
	let n = index + 1
	let name = ''
	while (n > 0) {
		const r = (n - 1) % 26
		name = String.fromCharCode(65 + r) + name
		n = Math.floor((n - 1) / 26)
	}
	return name
}

/** A CSV record and the physical line (1-based) it starts on. */
