import fs from 'node:fs'
import http from 'node:http'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { closeDatabase, getDb } from '#db/client.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { isOriginAllowed } from '#app/utils/origin.ts'
import { ContentSyncError, syncContent } from '#app/modules/content/sync.server.ts'
import { sweepExpiredAttempts } from '#app/modules/exams/attempts.server.ts'
import { closeDuePeriods } from '#app/modules/gamification/period-close.server.ts'
import { evaluateAlerts } from '#app/modules/performance/alerts.server.ts'
import { recomputeStale } from '#app/modules/performance/scores.server.ts'
import { rewriteIcsUrl } from './ics-rewrite.ts'

/** Larger bodies are refused before anything reads them (uploads included). */
const MAX_BODY_BYTES = 6 * 1024 * 1024
/** KPI files from a CRM export are large (1M rows ≈ 60 MB); only that upload and the records API get more room. */
const LARGE_BODY_PATHS = new Set(['/admin/kpi/import', '/api/v1/kpi/records'])
const MAX_LARGE_BODY_BYTES = 110 * 1024 * 1024
/** Attempts graded per sweep step (about 1.5 ms each). */
const SWEEP_BATCH = 100

const env = getEnv()
/** When alert rules were last checked for everyone (kpiUpkeep). */
let lastAlertCheck = 0
const isProduction = env.NODE_ENV === 'production'

// Migrate and sync content before accepting traffic: a new release never serves an old schema.
getDb()
try {
	const report = await syncContent()
	logger.info({ compiled: report.compiled.length, unchanged: report.unchanged, removed: report.removed.length }, 'content synced')
} catch (error) {
	// The last good content stays in the database; CI and `npm run content:sync` fail on the same error.
	if (error instanceof ContentSyncError) logger.error({ problems: error.problems }, 'content sync failed; serving the previous content')
	else throw error
}
sweepAttempts()
kpiUpkeep()
closeDatabase()
// Attempts past their deadline are graded even when nobody opens them again.
setInterval(sweepAttempts, 15_000).unref()
// Stale KPI scores are rebuilt soon after a change; alert rules are checked hourly (a new day's data counts).
setInterval(kpiUpkeep, 60_000).unref()

const viteDevServer = isProduction
	? undefined
	: await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

const app = express()
app.disable('x-powered-by')
if (env.TRUST_PROXY) app.set('trust proxy', 1)
// Autosave replies are ~80 bytes of JSON sent hundreds of times a second on exam day; gzip would
// cost more CPU than it saves bytes (the streamed reply has no length for a threshold to use).
// Level 1: pages come out ~17 % larger than at the default 6 for about a third of the CPU, and one Node
// process serves everyone (bench/kpi.ts: /kpi 85 → ~105 req/s, the bare page 177 → ~200).
app.use(compression({ level: 1, filter: (req, res) => !req.path.endsWith('/answers') && compression.filter(req, res) }))

app.use((req, res, next) => {
	// The client address as this server saw it; a client-sent value is never trusted.
	req.headers['x-remote-address'] = req.socket.remoteAddress ?? 'unknown'
	const length = Number(req.headers['content-length'] ?? 0)
	const limit = LARGE_BODY_PATHS.has(req.path) ? MAX_LARGE_BODY_BYTES : MAX_BODY_BYTES
	if (length > limit) {
		res.status(413).type('text/plain').send(`Request body larger than ${limit} bytes`)
		return
	}
	const allowed = isOriginAllowed({
		method: req.method,
		path: req.path,
		origin: req.headers.origin,
		authorization: req.headers.authorization,
		selfOrigin: `${req.protocol}://${req.get('host')}`,
		allowedOrigins: env.ALLOWED_ORIGINS,
	})
	if (!allowed) {
		logger.warn({ method: req.method, path: req.path, origin: req.headers.origin }, 'origin refused')
		res.status(403).type('text/plain').send('Cross-origin or origin-less form submission refused')
		return
	}
	next()
})

// `/sessions/:id.ics` and `/calendar/<token>.ics` are promised URLs, but a route param cannot carry a
// suffix: they are rewritten to the routes that serve them before anything else looks at the path.
// Remix builds its Request from `originalUrl`, so both are changed.
app.use((req, _res, next) => {
	const internal = req.method === 'GET' || req.method === 'HEAD' ? rewriteIcsUrl(req.url) : null
	if (internal) req.url = req.originalUrl = internal
	next()
})

if (viteDevServer) {
	app.use(viteDevServer.middlewares)
	watchContent()
} else {
	app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
	app.use(express.static('build/client', { maxAge: '1h' }))
}

const build = viteDevServer
	? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
	: ((await import(/* @vite-ignore */ `${process.cwd()}/build/server/index.js`)) as ServerBuild)

app.all('*', createRequestHandler({ build, mode: env.NODE_ENV }))

/** Grades open attempts past their deadline; a failure is logged and retried at the next tick. */
function sweepAttempts() {
	try {
		const closed = sweepExpiredAttempts(now(), SWEEP_BATCH)
		if (closed) logger.info({ closed }, 'expired exam attempts graded')
		// A full batch: more may be waiting. Continue after the requests queued meanwhile.
		if (closed === SWEEP_BATCH) setImmediate(sweepAttempts)
	} catch (error) {
		logger.error({ err: error }, 'exam attempt sweep failed')
	}
}

/** Rebuilds stale stored scores; once an hour, checks every alert rule against everyone's latest data and closes due periods. */
function kpiUpkeep() {
	try {
		const periods = recomputeStale()
		if (periods.length) logger.info({ periods }, 'KPI scores recomputed')
		if (now().getTime() - lastAlertCheck >= 3_600_000) {
			lastAlertCheck = now().getTime()
			const opened = evaluateAlerts()
			if (opened.length) logger.info({ opened: opened.length }, 'KPI alerts opened')
			// Closed months and quarters pay their on-target points and awards (idempotent, so simply rerun).
			const awarded = closeDuePeriods().filter((c) => c.payouts > 0 || c.badges.length > 0)
			if (awarded.length) logger.info({ periods: awarded.map((c) => ({ period: c.period, payouts: c.payouts, badges: c.badges.length })) }, 'periods closed')
		}
	} catch (error) {
		logger.error({ err: error }, 'KPI upkeep failed')
	}
}

/** In development, an edited content file is validated and synced at once. */
function watchContent() {
	let timer: NodeJS.Timeout | undefined
	fs.watch('content', { recursive: true }, () => {
		clearTimeout(timer)
		timer = setTimeout(() => {
			syncContent()
				.then((r) => logger.info({ compiled: r.compiled, removed: r.removed }, 'content synced'))
				.catch((error: unknown) => logger.error({ err: error }, 'content sync failed'))
		}, 200)
	})
}

// Exam day: up to thousands of browsers connect within a second (Node's default backlog of 511
// overflows, and the kernel resets the rest), and each autosaves every few seconds on a kept-alive
// connection that must outlive the gap between saves.
const server = http.createServer(app)
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
server.listen({ port: env.PORT, host: env.HOST, backlog: 4096 }, () => {
	logger.info({ port: env.PORT, mode: env.NODE_ENV }, `Ascent listening on http://localhost:${env.PORT}`)
})

function shutdown(signal: string) {
	logger.info({ signal }, 'shutting down')
	server.close(() => process.exit(0))
	setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
