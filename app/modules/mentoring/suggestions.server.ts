import { getDb } from '#db/client.server.ts'
import type { ScoreDetail } from '#db/schema/performance.ts'
import { openAlertsFor } from '#app/modules/performance/alerts.server.ts'
import { monthOf, previousPeriod, quarterOf } from '#app/modules/performance/periods.ts'
import { ensureFresh, listIndicators } from '#app/modules/performance/scores.server.ts'
import { mentorOptions, today } from './pairings.server.ts'
import { rankMentors, type Achievements, type Candidate, type Need, type Suggestion } from './suggestions.ts'

/**
 * Pairing suggestions for a set of people (a manager's team, or everyone for HR). Needs: below baseline
 * on a process indicator in the last closed month (stored monthly scores), or an open alert; people
 * already paired are left out. Mentors: ranked by suggestions.ts on their mean achievement over the
 * last two closed quarters (stored quarterly scores).
 */

export type SuggestionRow = Need & {
	indicator: { code: string; nameZh: string; nameEn: string; unit: string }
	month: string
	suggestions: Array<Suggestion & { regionZh: string | null; regionEn: string | null }>
}

type StoredDetail = { userId: number; detail: string }

function storedDetails(period: string): Map<number, ScoreDetail[]> {
	ensureFresh(period)
	const rows = getDb().$client.prepare(`select user_id as userId, detail from kpi_scores where period = ?`).all(period) as StoredDetail[]
	return new Map(rows.map((r) => [r.userId, JSON.parse(r.detail) as ScoreDetail[]]))
}

type Person = { id: number; name: string; positionType: string | null; regionId: number | null; paired: number }

function peopleOf(userIds: readonly number[] | 'all', day: string): Person[] {
	const filter = userIds === 'all' ? '' : 'and u.id in (select value from json_each(?))'
	const params: unknown[] = [day, day]
	if (userIds !== 'all') params.push(JSON.stringify(userIds))
	return getDb()
		.$client.prepare(
			`select u.id, u.name, u.position_type as positionType, t.region_id as regionId,
			   exists (select 1 from mentor_pairings p where p.mentee_id = u.id and p.starts_on <= ? and (p.ends_on is null or p.ends_on > ?)) as paired
			 from users u left join teams t on t.id = u.team_id
			 where u.deactivated_at is null and u.position_type is not null ${filter} order by u.name, u.id`,
		)
		.all(...params) as Person[]
}

export function pairingSuggestions(userIds: readonly number[] | 'all'): SuggestionRow[] {
	const day = today()
	const month = previousPeriod(monthOf(day))
	const lastQuarter = previousPeriod(quarterOf(day))
	const indicators = listIndicators()
	const byId = new Map(indicators.map((i) => [i.id, i]))
	const byCode = new Map(indicators.map((i) => [i.code, i]))

	const scope = peopleOf(userIds, day).filter((p) => !p.paired)
	if (scope.length === 0) return []
	const monthly = storedDetails(month)
	const needs = new Map<string, Need>()
	for (const alert of openAlertsFor(scope.map((p) => p.id))) {
		const person = scope.find((p) => p.id === alert.userId)!
		const indicator = byCode.get(alert.indicator.code)
		if (!indicator) continue
		needs.set(`${person.id}:${indicator.id}`, {
			menteeId: person.id,
			menteeName: person.name,
			positionType: person.positionType!,
			regionId: person.regionId,
			indicatorId: indicator.id,
			reason: 'alert',
			value: alert.values.at(-1) ?? null,
		})
	}
	for (const person of scope)
		for (const d of monthly.get(person.id) ?? []) {
			const indicator = byId.get(d.indicatorId)
			// No records at all is missing data, not a weakness to coach.
			if (!indicator || indicator.category !== 'process' || d.weight === 0 || d.level !== 'below' || d.actual === null) continue
			const key = `${person.id}:${indicator.id}`
			if (needs.has(key)) continue
			needs.set(key, {
				menteeId: person.id,
				menteeName: person.name,
				positionType: person.positionType!,
				regionId: person.regionId,
				indicatorId: indicator.id,
				reason: 'below',
				value: d.actual,
			})
		}
	if (needs.size === 0) return []

	// Mean achievement per person and indicator over the last two closed quarters.
	const sums = new Map<number, Map<number, { sum: number; n: number }>>()
	for (const quarter of [lastQuarter, previousPeriod(lastQuarter)])
		for (const [userId, details] of storedDetails(quarter))
			for (const d of details) {
				if (d.achievement === null || d.actual === null) continue
				let row = sums.get(d.indicatorId)
				if (!row) sums.set(d.indicatorId, (row = new Map()))
				const slot = row.get(userId) ?? { sum: 0, n: 0 }
				slot.sum += d.achievement
				slot.n++
				row.set(userId, slot)
			}
	const achievementsOf = new Map<number, Achievements>()
	for (const [indicatorId, row] of sums) achievementsOf.set(indicatorId, new Map([...row].map(([u, s]) => [u, s.sum / s.n])))

	const everyone = peopleOf('all', day)
	const mentors = mentorOptions(day)
	const candidates: Candidate[] = mentors.map((m) => ({ id: m.id, name: m.name, positionType: m.positionType, regionId: m.regionId, capacityLeft: m.left }))
	const regionOf = new Map(mentors.map((m) => [m.id, { regionZh: m.regionZh, regionEn: m.regionEn }]))

	return [...needs.values()]
		.sort((a, b) => Number(b.reason === 'alert') - Number(a.reason === 'alert') || a.menteeName.localeCompare(b.menteeName, 'zh-CN') || a.indicatorId - b.indicatorId)
		.map((need) => {
			const achievements = achievementsOf.get(need.indicatorId) ?? new Map()
			const population = everyone.filter((p) => p.positionType === need.positionType).map((p) => p.id)
			const indicator = byId.get(need.indicatorId)!
			return {
				...need,
				indicator: { code: indicator.code, nameZh: indicator.nameZh, nameEn: indicator.nameEn, unit: indicator.unit },
				month,
				suggestions: rankMentors(need, candidates, achievements, population).map((s) => ({ ...s, ...regionOf.get(s.mentorId)! })),
			}
		})
}
