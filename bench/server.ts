/**
 * Shared by the HTTP benchmarks: serve the built server on a freshly seeded demo database, wait for it,
 * sign in as a demo user, and autocannon with the part of its API they use typed.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

export type AutocannonResult = {
	duration: number
	errors: number
	non2xx: number
	requests: { total: number }
	latency: { p50: number; p97_5: number; p99: number }
}
// autocannon ships no types; the part the benchmarks use is typed here.
export const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
	url: string
	connections: number
	duration: number
	headers: Record<string, string>
	requests?: { method: string; path: string }[]
}) => Promise<AutocannonResult>

/**
 * Reset `databasePath` to the demo company (scripts/db-reset.ts), then serve server-build/index.js on
 * `port` (NODE_ENV=production) and wait until it answers. `stop` ends the server and waits for it.
 */
export async function serveDemo(port: number, databasePath: string) {
	const env = { ...process.env, DATABASE_PATH: databasePath, PORT: String(port), NODE_ENV: 'production' as const, LOG_LEVEL: 'warn' }
	await new Promise<void>((resolve, reject) => {
		const reset = spawn('npx', ['tsx', 'scripts/db-reset.ts'], { env, stdio: 'ignore' })
		reset.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`db-reset exited ${code}`))))
	})
	const server = spawn('node', ['server-build/index.js'], { env, stdio: 'ignore' })
	const exited = new Promise((r) => server.once('exit', r))
	const stop = async () => {
		server.kill('SIGTERM')
		await exited
	}
	const base = `http://localhost:${port}`
	try {
		await waitForHealthy(base)
	} catch (error) {
		await stop()
		throw error
	}
	return { base, stop }
}

export async function waitForHealthy(base: string, onTimeout: () => string = () => '') {
	for (let i = 0; ; i++) {
		if (i > 200) throw new Error(`server did not start${onTimeout() ? `:\n${onTimeout()}` : ''}`)
		try {
			if ((await fetch(`${base}/healthz`)).ok) return
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100))
	}
}

/** The session cookie of a demo login (a browser-like form POST, Origin included). */
export async function logInAs(base: string, email: string, password = 'ascent-demo'): Promise<string> {
	const login = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password }).toString(),
	})
	const cookie = login.headers.get('set-cookie')?.split(';')[0]
	if (!cookie) throw new Error(`login failed: ${login.status}`)
	return cookie
}
