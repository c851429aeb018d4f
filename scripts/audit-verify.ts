/**
 * npm run audit:verify — walks the audit log's hash chain in DATABASE_PATH (default data/ascent.db) and
 * names the first row that does not match (ADR 004). Exit 0: intact; 1: broken; 2: no database.
 */
import fs from 'node:fs'
import { openDatabase } from '#db/client.server.ts'
import { verifyChainReport } from '#app/modules/audit/query.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

const file = getEnv().DATABASE_PATH
if (!fs.existsSync(file)) {
	console.error(`no database at ${file} (set DATABASE_PATH)`)
	process.exit(2)
}

const db = openDatabase(file)
let code = 0
try {
	const report = verifyChainReport(db)
	if (report.ok) {
		console.log(`audit chain intact: ${report.rows} rows`)
	} else {
		const bad = report.firstBad!
		const at = Number.isNaN(bad.at.getTime()) ? 'an unreadable time' : bad.at.toISOString()
		console.log(`audit chain broken at row ${bad.id} (${bad.action} at ${at})`)
		code = 1
	}
} finally {
	db.$client.close()
}
process.exit(code)
