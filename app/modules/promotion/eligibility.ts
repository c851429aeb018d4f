/**
 * Promotion eligibility (ARCHITECTURE §4), pure: from HR's rules and one person's facts, the checklist
 * a person, their manager and HR read — each rule met or not, the evidence behind it, and what is
 * missing in plain words. Missing words are i18n keys with values (`problem` strings); names come in
 * both languages (`name` / `nameEn`, `exams` / `examsEn`) and `missingText` picks the reader's.
 */
import { formatIndicatorValue, formatPeriod } from '#app/modules/performance/format.ts'
import { readProblem, type Translate } from '#app/modules/performance/targets.ts'
import { addMonths, tenureMonths, tenureReachedOn } from '#app/modules/learning/tier.ts'
import type { PromotionRuleSet } from './rules.ts'

export const promotionStatuses = ['eligible', 'nearly', 'not_yet'] as const
export type PromotionStatus = (typeof promotionStatuses)[number]

export const ruleKeys = ['quarters', 'exams', 'capability', 'tenure', 'integrity'] as const
export type RuleKey = (typeof ruleKeys)[number]

export type QuarterFact = { period: string; score: number | null }
export type ExamFact = { slug: string; title: string; titleEn: string; passedOn: string | null }
export type CapabilityFact = { code: string; nameZh: string; nameEn: string; unit: string; value: number | null }

export type PersonFacts = {
	/** Business date the checklist is for. */
	today: string
	hireDate: string
	/** The most recent closed quarters, newest first, the first being the last closed quarter. */
	quarters: readonly QuarterFact[]
	/** The core track's required exams, with the business date each was first passed. */
	coreExams: readonly ExamFact[]
	/** The last closed quarter (capability values are that quarter's). */
	capabilityPeriod: string
	/**
	 * Capability indicators whose minimum applies to this person (see `capabilityApplies`), with their
	 * value in the last closed quarter. A minimum whose indicator is not listed does not apply.
	 */
	capabilities: readonly CapabilityFact[]
	/** Business dates of the person's integrity violations. */
	violations: readonly string[]
}

export type QuartersEvidence = {
	required: number
	minScore: number
	/** How many of the newest closed quarters in a row reached the score. */
	run: number
	quarters: Array<QuarterFact & { met: boolean }>
}
export type ExamsEvidence = { required: boolean; exams: ExamFact[] }
export type CapabilityEvidence = { period: string; indicators: Array<CapabilityFact & { min: number; met: boolean }> }
export type TenureEvidence = { hireDate: string; months: number; required: number; reachedOn: string }
export type IntegrityEvidence = {
	required: number
	count: number
	lastViolationOn: string | null
	/** The day the violation-free span reaches the rule's months (null without a violation). */
	clearOn: string | null
}

export type ChecklistItem =
	| { rule: 'quarters'; met: boolean; missing: string[]; evidence: QuartersEvidence }
	| { rule: 'exams'; met: boolean; missing: string[]; evidence: ExamsEvidence }
	| { rule: 'capability'; met: boolean; missing: string[]; evidence: CapabilityEvidence }
	| { rule: 'tenure'; met: boolean; missing: string[]; evidence: TenureEvidence }
	| { rule: 'integrity'; met: boolean; missing: string[]; evidence: IntegrityEvidence }

export type Checklist = {
	status: PromotionStatus
	today: string
	targetTitle: string
	items: ChecklistItem[]
	/** The rules not met, in checklist order. */
	unmet: RuleKey[]
}

const M = 'promotion.missing.'

/** Leading quarters (newest first) that reached the minimum; a quarter without a score ends the run. */
export function consecutiveQuartersOnTarget(quarters: readonly QuarterFact[], minScore: number): number {
	let run = 0
	for (const q of quarters) {
		if (q.score === null || !(q.score >= minScore - 1e-9)) break
		run++
	}
	return run
}

function quartersItem(rules: PromotionRuleSet, facts: PersonFacts): ChecklistItem {
	const required = rules.consecutiveQuarters
	const shown = facts.quarters.slice(0, required)
	const run = Math.min(consecutiveQuartersOnTarget(facts.quarters, rules.minScore), required)
	const met = run >= required
	return {
		rule: 'quarters',
		met,
		missing: met ? [] : [problemOf('quarters', { count: required - run, score: rules.minScore })],
		evidence: {
			required,
			minScore: rules.minScore,
			run,
			quarters: shown.map((q) => ({ ...q, met: q.score !== null && q.score >= rules.minScore - 1e-9 })),
		},
	}
}

function examsItem(rules: PromotionRuleSet, facts: PersonFacts): ChecklistItem {
	const exams = [...facts.coreExams]
	if (!rules.requireCoreExams) return { rule: 'exams', met: true, missing: [], evidence: { required: false, exams } }
	const open = exams.filter((e) => e.passedOn === null)
	const missing =
		open.length === 0
			? []
			: [
					problemOf('exams', {
						count: open.length,
						exams: open.map((e) => e.title).join('、'),
						examsEn: open.map((e) => e.titleEn).join(', '),
					}),
				]
	return { rule: 'exams', met: open.length === 0, missing, evidence: { required: true, exams } }
}

function capabilityItem(rules: PromotionRuleSet, facts: PersonFacts): ChecklistItem {
	const indicators: CapabilityEvidence['indicators'] = []
	const missing: string[] = []
	for (const [code, min] of Object.entries(rules.capabilityMins)) {
		const fact = facts.capabilities.find((c) => c.code === code)
		if (!fact) continue
		const met = fact.value !== null && fact.value >= min - 1e-9
		indicators.push({ ...fact, min, met })
		if (met) continue
		const named = { name: fact.nameZh, nameEn: fact.nameEn, min, unit: fact.unit }
		missing.push(
			fact.value === null
				? problemOf('capabilityNone', { ...named, period: facts.capabilityPeriod })
				: problemOf('capability', { ...named, value: round(fact.value) }),
		)
	}
	return { rule: 'capability', met: missing.length === 0, missing, evidence: { period: facts.capabilityPeriod, indicators } }
}

function tenureItem(rules: PromotionRuleSet, facts: PersonFacts): ChecklistItem {
	const months = tenureMonths(facts.hireDate, facts.today)
	const required = rules.minTenureMonths
	const met = months >= required
	return {
		rule: 'tenure',
		met,
		missing: met ? [] : [problemOf('tenure', { count: required - months })],
		evidence: { hireDate: facts.hireDate, months, required, reachedOn: tenureReachedOn(facts.hireDate, required) },
	}
}

function integrityItem(rules: PromotionRuleSet, facts: PersonFacts): ChecklistItem {
	const past = facts.violations.filter((d) => d <= facts.today).sort()
	const last = past.at(-1) ?? null
	const required = rules.violationFreeMonths
	const clearOn = last === null ? null : tenureReachedOn(last, required)
	const met = clearOn === null || clearOn <= facts.today
	// Whole months still to go, counting a started month as one ("还差 5 个月" until the day it clears).
	const left = met || last === null ? 0 : Math.max(1, monthsUntil(facts.today, clearOn!))
	return {
		rule: 'integrity',
		met,
		missing: met ? [] : [problemOf('integrity', { count: left, months: required })],
		evidence: { required, count: past.length, lastViolationOn: last, clearOn },
	}
}

/** Months from `from` until `to` is reached, a started month counting as a whole one. */
function monthsUntil(from: string, to: string): number {
	let n = 0
	while (addMonths(from, n) < to) n++
	return n
}

function round(value: number) {
	return Math.round(value * 100) / 100
}

function problemOf(key: string, values: Record<string, string | number>) {
	const params = new URLSearchParams()
	for (const [k, v] of Object.entries(values)) params.set(k, String(v))
	return `${M}${key}?${params}`
}

/**
 * The checklist. Status: `eligible` when every rule is met; `nearly` when exactly one rule is not — and
 * when that one is the quarters rule, only if it is one quarter short (someone who needs three more
 * quarters is not nearly there); otherwise `not_yet`.
 */
export function eligibility(rules: PromotionRuleSet, facts: PersonFacts): Checklist {
	const items = [quartersItem(rules, facts), examsItem(rules, facts), capabilityItem(rules, facts), tenureItem(rules, facts), integrityItem(rules, facts)]
	const unmet = items.filter((i) => !i.met).map((i) => i.rule)
	let status: PromotionStatus = 'not_yet'
	if (unmet.length === 0) status = 'eligible'
	else if (unmet.length === 1) {
		const quarters = items[0] as Extract<ChecklistItem, { rule: 'quarters' }>
		if (unmet[0] !== 'quarters' || quarters.evidence.required - quarters.evidence.run === 1) status = 'nearly'
	}
	return { status, today: facts.today, targetTitle: rules.targetTitle, items, unmet }
}

/**
 * Whether a capability minimum applies to a person: the indicator is weighted in their own template, or
 * in nobody's (a company-wide measure like 产品知识测试得分). Another position's indicator (e.g. a
 * marketing specialist's report quality) does not block a sales rep.
 */
export function capabilityApplies(code: string, ownTemplateCodes: ReadonlySet<string>, anyTemplateCodes: ReadonlySet<string>): boolean {
	return ownTemplateCodes.has(code) || !anyTemplateCodes.has(code)
}

/** The quarters rule's evidence (the checklist always has it). */
export function quartersEvidence(checklist: Pick<Checklist, 'items'>): QuartersEvidence {
	for (const item of checklist.items) if (item.rule === 'quarters') return item.evidence
	throw new Error('checklist without the quarters rule')
}

const statusOrder: Record<PromotionStatus, number> = { eligible: 0, nearly: 1, not_yet: 2 }

/** Eligible first, then nearly, then the rest; by name within a status. */
export function byStatusThenName<T extends { status: PromotionStatus; name: string }>(a: T, b: T): number {
	return statusOrder[a.status] - statusOrder[b.status] || a.name.localeCompare(b.name, 'zh-CN')
}

/**
 * A missing-words string in the reader's language: the name in their language, a quarter as they read
 * it, amounts in the indicator's unit, and `count` as a number so the plural form is chosen.
 */
export function missingText(text: string, t: Translate, locale: string): string {
	const zh = locale.toLowerCase().startsWith('zh')
	const { key, values } = readProblem(text)
	const shown: Record<string, unknown> = { ...values }
	if (!zh && values.nameEn) shown.name = values.nameEn
	if (!zh && values.examsEn) shown.exams = values.examsEn
	if (values.period) shown.period = formatPeriod(values.period, locale)
	if (values.unit)
		for (const name of ['min', 'value'] as const)
			if (values[name] !== undefined) shown[name] = formatIndicatorValue(Number(values[name]), values.unit, locale)
	if (values.count !== undefined) shown.count = Number(values.count)
	return t(key, shown)
}
