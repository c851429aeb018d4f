import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './auth.ts'
import { kbArticles } from './knowledge.ts'
import { lessons } from './learning.ts'
import { indicators, kpiRecords } from './performance.ts'

const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)

/**
 * A mentor paired with a mentee from `startsOn` until `endsOn` (business dates, end exclusive; open-ended
 * while null). Ending a pairing early sets `endsOn` to that day and keeps the row, so its history and
 * impact stay. Triggers (migration 0008) refuse pairing someone with themselves, a mentee already paired
 * over the same days, and a mentor over capacity — the last check that two racing requests cannot both pass.
 */
export const mentorPairings = sqliteTable(
	'mentor_pairings',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		mentorId: integer()
			.notNull()
			.references(() => users.id),
		menteeId: integer()
			.notNull()
			.references(() => users.id),
		startsOn: text().notNull(),
		endsOn: text(),
		createdById: integer().references(() => users.id),
		createdAt: createdAt(),
		endedById: integer().references(() => users.id),
		endReason: text(),
	},
	(t) => [index('mentor_pairings_mentor_idx').on(t.mentorId), index('mentor_pairings_mentee_idx').on(t.menteeId)],
)

/** How many active mentees a mentor may have; 3 when there is no row (MENTOR_CAPACITY_DEFAULT). */
export const mentorCapacities = sqliteTable(
	'mentor_capacities',
	{
		userId: integer()
			.primaryKey()
			.references(() => users.id),
		capacity: integer().notNull(),
		updatedById: integer().references(() => users.id),
		updatedAt: createdAt(),
	},
	(t) => [check('mentor_capacities_range', sql`${t.capacity} between 0 and 20`)],
)

/**
 * A pairing's focus indicators, each with an optional goal: from `fromValue` to `toValue` by `dueOn`
 * (all three or none).
 */
export const pairingFocus = sqliteTable(
	'pairing_focus',
	{
		pairingId: integer()
			.notNull()
			.references(() => mentorPairings.id, { onDelete: 'cascade' }),
		indicatorId: integer()
			.notNull()
			.references(() => indicators.id),
		position: integer().notNull(),
		fromValue: real(),
		toValue: real(),
		dueOn: text(),
	},
	(t) => [
		primaryKey({ columns: [t.pairingId, t.indicatorId] }),
		check(
			'pairing_focus_goal',
			sql`(${t.fromValue} is null and ${t.toValue} is null and ${t.dueOn} is null) or (${t.fromValue} is not null and ${t.toValue} is not null and ${t.dueOn} is not null)`,
		),
	],
)

export const coachingKinds = ['ride_along', 'script_drill', 'role_play'] as const
export type CoachingKind = (typeof coachingKinds)[number]

const rubricScore = () => integer()

/**
 * One coaching session: a ride-along (陪访), script drill (话术演练) or role-play (角色扮演). Drills and
 * role-plays carry the rubric (1–5 each); their mean becomes the mentee's 演练评分 capability record
 * (source: assessment) for that day, linked by `recordId`.
 */
export const coachingSessions = sqliteTable(
	'coaching_sessions',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		pairingId: integer()
			.notNull()
			.references(() => mentorPairings.id),
		kind: text({ enum: coachingKinds }).notNull(),
		occurredOn: text().notNull(),
		notes: text().notNull(),
		nextSteps: text(),
		fabeFeature: rubricScore(),
		fabeAdvantage: rubricScore(),
		fabeBenefit: rubricScore(),
		fabeEvidence: rubricScore(),
		objectionHandling: rubricScore(),
		closing: rubricScore(),
		recordId: integer().references(() => kpiRecords.id),
		loggedById: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
	},
	(t) => [
		index('coaching_sessions_pairing_idx').on(t.pairingId, t.occurredOn),
		check(
			'coaching_sessions_rubric',
			sql`coalesce(${t.fabeFeature}, 1) between 1 and 5 and coalesce(${t.fabeAdvantage}, 1) between 1 and 5
			 and coalesce(${t.fabeBenefit}, 1) between 1 and 5 and coalesce(${t.fabeEvidence}, 1) between 1 and 5
			 and coalesce(${t.objectionHandling}, 1) between 1 and 5 and coalesce(${t.closing}, 1) between 1 and 5`,
		),
	],
)

/**
 * A KB article or a lesson a mentor assigned to the mentee, due by `dueOn`. An article is done when the
 * mentee marks it done; a lesson when the mentee completes it on the track.
 */
export const mentoringAssignments = sqliteTable(
	'mentoring_assignments',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		pairingId: integer()
			.notNull()
			.references(() => mentorPairings.id),
		articleId: integer().references(() => kbArticles.id),
		lessonId: integer().references(() => lessons.id),
		dueOn: text().notNull(),
		assignedById: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		completedAt: integer({ mode: 'timestamp_ms' }),
	},
	(t) => [
		uniqueIndex('mentoring_assignments_article_idx').on(t.pairingId, t.articleId),
		uniqueIndex('mentoring_assignments_lesson_idx').on(t.pairingId, t.lessonId),
		check('mentoring_assignments_item', sql`(${t.articleId} is null) <> (${t.lessonId} is null)`),
	],
)

export type MentorPairing = typeof mentorPairings.$inferSelect
export type PairingFocus = typeof pairingFocus.$inferSelect
export type CoachingSession = typeof coachingSessions.$inferSelect
export type MentoringAssignment = typeof mentoringAssignments.$inferSelect
