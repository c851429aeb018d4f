/**
 * HR's promotion rule set (one row, `promotion_rules` id 1), pure: its shape, the form's schema and the
 * checks that refuse a rule set nobody could ever meet. The most a weighted score can reach is computed
 * by the caller from the active templates (`reachableMaxScore`) and passed in, so this stays pure.
 * Error strings are i18n keys with their values as a query string (performance/targets.ts `problem`).
 */
import { z } from 'zod'
import { achievementCap, type Direction } from '#app/modules/performance/scoring.ts'
import { problem } from '#app/modules/performance/targets.ts'

export type PromotionRuleSet = {
	consecutiveQuarters: number
	minScore: number
	requireCoreExams: boolean
	/** Capability indicator code → the least value of the last closed quarter. */
	capabilityMins: Record<string, number>
	minTenureMonths: number
	violationFreeMonths: number
	targetTitle: string
}

/** The rule set's own fields, without whatever else a stored row or a parsed form carries. */
export function ruleSetFields(rules: PromotionRuleSet): PromotionRuleSet {
	const { consecutiveQuarters, minScore, requireCoreExams, capabilityMins, minTenureMonths, violationFreeMonths, targetTitle } = rules
	return { consecutiveQuarters, minScore, requireCoreExams, capabilityMins, minTenureMonths, violationFreeMonths, targetTitle }
}

/** The source document's rule (also migration 0013's row), for when the table is empty. */
export const DEFAULT_RULES: PromotionRuleSet = {
	consecutiveQuarters: 3,
	minScore: 100,
	requireCoreExams: true,
	capabilityMins: { product_knowledge_score: 80 },
	minTenureMonths: 12,
	violationFreeMonths: 12,
	targetTitle: '销售主管',
}

export const QUARTERS_MIN = 1
export const QUARTERS_MAX = 8
/** 50 years: beyond it a tenure rule only shuts everyone out. */
export const TENURE_MAX_MONTHS = 600
export const VIOLATION_FREE_MAX_MONTHS = 120
export const TITLE_MAX = 40
export const DECISION_REASON_MIN = 5
export const DECISION_REASON_MAX = 500

/**
 * The highest value a capability indicator can show: a test score is out of 100, a rubric out of 5, a
 * percentage 100. Null when nothing bounds it.
 */
const KNOWN_MAX: Record<string, number> = { product_knowledge_score: 100, coaching_score: 5, report_quality: 5 }

export function capabilityMax(code: string, unit: string): number | null {
	if (code in KNOWN_MAX) return KNOWN_MAX[code]!
	if (unit === 'percent') return 100
	return null
}

export type TemplateCaps = ReadonlyArray<{
	weight: number
	direction: Direction
	target: number | null
	challenge: number | null
}>

/**
 * The most a weighted score can reach under these templates: Σ weight × (challenge ÷ target) over the
 * template's weights (100 = on target), the best template counting. A weight without a default goal
 * counts as capped at target. Deductions only lower a score, so they do not matter here.
 */
export function reachableMaxScore(templates: readonly TemplateCaps[]): number {
	let best = 0
	for (const weights of templates) {
		const total = weights.reduce((sum, w) => sum + Math.max(0, w.weight), 0)
		if (total <= 0) continue
		let sum = 0
		for (const w of weights) {
			if (w.weight <= 0) continue
			const cap =
				w.target !== null && w.challenge !== null && w.target > 0 && w.challenge > 0
					? achievementCap({ baseline: 0, target: w.target, challenge: w.challenge }, w.direction)
					: 1
			sum += w.weight * cap
		}
		best = Math.max(best, (sum * 100) / total)
	}
	// One decimal, rounded down: HR is never promised a score a person cannot reach.
	return Math.floor(best * 10 + 1e-9) / 10
}

export type CapabilityChoice = { code: string; nameZh: string; nameEn: string; unit: string }
export type RulesFormContext = { maxScore: number; capabilities: readonly CapabilityChoice[] }

const E = (key: string, values?: Record<string, string | number>) => problem(`promotion.errors.${key}`, values)

const wholeNumber = (min: number, max: number, key: string) =>
	z
		.number({ error: E('required') })
		.int({ error: E(key, { min, max }) })
		.min(min, { error: E(key, { min, max }) })
		.max(max, { error: E(key, { min, max }) })

/**
 * The rule-set form. A rule set that could never be met is refused field by field: 0 quarters (or more
 * than 8), a minimum score above what the templates can reach, a capability minimum above the
 * indicator's maximum, a tenure over 600 months. A blank capability minimum means no minimum for it.
 */
export function rulesSchema({ maxScore, capabilities }: RulesFormContext) {
	const capabilityFields = Object.fromEntries(
		capabilities.map((c) => {
			const max = capabilityMax(c.code, c.unit)
			let field = z.number({ error: E('number') }).min(0, { error: E('negative') })
			if (max !== null) field = field.max(max, { error: E('capabilityAbove', { max, unit: c.unit }) })
			return [c.code, field.optional()]
		}),
	)
	return z.object({
		consecutiveQuarters: wholeNumber(QUARTERS_MIN, QUARTERS_MAX, 'quarters'),
		minScore: z
			.number({ error: E('required') })
			.min(0, { error: E('negative') })
			.max(maxScore, { error: E('scoreAbove', { max: maxScore }) }),
		requireCoreExams: z.boolean().default(false),
		capabilityMins: z
			.object(capabilityFields)
			.default({})
			.transform((mins) => {
				const result: Record<string, number> = {}
				for (const [code, value] of Object.entries(mins)) if (typeof value === 'number') result[code] = value
				return result
			}),
		minTenureMonths: wholeNumber(0, TENURE_MAX_MONTHS, 'tenure'),
		violationFreeMonths: wholeNumber(0, VIOLATION_FREE_MAX_MONTHS, 'violationFree'),
		targetTitle: z
			.string({ error: E('title', { max: TITLE_MAX }) })
			.trim()
			.min(1, { error: E('title', { max: TITLE_MAX }) })
			.max(TITLE_MAX, { error: E('title', { max: TITLE_MAX }) }),
	})
}

/**
 * Why a stored or typed rule set can never be met, per field (the same checks as the form), or an empty
 * object. Used on what the form produced and on anything written outside it.
 */
export function ruleSetProblems(rules: PromotionRuleSet, context: RulesFormContext): Record<string, string[]> {
	const flat: Record<string, unknown> = ruleSetFields(rules)
	const errors: Record<string, string[]> = {}
	const known = new Set(context.capabilities.map((c) => c.code))
	for (const code of Object.keys(rules.capabilityMins))
		if (!known.has(code)) errors[`capabilityMins.${code}`] = [E('unknownIndicator', { code })]
	const parsed = rulesSchema(context).safeParse(flat)
	if (!parsed.success)
		for (const issue of parsed.error.issues) {
			const path = issue.path.join('.')
			;(errors[path] ??= []).push(issue.message)
		}
	return errors
}

/** HR's decision form: approve with the new title, or reject with a reason. */
export const decisionSchema = z.discriminatedUnion('decision', [
	z.object({
		decision: z.literal('approved'),
		userId: z.number({ error: E('person') }).int({ error: E('person') }).positive({ error: E('person') }),
		newTitle: z
			.string({ error: E('title', { max: TITLE_MAX }) })
			.trim()
			.min(1, { error: E('title', { max: TITLE_MAX }) })
			.max(TITLE_MAX, { error: E('title', { max: TITLE_MAX }) }),
	}),
	z.object({
		decision: z.literal('rejected'),
		userId: z.number({ error: E('person') }).int({ error: E('person') }).positive({ error: E('person') }),
		reason: z
			.string({ error: E('reasonRequired', { min: DECISION_REASON_MIN }) })
			.trim()
			.min(DECISION_REASON_MIN, { error: E('reasonRequired', { min: DECISION_REASON_MIN }) })
			.max(DECISION_REASON_MAX, { error: E('reasonTooLong', { max: DECISION_REASON_MAX }) }),
	}),
])

export type DecisionInput = { decision: 'approved'; newTitle: string } | { decision: 'rejected'; reason: string }
