import fs from 'node:fs'
import { migrateDatabase, openDatabase, setDatabase } from '#db/client.server.ts'
import { seedDemo } from '#db/seed/index.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

/** Drop, migrate, (sync content,) seed: DATABASE_PATH ends up exactly like a fresh demo. */
const file = getEnv().DATABASE_PATH
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
const db = openDatabase(file)
// The seed's last steps (alerts, stored scores) go through the app's modules, which use this connection.
setDatabase(db)
migrateDatabase(db)
// Content first: the seed links people's activity (views, bookmarks…) to articles.
const started = performance.now()
const content = await syncContent({ db })
const seeded = await seedDemo(db, { now: now() })
db.$client.close()
console.log(
	`Reset ${file}: ${content.compiled.length} articles, ${content.lessons.compiled.length} lessons, ${content.exams.compiled.length} exam banks, ${seeded.people} people, ${seeded.examAttempts} exam attempts, ${seeded.kpiRecords} KPI records, ${seeded.alerts} open alerts, ${seeded.pairings} mentor pairings with ${seeded.coachingSessions} coaching sessions, ${seeded.sharingSessions} sharing sessions (${seeded.sessionRsvps} RSVPs, ${seeded.sessionAttendance} check-ins, ${seeded.sessionFeedback} ratings, ${seeded.sessionArticles} published article), ${seeded.pointsBackfilled} points ledger rows, ${seeded.badges} badges, ${seeded.periodsClosed} periods closed in ${Math.round(performance.now() - started)} ms`,
)
