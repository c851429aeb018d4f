import { sql } from 'drizzle-orm'
import type { Tx } from '#db/client.server.ts'
import { kpiStalePeriods } from '#db/schema/performance.ts'
import { markAllKpiBoardsStale, markKpiBoardsStale } from '#app/modules/gamification/leaderboard.server.ts'
import { periodsContaining, type Period } from './periods.ts'

/**
 * Marks the stored scores of the periods these business dates fall in (their month and quarter) as out
 * of date; the next read rebuilds them. Call it in the transaction that changes a record, target,
 * template or deduction.
 */
export function markStale(tx: Tx, dates: Iterable<string>) {
	const periods = new Set<Period>()
	for (const date of dates) for (const period of periodsContaining(date)) periods.add(period)
	markPeriodsStale(tx, periods)
}

export function markPeriodsStale(tx: Tx, periods: Iterable<Period>) {
	const values = [...periods].map((period) => ({ period }))
	if (values.length === 0) return
	tx.insert(kpiStalePeriods).values(values).onConflictDoNothing().run()
	// The KPI and revenue leaderboards of these periods are built from the same data.
	markKpiBoardsStale(tx, values.map((v) => v.period))
}

/** Every period with stored scores (a template or indicator change touches them all). */
export function markAllStale(tx: Tx) {
	tx.run(sql`insert or ignore into kpi_stale_periods (period) select distinct period from kpi_scores`)
	markAllKpiBoardsStale(tx)
}
