import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { getDb, prepared, type Tx } from '#db/client.server.ts'
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
	return encodeHexLowerCase(sha256(encoder.encode(text)))
}

const encoder = new TextEncoder()

/**
 * The two statements of an append, prepared once per connection: an import that updates 100,000
 * records writes 100,000 audit rows, and building the queries cost more than running them. A
 * transaction (`Tx`) runs on the process-wide connection, so these take part in it.
 */
function appendStatements() {
	return prepared('audit.append', (db) => ({
		last: db.$client.prepare('select hash from audit_log order by id desc limit 1').pluck(),
		insert: db.$client.prepare(
			`insert into audit_log (at, actor_id, action, entity, entity_id, data, prev_hash, hash, actor_role, reason, batch_id)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		),
	}))
}

/** Appends one hash-chained row. Call it inside the transaction of the change it records. */
export function recordAudit(_tx: Tx, input: AuditInput) {
	const { last, insert } = appendStatements()
	const prevHash = (last.get() as string | undefined) ?? GENESIS
	const at = now()
	const data = JSON.stringify(input.data ?? {})
	const entityId = input.entityId === undefined || input.entityId === null ? null : String(input.entityId)
	const extra: Extra = { actorRole: input.actorRole ?? null, reason: input.reason ?? null, batchId: input.batchId ?? null }
	const hash = rowHash(prevHash, at.getTime(), { ...input, ...extra, entityId, data })
	insert.run(at.getTime(), input.actorId, input.action, input.entity, entityId, data, prevHash, hash, extra.actorRole, extra.reason, extra.batchId)
}

type StoredRow = {
	id: number
	at: number
	actorId: number | null
	actorRole: string | null
	action: string
	entity: string
	entityId: string | null
	data: string
	reason: string | null
	batchId: number | null
	prevHash: string
	hash: string
}

export type ChainWalk = { rows: number; firstBad: { id: number; at: Date; action: string } | null }

/**
 * Walks the whole chain in id order, one row at a time (a statement iterator, so a log of millions of
 * rows is never in memory at once). `rows` counts the rows checked, the first bad one included.
 * Inside a transaction it reads through the same connection, so it sees the transaction's writes.
 */
export function walkAuditChain(tx: Tx = getDb()): ChainWalk {
	const client = '$client' in tx ? tx.$client : getDb().$client
	const statement = client.prepare(
		`select id, at, actor_id as actorId, actor_role as actorRole, action, entity, entity_id as entityId, data, reason,
		 batch_id as batchId, prev_hash as prevHash, hash from audit_log order by id`,
	)
	let prevHash = GENESIS
	let rows = 0
	for (const row of statement.iterate() as IterableIterator<StoredRow>) {
		rows++
		const expected = rowHash(prevHash, row.at, row)
		if (row.prevHash !== prevHash || row.hash !== expected)
			// Leaving the loop early ends the iterator, which frees the connection again.
			return { rows, firstBad: { id: row.id, at: new Date(row.at), action: row.action } }
		prevHash = row.hash
	}
	return { rows, firstBad: null }
}

/** Walks the chain; returns the id of the first row that does not match, or null when intact. */
export function verifyAuditChain(tx: Tx = getDb()): number | null {
	return walkAuditChain(tx).firstBad?.id ?? null
}
