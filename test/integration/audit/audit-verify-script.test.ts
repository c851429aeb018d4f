import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { openDatabase } from '#db/client.server.ts'
import { auditLog } from '#db/schema/audit.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'

const { db } = withFreshDatabase()

const TSX = path.resolve('node_modules/.bin/tsx')
const SCRIPT = path.resolve('scripts/audit-verify.ts')

let dir = ''
afterEach(() => {
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
	dir = ''
})

/** `npm run audit:verify` against one database file. */
function verifyScript(file: string) {
	const { ASCENT_NOW: _, ...env } = process.env
	const run = spawnSync(TSX, [SCRIPT], {
		env: { ...env, DATABASE_PATH: file },
		encoding: 'utf8',
		timeout: 30_000,
	})
	return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() }
}

/** A copy of the test database, as an operator would have it on disk. */
function copyOfDatabase() {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-audit-verify-'))
	const file = path.join(dir, 'copy.db')
	db().$client.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`)
	return file
}

function writeRows() {
	setClock(new Date('2026-11-20T02:00:00Z'))
	recordAudit(db(), { actorId: null, action: 'user.create', entity: 'user', entityId: 1, data: { name: '周敏' } })
	setClock(new Date('2026-11-20T03:15:30Z'))
	recordAudit(db(), { actorId: 1, actorRole: 'hr_admin', action: 'kpi.record.dispute', entity: 'kpi_record', entityId: 9, data: { before: { status: 'valid' }, after: { status: 'disputed' } }, reason: '待核实' })
	setClock(new Date('2026-11-20T04:00:00Z'))
	recordAudit(db(), { actorId: null, actorRole: 'api', action: 'kpi.import', entity: 'kpi_import_batch', entityId: 2, data: { rows: 3 }, batchId: 2 })
}

describe('npm run audit:verify', () => {
	test('exits 0 and counts the rows of an intact chain; exits 1 naming the first tampered row', () => {
		writeRows()
		const file = copyOfDatabase()

		const intact = verifyScript(file)
		expect(intact).toMatchObject({ code: 0, stdout: 'audit chain intact: 3 rows' })

		// Tamper with the copy the way someone with file access would: around the append-only trigger.
		const copy = openDatabase(file)
		const second = copy.select().from(auditLog).orderBy(auditLog.id).all()[1]!
		copy.run(sql`drop trigger audit_log_no_update`)
		copy.run(sql`update audit_log set reason = '无异议' where id = ${second.id}`)
		copy.$client.close()

		const broken = verifyScript(file)
		expect(broken).toMatchObject({ code: 1, stdout: `audit chain broken at row ${second.id} (kpi.record.dispute at 2026-11-20T03:15:30.000Z)` })
	})

	test('an empty log is intact; a missing database is an error, not an empty one created on the spot', () => {
		const file = copyOfDatabase()
		expect(verifyScript(file)).toMatchObject({ code: 0, stdout: 'audit chain intact: 0 rows' })

		const missing = path.join(dir, 'missing.db')
		const result = verifyScript(missing)
		expect(result.code).toBe(2)
		expect(result.stderr).toContain(missing)
		expect(fs.existsSync(missing)).toBe(false)
	})
})
