import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { closeDatabase, getDb, openDatabase, setDatabase } from '#db/client.server.ts'
import { setClock } from '#app/utils/clock.server.ts'

const TEMPLATE_DB = path.resolve('test/.tmp/template.db')

/**
 * Gives every test in the file its own copy of an already-migrated database, installed as the
 * process-wide connection, and restores the real clock afterwards.
 */
export function withFreshDatabase() {
	let dir = ''
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-test-'))
		const file = path.join(dir, 'test.db')
		fs.copyFileSync(TEMPLATE_DB, file)
		setDatabase(openDatabase(file))
	})
	afterEach(() => {
		closeDatabase()
		setClock(undefined)
		fs.rmSync(dir, { recursive: true, force: true })
	})
	return { db: () => getDb() }
}
