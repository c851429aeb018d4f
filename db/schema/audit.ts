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
		action: text().notNull(),
		entity: text().notNull(),
		entityId: text(),
		data: text().notNull(),
		prevHash: text().notNull(),
		hash: text().notNull(),
	},
	(t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
)

export type AuditEntry = typeof auditLog.$inferSelect
