import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './auth.ts'
import { kbArticles } from './knowledge.ts'

const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)

/**
 * A monthly sharing session (经验分享会). Times are instants (UTC); pages and calendars show them in
 * Asia/Shanghai. `sequence` is the iCalendar SEQUENCE: bumped on every change a calendar must pick up
 * (time, place, cancellation). `checkInCode` is the short code the organiser shows in the room.
 */
export const sharingSessions = sqliteTable(
	'sharing_sessions',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		title: text().notNull(),
		topic: text().notNull(),
		startsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		endsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		place: text(),
		meetingUrl: text(),
		capacity: integer().notNull(),
		indicators: text({ mode: 'json' }).$type<string[]>().notNull(),
		tags: text({ mode: 'json' }).$type<string[]>().notNull(),
		organizerId: integer()
			.notNull()
			.references(() => users.id),
		checkInCode: text().notNull(),
		sequence: integer().notNull().default(0),
		cancelledAt: integer({ mode: 'timestamp_ms' }),
		cancelReason: text(),
		notes: text(),
		recordingUrl: text(),
		createdAt: createdAt(),
		updatedAt: createdAt(),
	},
	(t) => [
		index('sharing_sessions_starts_idx').on(t.startsAt),
		check('sharing_sessions_times', sql`${t.endsAt} > ${t.startsAt}`),
		check('sharing_sessions_capacity', sql`${t.capacity} >= 1`),
	],
)

export const sessionSpeakers = sqliteTable(
	'session_speakers',
	{
		sessionId: integer()
			.notNull()
			.references(() => sharingSessions.id, { onDelete: 'cascade' }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		position: integer().notNull(),
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
)

export const rsvpStatuses = ['going', 'waitlisted', 'declined'] as const
export type RsvpStatus = (typeof rsvpStatuses)[number]

/**
 * One answer per person and session. `going` never exceeds the session's capacity (a trigger holds it,
 * migration 0010); the waitlist is served in `respondedAt` order when someone going cancels.
 */
export const sessionRsvps = sqliteTable(
	'session_rsvps',
	{
		sessionId: integer()
			.notNull()
			.references(() => sharingSessions.id, { onDelete: 'cascade' }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		status: text({ enum: rsvpStatuses }).notNull(),
		respondedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		promotedAt: integer({ mode: 'timestamp_ms' }),
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('session_rsvps_status_idx').on(t.sessionId, t.status, t.respondedAt)],
)

export const checkInMethods = ['code', 'organizer'] as const

/** Who was there: checked in with the code during the session, or marked by the organiser. */
export const sessionAttendance = sqliteTable(
	'session_attendance',
	{
		sessionId: integer()
			.notNull()
			.references(() => sharingSessions.id, { onDelete: 'cascade' }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		checkedInAt: integer({ mode: 'timestamp_ms' }).notNull(),
		method: text({ enum: checkInMethods }).notNull(),
		markedById: integer().references(() => users.id),
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('session_attendance_user_idx').on(t.userId)],
)

/**
 * A wrong check-in code, kept so that guessing is slow: after a few wrong codes a person must wait
 * before trying again (the organiser can still mark them present).
 */
export const checkInFailures = sqliteTable(
	'check_in_failures',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		sessionId: integer()
			.notNull()
			.references(() => sharingSessions.id, { onDelete: 'cascade' }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [index('check_in_failures_who_idx').on(t.sessionId, t.userId, t.at)],
)

/** An attendee's 1–5 and comment, once per session. */
export const sessionFeedback = sqliteTable(
	'session_feedback',
	{
		sessionId: integer()
			.notNull()
			.references(() => sharingSessions.id, { onDelete: 'cascade' }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		rating: integer().notNull(),
		comment: text(),
		createdAt: createdAt(),
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId] }), check('session_feedback_rating', sql`${t.rating} between 1 and 5`)],
)

/**
 * A person's calendar subscription: the feed URL carries a random token whose SHA-256 is stored here.
 * Revoking deletes the row (the old URL stops working); a new one replaces it.
 */
export const calendarFeedTokens = sqliteTable('calendar_feed_tokens', {
	userId: integer()
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text().notNull().unique(),
	createdAt: createdAt(),
})

export const draftStatuses = ['draft', 'published', 'rejected'] as const

/**
 * A session's notes turned into a KB article draft (MDX), for HR to review and publish into the
 * knowledge base; `articleId` is the published article.
 */
export const sessionArticleDrafts = sqliteTable(
	'session_article_drafts',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		sessionId: integer()
			.notNull()
			.references(() => sharingSessions.id),
		slug: text().notNull(),
		type: text({ enum: ['case', 'method'] }).notNull(),
		title: text().notNull(),
		titleEn: text().notNull(),
		summary: text().notNull(),
		summaryEn: text().notNull(),
		body: text().notNull(),
		indicators: text({ mode: 'json' }).$type<string[]>().notNull(),
		tags: text({ mode: 'json' }).$type<string[]>().notNull(),
		status: text({ enum: draftStatuses }).notNull().default('draft'),
		createdById: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		reviewedById: integer().references(() => users.id),
		reviewedAt: integer({ mode: 'timestamp_ms' }),
		reviewNote: text(),
		articleId: integer().references(() => kbArticles.id),
	},
	(t) => [uniqueIndex('session_article_drafts_slug_idx').on(t.slug), index('session_article_drafts_session_idx').on(t.sessionId)],
)

export type SharingSession = typeof sharingSessions.$inferSelect
export type SessionRsvp = typeof sessionRsvps.$inferSelect
