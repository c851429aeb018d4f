import { asc, desc, eq } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { alertComparisons, alertRules, indicators, type AlertComparison, type AlertRule, type Indicator } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import type { AuthUser } from '#app/modules/auth/users.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { CONSECUTIVE_MAX, CONSECUTIVE_MIN } from './alerts.ts'

/**
 * HR's alert rules (ADR 007): "indicator, comparison, threshold, N consecutive periods of the
 * indicator's grain". Every change is audited with before and after; a rule is never deleted (open
 * alerts point at it), only deactivated.
 */


type Actor = Pick<AuthUser, 'id' | 'roles'>

/** Exam indicators have no daily series (they read graded attempts), so no rule can watch them. */
export function acceptsAlertRules(indicator: Pick<Indicator, 'source'>) {
	return indicator.source !== 'exam'
}

/** The indicators a rule may watch, in display order. */
export function alertableIndicators(tx: Tx = getDb()): Indicator[] {
	return tx.select().from(indicators).orderBy(asc(indicators.position), asc(indicators.id)).all().filter(acceptsAlertRules)
}

/** Every rule, active ones first, with its indicator and who created it. */
export function listAlertRules(tx: Tx = getDb()) {
	return tx
		.select({
			id: alertRules.id,
			indicatorId: alertRules.indicatorId,
			comparison: alertRules.comparison,
			threshold: alertRules.threshold,
			consecutive: alertRules.consecutive,
			active: alertRules.active,
			createdAt: alertRules.createdAt,
			createdByName: users.name,
			indicator: { code: indicators.code, nameZh: indicators.nameZh, nameEn: indicators.nameEn, unit: indicators.unit, grain: indicators.grain },
		})
		.from(alertRules)
		.innerJoin(indicators, eq(indicators.id, alertRules.indicatorId))
		.leftJoin(users, eq(users.id, alertRules.createdById))
		.orderBy(desc(alertRules.active), asc(indicators.position), asc(alertRules.id))
		.all()
}

export type AlertRuleInput = {
	/** Absent for a new rule. */
	id?: number
	indicatorId: number
	comparison: AlertComparison
	threshold: number
	consecutive: number
}

export type AlertRuleRefusal = 'forbidden' | 'notFound' | 'indicator' | 'comparison' | 'threshold' | 'consecutive'

/** What a rule is, for the audit trail. */
function snapshot(rule: Pick<AlertRule, 'indicatorId' | 'comparison' | 'threshold' | 'consecutive' | 'active'>) {
	return {
		indicatorId: rule.indicatorId,
		comparison: rule.comparison,
		threshold: rule.threshold,
		consecutive: rule.consecutive,
		active: rule.active,
	}
}

/** Creates a rule (active) or changes one; HR only. The threshold is finite, `consecutive` an integer 1–90. */
export function saveAlertRule(input: AlertRuleInput, actor: Actor): { ok: true; id: number; changed: boolean } | { ok: false; reason: AlertRuleRefusal } {
	if (!actor.roles.includes('hr_admin')) return { ok: false, reason: 'forbidden' }
	if (!(alertComparisons as readonly string[]).includes(input.comparison)) return { ok: false, reason: 'comparison' }
	if (typeof input.threshold !== 'number' || !Number.isFinite(input.threshold)) return { ok: false, reason: 'threshold' }
	if (!Number.isInteger(input.consecutive) || input.consecutive < CONSECUTIVE_MIN || input.consecutive > CONSECUTIVE_MAX)
		return { ok: false, reason: 'consecutive' }
	return getDb().transaction(
		(tx) => {
			const indicator = tx.select().from(indicators).where(eq(indicators.id, input.indicatorId)).get()
			if (!indicator || !acceptsAlertRules(indicator)) return { ok: false as const, reason: 'indicator' as const }
			const fields = {
				indicatorId: indicator.id,
				comparison: input.comparison,
				threshold: input.threshold,
				consecutive: input.consecutive,
			}
			if (input.id === undefined) {
				const created = tx
					.insert(alertRules)
					.values({ ...fields, active: true, createdById: actor.id, createdAt: now() })
					.returning()
					.get()
				recordAudit(tx, {
					actorId: actor.id,
					actorRole: 'hr_admin',
					action: 'kpi.alert_rule.create',
					entity: 'alert_rule',
					entityId: created.id,
					data: { indicator: indicator.code, before: null, after: snapshot(created) },
				})
				return { ok: true as const, id: created.id, changed: true }
			}
			const existing = tx.select().from(alertRules).where(eq(alertRules.id, input.id)).get()
			if (!existing) return { ok: false as const, reason: 'notFound' as const }
			const same =
				existing.indicatorId === fields.indicatorId &&
				existing.comparison === fields.comparison &&
				existing.threshold === fields.threshold &&
				existing.consecutive === fields.consecutive
			if (same) return { ok: true as const, id: existing.id, changed: false }
			tx.update(alertRules).set(fields).where(eq(alertRules.id, existing.id)).run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'kpi.alert_rule.update',
				entity: 'alert_rule',
				entityId: existing.id,
				data: { indicator: indicator.code, before: snapshot(existing), after: snapshot({ ...existing, ...fields }) },
			})
			return { ok: true as const, id: existing.id, changed: true }
		},
		{ behavior: 'immediate' },
	)
}

/** Turns a rule off (it stops opening alerts; open ones stay) or back on; HR only, audited. */
export function setAlertRuleActive(
	id: number,
	active: boolean,
	actor: Actor,
): { ok: true; changed: boolean } | { ok: false; reason: 'forbidden' | 'notFound' } {
	if (!actor.roles.includes('hr_admin')) return { ok: false, reason: 'forbidden' }
	return getDb().transaction(
		(tx) => {
			const existing = tx.select().from(alertRules).where(eq(alertRules.id, id)).get()
			if (!existing) return { ok: false as const, reason: 'notFound' as const }
			if (existing.active === active) return { ok: true as const, changed: false }
			tx.update(alertRules).set({ active }).where(eq(alertRules.id, id)).run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: active ? 'kpi.alert_rule.activate' : 'kpi.alert_rule.deactivate',
				entity: 'alert_rule',
				entityId: id,
				data: { before: { active: existing.active }, after: { active } },
			})
			return { ok: true as const, changed: true }
		},
		{ behavior: 'immediate' },
	)
}
