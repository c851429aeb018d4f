/**
 * Pure mentoring rules: capacity, the coaching rubric and the forms' checks. No database here
 * (pairings.server.ts and coaching.server.ts write). Error strings are i18n keys in the `mentoring`
 * namespace, with values as a query string where they need one (see performance/targets.ts `problem`).
 */
import { z } from 'zod'
import { isIsoDate } from '#app/utils/dates.ts'
import { addDays } from '#app/modules/performance/periods.ts'

/** Active mentees a mentor may have when HR has set nothing else (the database trigger uses the same 3). */
export const MENTOR_CAPACITY_DEFAULT = 3
export const MENTOR_CAPACITY_MAX = 20
/** Focus indicators per pairing (the form has this many rows). */
export const FOCUS_MAX = 3
export const NOTES_MAX = 2000
export const NEXT_STEPS_MAX = 1000
export const END_REASON_MAX = 500

// Mirrors db/schema/mentoring.ts; repeated because pure rules may not import the schema.
export const coachingKindOptions = ['ride_along', 'script_drill', 'role_play'] as const
export type CoachingKindOption = (typeof coachingKindOptions)[number]

/** Drills and role-plays are scored; a ride-along is notes only. */
export const SCORED_KINDS: readonly CoachingKindOption[] = ['script_drill', 'role_play']
export function isScoredKind(kind: string): boolean {
	return (SCORED_KINDS as readonly string[]).includes(kind)
}

/** The rubric: FABE's four parts, objection handling and closing, each 1–5. */
export const RUBRIC_CRITERIA = ['fabeFeature', 'fabeAdvantage', 'fabeBenefit', 'fabeEvidence', 'objectionHandling', 'closing'] as const
export type RubricCriterion = (typeof RUBRIC_CRITERIA)[number]
export type Rubric = Record<RubricCriterion, number>
export const RUBRIC_MIN = 1
export const RUBRIC_MAX = 5

/** A rubric's mean, to two decimals: the value of the 演练评分 capability record. */
export function rubricMean(rubric: Rubric): number {
	const sum = RUBRIC_CRITERIA.reduce((total, c) => total + rubric[c], 0)
	return Math.round((sum / RUBRIC_CRITERIA.length) * 100) / 100
}

/** Several scored sessions on one day make one record: the mean of their means. */
export function dayScore(rubrics: readonly Rubric[]): number | null {
	if (rubrics.length === 0) return null
	return Math.round((rubrics.reduce((total, r) => total + rubricMean(r), 0) / rubrics.length) * 100) / 100
}

/** Capacity left: never negative (a lowered capacity leaves existing pairings alone). */
export function capacityLeft(capacity: number, active: number): number {
	return Math.max(0, capacity - active)
}

const id = (error: string) =>
	z.coerce.number({ error }).int({ error }).positive({ error })

const isoDate = (error = 'mentoring.errors.date') =>
	z
		.string({ error: 'mentoring.errors.required' })
		.trim()
		.refine(isIsoDate, { error })

const optionalNumber = z
	.string()
	.trim()
	.optional()
	.transform((v, ctx) => {
		if (v === undefined || v === '') return null
		const n = Number(v.replace(/[,，\s]/g, ''))
		if (!Number.isFinite(n)) {
			ctx.addIssue({ code: 'custom', message: 'mentoring.errors.number' })
			return z.NEVER
		}
		return n
	})

const focusRow = z.object({
	indicatorId: z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (v === undefined || v === '') return undefined
			if (!/^[1-9]\d*$/.test(v)) {
				ctx.addIssue({ code: 'custom', message: 'mentoring.errors.focusIndicator' })
				return z.NEVER
			}
			return Number(v)
		}),
	fromValue: optionalNumber,
	toValue: optionalNumber,
	dueOn: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || null),
})

export type PairingFormContext = { today: string }

/**
 * The pairing form: mentee, mentor, start and optional end, and up to three focus indicators, each with
 * an optional goal (from → to by a date; all three or none, due after the start and by the end).
 */
export function pairingSchema({ today }: PairingFormContext) {
	return z
		.object({
			menteeId: id('mentoring.errors.mentee'),
			mentorId: id('mentoring.errors.mentor'),
			startsOn: isoDate(),
			endsOn: z
				.string()
				.trim()
				.optional()
				.transform((v) => v || null),
			focus: z.array(focusRow).max(FOCUS_MAX, { error: 'mentoring.errors.focusIndicator' }).default([]),
		})
		.superRefine((value, ctx) => {
			if (value.menteeId === value.mentorId) ctx.addIssue({ code: 'custom', path: ['mentorId'], message: 'mentoring.errors.self' })
			// A malformed start is reported by its field; the checks below compare dates.
			if (!isIsoDate(value.startsOn)) return
			if (value.startsOn < addDays(today, -365)) ctx.addIssue({ code: 'custom', path: ['startsOn'], message: 'mentoring.errors.startTooEarly' })
			if (value.endsOn !== null) {
				if (!isIsoDate(value.endsOn)) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'mentoring.errors.date' })
				else if (value.endsOn <= value.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'mentoring.errors.endBeforeStart' })
				else if (value.endsOn <= today) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'mentoring.errors.endInPast' })
			}
			const seen = new Set<number>()
			let chosen = 0
			value.focus.forEach((row, n) => {
				const goalParts = [row.fromValue, row.toValue, row.dueOn].filter((v) => v !== null).length
				if (row.indicatorId === undefined) {
					if (goalParts > 0) ctx.addIssue({ code: 'custom', path: ['focus', n, 'indicatorId'], message: 'mentoring.errors.focusIndicator' })
					return
				}
				chosen++
				if (seen.has(row.indicatorId)) ctx.addIssue({ code: 'custom', path: ['focus', n, 'indicatorId'], message: 'mentoring.errors.focusTwice' })
				seen.add(row.indicatorId)
				if (goalParts === 0) return
				if (row.fromValue === null) ctx.addIssue({ code: 'custom', path: ['focus', n, 'fromValue'], message: 'mentoring.errors.goalIncomplete' })
				if (row.toValue === null) ctx.addIssue({ code: 'custom', path: ['focus', n, 'toValue'], message: 'mentoring.errors.goalIncomplete' })
				if (row.fromValue !== null && row.toValue !== null && (row.fromValue < 0 || row.toValue < 0))
					ctx.addIssue({ code: 'custom', path: ['focus', n, 'toValue'], message: 'mentoring.errors.number' })
				if (row.fromValue !== null && row.toValue !== null && row.fromValue === row.toValue)
					ctx.addIssue({ code: 'custom', path: ['focus', n, 'toValue'], message: 'mentoring.errors.goalSame' })
				if (row.dueOn === null) ctx.addIssue({ code: 'custom', path: ['focus', n, 'dueOn'], message: 'mentoring.errors.goalIncomplete' })
				else if (!isIsoDate(row.dueOn)) ctx.addIssue({ code: 'custom', path: ['focus', n, 'dueOn'], message: 'mentoring.errors.date' })
				else if (row.dueOn <= value.startsOn) ctx.addIssue({ code: 'custom', path: ['focus', n, 'dueOn'], message: 'mentoring.errors.goalBeforeStart' })
				else if (value.endsOn !== null && isIsoDate(value.endsOn) && row.dueOn > value.endsOn)
					ctx.addIssue({ code: 'custom', path: ['focus', n, 'dueOn'], message: 'mentoring.errors.goalAfterEnd' })
			})
			if (chosen === 0) ctx.addIssue({ code: 'custom', path: ['focus', 0, 'indicatorId'], message: 'mentoring.errors.focusRequired' })
		})
		.transform((value) => ({
			...value,
			focus: value.focus
				.filter((row): row is typeof row & { indicatorId: number } => row.indicatorId !== undefined)
				.map((row) => ({ indicatorId: row.indicatorId, fromValue: row.fromValue, toValue: row.toValue, dueOn: row.dueOn })),
		}))
}
export type PairingInput = z.output<ReturnType<typeof pairingSchema>>

/**
 * A rubric score as the form sends it. A value must be a whole 1–5 on its own (so a bad one is reported
 * with the other field errors); whether it may be missing depends on the kind, checked below — a
 * ride-along ignores the rubric.
 */
const rubricField = z
	.string()
	.trim()
	.optional()
	.refine((v) => v === undefined || v === '' || rubricValue(v) !== null, { error: 'mentoring.errors.rubric' })

function rubricValue(raw: string | undefined): number | null {
	if (raw === undefined || !/^\d+$/.test(raw)) return null
	const n = Number(raw)
	return n >= RUBRIC_MIN && n <= RUBRIC_MAX ? n : null
}

/** The coaching log: kind, a day within the pairing and not in the future, notes, and the rubric for drills and role-plays. */
export function coachingSchema({ today, startsOn }: { today: string; startsOn: string }) {
	return z
		.object({
			kind: z.enum(coachingKindOptions, { error: 'mentoring.errors.kind' }),
			occurredOn: isoDate(),
			notes: z
				.string({ error: 'mentoring.errors.required' })
				.trim()
				.min(1, { error: 'mentoring.errors.required' })
				.max(NOTES_MAX, { error: 'mentoring.errors.tooLong' }),
			nextSteps: z
				.string()
				.trim()
				.max(NEXT_STEPS_MAX, { error: 'mentoring.errors.tooLong' })
				.optional()
				.transform((v) => v || null),
			fabeFeature: rubricField,
			fabeAdvantage: rubricField,
			fabeBenefit: rubricField,
			fabeEvidence: rubricField,
			objectionHandling: rubricField,
			closing: rubricField,
		})
		.superRefine((value, ctx) => {
			if (!isIsoDate(value.occurredOn)) {
				// Already reported by the field.
			} else if (value.occurredOn > today) ctx.addIssue({ code: 'custom', path: ['occurredOn'], message: 'mentoring.errors.future' })
			else if (value.occurredOn < startsOn) ctx.addIssue({ code: 'custom', path: ['occurredOn'], message: 'mentoring.errors.beforePairing' })
			if (isScoredKind(value.kind))
				for (const c of RUBRIC_CRITERIA)
					if (value[c] === undefined || value[c] === '') ctx.addIssue({ code: 'custom', path: [c], message: 'mentoring.errors.rubric' })
		})
		.transform(({ fabeFeature, fabeAdvantage, fabeBenefit, fabeEvidence, objectionHandling, closing, ...rest }) => ({
			...rest,
			rubric: isScoredKind(rest.kind)
				? ({
						fabeFeature: rubricValue(fabeFeature)!,
						fabeAdvantage: rubricValue(fabeAdvantage)!,
						fabeBenefit: rubricValue(fabeBenefit)!,
						fabeEvidence: rubricValue(fabeEvidence)!,
						objectionHandling: rubricValue(objectionHandling)!,
						closing: rubricValue(closing)!,
					} satisfies Rubric)
				: null,
		}))
}
export type CoachingInput = z.output<ReturnType<typeof coachingSchema>>

/** Assigning a recommended item: `article:<id>` or `lesson:<id>`, due today or later. */
export function assignSchema({ today }: { today: string }) {
	return z.object({
		item: z
			.string({ error: 'mentoring.errors.item' })
			.regex(/^(article|lesson):[1-9]\d*$/, { error: 'mentoring.errors.item' })
			.transform((v) => {
				const [kind, n] = v.split(':') as ['article' | 'lesson', string]
				return { kind, id: Number(n) }
			}),
		dueOn: isoDate().refine((d) => d >= today, { error: 'mentoring.errors.dueInPast' }),
	})
}
export type AssignInput = z.output<ReturnType<typeof assignSchema>>

export const endSchema = z.object({
	reason: z
		.string({ error: 'mentoring.errors.required' })
		.trim()
		.min(2, { error: 'mentoring.errors.required' })
		.max(END_REASON_MAX, { error: 'mentoring.errors.tooLong' }),
})

export const capacitySchema = z.object({
	mentorId: id('mentoring.errors.mentor'),
	capacity: z.coerce
		.number({ error: 'mentoring.errors.capacity' })
		.int({ error: 'mentoring.errors.capacity' })
		.min(0, { error: 'mentoring.errors.capacity' })
		.max(MENTOR_CAPACITY_MAX, { error: 'mentoring.errors.capacity' }),
})

/**
 * How far a goal has come, 0–1: (current − from) ÷ (to − from), clamped. Works for lowering goals
 * (to < from) too. Null without a current value.
 */
export function goalProgress(from: number, to: number, current: number | null): number | null {
	if (current === null || from === to) return null
	return Math.min(1, Math.max(0, (current - from) / (to - from)))
}
