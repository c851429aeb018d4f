import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { recordAudit, verifyAuditChain } from '#app/modules/audit/audit.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'

const { db } = withFreshDatabase()

/** Drizzle wraps driver errors; the trigger's message is in the cause. */
function sqliteError(run: () => unknown): string | null {
	try {
		run()
		return null
	} catch (error) {
		return String((error as Error).cause ?? error)
	}
}

describe('audit log', () => {
	test('rows chain to each other and the chain verifies', () => {
		recordAudit(db(), { actorId: null, action: 'user.create', entity: 'user', entityId: 1, data: { a: 1 } })
		recordAudit(db(), { actorId: 1, action: 'user.update', entity: 'user', entityId: 1, data: { b: 2 } })
		const rows = db().select().from(auditLog).orderBy(auditLog.id).all()
		expect(rows).toHaveLength(2)
		expect(rows[1]!.prevHash).toBe(rows[0]!.hash)
		expect(verifyAuditChain()).toBeNull()
	})

	test('UPDATE and DELETE are refused by the database itself', () => {
		recordAudit(db(), { actorId: null, action: 'user.create', entity: 'user', entityId: 1, data: {} })
		expect(sqliteError(() => db().run(sql`update audit_log set action = 'nothing happened'`))).toMatch(/append-only/)
		expect(sqliteError(() => db().run(sql`delete from audit_log`))).toMatch(/append-only/)
		expect(db().select().from(auditLog).all()).toHaveLength(1)
	})

	test('a row edited behind the triggers’ back is found', () => {
		recordAudit(db(), { actorId: null, action: 'a', entity: 'user', entityId: 1, data: {} })
		recordAudit(db(), { actorId: null, action: 'b', entity: 'user', entityId: 2, data: { role: 'manager' } })
		recordAudit(db(), { actorId: null, action: 'c', entity: 'user', entityId: 3, data: {} })
		const second = db().select().from(auditLog).orderBy(auditLog.id).all()[1]!
		db().run(sql`drop trigger audit_log_no_update`)
		db().run(sql`update audit_log set data = '{"role":"hr_admin"}' where id = ${second.id}`)
		expect(verifyAuditChain()).toBe(second.id)
	})
})
