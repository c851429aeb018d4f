import { eq, like } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { auditLog } from '#db/schema/audit.ts'
import { indicators, kpiRecords, kpiStalePeriods, kpiTargets } from '#db/schema/performance.ts'

export type Outcome = { status: number; body?: unknown; response?: Response }

/** What the browser would get from a loader or action: its data (with the status a `data()` sets) or a Response. */
export async function run(fn: () => Promise<unknown>): Promise<Outcome> {
	try {
		const value = await fn()
		if (value instanceof Response) return { status: value.status, response: value }
		if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit') {
			const wrapped = value as { data: unknown; init: ResponseInit | null }
			return { status: wrapped.init?.status ?? 200, body: wrapped.data }
		}
		return { status: 200, body: value }
	} catch (error) {
		if (error instanceof Response) return { status: error.status, response: error }
		throw error
	}
}

export const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

/** A seeded indicator's id by its code. */
export function indicatorId(code: string) {
	return getDb().select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code)).get()!.id
}

/** A target straight into the table (its original target is the target). */
export function insertTarget(userId: number, code: string, period: string, baseline: number, target: number, challenge: number) {
	getDb().insert(kpiTargets).values({ userId, indicatorId: indicatorId(code), period, baseline, target, challenge, originalTarget: target }).run()
}

/** An imported record straight into the table (status as the table's default unless given); its id. */
export function insertRecord(userId: number, code: string, date: string, value: number, status?: 'valid' | 'disputed') {
	return getDb()
		.insert(kpiRecords)
		.values({ userId, indicatorId: indicatorId(code), date, value, source: 'import', status })
		.returning({ id: kpiRecords.id })
		.get().id
}

/** The seed's sales-rep targets for a quarter. */
export function repTargets(userId: number, period = '2026-Q4') {
	insertTarget(userId, 'revenue', period, 800_000, 1_000_000, 1_300_000)
	insertTarget(userId, 'new_customers', period, 6, 8, 12)
	insertTarget(userId, 'lead_conversion', period, 10, 15, 20)
	insertTarget(userId, 'weekly_visits', period, 12, 15, 20)
	insertTarget(userId, 'complaint_satisfaction', period, 85, 90, 95)
}

/** Audit rows whose action starts with `prefix`, oldest first, with their data parsed. */
export const auditsLike = (prefix: string) =>
	getDb()
		.select()
		.from(auditLog)
		.where(like(auditLog.action, `${prefix}%`))
		.orderBy(auditLog.id)
		.all()
		.map((row) => ({ ...row, data: JSON.parse(row.data) as Record<string, unknown> }))

/** The periods marked stale, sorted. */
export const stalePeriods = () =>
	getDb()
		.select({ period: kpiStalePeriods.period })
		.from(kpiStalePeriods)
		.all()
		.map((r) => r.period)
		.sort()
