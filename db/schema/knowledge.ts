import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './auth.ts'

/**
 * One row per content/kb/<type>/<slug>.mdx, written by the content sync. The full-text indexes
 * (kb_search_tri, kb_search_short) are FTS5 virtual tables created in a hand-written migration and
 * keyed by this table's id.
 */
export const kbArticles = sqliteTable(
	'kb_articles',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		slug: text().notNull(),
		type: text({ enum: ['case', 'objection', 'faq', 'method'] }).notNull(),
		title: text().notNull(),
		titleEn: text().notNull(),
		summary: text().notNull(),
		summaryEn: text().notNull(),
		tags: text({ mode: 'json' }).$type<string[]>().notNull(),
		products: text({ mode: 'json' }).$type<string[]>().notNull(),
		stage: text(),
		objectionCategory: text(),
		positions: text({ mode: 'json' }).$type<string[]>().notNull(),
		indicators: text({ mode: 'json' }).$type<string[]>().notNull(),
		related: text({ mode: 'json' }).$type<string[]>().notNull(),
		author: text().notNull(),
		updatedOn: text().notNull(),
		verifiedBy: text(),
		verifiedOn: text(),
		/** mdx-bundler output; rendered on the server only. */
		code: text().notNull(),
		/** The article's readable text (no markup), for snippets. */
		bodyText: text().notNull(),
		/** SHA-256 of the source file: an unchanged file is not recompiled. */
		contentHash: text().notNull(),
		sourcePath: text().notNull(),
		syncedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [uniqueIndex('kb_articles_slug_idx').on(t.slug), index('kb_articles_updated_idx').on(t.updatedOn)],
)

/**
 * What search filters, ranks and counts on, kept apart from the wide article row (compiled MDX and
 * body text run to kilobytes): ranking thousands of matches reads only these narrow rows.
 * Derived; written with the article by `upsertArticle`.
 */
export const kbArticleIndex = sqliteTable(
	'kb_article_index',
	{
		articleId: integer()
			.primaryKey()
			.references(() => kbArticles.id, { onDelete: 'cascade' }),
		type: text().notNull(),
		stage: text(),
		objectionCategory: text(),
		tags: text().notNull(),
		products: text().notNull(),
		positions: text().notNull(),
		updatedOn: text().notNull(),
		/** Normalised title (zh + en), tags and summary, for ranking with instr(). */
		searchTitle: text().notNull(),
		searchTags: text().notNull(),
		searchSummary: text().notNull(),
	},
	(t) => [index('kb_article_index_updated_idx').on(t.updatedOn)],
)

/** One row per person, article and business day: a view count that refreshing cannot inflate. */
export const kbViews = sqliteTable(
	'kb_views',
	{
		articleId: integer()
			.notNull()
			.references(() => kbArticles.id, { onDelete: 'cascade' }),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		day: text().notNull(),
	},
	(t) => [primaryKey({ columns: [t.articleId, t.userId, t.day] }), index('kb_views_day_idx').on(t.day)],
)

export const kbBookmarks = sqliteTable(
	'kb_bookmarks',
	{
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		articleId: integer()
			.notNull()
			.references(() => kbArticles.id, { onDelete: 'cascade' }),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.userId, t.articleId] })],
)

/** "Was this helpful?": one answer per person and article, which they may change. */
export const kbFeedback = sqliteTable(
	'kb_feedback',
	{
		articleId: integer()
			.notNull()
			.references(() => kbArticles.id, { onDelete: 'cascade' }),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		helpful: integer({ mode: 'boolean' }).notNull(),
		comment: text(),
		createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.articleId, t.userId] })],
)

/** Searches that found nothing: the content backlog HR reads at /admin/kb/gaps. */
export const kbSearchGaps = sqliteTable('kb_search_gaps', {
	/** The normalised query. */
	query: text().primaryKey(),
	count: integer().notNull().default(1),
	firstSeenAt: integer({ mode: 'timestamp_ms' }).notNull(),
	lastSeenAt: integer({ mode: 'timestamp_ms' }).notNull(),
})

export type KbArticle = typeof kbArticles.$inferSelect
