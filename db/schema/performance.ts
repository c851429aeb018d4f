import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { apiTokens, positionTypes, users } from './auth.ts'

export const indicatorCategories = ['result', 'process', 'capability'] as const
export type IndicatorCategory = (typeof indicatorCategories)[number]
export const indicatorDirections = ['higher', 'lower'] as const
export type IndicatorDirection = (typeof indicatorDirections)[number]
export const indicatorGrains = ['day', 'week', 'month'] as const
export type IndicatorGrain = (typeof indicatorGrains)[number]
export const indicatorRollups = ['sum', 'avg', 'last', 'ratio'] as const
export type IndicatorRollup = (typeof indicatorRollups)[number]
export const indicatorUnits = ['cny', 'count', 'percent', 'score', 'hours'] as const
export type IndicatorUnit = (typeof indicatorUnits)[number]
/** Where an indicator's records come from; a record's own source is one of these too. */
export const recordSources = ['import', 'api', 'manual', 'exam', 'assessment'] as const
export type RecordSource = (typeof recordSources)[number]
export const recordStatuses = ['valid', 'disputed'] as const
export type RecordStatus = (typeof recordStatuses)[number]

const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)

/**
 * What is measured. A `ratio` indicator has no records of its own: its value for a day or a period is
 * Σ numerator ÷ Σ denominator (× 100 when its unit is percent), e.g. lead_conversion = leads_won ÷
 * leads_assigned. An `exam` indicator reads graded attempts of `examSlug` (best score in the period).
 */
export const indicators = sqliteTable('indicators', {
	id: integer().primaryKey({ autoIncrement: true }),
	code: text().notNull().unique(),
	nameZh: text().notNull(),
	nameEn: text().notNull(),
	category: text({ enum: indicatorCategories }).notNull(),
	unit: text({ enum: indicatorUnits }).notNull(),
	direction: text({ enum: indicatorDirections }).notNull(),
	grain: text({ enum: indicatorGrains }).notNull(),
	rollup: text({ enum: indicatorRollups }).notNull(),
	numeratorCode: text(),
	denominatorCode: text(),
	source: text({ enum: recordSources }).notNull(),
	examSlug: text(),
	position: integer().notNull().default(0),
})

/**
 * A position type's weights, versioned: the version with the latest `effectiveFrom` (YYYY-MM) not after
 * a period's first month scores that period. Weights sum to 100 (checked before writing).
 */
export const roleTemplates = sqliteTable(
	'role_templates',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		positionType: text({ enum: positionTypes }).notNull(),
		version: integer().notNull(),
		effectiveFrom: text().notNull(),
		reason: text(),
		createdById: integer().references(() => users.id),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex('role_templates_version_idx').on(t.positionType, t.version),
		uniqueIndex('role_templates_from_idx').on(t.positionType, t.effectiveFrom),
	],
)

export const templateWeights = sqliteTable(
	'template_weights',
	{
		templateId: integer()
			.notNull()
			.references(() => roleTemplates.id, { onDelete: 'cascade' }),
		indicatorId: integer()
			.notNull()
			.references(() => indicators.id),
		weight: integer().notNull(),
		/** The template's default baseline / target / challenge for a quarter, used to set targets in bulk. */
		baseline: real(),
		target: real(),
		challenge: real(),
	},
	(t) => [primaryKey({ columns: [t.templateId, t.indicatorId] })],
)

/**
 * Per person × indicator × period (YYYY-MM or YYYY-Qn). `originalTarget` is the target as first set;
 * adjustments stay within ±20 % of it.
 */
export const kpiTargets = sqliteTable(
	'kpi_targets',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		indicatorId: integer()
			.notNull()
			.references(() => indicators.id),
		period: text().notNull(),
		baseline: real().notNull(),
		target: real().notNull(),
		challenge: real().notNull(),
		originalTarget: real().notNull(),
		updatedAt: createdAt(),
	},
	(t) => [
		uniqueIndex('kpi_targets_key_idx').on(t.userId, t.indicatorId, t.period),
		index('kpi_targets_period_idx').on(t.period),
	],
)

/** One file upload or API call; reverting it restores what it changed. */
export const kpiImportBatches = sqliteTable(
	'kpi_import_batches',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		kind: text({ enum: ['file', 'api', 'targets'] }).notNull(),
		fileName: text(),
		sha256: text().notNull(),
		actorId: integer().references(() => users.id),
		tokenId: integer().references(() => apiTokens.id),
		rows: integer().notNull(),
		inserted: integer().notNull(),
		updated: integer().notNull(),
		unchanged: integer().notNull(),
		createdAt: createdAt(),
		revertedAt: integer({ mode: 'timestamp_ms' }),
		revertedById: integer().references(() => users.id),
	},
	(t) => [index('kpi_import_batches_hash_idx').on(t.sha256)],
)

export const kpiRecords = sqliteTable(
	'kpi_records',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		indicatorId: integer()
			.notNull()
			.references(() => indicators.id),
		/** Business date (Asia/Shanghai) the value belongs to; for week/month grains, the first day. */
		date: text().notNull(),
		value: real().notNull(),
		source: text({ enum: recordSources }).notNull(),
		evidence: text(),
		status: text({ enum: recordStatuses }).notNull().default('valid'),
		/** The batch that last wrote the value (null for manual entries). */
		batchId: integer().references(() => kpiImportBatches.id),
		updatedAt: createdAt(),
	},
	(t) => [
		uniqueIndex('kpi_records_key_idx').on(t.userId, t.indicatorId, t.date, t.source),
		index('kpi_records_indicator_date_idx').on(t.indicatorId, t.date),
		index('kpi_records_batch_idx').on(t.batchId),
	],
)

/** What a batch did to each record it touched: enough to undo it. */
export const kpiImportChanges = sqliteTable(
	'kpi_import_changes',
	{
		batchId: integer()
			.notNull()
			.references(() => kpiImportBatches.id),
		recordId: integer().notNull(),
		/** Null when the batch created the record. */
		previousValue: real(),
		previousEvidence: text(),
		previousBatchId: integer(),
	},
	(t) => [primaryKey({ columns: [t.batchId, t.recordId] })],
)

/**
 * Stored period scores (ADR 007): rebuilt for a period when marked stale, so pages and leaderboards
 * read one row per person instead of aggregating records per request.
 */
export const kpiScores = sqliteTable(
	'kpi_scores',
	{
		userId: integer()
			.notNull()
			.references(() => users.id),
		period: text().notNull(),
		templateId: integer(),
		/** Σ weight × capped achievement; null when the person has no weighted indicator with a target. */
		weightedScore: real(),
		deduction: real().notNull().default(0),
		level: text({ enum: ['below', 'baseline', 'target', 'challenge'] }),
		/** Per-indicator actuals and achievements, JSON. */
		detail: text({ mode: 'json' }).$type<ScoreDetail[]>().notNull(),
		computedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.userId, t.period] }), index('kpi_scores_period_idx').on(t.period, t.weightedScore)],
)

export type ScoreDetail = {
	indicatorId: number
	weight: number
	goal: { baseline: number; target: number; challenge: number } | null
	actual: number | null
	achievement: number | null
	capped: number | null
	level: 'below' | 'baseline' | 'target' | 'challenge' | null
}

/** Periods whose stored scores are out of date (a record, target, template or violation changed). */
export const kpiStalePeriods = sqliteTable('kpi_stale_periods', {
	period: text().primaryKey(),
	since: createdAt(),
})

export const alertComparisons = ['lt', 'lte', 'gt', 'gte'] as const
export type AlertComparison = (typeof alertComparisons)[number]

export const alertRules = sqliteTable('alert_rules', {
	id: integer().primaryKey({ autoIncrement: true }),
	indicatorId: integer()
		.notNull()
		.references(() => indicators.id),
	comparison: text({ enum: alertComparisons }).notNull(),
	threshold: real().notNull(),
	/** N consecutive periods of the indicator's grain. */
	consecutive: integer().notNull(),
	active: integer({ mode: 'boolean' }).notNull().default(true),
	createdById: integer().references(() => users.id),
	createdAt: createdAt(),
})

export const alertStatuses = ['open', 'acknowledged', 'resolved'] as const
export type AlertStatus = (typeof alertStatuses)[number]

export const kpiAlerts = sqliteTable(
	'kpi_alerts',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		ruleId: integer()
			.notNull()
			.references(() => alertRules.id),
		userId: integer()
			.notNull()
			.references(() => users.id),
		status: text({ enum: alertStatuses }).notNull().default('open'),
		/** The run of periods that broke the rule, first and last (dates or period keys). */
		fromDate: text().notNull(),
		toDate: text().notNull(),
		values: text({ mode: 'json' }).$type<number[]>().notNull(),
		openedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		acknowledgedById: integer().references(() => users.id),
		acknowledgedAt: integer({ mode: 'timestamp_ms' }),
		acknowledgeNote: text(),
		resolvedById: integer().references(() => users.id),
		resolvedAt: integer({ mode: 'timestamp_ms' }),
		resolveNote: text(),
	},
	(t) => [
		// One alert per (rule, person) until it is resolved.
		uniqueIndex('kpi_alerts_open_idx').on(t.ruleId, t.userId).where(sql`status <> 'resolved'`),
		index('kpi_alerts_user_idx').on(t.userId, t.status),
	],
)

export const adjustmentStatuses = ['pending', 'approved', 'rejected'] as const
export type AdjustmentStatus = (typeof adjustmentStatuses)[number]

/** A proposed target change (quarterly review); HR decides. `groupKey` ties a team-wide proposal together. */
export const targetAdjustments = sqliteTable(
	'target_adjustments',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		targetId: integer()
			.notNull()
			.references(() => kpiTargets.id),
		groupKey: text(),
		fromTarget: real().notNull(),
		toTarget: real().notNull(),
		reason: text().notNull(),
		status: text({ enum: adjustmentStatuses }).notNull().default('pending'),
		proposedById: integer()
			.notNull()
			.references(() => users.id),
		proposedAt: integer({ mode: 'timestamp_ms' }).notNull(),
		decidedById: integer().references(() => users.id),
		decidedAt: integer({ mode: 'timestamp_ms' }),
		decisionNote: text(),
	},
	(t) => [
		index('target_adjustments_target_idx').on(t.targetId),
		uniqueIndex('target_adjustments_pending_idx').on(t.targetId).where(sql`status = 'pending'`),
	],
)

/**
 * Data fraud and the like (seed: first a warning and a score deduction, second flagged for dismissal).
 * The promotion rules read these.
 */
export const integrityViolations = sqliteTable(
	'integrity_violations',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer()
			.notNull()
			.references(() => users.id),
		recordId: integer().references(() => kpiRecords.id),
		/** Business date of the violation; its quarter takes the deduction. */
		occurredOn: text().notNull(),
		note: text().notNull(),
		/** 1 for the first, 2 for the second … */
		ordinal: integer().notNull(),
		outcome: text({ enum: ['warning', 'dismissal'] }).notNull(),
		deduction: real().notNull(),
		recordedById: integer()
			.notNull()
			.references(() => users.id),
		recordedAt: integer({ mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [uniqueIndex('integrity_violations_ordinal_idx').on(t.userId, t.ordinal)],
)

export type Indicator = typeof indicators.$inferSelect
export type RoleTemplate = typeof roleTemplates.$inferSelect
export type KpiTarget = typeof kpiTargets.$inferSelect
export type KpiRecord = typeof kpiRecords.$inferSelect
export type KpiImportBatch = typeof kpiImportBatches.$inferSelect
export type KpiScore = typeof kpiScores.$inferSelect
export type AlertRule = typeof alertRules.$inferSelect
export type KpiAlert = typeof kpiAlerts.$inferSelect
export type TargetAdjustment = typeof targetAdjustments.$inferSelect
export type IntegrityViolation = typeof integrityViolations.$inferSelect
