import { getDb, prepared } from '#db/client.server.ts'
import type { PositionType } from '#db/schema/auth.ts'
import type { Indicator, ScoreDetail } from '#db/schema/performance.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { monthsOf, periodInstants, periodKind, periodRange, previousPeriod, quarterOf, type Period } from './periods.ts'
import { ratio } from './rollup.ts'
import { gapTo, weightedScore, type Goal, type Level } from './scoring.ts'

/**
 * Stored period scores (ADR 007). A period's scores are rebuilt in one pass — SQL aggregates the
 * records, the pure rules in scoring.ts score them — whenever the period is marked stale
 * (stale.server.ts) or has never been computed. Pages and leaderboards read the stored rows.
 */

/**
 * The raw connection: these reads and writes run many times per recompute, and drizzle's query
 * building would cost more than the queries. Inside `db.transaction` it is the same connection, so
 * they take part in the transaction.
 */
function client() {
	const db = getDb()
	return {
		/** Prepared once per connection and SQL text (prepare costs more than these small queries). */
		prepare: (sqlText: string) => prepared(sqlText, (d) => d.$client.prepare(sqlText), db),
	}
}

export function listIndicators(): Indicator[] {
	return client()
		.prepare(
			`select id, code, name_zh as nameZh, name_en as nameEn, category, unit, direction, grain, rollup,
			 numerator_code as numeratorCode, denominator_code as denominatorCode, source, exam_slug as examSlug, position
			 from indicators order by position, id`,
		)
		.all() as Indicator[]
}

export type ActiveTemplate = { id: number; version: number; weights: Map<number, number> }

/** Per position type, the template version scoring `period`: the latest one effective by its first month. */
export function activeTemplates(period: Period): Map<PositionType, ActiveTemplate> {
	const firstMonth = periodRange(period).from.slice(0, 7)
	const rows = client()
		.prepare(
			`select t.id, t.position_type as positionType, t.version, w.indicator_id as indicatorId, w.weight
			 from role_templates t join template_weights w on w.template_id = t.id
			 where t.id in (
			   select id from role_templates r where r.effective_from <= ? and r.effective_from = (
			     select max(effective_from) from role_templates x where x.position_type = r.position_type and x.effective_from <= ?))`,
		)
		.all(firstMonth, firstMonth) as Array<{ id: number; positionType: PositionType; version: number; indicatorId: number; weight: number }>
	const result = new Map<PositionType, ActiveTemplate>()
	for (const row of rows) {
		let template = result.get(row.positionType)
		if (!template) result.set(row.positionType, (template = { id: row.id, version: row.version, weights: new Map() }))
		template.weights.set(row.indicatorId, row.weight)
	}
	return result
}

/** Values by person, then indicator (a recompute touches 10,000 people × a dozen indicators). */
export class ByPerson<T> {
	readonly people = new Map<number, Map<number, T>>()
	get(userId: number, indicatorId: number): T | undefined {
		return this.people.get(userId)?.get(indicatorId)
	}
	has(userId: number, indicatorId: number) {
		return this.people.get(userId)?.has(indicatorId) ?? false
	}
	set(userId: number, indicatorId: number, value: T) {
		let row = this.people.get(userId)
		if (!row) this.people.set(userId, (row = new Map()))
		row.set(indicatorId, value)
	}
}

/**
 * Each person's value of each indicator over [from, to] (business dates), rolled up by the indicator's
 * rule; disputed records are left out. `userIds` limits the people (all when omitted).
 */
export function periodActuals(
	period: Period,
	indicators: readonly Indicator[],
	{ userIds }: { userIds?: readonly number[] } = {},
): ByPerson<number> {
	const { from, to } = periodRange(period)
	const byCode = new Map(indicators.map((i) => [i.code, i]))
	const filter = userIds ? `and user_id in (select value from json_each(?))` : ''
	const params: unknown[] = [from, to]
	if (userIds) params.push(JSON.stringify(userIds))
	// With exactly one max() in the query, SQLite takes the bare `value` from the row with the latest date.
	const rows = client()
		.prepare(
			`select user_id as u, indicator_id as i, sum(value) as s, avg(value) as a, max(date) as d, value as l
			 from kpi_records where date between ? and ? and status = 'valid' ${filter}
			 group by user_id, indicator_id`,
		)
		.raw()
		.all(...params) as Array<[number, number, number, number, string, number]>
	// Σ per indicator and person, for ratio indicators.
	const sums = new Map<number, Map<number, number>>()
	const actuals = new ByPerson<number>()
	const ruleOf = new Map(indicators.map((i) => [i.id, i.rollup]))
	for (const [u, i, s, a, , l] of rows) {
		let byUser = sums.get(i)
		if (!byUser) sums.set(i, (byUser = new Map()))
		byUser.set(u, s)
		const rule = ruleOf.get(i)
		if (rule === 'sum') actuals.set(u, i, s)
		else if (rule === 'avg') actuals.set(u, i, a)
		else if (rule === 'last') actuals.set(u, i, l)
	}
	for (const indicator of indicators) {
		if (indicator.rollup === 'ratio') {
			const num = byCode.get(indicator.numeratorCode ?? '')
			const den = byCode.get(indicator.denominatorCode ?? '')
			if (!num || !den) continue
			const numerators = sums.get(num.id)
			for (const [u, denominator] of sums.get(den.id) ?? []) {
				const value = ratio(numerators?.get(u) ?? 0, denominator, indicator.unit)
				if (value !== null) actuals.set(u, indicator.id, value)
			}
		}
		if (indicator.source === 'exam' && indicator.examSlug) {
			const { start, end } = periodInstants(period)
			const examRows = client()
				.prepare(
					`select a.user_id, max(a.score) from exam_attempts a join exams e on e.id = a.exam_id
					 where e.slug = ? and a.status = 'graded' and a.closed_at >= ? and a.closed_at < ? ${filter.replace('user_id', 'a.user_id')}
					 group by a.user_id`,
				)
				.raw()
				.all(...[indicator.examSlug, start.getTime(), end.getTime(), ...(userIds ? [JSON.stringify(userIds)] : [])]) as Array<
				[number, number]
			>
			// The best graded score in the period (a later, worse attempt does not undo a pass).
			for (const [u, best] of examRows) actuals.set(u, indicator.id, best)
		}
	}
	return actuals
}

/**
 * Goals for a period. A month without its own targets takes its quarter's: summed indicators a third
 * of the quarter's, the others as they are.
 */
export function periodGoals(
	period: Period,
	indicators: readonly Indicator[],
	{ userIds }: { userIds?: readonly number[] } = {},
): ByPerson<Goal> {
	const filter = userIds ? `and user_id in (select value from json_each(?))` : ''
	const read = (p: Period) =>
		client()
			.prepare(`select user_id, indicator_id, baseline, target, challenge from kpi_targets where period = ? ${filter}`)
			.raw()
			.all(...[p, ...(userIds ? [JSON.stringify(userIds)] : [])]) as Array<[number, number, number, number, number]>
	const goals = new ByPerson<Goal>()
	if (periodKind(period) === 'month') {
		const ruleOf = new Map(indicators.map((i) => [i.id, i.rollup]))
		for (const [u, i, baseline, target, challenge] of read(quarterOf(`${period}-01`))) {
			const share = ruleOf.get(i) === 'sum' ? 1 / 3 : 1
			goals.set(u, i, { baseline: baseline * share, target: target * share, challenge: challenge * share })
		}
	}
	for (const [u, i, baseline, target, challenge] of read(period)) goals.set(u, i, { baseline, target, challenge })
	return goals
}

function deductions(period: Period, userIds?: readonly number[]): Map<number, number> {
	const { from, to } = periodRange(period)
	const filter = userIds ? `and user_id in (select value from json_each(?))` : ''
	const rows = client()
		.prepare(`select user_id, sum(deduction) from integrity_violations where occurred_on between ? and ? ${filter} group by user_id`)
		.raw()
		.all(...[from, to, ...(userIds ? [JSON.stringify(userIds)] : [])]) as Array<[number, number]>
	return new Map(rows)
}

type Person = { id: number; positionType: PositionType }

export type PersonScore = {
	userId: number
	templateId: number | null
	templateVersion: number | null
	score: number | null
	deduction: number
	level: Level | null
	atBaseline: number | null
	atChallenge: number | null
	detail: ScoreDetail[]
}

/**
 * Scores people for a period from the records, targets, templates and deductions: the weighted
 * indicators of their template, then any other indicator they have a target or a value for (weight 0,
 * shown but not counted — e.g. 产品知识测试得分).
 */
export function computeScores(period: Period, people: readonly Person[], userIds?: readonly number[]): PersonScore[] {
	const indicators = listIndicators()
	const byId = new Map(indicators.map((i) => [i.id, i]))
	const templates = activeTemplates(period)
	const actuals = periodActuals(period, indicators, { userIds })
	const goals = periodGoals(period, indicators, { userIds })
	const deducted = deductions(period, userIds)
	// Capability indicators outside the template (e.g. the exam score) are shown when the person has a value or a target.
	const capability = indicators.filter((i) => i.category === 'capability').map((i) => i.id)
	return people.map((person) => {
		const template = templates.get(person.positionType) ?? null
		const own = actuals.people.get(person.id)
		const targeted = goals.people.get(person.id)
		const all = [...(template?.weights.keys() ?? [])]
		for (const id of capability) if (!template?.weights.has(id) && (own?.has(id) || targeted?.has(id))) all.push(id)
		const inputs = all.map((indicatorId) => ({
			indicatorId,
			weight: template?.weights.get(indicatorId) ?? 0,
			direction: byId.get(indicatorId)!.direction,
			goal: targeted?.get(indicatorId) ?? null,
			actual: own?.get(indicatorId) ?? null,
		}))
		const deduction = deducted.get(person.id) ?? 0
		const result = weightedScore(inputs, deduction)
		return {
			userId: person.id,
			templateId: template?.id ?? null,
			templateVersion: template?.version ?? null,
			score: result.score,
			deduction,
			level: result.level,
			atBaseline: result.atBaseline,
			atChallenge: result.atChallenge,
			detail: inputs.map((input, n) => ({
				indicatorId: input.indicatorId,
				weight: input.weight,
				goal: input.goal,
				actual: input.actual,
				achievement: result.items[n]!.achievement,
				capped: result.items[n]!.capped,
				level: result.items[n]!.level,
			})),
		}
	})
}

function scoredPeople(): Person[] {
	return client()
		.prepare(`select id, position_type as positionType from users where position_type is not null and deactivated_at is null order by id`)
		.all() as Person[]
}

/** Rebuilds every stored score of a period, in one transaction, and clears its stale mark. */
export function recomputePeriod(period: Period, db = getDb()) {
	return db.transaction(() => {
		const scores = computeScores(period, scoredPeople())
		const raw = client()
		raw.prepare(`delete from kpi_scores where period = ?`).run(period)
		const insert = raw.prepare(
			`insert into kpi_scores (user_id, period, template_id, weighted_score, deduction, level, detail, computed_at)
			 values (?, ?, ?, ?, ?, ?, ?, ?)`,
		)
		const at = now().getTime()
		for (const s of scores)
			insert.run(s.userId, period, s.templateId, s.score, s.deduction, s.level, JSON.stringify(s.detail), at)
		raw.prepare(`delete from kpi_stale_periods where period = ?`).run(period)
		return scores.length
	}, { behavior: 'immediate' })
}

/** Recomputes the period when it is stale or was never computed; cheap when it is fresh. */
export function ensureFresh(period: Period, db = getDb()) {
	const raw = client()
	const stale = raw.prepare(`select 1 from kpi_stale_periods where period = ?`).get(period)
	const computed = raw.prepare(`select 1 from kpi_scores where period = ? limit 1`).get(period)
	if (stale || !computed) recomputePeriod(period, db)
}

/** Rebuilds every stale period (after an import, and on a timer), most recent first. */
export function recomputeStale(db = getDb()): Period[] {
	const periods = (client().prepare(`select period from kpi_stale_periods order by period desc`).raw().all() as Array<[string]>).map(
		([p]) => p,
	)
	for (const period of periods) recomputePeriod(period, db)
	return periods
}

type StoredRow = { userId: number; score: number | null; deduction: number; level: Level | null; detail: string; templateId: number | null }

/** Stored scores of these people for a period (recomputed first when stale). */
export function teamScores(userIds: readonly number[], period: Period, db = getDb()) {
	ensureFresh(period, db)
	const rows = client()
		.prepare(
			`select user_id as userId, weighted_score as score, deduction, level, detail, template_id as templateId
			 from kpi_scores where period = ? and user_id in (select value from json_each(?))`,
		)
		.all(period, JSON.stringify(userIds)) as StoredRow[]
	return rows.map((r) => ({ userId: r.userId, score: r.score, deduction: r.deduction, level: r.level, detail: JSON.parse(r.detail) as ScoreDetail[] }))
}

export type KpiIndicatorView = {
	indicator: Pick<Indicator, 'id' | 'code' | 'nameZh' | 'nameEn' | 'category' | 'unit' | 'direction' | 'rollup'>
	weight: number
	goal: Goal | null
	actual: number | null
	achievement: number | null
	capped: number | null
	level: Level | null
	gap: { target: number; challenge: number } | null
}

export type KpiView = {
	userId: number
	period: Period
	positionType: PositionType | null
	templateVersion: number | null
	score: number | null
	deduction: number
	level: Level | null
	atBaseline: number | null
	atChallenge: number | null
	indicators: KpiIndicatorView[]
	disputedCount: number
}

/** One person's scored period, as /kpi shows it. */
export function kpiViewFor(userId: number, period: Period): KpiView {
	const raw = client()
	const person = raw.prepare(`select position_type as positionType from users where id = ?`).get(userId) as
		| { positionType: PositionType | null }
		| undefined
	const positionType = person?.positionType ?? null
	const { from, to } = periodRange(period)
	const disputedCount = (
		raw.prepare(`select count(*) as n from kpi_records where user_id = ? and date between ? and ? and status = 'disputed'`).get(userId, from, to) as {
			n: number
		}
	).n
	if (!positionType)
		return { userId, period, positionType, templateVersion: null, score: null, deduction: 0, level: null, atBaseline: null, atChallenge: null, indicators: [], disputedCount }
	// One person is cheap to score directly, and a deactivated person has no stored row.
	const [score] = computeScores(period, [{ id: userId, positionType }], [userId])
	const indicators = new Map(listIndicators().map((i) => [i.id, i]))
	return {
		userId,
		period,
		positionType,
		templateVersion: score!.templateVersion,
		score: score!.score,
		deduction: score!.deduction,
		level: score!.level,
		atBaseline: score!.atBaseline,
		atChallenge: score!.atChallenge,
		disputedCount,
		indicators: score!.detail.map((d) => {
			const i = indicators.get(d.indicatorId)!
			return {
				indicator: { id: i.id, code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, category: i.category, unit: i.unit, direction: i.direction, rollup: i.rollup },
				weight: d.weight,
				goal: d.goal,
				actual: d.actual,
				achievement: d.achievement,
				capped: d.capped,
				level: d.level,
				gap: d.goal ? gapTo(d.actual, d.goal, i.direction) : null,
			}
		}),
	}
}

/** Month-by-month actual and target of each indicator a person is scored on. */
export function monthlyTrend(userId: number, months: readonly Period[]) {
	const indicators = listIndicators()
	const series = new Map<number, Array<{ period: Period; actual: number | null; target: number | null }>>()
	const person = client().prepare(`select position_type as positionType from users where id = ?`).get(userId) as
		| { positionType: PositionType | null }
		| undefined
	for (const month of months) {
		const weights = person?.positionType ? activeTemplates(month).get(person.positionType)?.weights : undefined
		const actuals = periodActuals(month, indicators, { userIds: [userId] })
		const goals = periodGoals(month, indicators, { userIds: [userId] })
		for (const indicator of indicators) {
			const id = indicator.id
			if (!weights?.has(id) && !actuals.has(userId, id) && !goals.has(userId, id)) continue
			let points = series.get(id)
			if (!points) series.set(id, (points = []))
			points.push({ period: month, actual: actuals.get(userId, id) ?? null, target: goals.get(userId, id)?.target ?? null })
		}
	}
	// Every series covers every month, so charts line up.
	return [...series].map(([indicatorId, points]) => ({
		indicatorId,
		points: months.map((period) => points.find((p) => p.period === period) ?? { period, actual: null, target: null }),
	}))
}

export function currentPeriods(today = businessDate(now())) {
	const quarter = quarterOf(today)
	return { quarter, previousQuarter: previousPeriod(quarter), month: today.slice(0, 7), months: monthsOf(quarter) }
}

/** Σ of a summed indicator's raw values per day, or a ratio indicator's daily value (alerts read this). */
export function dailyValues(
	indicator: Indicator,
	{ from, to, userIds }: { from: string; to: string; userIds?: readonly number[] },
): Map<number, Array<{ key: string; value: number }>> {
	const filter = userIds ? `and user_id in (select value from json_each(?))` : ''
	const params = (ids: number[]) => [...ids, from, to, ...(userIds ? [JSON.stringify(userIds)] : [])]
	const result = new Map<number, Array<{ key: string; value: number }>>()
	const push = (u: number, date: string, value: number) => {
		let list = result.get(u)
		if (!list) result.set(u, (list = []))
		list.push({ key: date, value })
	}
	if (indicator.rollup === 'ratio') {
		const ids = client()
			.prepare(`select (select id from indicators where code = ?), (select id from indicators where code = ?)`)
			.raw()
			.get(indicator.numeratorCode, indicator.denominatorCode) as [number | null, number | null]
		if (ids[0] === null || ids[1] === null) return result
		const rows = client()
			.prepare(
				`select user_id, date, sum(case when indicator_id = ? then value else 0 end), sum(case when indicator_id = ? then value else 0 end)
				 from kpi_records where indicator_id in (?, ?) and date between ? and ? and status = 'valid' ${filter}
				 group by user_id, date order by user_id, date`,
			)
			.raw()
			.all(ids[0], ids[1], ...params([ids[0], ids[1]])) as Array<[number, string, number, number]>
		for (const [u, date, num, den] of rows) {
			const value = ratio(num, den, indicator.unit)
			if (value !== null) push(u, date, value)
		}
		return result
	}
	const rows = client()
		.prepare(
			`select user_id, date, sum(value), avg(value) from kpi_records
			 where indicator_id = ? and date between ? and ? and status = 'valid' ${filter}
			 group by user_id, date order by user_id, date`,
		)
		.raw()
		.all(...params([indicator.id])) as Array<[number, string, number, number]>
	for (const [u, date, sum, avg] of rows) push(u, date, indicator.rollup === 'avg' ? avg : sum)
	return result
}
