import { migrateDatabase, openDatabase } from '#db/client.server.ts'
import { isEmpty, seedDemo } from '#db/seed/index.ts'
import { now } from '#app/utils/clock.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

/** Seeds the demo company only into an empty database; an existing one is left alone. */
const file = getEnv().DATABASE_PATH
const db = openDatabase(file)
migrateDatabase(db)
if (isEmpty(db)) {
	const seeded = await seedDemo(db, { now: now() })
	console.log(`Seeded the demo company into ${file} (${seeded.people} people)`)
} else {
	console.log(`${file} already has data; not seeding`)
}
db.$client.close()
