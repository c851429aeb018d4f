import fs from 'node:fs'
import { migrateDatabase, openDatabase } from '#db/client.server.ts'
import { seedDemo } from '#db/seed/index.ts'
import { now } from '#app/utils/clock.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

/** Drop, migrate, (sync content,) seed: DATABASE_PATH ends up exactly like a fresh demo. */
const file = getEnv().DATABASE_PATH
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
const db = openDatabase(file)
migrateDatabase(db)
// Later domains add their steps here (content sync runs before the seed, which links to content).
const started = performance.now()
const seeded = await seedDemo(db, { now: now() })
db.$client.close()
console.log(`Reset ${file}: seeded ${seeded.people} people in ${Math.round(performance.now() - started)} ms`)
