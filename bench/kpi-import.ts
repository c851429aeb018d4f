/**
 * KPI import speed against a baseline measured in the same run:
 *
 *   npx tsx bench/kpi-import.ts --rows 100000 [--updates]     (also run by `npm run bench:kpi`)
 *
 * A CRM-like CSV (UTF-8 with BOM, CRLF, Chinese header, indicators by code or Chinese name, "1,234"
 * grouping, some evidence, a few quoted fields) for 1,000 people is generated in memory against a fresh
 * temporary database. Baseline: csv-parse alone on the same text (records consumed and dropped, as the
 * importer does). Then the full path: decode, parse, check every row against the people and indicators,
 * and commit in one transaction (commitImport, alerts included). Targets: 100,000 rows ≤ 3 s;
 * ≥ 40,000 rows/s at 1M rows. `--updates` then imports the same rows with other values: every record
 * updated, each with its own audit row (before and after).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { parse } from 'csv-parse/sync'
import { migrateDatabase, openDatabase, setDatabase } from '#db/client.server.ts'
import { decodeCsv } from '#app/modules/auth/user-import.ts'
import { commitImport } from '#app/modules/performance/import.server.ts'
import { addDays } from '#app/modules/performance/periods.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'

const PEOPLE = 1000
const CHUNK_ROWS = 10_000

type Indicator = { id: number; code: string; nameZh: string; unit: string }

/** The file, built in 10,000-row chunks so a million rows never exist as a million strings at once. */
function generateCsv(rows: number, indicators: readonly Indicator[], emails: readonly string[], today: string, valueSeed = 7): Buffer {
	const perDay = emails.length * indicators.length
	const days = Math.ceil(rows / perDay)
	const dates = Array.from({ length: days }, (_, i) => addDays(today, -(days - i)))
	const chunks: Buffer[] = [Buffer.from('\uFEFF邮箱,指标,日期,数值,证据\r\n')]
	let seed = valueSeed
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
	let parts: string[] = []
	for (let n = 0; n < rows; n++) {
		const day = Math.floor(n / perDay)
		const person = Math.floor((n % perDay) / indicators.length)
		const indicator = indicators[n % indicators.length]!
		const name = n % 3 === 0 ? indicator.nameZh : indicator.code
		let value: string
		if (indicator.unit === 'cny') {
			const yuan = Math.round(rand() * 80_000 * 100) / 100
			value = n % 10 === 0 ? `"${yuan.toLocaleString('en-US')}"` : String(yuan)
		} else if (indicator.unit === 'hours') value = (rand() * 48).toFixed(1)
		else value = String(Math.floor(rand() * 30))
		const evidence = n % 7 === 0 ? `CRM 订单 SO-${100000 + n}` : n % 50 === 0 ? `"客户反馈：""满意""，已回访"` : ''
		parts.push(`${emails[person]},${name},${dates[day]},${value},${evidence}\r\n`)
		if (parts.length === CHUNK_ROWS) {
			chunks.push(Buffer.from(parts.join('')))
			parts = []
		}
	}
	chunks.push(Buffer.from(parts.join('')))
	return Buffer.concat(chunks)
}

/**
 * `updates`: then import the same people, indicators and dates again with other values, so every row
 * updates its record and writes an audit row with before and after (the audited-update path).
 */
export async function benchImport(opts: {
	rows: number
	updates?: boolean
}): Promise<{ rows: number; parseOnlyMs: number; totalMs: number; rowsPerSecond: number; updateMs?: number; updated?: number }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-bench-import-'))
	const db = openDatabase(path.join(dir, 'import.db'))
	try {
		migrateDatabase(db)
		setDatabase(db)
		const raw = db.$client
		const emails = Array.from({ length: PEOPLE }, (_, i) => `bench.rep${i}@example.com`)
		let hrId = 0
		raw.transaction(() => {
			const user = raw.prepare(`insert into users (email, name, position_type, hire_date) values (?, ?, ?, '2024-01-01')`)
			emails.forEach((email, i) => user.run(email, `员工${i}`, 'sales_rep'))
			hrId = Number(user.run('bench.hr@example.com', '人力资源', null).lastInsertRowid)
		})()
		// Every day-grain indicator a CRM sends (not the computed ratio, not exam scores).
		const indicators = raw
			.prepare(`select id, code, name_zh as nameZh, unit from indicators where grain = 'day' and rollup <> 'ratio' and source = 'import' order by position`)
			.all() as Indicator[]
		const bytes = generateCsv(opts.rows, indicators, emails, businessDate(now()))

		// Baseline: csv-parse alone, the way the importer drives it (records handed over, then dropped).
		global.gc?.()
		const parseStarted = performance.now()
		const text = decodeCsv(bytes)!.replace(/\r\n/g, '\n')
		let parsed = 0
		parse(text, {
			record_delimiter: '\n',
			relax_column_count: true,
			relax_quotes: true,
			on_record: () => {
				parsed++
				return null
			},
		})
		const parseOnlyMs = performance.now() - parseStarted
		if (parsed !== opts.rows + 1) throw new Error(`csv-parse read ${parsed} records, expected ${opts.rows + 1}`)

		global.gc?.()
		const started = performance.now()
		const outcome = await commitImport({ bytes, fileName: 'bench.csv' }, { id: hrId })
		const totalMs = performance.now() - started
		if (outcome.status !== 'committed' || outcome.inserted !== opts.rows)
			throw new Error(`import did not commit every row: ${JSON.stringify(outcome).slice(0, 500)}`)
		const result = { rows: opts.rows, parseOnlyMs, totalMs, rowsPerSecond: opts.rows / (totalMs / 1000) }
		if (!opts.updates) return result
		const changed = generateCsv(opts.rows, indicators, emails, businessDate(now()), 11)
		global.gc?.()
		const updateStarted = performance.now()
		const second = await commitImport({ bytes: changed, fileName: 'bench-changed.csv' }, { id: hrId })
		const updateMs = performance.now() - updateStarted
		if (second.status !== 'committed') throw new Error(`the changed file did not commit: ${JSON.stringify(second).slice(0, 500)}`)
		return { ...result, updateMs, updated: second.updated }
	} finally {
		setDatabase(undefined)
		db.$client.close()
		fs.rmSync(dir, { recursive: true, force: true })
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, updates: { type: 'boolean', default: false } } })
	const rows = Number(values.rows)
	const r = await benchImport({ rows, updates: values.updates })
	const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en')
	const rss = Math.round(process.memoryUsage().rss / 1024 / 1024)
	console.log(`KPI import, ${r.rows.toLocaleString('en')} rows, ${PEOPLE.toLocaleString('en')} people, Node ${process.version}:`)
	console.log(`  baseline: csv-parse alone          ${r.parseOnlyMs.toFixed(0).padStart(7)} ms  (${perSecond(r.rows, r.parseOnlyMs)} rows/s)`)
	console.log(`  validated and committed            ${r.totalMs.toFixed(0).padStart(7)} ms  (${perSecond(r.rows, r.totalMs)} rows/s; ${(r.totalMs / r.parseOnlyMs).toFixed(2)}× the parse alone)`)
	if (r.updateMs !== undefined)
		console.log(`  same rows again, other values      ${r.updateMs.toFixed(0).padStart(7)} ms  (${r.updated?.toLocaleString('en')} records updated, each audited with before and after)`)
	console.log(`  targets: 100,000 rows ≤ 3,000 ms; ≥ 40,000 rows/s at 1M rows. RSS at the end: ${rss} MB`)
}
