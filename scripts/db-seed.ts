import { migrateDatabase, openDatabase, setDatabase } from '#db/client.server.ts'
import { isEmpty, seedDemo } from '#db/seed/index.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

/** Syncs content, then seeds the demo company only into an empty database; existing people are left alone. */
const file = getEnv().DATABASE_PATH
const db = openDatabase(file)
// The seed's last steps (alerts, stored scores) go through the app's modules, which use this connection.
setDatabase(db)
migrateDatabase(db)
const content = await syncContent({ db })
console.log(
	`Content: ${content.compiled.length} articles, ${content.lessons.compiled.length} lessons and ${content.exams.compiled.length} exam banks compiled; ${content.unchanged + content.lessons.unchanged + content.exams.unchanged} unchanged`,
)
if (isEmpty(db)) {
	const seeded = await seedDemo(db, { now: now() })
	console.log(`Seeded the demo company into ${file} (${seeded.people} people, ${seeded.examAttempts} graded exam attempts, ${seeded.kpiRecords} KPI records, ${seeded.alerts} open alerts, ${seeded.pairings} mentor pairings with ${seeded.coachingSessions} coaching sessions, ${seeded.sharingSessions} sharing sessions with ${seeded.sessionRsvps} RSVPs, ${seeded.sessionAttendance} check-ins, ${seeded.sessionFeedback} ratings and ${seeded.sessionArticles} published article; ${seeded.pointsBackfilled} points ledger rows, ${seeded.badges} badges, ${seeded.periodsClosed} periods closed)`)
} else {
	console.log(`${file} already has data; not seeding`)
}
db.$client.close()
