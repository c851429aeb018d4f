import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { positionTypes, users } from './auth.ts'

/**
 * Gamification (ADR 010): a points ledger that pays verified events once, badges with their criteria,
 * leaderboards stored per period, and promotion eligibility with HR's decisions.
 */

/** Where points come from. Each names one kind of event; the event's own key makes it pay once. */
export const pointSources = [
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
export type PointSource = (typeof pointSources)[number]

/** HR's price list: points per event and the most a person earns from a source in one day (null: no cap). */
export const pointRules = sqliteTable(
	'point_rules',
	{
		source: text({ enum: pointSources }).primaryKey(),
		points: integer().notNull(),
		dailyCap: integer(),
		updatedById: integer().references(() => users.id),
		updatedAt: integer({ mode: 'timestamp_ms' }),
	},
	(t) => [
		check('point_rules_points', sql`${t.points} between 0 and 1000`),
		check('point_rules_cap', sql`${t.dailyCap} is null or ${t.dailyCap} between 0 and 10000`),
	],
)

/**
 * Append-only (migration triggers refuse UPDATE and DELETE). One row per (person, source, event key),
 * so replaying an event writes nothing. A capped event is still written, with the points it actually
 * paid (possibly 0), so it cannot pay later either. `day` is the Shanghai business date of the event,
 * which daily caps count by.
 */
export const pointsLedger = sqliteTable(
	'points_ledger',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		source: text({ enum: pointSources }).notNull(),
		/** The event: e.g. `lesson:12`, `attempt:55`, `session:3`. */
		sourceKey: text().notNull(),
		points: integer().notNull(),
		/** What the rule would have paid; more than `points` when the daily cap cut it. */
		rulePoints: integer().notNull(),
		day: text().notNull(),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [
		uniqueIndex('points_ledger_event_idx').on(t.userId, t.source, t.sourceKey),
		index('points_ledger_user_day_idx').on(t.userId, t.day),
		index('points_ledger_day_idx').on(t.day),
		check('points_ledger_points', sql`${t.points} >= 0 and ${t.points} <= ${t.rulePoints}`),
	],
)

export const badgeCodes = [
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
export type BadgeCode = (typeof badgeCodes)[number]

/**
 * A badge someone earned. `awardKey` names what earned it (an attempt, a period, a nomination), so
 * evaluating the same event or period again awards nothing new; `period` is set for period awards
 * (the honours wall reads them).
 */
export const badgeAwards = sqliteTable(
	'badge_awards',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		badge: text({ enum: badgeCodes }).notNull(),
		awardKey: text().notNull(),
		period: text(),
		/** The figures behind it, for the criteria shown next to the badge. */
		evidence: text({ mode: 'json' }).$type<Record<string, string | number>>().notNull(),
		awardedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [
		uniqueIndex('badge_awards_key_idx').on(t.badge, t.awardKey, t.userId),
		index('badge_awards_user_idx').on(t.userId),
		index('badge_awards_period_idx').on(t.period, t.badge),
	],
)

/** HR's thresholds for badges that need one (e.g. the 高价值客户开发奖 amount). */
export const badgeSettings = sqliteTable('badge_settings', {
	key: text().primaryKey(),
	value: real().notNull(),
	updatedById: integer().references(() => users.id),
	updatedAt: integer({ mode: 'timestamp_ms' }),
})

export const nominationStatuses = ['pending', 'confirmed', 'declined'] as const

/** 月度之星: a manager nominates one of their people for a month; HR confirms (which awards the badge) or declines. */
export const starNominations = sqliteTable(
	'star_nominations',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		month: text().notNull(),
		reason: text().notNull(),
		nominatedById: integer()
			.notNull()
			.references(() => users.id),
		nominatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		status: text({ enum: nominationStatuses }).notNull().default('pending'),
		decidedById: integer().references(() => users.id),
		decidedAt: integer({ mode: 'timestamp_ms' }),
		decisionNote: text(),
	},
	(t) => [uniqueIndex('star_nominations_once_idx').on(t.userId, t.month)],
)

export const boards = ['kpi', 'revenue', 'points'] as const
export type Board = (typeof boards)[number]
export const cohorts = ['new', 'intermediate', 'core'] as const
export type Cohort = (typeof cohorts)[number]

/**
 * A leaderboard as stored per period (month `2026-10` or quarter `2026-Q3`): one row per person with
 * their value and the facts every filter needs, as they were in that period. `rank` is the
 * competition rank (ties share it, 1, 1, 3) among people of the same position type and tenure cohort
 * company-wide — the fair default board; other filters rank these stored rows, never raw records.
 */
export const leaderboardEntries = sqliteTable(
	'leaderboard_entries',
	{
		board: text({ enum: boards }).notNull(),
		period: text().notNull(),
		userId: integer()
			.notNull()
			.references(() => users.id),
		value: real().notNull(),
		positionType: text({ enum: positionTypes }).notNull(),
		cohort: text({ enum: cohorts }).notNull(),
		teamId: integer(),
		regionId: integer(),
		rank: integer().notNull(),
		/** The rank in the same partition of the previous period; null when not ranked then. */
		previousRank: integer(),
		/** Records of this person and period left out because they are disputed. */
		disputed: integer().notNull().default(0),
	},
	(t) => [
		primaryKey({ columns: [t.board, t.period, t.userId] }),
		index('leaderboard_partition_idx').on(t.board, t.period, t.positionType, t.cohort, t.rank),
		index('leaderboard_user_idx').on(t.userId, t.board, t.period),
	],
)

/** Board periods whose stored entries are out of date; recomputed before they are read. */
export const leaderboardStale = sqliteTable(
	'leaderboard_stale',
	{
		board: text({ enum: boards }).notNull(),
		period: text().notNull(),
		since: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.board, t.period] })],
)

/**
 * HR's promotion rule set (one row, id 1). Defaults from the source document: weighted score ≥ 100 in
 * 3 consecutive closed quarters, the core track's required exams passed, capability indicators at
 * least the threshold, tenure ≥ 12 months, no integrity violation in the last 12 months.
 */
export const promotionRules = sqliteTable(
	'promotion_rules',
	{
		id: integer().primaryKey(),
		consecutiveQuarters: integer().notNull(),
		minScore: real().notNull(),
		requireCoreExams: integer({ mode: 'boolean' }).notNull(),
		/** Capability indicator code → the least value its last closed quarter must show (e.g. 产品知识测试得分 80). */
		capabilityMins: text({ mode: 'json' }).$type<Record<string, number>>().notNull(),
		minTenureMonths: integer().notNull(),
		violationFreeMonths: integer().notNull(),
		/** The title an approved person gets unless HR types another. */
		targetTitle: text().notNull(),
		updatedById: integer().references(() => users.id),
		updatedAt: integer({ mode: 'timestamp_ms' }),
	},
	(t) => [
		check('promotion_rules_single', sql`${t.id} = 1`),
		check('promotion_rules_quarters', sql`${t.consecutiveQuarters} between 1 and 8`),
	],
)

export const promotionDecisionKinds = ['approved', 'rejected'] as const

/** HR's decision on a person, with the checklist as it stood (so a later change to the rules does not rewrite history). */
export const promotionDecisions = sqliteTable(
	'promotion_decisions',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		decision: text({ enum: promotionDecisionKinds }).notNull(),
		/** Approved: the new title. */
		newTitle: text(),
		reason: text(),
		checklist: text({ mode: 'json' }).$type<unknown>().notNull(),
		decidedById: integer()
			.notNull()
			.references(() => users.id),
		decidedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [index('promotion_decisions_user_idx').on(t.userId, t.decidedAt)],
)

export type PointRule = typeof pointRules.$inferSelect
export type PointsLedgerRow = typeof pointsLedger.$inferSelect
export type BadgeAward = typeof badgeAwards.$inferSelect
export type LeaderboardEntry = typeof leaderboardEntries.$inferSelect
export type PromotionRules = typeof promotionRules.$inferSelect
export type PromotionDecision = typeof promotionDecisions.$inferSelect
