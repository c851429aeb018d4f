import { parseArgs } from 'node:util'
import { z } from 'zod'
import { migrateDatabase, openDatabase, setDatabase } from '#db/client.server.ts'
import { positionTypes, roles } from '#db/schema/auth.ts'
import { hashPassword, passwordProblem } from '#app/modules/auth/password.server.ts'
import { createUser, findUserByEmail } from '#app/modules/auth/users.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate, isIsoDate } from '#app/utils/dates.ts'
import { getEnv } from '#app/utils/env.server.ts'

const usage = `Create a person who can log in (e.g. the first HR admin of a new deployment).

  npm run user:create -- --email hr@corp.cn --name 周敏 --role hr_admin [--position sales_rep]
                         [--hire-date 2026-01-05] [--password …]

The password is read from ASCENT_PASSWORD or --password; it must pass the password policy.
Roles: ${roles.join(', ')} (repeat --role). Positions: ${positionTypes.join(', ')}.`

const { values } = parseArgs({
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		role: { type: 'string', multiple: true, default: [] },
		position: { type: 'string' },
		'hire-date': { type: 'string' },
		password: { type: 'string' },
		help: { type: 'boolean', short: 'h' },
	},
})
if (values.help) {
	console.log(usage)
	process.exit(0)
}

const Args = z.object({
	email: z.email('a valid --email is required'),
	name: z.string('--name is required').trim().min(1).max(60),
	role: z.array(z.enum(roles, `--role must be one of ${roles.join(', ')}`)),
	position: z.enum(positionTypes, `--position must be one of ${positionTypes.join(', ')}`).optional(),
	hireDate: z.string().refine(isIsoDate, '--hire-date must be YYYY-MM-DD'),
	password: z.string('a password is required (ASCENT_PASSWORD or --password)'),
})
const parsed = Args.safeParse({
	...values,
	hireDate: values['hire-date'] ?? businessDate(now()),
	password: values.password ?? process.env.ASCENT_PASSWORD,
})
if (!parsed.success) {
	for (const issue of parsed.error.issues) console.error(`✗ ${issue.message}`)
	console.error(`\n${usage}`)
	process.exit(2)
}
const args = parsed.data
const problem = passwordProblem(args.password, args.email)
if (problem) {
	console.error(`✗ password refused: ${problem}`)
	process.exit(2)
}

const db = openDatabase(getEnv().DATABASE_PATH)
migrateDatabase(db)
setDatabase(db)
if (findUserByEmail(args.email)) {
	console.error(`✗ ${args.email} already exists`)
	process.exit(2)
}
const id = createUser(
	{
		email: args.email,
		name: args.name,
		positionType: args.position ?? null,
		teamId: null,
		hireDate: args.hireDate,
		roles: args.role,
		passwordHash: await hashPassword(args.password),
	},
	null,
)
db.$client.close()
console.log(`✓ created ${args.email} (id ${id}, roles: staff${args.role.map((r) => `, ${r}`).join('')})`)
