import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { auditLog } from '#db/schema/audit.ts'
import { users } from '#db/schema/auth.ts'
import { walkAuditChain } from './audit.server.ts'

export const AUDIT_PAGE_SIZE = 50

export type AuditFilter = {
	/** Part of the actor's email, any case. */
	actorEmail?: string
	/** An exact action, e.g. `kpi.record.manual`. */
	action?: string
	entity?: string
	entityId?: string
	batchId?: number
	/** Business dates (Asia/Shanghai), inclusive. */
	from?: string
	to?: string
	/** 1-based. */
	page: number
}

/** What a row's `data` says changed: before and after when it carries them, otherwise the data itself. */
export type AuditChange =
	| { kind: 'change'; before: unknown; after: unknown; context: Record<string, unknown> | null }
	| { kind: 'data'; data: unknown }

export type AuditRow = {
	id: number
	at: Date
	actorId: number | null
	actorName: string | null
	actorEmail: string | null
	actorRole: string | null
	action: string
	entity: string
	entityId: string | null
	change: AuditChange
	reason: string | null
	batchId: number | null
}

const DAY_MS = 24 * 60 * 60 * 1000

/** The start of a business date (Asia/Shanghai is UTC+8 all year, so every day is 24 hours). */
function startOf(date: string) {
	return new Date(`${date}T00:00:00+08:00`)
}

function parseData(text: string): unknown {
	try {
		return JSON.parse(text) as unknown
	} catch {
		// A row written by hand (or tampered with) may not be JSON; show it as it is.
		return text
	}
}

export function describeChange(data: unknown): AuditChange {
	if (data && typeof data === 'object' && !Array.isArray(data) && ('before' in data || 'after' in data)) {
		const { before = null, after = null, ...rest } = data as Record<string, unknown>
		return { kind: 'change', before, after, context: Object.keys(rest).length > 0 ? rest : null }
	}
	return { kind: 'data', data }
}

function conditions(filter: AuditFilter): SQL | undefined {
	const where: SQL[] = []
	const email = filter.actorEmail?.trim().toLowerCase()
	if (email) where.push(sql`instr(lower(${users.email}), ${email}) > 0`)
	if (filter.action) where.push(eq(auditLog.action, filter.action))
	if (filter.entity) where.push(eq(auditLog.entity, filter.entity))
	if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId))
	if (filter.batchId !== undefined) where.push(eq(auditLog.batchId, filter.batchId))
	if (filter.from) where.push(gte(auditLog.at, startOf(filter.from)))
	if (filter.to) where.push(lt(auditLog.at, new Date(startOf(filter.to).getTime() + DAY_MS)))
	return where.length > 0 ? and(...where) : undefined
}

/** The audit log, newest first, 50 a page, with the actor's name and email. */
export function searchAudit(filter: AuditFilter, tx: Tx = getDb()) {
	const where = conditions(filter)
	const total =
		tx
			.select({ n: count() })
			.from(auditLog)
			.leftJoin(users, eq(users.id, auditLog.actorId))
			.where(where)
			.get()?.n ?? 0
	const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
	const page = Math.min(Math.max(1, Math.floor(filter.page) || 1), pages)
	const rows: AuditRow[] = tx
		.select({
			id: auditLog.id,
			at: auditLog.at,
			actorId: auditLog.actorId,
			actorName: users.name,
			actorEmail: users.email,
			actorRole: auditLog.actorRole,
			action: auditLog.action,
			entity: auditLog.entity,
			entityId: auditLog.entityId,
			data: auditLog.data,
			reason: auditLog.reason,
			batchId: auditLog.batchId,
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(where)
		.orderBy(desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset((page - 1) * AUDIT_PAGE_SIZE)
		.all()
		.map(({ data, ...row }) => ({ ...row, change: describeChange(parseData(data)) }))
	return { rows, total, page, pages }
}

/** The actions and entities that occur in the log, for the filter's choices (both read an index). */
export function auditVocabulary(tx: Tx = getDb()) {
	return {
		actions: tx
			.selectDistinct({ action: auditLog.action })
			.from(auditLog)
			.orderBy(auditLog.action)
			.all()
			.map((r) => r.action),
		entities: tx
			.selectDistinct({ entity: auditLog.entity })
			.from(auditLog)
			.orderBy(auditLog.entity)
			.all()
			.map((r) => r.entity),
	}
}

export type ChainReport = { ok: boolean; rows: number; firstBad?: { id: number; at: Date; action: string } }

/**
 * Verifies the whole hash chain, streaming it in id order. `rows` is the number of rows checked: all of
 * them when the chain is intact, up to and including the first bad one otherwise.
 */
export function verifyChainReport(tx: Tx = getDb()): ChainReport {
	const { rows, firstBad } = walkAuditChain(tx)
	return firstBad ? { ok: false, rows, firstBad } : { ok: true, rows }
}
