import { asc, eq } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { positionTypes } from '#db/schema/auth.ts'
import { promotionRules } from '#db/schema/gamification.ts'
import { indicators } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { quarterOf } from '#app/modules/performance/periods.ts'
import { hasErrors, isHr, refusal, type Actor, type Refusal } from '#app/modules/performance/targets.ts'
import { templateFor } from '#app/modules/performance/templates.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { DEFAULT_RULES, reachableMaxScore, ruleSetFields, ruleSetProblems, type CapabilityChoice, type PromotionRuleSet, type RulesFormContext } from './rules.ts'

/** HR's rule set (row 1); the source document's defaults if the row is missing. */
export function loadRules(tx: Tx = getDb()): PromotionRuleSet {
	const row = tx.select().from(promotionRules).where(eq(promotionRules.id, 1)).get()
	if (!row) return { ...DEFAULT_RULES, capabilityMins: { ...DEFAULT_RULES.capabilityMins } }
	return {
		consecutiveQuarters: row.consecutiveQuarters,
		minScore: row.minScore,
		requireCoreExams: row.requireCoreExams,
		capabilityMins: { ...row.capabilityMins },
		minTenureMonths: row.minTenureMonths,
		violationFreeMonths: row.violationFreeMonths,
		targetTitle: row.targetTitle,
	}
}

/** The capability indicators HR may set a minimum for, in indicator order. */
export function capabilityChoices(tx: Tx = getDb()): CapabilityChoice[] {
	return tx
		.select({ code: indicators.code, nameZh: indicators.nameZh, nameEn: indicators.nameEn, unit: indicators.unit })
		.from(indicators)
		.where(eq(indicators.category, 'capability'))
		.orderBy(asc(indicators.position), asc(indicators.id))
		.all()
}

/**
 * What the rule-set form checks against: the capability indicators, and the most a weighted score can
 * reach under the templates scoring the current quarter (each template's Σ weight × challenge ÷ target).
 */
export function rulesContext(today = businessDate(now()), tx: Tx = getDb()): RulesFormContext {
	const quarter = quarterOf(today)
	const templates = positionTypes.flatMap((position) => {
		const template = templateFor(position, quarter, tx)
		return template ? [template.weights.map((w) => ({ weight: w.weight, direction: w.direction, target: w.target, challenge: w.challenge }))] : []
	})
	return { maxScore: reachableMaxScore(templates), capabilities: capabilityChoices(tx) }
}

export type SaveRulesResult = { ok: true } | Refusal | { ok: false; reason: 'forbidden' }

/**
 * Replaces the rule set (HR only), audited as `promotion.rules` with before and after. A rule set that
 * could never be met is refused with field errors and nothing is written.
 */
export function saveRules(actor: Actor, rules: PromotionRuleSet, context: RulesFormContext = rulesContext()): SaveRulesResult {
	if (!isHr(actor)) return { ok: false, reason: 'forbidden' }
	const problems = ruleSetProblems(rules, context)
	if (hasErrors(problems)) return refusal(problems)
	const db = getDb()
	return db.transaction(
		(tx) => {
			const before = tx.select().from(promotionRules).where(eq(promotionRules.id, 1)).get()
			const values = { ...rules, targetTitle: rules.targetTitle.trim(), updatedById: actor.id, updatedAt: now() }
			tx.insert(promotionRules)
				.values({ id: 1, ...values })
				.onConflictDoUpdate({ target: promotionRules.id, set: values })
				.run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'promotion.rules',
				entity: 'promotion_rules',
				entityId: 1,
				data: { before: before ? ruleSetFields(before) : null, after: ruleSetFields(values) },
			})
			return { ok: true } as const
		},
		{ behavior: 'immediate' },
	)
}

