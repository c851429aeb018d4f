import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './auth.ts'

/**
 * A mentor paired with a mentee from `startsOn` until `endsOn` (business dates; open-ended while null).
 * The KPI issue needs only who mentors whom (a mentor reads their mentees' KPI and alerts); the
 * mentoring issue adds focus indicators, goals and capacity.
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
		createdAt: integer({ mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`),
	},
	(t) => [
		index('mentor_pairings_mentor_idx').on(t.mentorId),
		// One active pairing per mentee.
		uniqueIndex('mentor_pairings_active_idx').on(t.menteeId).where(sql`ends_on is null`),
	],
)

export type MentorPairing = typeof mentorPairings.$inferSelect
