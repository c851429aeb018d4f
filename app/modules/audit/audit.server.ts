import { desc } from 'drizzle-orm'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { getDb, type Tx } from '#db/client.server.ts'
import { auditLog } from '#db/schema/audit.ts'
import { now } from '#app/utils/clock.server.ts'

const GENESIS = '0'.repeat(64)

type AuditInput = {
	actorId: number | null
	action: string
	entity: string
	entityId?: string | number | null
	data: unknown
	/** The role the actor acted in (hr_admin, manager, api …). */
	actorRole?: string | null
	reason?: string | null
	/** The KPI import batch the change belongs to. */
	batchId?: number | null
}

type Extra = { actorRole: string | null; reason: string | null; batchId: number | null }

function rowHash(
	prevHash: string,
	at: number,
	e: Omit<AuditInput, 'data' | keyof Extra> & { data: string } & Extra,
) {
	const fields: unknown[] = [prevHash, at, e.actorId ?? '', e.action, e.entity, e.entityId ?? '', e.data]
	// Rows written before role, reason and batch existed hash as they always did (ADR 004).
	if (e.actorRole !== null || e.reason !== null || e.batchId !== null)
		fields.push(e.actorRole ?? '', e.reason ?? '', e.batchId ?? '')
	const text = fields.join('\u001f')
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)))
}

/** Appends one hash-chained row. Call it inside the transaction of the change it records. */
export function recordAudit(tx: Tx, input: AuditInput) {
	const prev = tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()
	const prevHash = prev?.hash ?? GENESIS
	const at = now()
	const data = JSON.stringify(input.data ?? {})
	const entityId = input.entityId === undefined || input.entityId === null ? null : String(input.entityId)
	const extra: Extra = { actorRole: input.actorRole ?? null, reason: input.reason ?? null, batchId: input.batchId ?? null }
	const hash = rowHash(prevHash, at.getTime(), { ...input, ...extra, entityId, data })
	tx.insert(auditLog)
		.values({ at, actorId: input.actorId, action: input.action, entity: input.entity, entityId, data, prevHash, hash, ...extra })
		.run()
}

/** Walks the chain; returns the id of the first row that does not match, or null when intact. */
export function verifyAuditChain(tx: Tx = getDb()): number | null {
	let prevHash = GENESIS
	for (const row of tx.select().from(auditLog).orderBy(auditLog.id).all()) {
		const expected = rowHash(prevHash, row.at.getTime(), row)
		if (row.prevHash !== prevHash || row.hash !== expected) return row.id
		prevHash = row.hash
	}
	return null
}
