import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Append-only: triggers in the migration refuse UPDATE and DELETE. Each row's hash covers the previous
 * row's hash, so an edit made behind the application's back shows up in `verifyAuditChain`.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		at: integer({ mode: 'timestamp_ms' }).notNull(),
		actorId: integer(),
		/** The actor's role for this change (e.g. hr_admin, manager, api), when it matters. */
		actorRole: text(),
		action: text().notNull(),
		entity: text().notNull(),
		entityId: text(),
		/** JSON; a change to a value carries `before` and `after`. */
		data: text().notNull(),
		reason: text(),
		/** The KPI import batch that made the change. */
		batchId: integer(),
		prevHash: text().notNull(),
		hash: text().notNull(),
	},
	(t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_action_idx').on(t.action)],
)

export type AuditEntry = typeof auditLog.$inferSelect
