import { getDb } from '#db/client.server.ts'
import type { BadgeCode } from '#db/schema/gamification.ts'
import { periodKind, periodRange, type Period } from '#app/modules/performance/periods.ts'
import { badgeCriteria, BADGE_CODES } from './badges.ts'
import { highValueAmount } from './rules.server.ts'

/**
 * The honours wall (荣誉墙): each period's awards — the badges given with a period (period close, 月度之星)
 * — newest period first, with who earned them and the figures behind each.
 */

export type Honour = {
	id: number
	badge: BadgeCode
	userId: number
	name: string
	teamZh: string | null
	teamEn: string | null
	evidence: Record<string, string | number>
}

export type HonoursPeriod = { period: Period; honours: Honour[]; hidden: number }

/** Newest first: by the period's last day, a quarter before the month that ends it. */
function newestFirst(a: Period, b: Period) {
	const byEnd = periodRange(b).to.localeCompare(periodRange(a).to)
	if (byEnd !== 0) return byEnd
	return (periodKind(a) === 'quarter' ? 0 : 1) - (periodKind(b) === 'quarter' ? 0 : 1)
}

/** Badge order on the wall: the catalogue's. */
const order = new Map(BADGE_CODES.map((code, i) => [code, i]))

/**
 * The last `periods` periods with awards; at most `perPeriod` awards each (the rest counted in
 * `hidden`: a month can have many high-value deals).
 */
export function honoursWall({ periods = 12, perPeriod = 40 }: { periods?: number; perPeriod?: number } = {}): HonoursPeriod[] {
	const raw = getDb().$client
	const all = (raw.prepare(`select distinct period from badge_awards where period is not null`).raw().all() as Array<[string]>).map(([p]) => p)
	const shown = all.sort(newestFirst).slice(0, periods)
	if (shown.length === 0) return []
	const rows = raw
		.prepare(
			`select a.id, a.badge, a.period, a.user_id as userId, u.name, t.name_zh as teamZh, t.name_en as teamEn, a.evidence
			 from badge_awards a join users u on u.id = a.user_id left join teams t on t.id = u.team_id
			 where a.period in (select value from json_each(?))
			 order by a.id`,
		)
		.all(JSON.stringify(shown)) as Array<Omit<Honour, 'evidence'> & { period: string; evidence: string }>
	const byPeriod = new Map<string, Honour[]>(shown.map((p) => [p, []]))
	for (const { period, evidence, ...row } of rows) byPeriod.get(period)!.push({ ...row, evidence: JSON.parse(evidence) as Honour['evidence'] })
	return shown.map((period) => {
		const honours = byPeriod.get(period)!.sort((a, b) => (order.get(a.badge) ?? 99) - (order.get(b.badge) ?? 99) || a.id - b.id)
		return { period, honours: honours.slice(0, perPeriod), hidden: Math.max(0, honours.length - perPeriod) }
	})
}

/** Each badge's criteria as problem strings (i18n key and values), with HR's current settings. */
export function badgeCriteriaTexts(): Record<BadgeCode, string> {
	const settings = { highValueAmount: highValueAmount() }
	return Object.fromEntries(BADGE_CODES.map((code) => [code, badgeCriteria(code, settings)])) as Record<BadgeCode, string>
}
