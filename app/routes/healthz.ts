import { sql } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import pkg from '../../package.json' with { type: 'json' }

// public: load balancers and uptime checks call it without a session; it reveals no data.
export function loader() {
	let dbOk = false
	try {
		dbOk = getDb().get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1
	} catch {
		dbOk = false
	}
	return Response.json(
		{ status: dbOk ? 'ok' : 'degraded', db: dbOk ? 'ok' : 'error', version: pkg.version },
		{ status: dbOk ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
	)
}
