import { sql } from 'drizzle-orm'
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex,
} from 'drizzle-orm/sqlite-core'

export const roles = ['staff', 'mentor', 'manager', 'hr_admin'] as const
export type Role = (typeof roles)[number]

export const positionTypes = ['sales_rep', 'marketing', 'customer_success'] as const
export type PositionType = (typeof positionTypes)[number]

export const apiScopes = ['kpi:write', 'kpi:read', 'users:read', 'bot:read'] as const
export type ApiScope = (typeof apiScopes)[number]

const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)

export const regions = sqliteTable('regions', {
	id: integer().primaryKey({ autoIncrement: true }),
	code: text().notNull().unique(),
	nameZh: text().notNull(),
	nameEn: text().notNull(),
})

export const teams = sqliteTable('teams', {
	id: integer().primaryKey({ autoIncrement: true }),
	code: text().notNull().unique(),
	nameZh: text().notNull(),
	nameEn: text().notNull(),
	regionId: integer()
		.notNull()
		.references(() => regions.id),
	/** The team's manager; `requireManagerOf` walks from a person's team to here. */
	managerId: integer(),
})

export const users = sqliteTable(
	'users',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		/** Stored lower-cased and trimmed, so lookups are exact. */
		email: text().notNull().unique(),
		name: text().notNull(),
		/** argon2id PHC string; null until a password is set (e.g. after a CSV import). */
		passwordHash: text(),
		/** Which role template scores this person; null for people outside the sales line (e.g. HR). */
		positionType: text({ enum: positionTypes }),
		teamId: integer().references(() => teams.id),
		/** Business date (Asia/Shanghai), YYYY-MM-DD. Tenure and tier derive from it. */
		hireDate: text().notNull(),
		/** Job title (职务), e.g. 销售主管 after an approved promotion; null shows the position type. */
		title: text(),
		preferredLocale: text(),
		deactivatedAt: integer({ mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: createdAt(),
	},
	(t) => [index('users_team_idx').on(t.teamId), index('users_name_idx').on(t.name)],
)

export const userRoles = sqliteTable(
	'user_roles',
	{
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text({ enum: roles }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.userId, t.role] })],
)

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the cookie token, hex. The token itself is never stored. */
		id: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt(),
	},
	(t) => [index('sessions_user_idx').on(t.userId)],
)

export const apiTokens = sqliteTable(
	'api_tokens',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		name: text().notNull(),
		/** SHA-256 of the bearer token, hex. */
		tokenHash: text().notNull(),
		/** First characters of the token, shown in lists so a token can be recognised. */
		prefix: text().notNull(),
		scopes: text({ mode: 'json' }).$type<ApiScope[]>().notNull(),
		createdById: integer()
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		lastUsedAt: integer({ mode: 'timestamp_ms' }),
		revokedAt: integer({ mode: 'timestamp_ms' }),
	},
	(t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)],
)

export const loginAttempts = sqliteTable(
	'login_attempts',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		/** The email as typed (normalised), whether or not such a user exists. */
		email: text().notNull(),
		ip: text().notNull(),
		succeeded: integer({ mode: 'boolean' }).notNull(),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
)

export type User = typeof users.$inferSelect
export type Team = typeof teams.$inferSelect
export type Region = typeof regions.$inferSelect
export type Session = typeof sessions.$inferSelect
export type ApiToken = typeof apiTokens.$inferSelect
