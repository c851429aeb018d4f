/**
 * Badges and the points price list (ADR 010), pure: the badge catalogue with the criteria each badge
 * shows, the keys that tie a ledger row or a badge to the event that earned it, and the forms' checks
 * (HR's price list, the 高价值客户开发奖 amount, 月度之星 nominations and decisions). No database here:
 * badges.server.ts, events.server.ts and rules.server.ts read and write. Error strings are i18n keys
 * of the `points` namespace, with values as a query string where they need some (see
 * performance/targets.ts `problem`).
 */
import { z } from 'zod'
import { isPeriod, monthOf } from '#app/modules/performance/periods.ts'
import { parseAmount, problem } from '#app/modules/performance/targets.ts'

// Mirror db/schema/gamification.ts (pure rules may not import the schema); badges.server.ts checks they agree.
export const BADGE_CODES = [
	'first_try',
	'perfect_score',
	'best_newcomer',
	'fastest_improver',
	'high_value_account',
	'visit_champion',
	'monthly_star',
	'gold_mentor',
	'sharing_star',
] as const
export type BadgeCodeOption = (typeof BADGE_CODES)[number]

export const POINT_SOURCES = [
	'lesson_completed',
	'exam_passed',
	'exam_first_try',
	'exam_perfect',
	'kb_helpful',
	'indicator_on_target',
	'coaching_mentor',
	'coaching_mentee',
	'session_presented',
	'session_attended',
] as const
export type PointSourceOption = (typeof POINT_SOURCES)[number]

/**
 * How a badge is earned: `event` in the transaction of the event (an exam graded, an attendance),
 * `period` when a closed month or quarter is closed, `nomination` by a manager's nomination that HR
 * confirms.
 */
export type BadgeKind = 'event' | 'period' | 'nomination'

export type BadgeDefinition = { kind: BadgeKind; periodKind: 'month' | 'quarter' | null }

export const BADGE_CATALOGUE: Record<BadgeCodeOption, BadgeDefinition> = {
	first_try: { kind: 'event', periodKind: null },
	perfect_score: { kind: 'event', periodKind: null },
	best_newcomer: { kind: 'period', periodKind: 'quarter' },
	fastest_improver: { kind: 'period', periodKind: 'quarter' },
	high_value_account: { kind: 'period', periodKind: 'month' },
	visit_champion: { kind: 'period', periodKind: 'month' },
	monthly_star: { kind: 'nomination', periodKind: 'month' },
	gold_mentor: { kind: 'period', periodKind: 'quarter' },
	sharing_star: { kind: 'event', periodKind: null },
}

/** 最佳新人奖 compares people in their first this many months. */
export const NEWCOMER_MONTHS = 3
/** 分享达人: presenter at this many sessions that took place. */
export const SHARING_STAR_SESSIONS = 2
/** 高价值客户开发奖 when HR has set nothing (migration 0013 seeds the same). */
export const HIGH_VALUE_DEFAULT = 150_000
export const HIGH_VALUE_MIN = 1
export const HIGH_VALUE_MAX = 100_000_000
export const POINTS_MAX = 1000
export const CAP_MAX = 10_000
export const REASON_MIN = 5
export const REASON_MAX = 300
export const NOTE_MAX = 300

export type BadgeSettings = { highValueAmount: number }

/**
 * What a badge asks for, as a problem string (key and values): the page shows it next to the badge,
 * so people know how it is earned. The 高价值客户开发奖 amount is HR's, in yuan (formatted for the reader).
 */
export function badgeCriteria(code: BadgeCodeOption, settings: BadgeSettings): string {
	const key = `points.badges.${code}.criteria`
	switch (code) {
		case 'high_value_account':
			return problem(key, { value: settings.highValueAmount, unit: 'cny' })
		case 'best_newcomer':
			return problem(key, { months: NEWCOMER_MONTHS })
		case 'sharing_star':
			return problem(key, { sessions: SHARING_STAR_SESSIONS })
		default:
			return key
	}
}

/*
 * Event keys. A ledger row is unique per (person, source, key) and a badge per (badge, key, person),
 * so the key decides what "the same event" is: a lesson, an exam (whichever attempt passed it), one
 * rater of one article, a coaching session, a sharing session, a nomination.
 */
export const lessonKey = (lessonId: number) => `lesson:${lessonId}`
export const examKey = (slug: string) => `exam:${slug}`
export const articleRaterKey = (articleId: number, raterId: number) => `article:${articleId}:rater:${raterId}`
export const coachingKey = (coachingId: number) => `coaching:${coachingId}`
export const sessionKey = (sessionId: number) => `session:${sessionId}`
export const nominationKey = (nominationId: number) => `nomination:${nominationId}`
export const sharingStarKey = (sessions: number) => `sessions:${sessions}`

export type SourceRef =
	| { kind: 'lesson'; id: number }
	| { kind: 'exam'; slug: string }
	| { kind: 'article'; id: number }
	| { kind: 'coaching'; id: number }
	| { kind: 'session'; id: number }
	| { kind: 'indicator'; code: string; period: string }
	| { kind: 'other' }

/** What a ledger key points at, so the history can name the lesson, exam, article or session. */
export function parseSourceKey(key: string): SourceRef {
	let m = /^(lesson|coaching|session):(\d+)$/.exec(key)
	if (m) return { kind: m[1] as 'lesson' | 'coaching' | 'session', id: Number(m[2]) }
	m = /^exam:(.+)$/.exec(key)
	if (m) return { kind: 'exam', slug: m[1]! }
	m = /^article:(\d+):rater:\d+$/.exec(key)
	if (m) return { kind: 'article', id: Number(m[1]) }
	m = /^([a-z_]+):(\d{4}-(?:\d{2}|Q[1-4]))$/.exec(key)
	if (m && isPeriod(m[2]!)) return { kind: 'indicator', code: m[1]!, period: m[2]! }
	return { kind: 'other' }
}

/** 月度之星 may be given for the current month or a month already over, never one still to come. */
export function mayNominateFor(month: string, today: string): boolean {
	return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month <= monthOf(today)
}

/*
 * HR's price list form: one row per source. Points are whole numbers 0–1000; the daily cap is empty
 * (no cap) or 0–10000 and never below the points, since such a rule could never pay an event in full.
 */
const whole = (max: number, error: string) => z.coerce.number({ error }).int({ error }).min(0, { error }).max(max, { error })

export const pointRuleRowSchema = z
	.object({
		source: z.enum(POINT_SOURCES, { error: 'points.errors.source' }),
		points: whole(POINTS_MAX, 'points.errors.points'),
		dailyCap: whole(CAP_MAX, 'points.errors.cap').optional(),
	})
	.superRefine((row, ctx) => {
		// Only between two valid numbers: a cap already out of range has said so.
		const valid = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max
		if (row.dailyCap !== undefined && valid(row.dailyCap, CAP_MAX) && valid(row.points, POINTS_MAX) && row.dailyCap < row.points)
			ctx.addIssue({ code: 'custom', path: ['dailyCap'], message: 'points.errors.capBelowPoints' })
	})
	.transform((row) => ({ source: row.source, points: row.points, dailyCap: row.dailyCap ?? null }))

export type PointRuleInput = z.output<typeof pointRuleRowSchema>

export const pointRulesSchema = z.object({
	rules: z
		.array(pointRuleRowSchema)
		.min(1, { error: 'points.errors.rules' })
		.superRefine((rows, ctx) => {
			if (new Set(rows.map((r) => r.source)).size !== rows.length) ctx.addIssue({ code: 'custom', message: 'points.errors.rules' })
		}),
})

/** The problem with one rule as the server sees it (the database's checks, said in words), or null. */
export function pointRuleProblem(rule: PointRuleInput): { field: 'points' | 'dailyCap'; error: string } | null {
	const parsed = pointRuleRowSchema.safeParse({ source: rule.source, points: rule.points, dailyCap: rule.dailyCap ?? undefined })
	if (parsed.success) return null
	const issue = parsed.error.issues[0]!
	return { field: issue.path[0] === 'dailyCap' ? 'dailyCap' : 'points', error: issue.message }
}

/** The 高价值客户开发奖 amount as typed: "150000", "15万", "¥150,000"; whole yuan, 1–100,000,000. */
export const highValueSchema = z.object({
	amount: z
		.string({ error: 'points.errors.amount' })
		.trim()
		.transform((text, ctx) => {
			const amount = parseAmount(text)
			if (amount === null || !Number.isInteger(amount) || amount < HIGH_VALUE_MIN || amount > HIGH_VALUE_MAX) {
				ctx.addIssue({ code: 'custom', message: 'points.errors.amount' })
				return z.NEVER
			}
			return amount
		}),
})

export function isHighValueAmount(amount: number): boolean {
	return Number.isInteger(amount) && amount >= HIGH_VALUE_MIN && amount <= HIGH_VALUE_MAX
}

const reasonText = (min: number, max: number, short: string, long: string) =>
	z
		.string({ error: short })
		.trim()
		.refine((v) => Array.from(v).length >= min, { error: short })
		.refine((v) => Array.from(v).length <= max, { error: long })

/** A manager's 月度之星 nomination of one of their people; the month is checked against today on the server. */
export const nominationSchema = z.object({
	userId: z.coerce.number({ error: 'points.errors.person' }).int({ error: 'points.errors.person' }).positive({ error: 'points.errors.person' }),
	month: z
		.string({ error: 'points.errors.month' })
		.trim()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'points.errors.month' }),
	reason: reasonText(REASON_MIN, REASON_MAX, 'points.errors.reasonShort', 'points.errors.reasonLong'),
})

export const nominationDecisions = ['confirmed', 'declined'] as const
export type NominationDecision = (typeof nominationDecisions)[number]

/** HR's decision on a nomination; a decline says why (the manager reads it). */
export const decisionSchema = z
	.object({
		nominationId: z.coerce.number({ error: 'points.errors.nomination' }).int({ error: 'points.errors.nomination' }).positive({ error: 'points.errors.nomination' }),
		decision: z.enum(nominationDecisions, { error: 'points.errors.decision' }),
		note: z
			.string()
			.trim()
			.refine((v) => Array.from(v).length <= NOTE_MAX, { error: 'points.errors.noteLong' })
			.optional(),
	})
	.superRefine((value, ctx) => {
		if (value.decision === 'declined' && !value.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'points.errors.noteRequired' })
	})
