import { asc, eq } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { teams, users, type PositionType } from '#db/schema/auth.ts'
import { normalizeEmail } from './users.server.ts'

/** A person as other systems (HR, CRM, IM bots) map them: no roles, no login state. */
export type DirectoryEntry = {
	id: number
	email: string
	name: string
	positionType: PositionType | null
	teamCode: string | null
	hireDate: string
	active: boolean
}

/** Everyone, leavers included (flagged inactive) so a sync can close their accounts too. */
export function listDirectory({ email }: { email?: string } = {}): DirectoryEntry[] {
	return getDb()
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			positionType: users.positionType,
			teamCode: teams.code,
			hireDate: users.hireDate,
			deactivatedAt: users.deactivatedAt,
		})
		.from(users)
		.leftJoin(teams, eq(teams.id, users.teamId))
		.where(email === undefined ? undefined : eq(users.email, normalizeEmail(email)))
		.orderBy(asc(users.id))
		.all()
		.map(({ deactivatedAt, ...person }) => ({ ...person, active: deactivatedAt === null }))
}
