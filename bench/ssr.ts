/**
 * Server-side rendering cost of the signed-in home page, against /healthz (one SQL query, no React)
 * as the baseline measured in the same run on the same server.
 *
 *   npm run build && npx tsx bench/ssr.ts [--requests 400] [--concurrency 4]
 *
 * Starts the built server on a temporary, freshly seeded database, logs in as a demo user, then
 * times sequential warm-up plus measured requests. Prints latency percentiles and throughput.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { logInAs, serveDemo } from './server.ts'

const { values } = parseArgs({
	options: { requests: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '4' } },
})
const REQUESTS = Number(values.requests)
const CONCURRENCY = Number(values.concurrency)

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-bench-'))
const { base, stop } = await serveDemo(3190, path.join(dir, 'bench.db'))
try {
	const cookie = await logInAs(base, 'rep@example.com')

	async function measure(url: string, headers: Record<string, string>) {
		for (let i = 0; i < 30; i++) await (await fetch(url, { headers })).arrayBuffer()
		const times: number[] = []
		let next = 0
		const started = performance.now()
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next++ < REQUESTS) {
					const t = performance.now()
					const res = await fetch(url, { headers })
					await res.arrayBuffer()
					if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
					times.push(performance.now() - t)
				}
			}),
		)
		const elapsed = (performance.now() - started) / 1000
		times.sort((a, b) => a - b)
		const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!
		return { p50: pct(50), p95: pct(95), rps: times.length / elapsed }
	}

	const baseline = await measure(`${base}/healthz`, {})
	const home = await measure(`${base}/`, { cookie })
	const row = (name: string, r: typeof home) =>
		`${name.padEnd(22)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p95 ${r.p95.toFixed(2).padStart(7)} ms   ${r.rps.toFixed(0).padStart(6)} req/s`
	console.log(`${REQUESTS} requests each, concurrency ${CONCURRENCY}, Node ${process.version}`)
	console.log(row('baseline /healthz', baseline))
	console.log(row('home / (signed in)', home))
	console.log(`home costs ${(home.p50 / baseline.p50).toFixed(1)}× the baseline at p50`)
} finally {
	await stop()
	fs.rmSync(dir, { recursive: true, force: true })
}
