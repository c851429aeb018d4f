import { eq } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { badgeSettings, pointRules, pointSources, type PointRule } from '#db/schema/gamification.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { refusal, type Refusal } from '#app/modules/performance/targets.ts'
import { now } from '#app/utils/clock.server.ts'
import { HIGH_VALUE_DEFAULT, isHighValueAmount, pointRuleProblem, type PointRuleInput } from './badges.ts'

/**
 * HR's price list (points per event and daily caps per source) and the badge thresholds (ADR 010).
 * Every change is one transaction with its audit row; a rule the database would refuse is refused here
 * first, in words, and nothing is written.
 */

export type Viewer = { id: number; roles: readonly string[] }

export const HIGH_VALUE_KEY = 'high_value_amount'

const isHr = (viewer: Viewer) => viewer.roles.includes('hr_admin')

/** The price list in the order sources are listed everywhere (the schema's). */
export function pointRulesList(tx: Tx = getDb()): PointRule[] {
	const rows = new Map(tx.select().from(pointRules).all().map((r) => [r.source, r]))
	return pointSources.flatMap((source) => {
		const row = rows.get(source)
		return row ? [row] : []
	})
}

export type RulesResult = { ok: true; changed: number } | { ok: false; reason: 'forbidden' } | Refusal

/**
 * Saves HR's price list. Only rows that change are written (stamped with who and when) and the audit
 * row keeps each one's before and after. Past ledger rows stay as they were paid.
 */
export function updatePointRules(hr: Viewer, rules: readonly PointRuleInput[], at: Date = now()): RulesResult {
	if (!isHr(hr)) return { ok: false, reason: 'forbidden' }
	const fieldErrors: Record<string, string[]> = {}
	const seen = new Set<string>()
	rules.forEach((rule, i) => {
		if (!(pointSources as readonly string[]).includes(rule.source) || seen.has(rule.source)) fieldErrors[`rules[${i}].source`] = ['points.errors.source']
		seen.add(rule.source)
		const problem = pointRuleProblem(rule)
		if (problem) fieldErrors[`rules[${i}].${problem.field}`] = [problem.error]
	})
	if (Object.keys(fieldErrors).length) return refusal(fieldErrors)
	return getDb().transaction(
		(tx) => {
			const current = new Map(pointRulesList(tx).map((r) => [r.source, r]))
			const changes = rules.flatMap((rule) => {
				const before = current.get(rule.source)
				if (before && before.points === rule.points && before.dailyCap === rule.dailyCap) return []
				return [{ source: rule.source, before: before ? { points: before.points, dailyCap: before.dailyCap } : null, after: { points: rule.points, dailyCap: rule.dailyCap } }]
			})
			if (changes.length === 0) return { ok: true as const, changed: 0 }
			for (const change of changes)
				tx.insert(pointRules)
					.values({ source: change.source, ...change.after, updatedById: hr.id, updatedAt: at })
					.onConflictDoUpdate({ target: pointRules.source, set: { ...change.after, updatedById: hr.id, updatedAt: at } })
					.run()
			recordAudit(tx, {
				actorId: hr.id,
				actorRole: 'hr_admin',
				action: 'points.rules.update',
				entity: 'point_rules',
				entityId: null,
				data: { changes },
			})
			return { ok: true as const, changed: changes.length }
		},
		{ behavior: 'immediate' },
	)
}

/** The 高价值客户开发奖 amount in yuan: one revenue record of at least this much earns it. */
export function highValueAmount(tx: Tx = getDb()): number {
	return tx.select({ value: badgeSettings.value }).from(badgeSettings).where(eq(badgeSettings.key, HIGH_VALUE_KEY)).get()?.value ?? HIGH_VALUE_DEFAULT
}

export type SettingResult = { ok: true; changed: boolean } | { ok: false; reason: 'forbidden' } | Refusal

/** HR sets the 高价值客户开发奖 amount (whole yuan, 1–100,000,000); audited with before and after. */
export function updateHighValueAmount(hr: Viewer, amount: number, at: Date = now()): SettingResult {
	if (!isHr(hr)) return { ok: false, reason: 'forbidden' }
	if (!isHighValueAmount(amount)) return refusal({ amount: ['points.errors.amount'] })
	return getDb().transaction(
		(tx) => {
			const before = highValueAmount(tx)
			if (before === amount) return { ok: true as const, changed: false }
			tx.insert(badgeSettings)
				.values({ key: HIGH_VALUE_KEY, value: amount, updatedById: hr.id, updatedAt: at })
				.onConflictDoUpdate({ target: badgeSettings.key, set: { value: amount, updatedById: hr.id, updatedAt: at } })
				.run()
			recordAudit(tx, {
				actorId: hr.id,
				actorRole: 'hr_admin',
				action: 'points.badge_setting.update',
				entity: 'badge_settings',
				entityId: HIGH_VALUE_KEY,
				data: { before: { value: before }, after: { value: amount } },
			})
			return { ok: true as const, changed: true }
		},
		{ behavior: 'immediate' },
	)
}
