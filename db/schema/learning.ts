import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './auth.ts'

export const tierCodes = ['new', 'intermediate', 'core'] as const

/** One row per content/tracks/<tier>/<module>/module.yaml, written by the content sync. */
export const trackModules = sqliteTable(
	'track_modules',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		tier: text({ enum: tierCodes }).notNull(),
		slug: text().notNull(),
		title: text().notNull(),
		titleEn: text().notNull(),
		summary: text().notNull(),
		summaryEn: text().notNull(),
		position: integer().notNull(),
		contentHash: text().notNull(),
	},
	(t) => [uniqueIndex('track_modules_tier_slug_idx').on(t.tier, t.slug)],
)

/**
 * One row per content/tracks/<tier>/<module>/<lesson>.mdx. The slug is unique within the tier
 * (the URL is /tracks/<tier>/<slug>); a resync keeps the id, so progress survives edits.
 */
export const lessons = sqliteTable(
	'lessons',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		tier: text({ enum: tierCodes }).notNull(),
		moduleId: integer()
			.notNull()
			.references(() => trackModules.id, { onDelete: 'cascade' }),
		slug: text().notNull(),
		title: text().notNull(),
		titleEn: text().notNull(),
		summary: text().notNull(),
		summaryEn: text().notNull(),
		minutes: integer().notNull(),
		position: integer().notNull(),
		indicators: text({ mode: 'json' }).$type<string[]>().notNull(),
		required: integer({ mode: 'boolean' }).notNull(),
		/** mdx-bundler output; rendered on the server only. */
		code: text().notNull(),
		contentHash: text().notNull(),
		sourcePath: text().notNull(),
		syncedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [uniqueIndex('lessons_tier_slug_idx').on(t.tier, t.slug), index('lessons_module_idx').on(t.moduleId)],
)

/** A lesson a person marked complete; once per person and lesson. */
export const lessonCompletions = sqliteTable(
	'lesson_completions',
	{
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonId: integer()
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		completedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.userId, t.lessonId] })],
)

/** A manager's decision to open a tier for a person regardless of tenure and exams (audited). */
export const tierOverrides = sqliteTable('tier_overrides', {
	userId: integer()
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	tier: text({ enum: tierCodes }).notNull(),
	reason: text().notNull(),
	setBy: integer()
		.notNull()
		.references(() => users.id),
	setAt: integer({ mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`),
})

/** 上岗资格: written once, when the last required new-hire exam is passed. */
export const clearances = sqliteTable('clearances', {
	userId: integer()
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	clearedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	/** Business date (Asia/Shanghai) shown to people. */
	clearedOn: text().notNull(),
})
