/**
 * KPI speed, each figure against a baseline measured in the same run:
 *
 *   npm run bench:kpi [-- --people 10000] [--import-rows 100000] [--big-import-rows 1000000] [--no-http]
 *
 * 1. Scores: 10,000 sales reps × 8 indicators with records × a quarter (weekly records, ≈1M rows).
 *    Baseline: the raw SQL aggregate of the quarter's records. Then the full recompute of stored scores
 *    (aggregate + scoring + writing 10,000 rows) and the read of the leaderboard input from the store
 *    (target ≤ 300 ms).
 * 2. Import: a generated CSV validated and committed (target: 100,000 rows ≤ 3 s; ≥ 40,000 rows/s at
 *    1M), against csv-parse alone on the same text.
 * 3. HTTP (needs `npm run build`): /kpi as rep@example.com against a bare signed-in layout route
 *    (/account: the shell, the session check and a static form, no data) on the demo database.
 *    Target: /kpi ≥ 50 % of the baseline's req/s.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { migrateDatabase, openDatabase, setDatabase } from '#db/client.server.ts'
import { periodRange, weekStart, addDays } from '#app/modules/performance/periods.ts'
import { recomputePeriod, teamScores } from '#app/modules/performance/scores.server.ts'
import { logInAs, serveDemo } from './server.ts'

const { values } = parseArgs({
	options: {
		people: { type: 'string', default: '10000' },
		'import-rows': { type: 'string', default: '100000' },
		'big-import-rows': { type: 'string', default: '0' },
		'no-http': { type: 'boolean', default: false },
		requests: { type: 'string', default: '400' },
		concurrency: { type: 'string', default: '4' },
	},
})
const PEOPLE = Number(values.people)
const QUARTER = '2026-Q3'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-bench-kpi-'))
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`

function time<T>(fn: () => T): { result: T; ms: number } {
	const started = performance.now()
	const result = fn()
	return { result, ms: performance.now() - started }
}

/** Best of three: the first run also warms SQLite's page cache. */
function best<T>(fn: () => T) {
	const runs = [time(fn), time(fn), time(fn)]
	return runs.reduce((a, b) => (b.ms < a.ms ? b : a))
}

try {
	// 1. Scores
	const db = openDatabase(path.join(dir, 'scores.db'))
	migrateDatabase(db)
	setDatabase(db)
	const raw = db.$client
	const codes = ['revenue', 'new_customers', 'leads_assigned', 'leads_won', 'weekly_visits', 'complaint_satisfaction', 'leads', 'content_reach']
	const ids = new Map((raw.prepare(`select code, id from indicators`).raw().all() as Array<[string, number]>).map(([c, i]) => [c, i]))
	const weighted = ['revenue', 'new_customers', 'lead_conversion', 'weekly_visits', 'complaint_satisfaction']
	const goals: Record<string, [number, number, number]> = {
		revenue: [800_000, 1_000_000, 1_300_000],
		new_customers: [6, 8, 12],
		lead_conversion: [10, 15, 20],
		weekly_visits: [12, 15, 20],
		complaint_satisfaction: [85, 90, 95],
	}
	const { from, to } = periodRange(QUARTER)
	const weeks: string[] = []
	for (let d = weekStart(from); d <= to; d = addDays(d, 7)) if (d >= from) weeks.push(d)
	let seed = 42
	const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
	const setup = time(() =>
		db.transaction(() => {
			const user = raw.prepare(`insert into users (email, name, position_type, hire_date) values (?, ?, 'sales_rep', '2024-01-01')`)
			const target = raw.prepare(
				`insert into kpi_targets (user_id, indicator_id, period, baseline, target, challenge, original_target) values (?, ?, ?, ?, ?, ?, ?)`,
			)
			const record = raw.prepare(`insert into kpi_records (user_id, indicator_id, date, value, source) values (?, ?, ?, ?, 'import')`)
			for (let p = 0; p < PEOPLE; p++) {
				const userId = Number(user.run(`bench${p}@example.com`, `员工${p}`).lastInsertRowid)
				for (const code of weighted) {
					const [b, t, c] = goals[code]!
					target.run(userId, ids.get(code), QUARTER, b, t, c, t)
				}
				const form = 0.6 + rand() * 0.8
				for (const week of weeks)
					for (const code of codes) {
						const value =
							code === 'revenue' ? (1_000_000 / 13) * form : code === 'leads_won' ? 20 * 0.15 * form : code === 'complaint_satisfaction' ? 80 + rand() * 20 : 20 * form
						record.run(userId, ids.get(code), week, Math.round(value))
					}
			}
		}),
	)
	const rows = (raw.prepare(`select count(*) as n from kpi_records`).get() as { n: number }).n
	console.log(`Scores: ${PEOPLE.toLocaleString('en')} people × ${codes.length} indicators × ${QUARTER} (${rows.toLocaleString('en')} records, generated in ${(setup.ms / 1000).toFixed(1)} s), Node ${process.version}`)

	const baseline = best(() =>
		raw
			.prepare(
				`select user_id, indicator_id, sum(value), avg(value), max(date), value from kpi_records
				 where date between ? and ? and status = 'valid' group by user_id, indicator_id`,
			)
			.raw()
			.all(from, to),
	)
	const recompute = best(() => recomputePeriod(QUARTER))
	const allIds = Array.from({ length: PEOPLE }, (_, i) => i + 1)
	const leaderboard = best(() =>
		raw.prepare(`select user_id, weighted_score from kpi_scores where period = ? order by weighted_score desc`).raw().all(QUARTER),
	)
	const team = best(() => teamScores(allIds, QUARTER))
	console.log(`  baseline: raw SQL aggregate of the quarter      ${ms(baseline.ms)}`)
	console.log(`  full recompute of stored scores                 ${ms(recompute.ms)}  (${(recompute.ms / baseline.ms).toFixed(2)}× the aggregate; runs only after a change)`)
	console.log(`  leaderboard input read from the store           ${ms(leaderboard.ms)}  (${(baseline.ms / leaderboard.ms).toFixed(0)}× faster than aggregating; target ≤ 300 ms)`)
	console.log(`  all ${PEOPLE.toLocaleString('en')} people's stored scores with detail       ${ms(team.ms)}`)
	setDatabase(undefined)
	db.$client.close()

	// 2. Import
	const importRows = Number(values['import-rows'])
	const bigRows = Number(values['big-import-rows'])
	if (importRows > 0 || bigRows > 0) {
		const { benchImport } = await import('./kpi-import.ts')
		for (const n of [importRows, bigRows].filter((n) => n > 0)) {
			const r = await benchImport({ rows: n })
			console.log(
				`Import ${r.rows.toLocaleString('en')} rows: csv-parse alone ${ms(r.parseOnlyMs)} (${Math.round(r.rows / (r.parseOnlyMs / 1000)).toLocaleString('en')} rows/s); validated and committed ${ms(r.totalMs)} (${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s)`,
			)
		}
	}

	// 3. HTTP
	if (!values['no-http']) {
		if (!fs.existsSync('server-build/index.js')) throw new Error('Run `npm run build` first (or pass --no-http).')
		const { base, stop } = await serveDemo(3191, path.join(dir, 'demo.db'))
		try {
			const cookie = await logInAs(base, 'rep@example.com')
			const REQUESTS = Number(values.requests)
			const CONCURRENCY = Number(values.concurrency)
			async function measure(url: string) {
				for (let i = 0; i < 30; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer()
				let next = 0
				let done = 0
				const started = performance.now()
				await Promise.all(
					Array.from({ length: CONCURRENCY }, async () => {
						while (next++ < REQUESTS) {
							const res = await fetch(url, { headers: { cookie } })
							await res.arrayBuffer()
							if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
							done++
						}
					}),
				)
				return done / ((performance.now() - started) / 1000)
			}
			const bare = await measure(`${base}/account`)
			const kpi = await measure(`${base}/kpi`)
			console.log(`HTTP (${REQUESTS} requests each, concurrency ${CONCURRENCY}, demo database, rep@example.com):`)
			console.log(`  baseline: bare layout route /account    ${bare.toFixed(0).padStart(6)} req/s`)
			console.log(`  /kpi                                    ${kpi.toFixed(0).padStart(6)} req/s  (${((kpi / bare) * 100).toFixed(0)} % of the baseline; target ≥ 50 %)`)
		} finally {
			await stop()
		}
	}
} finally {
	fs.rmSync(dir, { recursive: true, force: true })
}
