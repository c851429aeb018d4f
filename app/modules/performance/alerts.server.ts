import { and, desc, eq, inArray, ne } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { teams, users } from '#db/schema/auth.ts'
import { alertRules, indicators, kpiAlerts, type AlertComparison } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { isManagerOf, type AuthUser } from '#app/modules/auth/users.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { isMentorOf, menteesOf } from './access.server.ts'
import { breakingRun } from './alerts.ts'
import { addDays } from './periods.ts'
import { dailyValues, listIndicators } from './scores.server.ts'

/** How far back a run may start beyond its own length: a weekend without data does not hide it. */
const LOOKBACK_SLACK_DAYS = 7

function nextKey(grain: 'day' | 'week' | 'month') {
	return (key: string) => {
		if (grain === 'day') return addDays(key, 1)
		if (grain === 'week') return addDays(key, 7)
		const d = new Date(`${key}T00:00:00Z`)
		d.setUTCMonth(d.getUTCMonth() + 1)
		return d.toISOString().slice(0, 10)
	}
}

const GRAIN_DAYS = { day: 1, week: 7, month: 31 } as const

/**
 * Checks every active rule against the latest data (ARCHITECTURE §4: e.g. 线索转化率 < 10 % for 3
 * consecutive days) and opens an alert for each person who breaks it and has none open for that rule.
 * Runs after every import or API batch (for the people in it) and daily (for everyone). Returns the
 * ids of the alerts it opened.
 */
export function evaluateAlerts({ userIds, today = businessDate(now()) }: { userIds?: readonly number[]; today?: string } = {}) {
	const db = getDb()
	const rules = db.select().from(alertRules).where(eq(alertRules.active, true)).all()
	if (rules.length === 0 || userIds?.length === 0) return []
	const byId = new Map(listIndicators().map((i) => [i.id, i]))
	const opened: number[] = []
	for (const rule of rules) {
		const indicator = byId.get(rule.indicatorId)
		if (!indicator) continue
		const span = (rule.consecutive + LOOKBACK_SLACK_DAYS) * GRAIN_DAYS[indicator.grain]
		const series = dailyValues(indicator, { from: addDays(today, -span), to: today, userIds })
		const runs: Array<{ userId: number; run: NonNullable<ReturnType<typeof breakingRun>> }> = []
		for (const [userId, points] of series) {
			const run = breakingRun(points, rule, nextKey(indicator.grain))
			if (run) runs.push({ userId, run })
		}
		if (runs.length === 0) continue
		db.transaction((tx) => {
			const open = new Set(
				tx
					.select({ userId: kpiAlerts.userId })
					.from(kpiAlerts)
					.where(and(eq(kpiAlerts.ruleId, rule.id), ne(kpiAlerts.status, 'resolved')))
					.all()
					.map((r) => r.userId),
			)
			for (const { userId, run } of runs) {
				if (open.has(userId)) continue
				const { id } = tx
					.insert(kpiAlerts)
					.values({ ruleId: rule.id, userId, fromDate: run.from, toDate: run.to, values: run.values, openedAt: now() })
					.returning({ id: kpiAlerts.id })
					.get()
				recordAudit(tx, {
					actorId: null,
					actorRole: 'system',
					action: 'kpi.alert.open',
					entity: 'kpi_alert',
					entityId: id,
					data: { ruleId: rule.id, userId, from: run.from, to: run.to, values: run.values },
				})
				opened.push(id)
			}
		}, { behavior: 'immediate' })
	}
	return opened
}

/** After an import or API batch: the rules, for the people whose records it touched. */
export function evaluateAlertsFor(userIds: readonly number[]) {
	return evaluateAlerts({ userIds })
}

export type AlertView = {
	id: number
	ruleId: number
	userId: number
	userName: string
	status: 'open' | 'acknowledged'
	fromDate: string
	toDate: string
	values: number[]
	indicator: { code: string; nameZh: string; nameEn: string; unit: string }
	comparison: AlertComparison
	threshold: number
	consecutive: number
	grain: 'day' | 'week' | 'month'
	openedAt: Date
	acknowledgedAt: Date | null
	acknowledgeNote: string | null
	/** Knowledge-base articles tagged with the indicator (objection scripts first): what to work on. */
	recommended: Array<{ slug: string; title: string; titleEn: string }>
}

const RECOMMENDED_PER_ALERT = 3

/** Articles whose `indicators` frontmatter names the indicator, objection scripts and cases first. */
function recommendedFor(codes: readonly string[]) {
	const result = new Map<string, AlertView['recommended']>()
	for (const code of new Set(codes)) {
		const rows = getDb()
			.$client.prepare(
				`select slug, title, title_en as titleEn from kb_articles
				 where exists (select 1 from json_each(kb_articles.indicators) where value = ?)
				 order by case type when 'objection' then 0 when 'case' then 1 else 2 end, updated_on desc, slug limit ?`,
			)
			.all(code, RECOMMENDED_PER_ALERT) as AlertView['recommended']
		result.set(code, rows)
	}
	return result
}

/** Unresolved alerts of these people, newest first. */
export function openAlertsFor(userIds: readonly number[]): AlertView[] {
	if (userIds.length === 0) return []
	const rows = getDb()
		.select({
			id: kpiAlerts.id,
			ruleId: kpiAlerts.ruleId,
			userId: kpiAlerts.userId,
			userName: users.name,
			status: kpiAlerts.status,
			fromDate: kpiAlerts.fromDate,
			toDate: kpiAlerts.toDate,
			values: kpiAlerts.values,
			code: indicators.code,
			nameZh: indicators.nameZh,
			nameEn: indicators.nameEn,
			unit: indicators.unit,
			grain: indicators.grain,
			comparison: alertRules.comparison,
			threshold: alertRules.threshold,
			consecutive: alertRules.consecutive,
			openedAt: kpiAlerts.openedAt,
			acknowledgedAt: kpiAlerts.acknowledgedAt,
			acknowledgeNote: kpiAlerts.acknowledgeNote,
		})
		.from(kpiAlerts)
		.innerJoin(alertRules, eq(alertRules.id, kpiAlerts.ruleId))
		.innerJoin(indicators, eq(indicators.id, alertRules.indicatorId))
		.innerJoin(users, eq(users.id, kpiAlerts.userId))
		.where(and(inArray(kpiAlerts.userId, [...userIds]), ne(kpiAlerts.status, 'resolved')))
		.orderBy(desc(kpiAlerts.openedAt), desc(kpiAlerts.id))
		.all()
	const recommended = recommendedFor(rows.map((r) => r.code))
	return rows.map(({ code, nameZh, nameEn, unit, status, ...rest }) => ({
		...rest,
		status: status === 'acknowledged' ? 'acknowledged' : 'open',
		indicator: { code, nameZh, nameEn, unit },
		recommended: recommended.get(code) ?? [],
	}))
}

/** The people whose alerts a viewer sees: themselves, their mentees, their team (managers), everyone (HR). */
export function alertSubjectsOf(viewer: Pick<AuthUser, 'id' | 'roles'>): number[] | 'all' {
	if (viewer.roles.includes('hr_admin')) return 'all'
	const ids = new Set<number>([viewer.id])
	for (const mentee of menteesOf(viewer.id)) ids.add(mentee.id)
	if (viewer.roles.includes('manager'))
		for (const member of getDb()
			.select({ id: users.id })
			.from(users)
			.innerJoin(teams, eq(teams.id, users.teamId))
			.where(eq(teams.managerId, viewer.id))
			.all())
			ids.add(member.id)
	return [...ids]
}

export function alertsVisibleTo(viewer: Pick<AuthUser, 'id' | 'roles'>): AlertView[] {
	const subjects = alertSubjectsOf(viewer)
	if (subjects !== 'all') return openAlertsFor(subjects)
	const everyone = getDb()
		.selectDistinct({ userId: kpiAlerts.userId })
		.from(kpiAlerts)
		.where(ne(kpiAlerts.status, 'resolved'))
		.all()
		.map((r) => r.userId)
	return openAlertsFor(everyone)
}

export type AlertDecision = { ok: true } | { ok: false; reason: 'notFound' | 'forbidden' | 'resolved' }

/** Only the person's mentor, their manager or HR act on an alert; the person sees it but does not close it. */
function mayAct(actor: Pick<AuthUser, 'id' | 'roles'>, userId: number) {
	if (actor.id === userId) return false
	if (actor.roles.includes('hr_admin')) return true
	return (actor.roles.includes('manager') && isManagerOf(actor.id, userId)) || isMentorOf(actor.id, userId)
}

function decide(alertId: number, note: string, actor: Pick<AuthUser, 'id' | 'roles'>, to: 'acknowledged' | 'resolved'): AlertDecision {
	return getDb().transaction((tx) => {
		const alert = tx.select().from(kpiAlerts).where(eq(kpiAlerts.id, alertId)).get()
		if (!alert) return { ok: false, reason: 'notFound' } as const
		if (!mayAct(actor, alert.userId)) return { ok: false, reason: 'forbidden' } as const
		if (alert.status === 'resolved') return { ok: false, reason: 'resolved' } as const
		const at = now()
		tx.update(kpiAlerts)
			.set(
				to === 'acknowledged'
					? { status: 'acknowledged', acknowledgedById: actor.id, acknowledgedAt: at, acknowledgeNote: note }
					: { status: 'resolved', resolvedById: actor.id, resolvedAt: at, resolveNote: note },
			)
			.where(eq(kpiAlerts.id, alertId))
			.run()
		recordAudit(tx, {
			actorId: actor.id,
			actorRole: actor.roles.includes('hr_admin') ? 'hr_admin' : actor.roles.includes('manager') ? 'manager' : 'mentor',
			action: to === 'acknowledged' ? 'kpi.alert.acknowledge' : 'kpi.alert.resolve',
			entity: 'kpi_alert',
			entityId: alertId,
			data: { before: { status: alert.status }, after: { status: to } },
			reason: note,
		})
		return { ok: true } as const
	}, { behavior: 'immediate' })
}

export function acknowledgeAlert(alertId: number, note: string, actor: Pick<AuthUser, 'id' | 'roles'>) {
	return decide(alertId, note, actor, 'acknowledged')
}

export function resolveAlert(alertId: number, note: string, actor: Pick<AuthUser, 'id' | 'roles'>) {
	return decide(alertId, note, actor, 'resolved')
}
