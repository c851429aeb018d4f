import { migrateDatabase, openDatabase } from '#db/client.server.ts'
import { ContentSyncError, syncContent } from '#app/modules/content/sync.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

/** npm run content:sync — validate content/ and store it in DATABASE_PATH; a bad file fails the run. */
const file = getEnv().DATABASE_PATH
const db = openDatabase(file)
migrateDatabase(db)
try {
	const started = performance.now()
	const report = await syncContent({ db })
	console.log(
		`Content synced into ${file}: ${report.compiled.length} compiled, ${report.unchanged} unchanged, ${report.removed.length} removed (${Math.round(performance.now() - started)} ms)`,
	)
} catch (error) {
	if (error instanceof ContentSyncError) {
		console.error(error.message)
		process.exitCode = 1
	} else throw error
} finally {
	db.$client.close()
}
