import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema/index.ts'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
/** What a function needs to read or write: the database or a transaction inside it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db

export const migrationsFolder = path.resolve(import.meta.dirname ?? '.', '../db/migrations')

function resolveMigrationsFolder() {
	// Built server code lives in server-build/, sources in db/; both sit under the project root.
	const candidates = [path.resolve('db/migrations'), migrationsFolder]
	const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'meta/_journal.json')))
	if (!found) throw new Error(`No drizzle migrations found (looked in ${candidates.join(', ')})`)
	return found
}

/** Opens a SQLite file with the pragmas Ascent relies on (see ARCHITECTURE §6). */
export function openDatabase(file: string): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
	const sqlite = new Database(file)
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('foreign_keys = ON')
	sqlite.pragma('busy_timeout = 5000')
	sqlite.pragma('synchronous = FULL')
	return drizzle(sqlite, { schema, casing: 'snake_case' }) as Db
}

export function migrateDatabase(db: Db) {
	migrate(db, { migrationsFolder: resolveMigrationsFolder() })
}

let current: Db | undefined

/**
 * The process-wide connection, opened (and migrated) on first use from DATABASE_PATH.
 * Tests swap it for a fresh copy with `setDatabase`.
 */
export function getDb(): Db {
	if (!current) {
		current = openDatabase(process.env.DATABASE_PATH || 'data/ascent.db')
		migrateDatabase(current)
	}
	return current
}

export function setDatabase(db: Db | undefined) {
	current = db
}

export function closeDatabase() {
	current?.$client.close()
	current = undefined
}

const statements = new WeakMap<Db, Map<string, unknown>>()

/**
 * A statement built and prepared once per connection, for the few queries on hot paths (session
 * check, exam autosave): drizzle's query building and SQLite's prepare cost more than the query.
 */
export function prepared<T>(key: string, build: (db: Db) => T, db: Db = getDb()): T {
	let cache = statements.get(db)
	if (!cache) statements.set(db, (cache = new Map()))
	if (!cache.has(key)) cache.set(key, build(db))
	return cache.get(key) as T
}
