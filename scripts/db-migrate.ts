import { migrateDatabase, openDatabase } from '#db/client.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

const file = getEnv().DATABASE_PATH
const db = openDatabase(file)
migrateDatabase(db)
db.$client.close()
console.log(`Migrated ${file}`)
