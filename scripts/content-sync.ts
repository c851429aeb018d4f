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
	const parts = (
		[
			['articles', report],
			['lessons', report.lessons],
			['exams', report.exams],
		] as const
	).map(([what, r]) => `${what} ${r.compiled.length} compiled, ${r.unchanged} unchanged, ${r.removed.length} removed`)
	console.log(`Content synced into ${file} in ${Math.round(performance.now() - started)} ms: ${parts.join('; ')}`)
} catch (error) {
	if (error instanceof ContentSyncError) {
		console.error(error.message)
		process.exitCode = 1
	} else throw error
} finally {
	db.$client.close()
}
