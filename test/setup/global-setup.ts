import fs from 'node:fs'
import path from 'node:path'
import { migrateDatabase, openDatabase } from '../../db/client.server.ts'

export const TEMPLATE_DB = path.resolve('test/.tmp/template.db')

/** Migrates one template database per run; each test copies it (see test/helpers/db.ts). */
export default function setup() {
	fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true })
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(TEMPLATE_DB + suffix, { force: true })
	const db = openDatabase(TEMPLATE_DB)
	migrateDatabase(db)
	db.$client.pragma('wal_checkpoint(TRUNCATE)')
	db.$client.pragma('journal_mode = DELETE')
	db.$client.close()
}
