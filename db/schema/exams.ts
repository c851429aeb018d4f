import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './auth.ts'
import { tierCodes } from './learning.ts'

export const questionTypes = ['single', 'multiple', 'true_false'] as const
export const reviewPolicies = ['never', 'after_submit', 'after_pass_or_exhausted'] as const
export const attemptStatuses = ['open', 'graded'] as const
export const attemptClosers = ['submit', 'deadline'] as const

export type ExamTopic = { code: string; name: string; nameEn: string; draw: number }

/**
 * One row per content/exams/<slug>.yaml, written by the content sync. A bank removed from content
 * while attempts refer to it is retired, not deleted: results keep their exam.
 */
export const exams = sqliteTable(
	'exams',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		slug: text().notNull(),
		title: text().notNull(),
		titleEn: text().notNull(),
		description: text().notNull(),
		descriptionEn: text().notNull(),
		tier: text({ enum: tierCodes }).notNull(),
		closedBook: integer({ mode: 'boolean' }).notNull(),
		/** Required to complete the tier; the new-hire tier's required exams make 上岗资格. */
		required: integer({ mode: 'boolean' }).notNull(),
		timeLimitSeconds: integer().notNull(),
		/** Percent of the drawn questions answered correctly needed to pass. */
		passMark: integer().notNull(),
		maxAttempts: integer().notNull(),
		cooldownMinutes: integer().notNull(),
		review: text({ enum: reviewPolicies }).notNull(),
		topics: text({ mode: 'json' }).$type<ExamTopic[]>().notNull(),
		questionsPerAttempt: integer().notNull(),
		contentHash: text().notNull(),
		sourcePath: text().notNull(),
		syncedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		retiredAt: integer({ mode: 'timestamp_ms' }),
	},
	(t) => [uniqueIndex('exams_slug_idx').on(t.slug)],
)

/**
 * The bank, keyed by the question's stable id in the YAML. The answer and explanation live here
 * and only here: nothing that renders a page before grading selects these columns.
 */
export const examQuestions = sqliteTable(
	'exam_questions',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		examId: integer()
			.notNull()
			.references(() => exams.id, { onDelete: 'cascade' }),
		key: text().notNull(),
		topic: text().notNull(),
		type: text({ enum: questionTypes }).notNull(),
		prompt: text().notNull(),
		/** Option keys and texts in the bank's order; true/false questions have keys "true", "false". */
		options: text({ mode: 'json' }).$type<Array<{ key: string; text: string }>>().notNull(),
		/** The option keys that make the correct answer. */
		answer: text({ mode: 'json' }).$type<string[]>().notNull(),
		explanation: text().notNull(),
		/** Set when the question left the bank; drawn attempts still grade and show it. */
		retired: integer({ mode: 'boolean' }).notNull().default(false),
	},
	(t) => [uniqueIndex('exam_questions_exam_key_idx').on(t.examId, t.key)],
)

export const examAttempts = sqliteTable(
	'exam_attempts',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		examId: integer()
			.notNull()
			.references(() => exams.id),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** 1 for a person's first attempt at this exam; unique, so two racing starts cannot both be #n. */
		number: integer().notNull(),
		/** Seeds the draw and the shuffles; never leaves the server. */
		seed: integer().notNull(),
		status: text({ enum: attemptStatuses }).notNull().default('open'),
		closedBy: text({ enum: attemptClosers }),
		startedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** Start + time limit + grace (≤ 30 s); no write is accepted after it. */
		deadlineAt: integer({ mode: 'timestamp_ms' }).notNull(),
		/** What the taker is shown as the end (start + limit); the grace is for the network only. */
		endsAt: integer({ mode: 'timestamp_ms' }).notNull(),
		closedAt: integer({ mode: 'timestamp_ms' }),
		/** Bumped by every accepted write; a write carrying an older number is refused (409). */
		seq: integer().notNull().default(0),
		correctCount: integer(),
		questionCount: integer().notNull(),
		/** Percent, rounded down. */
		score: integer(),
		passed: integer({ mode: 'boolean' }),
		focusLosses: integer().notNull().default(0),
	},
	(t) => [
		uniqueIndex('exam_attempts_number_idx').on(t.examId, t.userId, t.number),
		uniqueIndex('exam_attempts_one_open_idx')
			.on(t.userId)
			.where(sql`status = 'open'`),
		index('exam_attempts_open_deadline_idx')
			.on(t.deadlineAt)
			.where(sql`status = 'open'`),
		index('exam_attempts_exam_idx').on(t.examId, t.closedAt),
		index('exam_attempts_user_idx').on(t.userId, t.closedAt),
	],
)

/** The questions one attempt drew, in the order shown, with that attempt's opaque option ids. */
export const attemptQuestions = sqliteTable(
	'attempt_questions',
	{
		attemptId: integer()
			.notNull()
			.references(() => examAttempts.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		questionId: integer()
			.notNull()
			.references(() => examQuestions.id),
		/** Display order: opaque id shown to the browser → the bank's option key. */
		options: text({ mode: 'json' }).$type<Array<{ id: string; key: string }>>().notNull(),
		/** The opaque ids chosen, or null when unanswered. */
		chosen: text({ mode: 'json' }).$type<string[]>(),
		flagged: integer({ mode: 'boolean' }).notNull().default(false),
		answeredAt: integer({ mode: 'timestamp_ms' }),
		correct: integer({ mode: 'boolean' }),
	},
	(t) => [primaryKey({ columns: [t.attemptId, t.position] }), index('attempt_questions_question_idx').on(t.questionId)],
)

/** Each time the exam tab lost focus during an attempt: a signal for managers, not a verdict. */
export const attemptFocusEvents = sqliteTable(
	'attempt_focus_events',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		attemptId: integer()
			.notNull()
			.references(() => examAttempts.id, { onDelete: 'cascade' }),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
		/** How long the page was away, when the browser reported its return. */
		awayMs: integer(),
	},
	(t) => [index('attempt_focus_events_attempt_idx').on(t.attemptId)],
)

/**
 * One more attempt at an exam for one person, granted by their manager or HR after they used them
 * all (audited, with a reason). An exam's attempt limit for a person is max_attempts + their grants.
 */
export const examAttemptGrants = sqliteTable(
	'exam_attempt_grants',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		examId: integer()
			.notNull()
			.references(() => exams.id),
		userId: integer()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		grantedBy: integer()
			.notNull()
			.references(() => users.id),
		reason: text().notNull(),
		grantedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [index('exam_attempt_grants_user_exam_idx').on(t.userId, t.examId)],
)
