import { teams, regions, type PositionType, type Role } from '#db/schema/auth.ts'
import { getDb } from '#db/client.server.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { createUser } from '#app/modules/auth/users.server.ts'

export const TEST_PASSWORD = 'correct horse battery'

let cachedHash: Promise<string> | undefined

/** A person in the current test database; password TEST_PASSWORD unless `password: null`. */
export async function createTestUser(
	overrides: Partial<{
		email: string
		name: string
		positionType: PositionType | null
		teamId: number | null
		hireDate: string
		roles: Role[]
		password: string | null
	}> = {},
) {
	const { password = TEST_PASSWORD, ...rest } = overrides
	cachedHash ??= hashPassword(TEST_PASSWORD)
	const passwordHash =
		password === null ? null : password === TEST_PASSWORD ? await cachedHash : await hashPassword(password)
	const email = rest.email ?? `user${Math.random().toString(36).slice(2, 10)}@example.com`
	const id = createUser(
		{
			email,
			name: rest.name ?? '测试用户',
			positionType: rest.positionType === undefined ? 'sales_rep' : rest.positionType,
			teamId: rest.teamId ?? null,
			hireDate: rest.hireDate ?? '2025-01-15',
			roles: rest.roles ?? [],
			passwordHash,
		},
		null,
	)
	return { id, email }
}

export function createTestTeam(code = 'east', managerId: number | null = null) {
	const db = getDb()
	const region = db.insert(regions).values({ code, nameZh: '华东', nameEn: 'East China' }).returning().get()
	return db
		.insert(teams)
		.values({ code: `${code}-team`, nameZh: '华东销售团队', nameEn: 'East team', regionId: region.id, managerId })
		.returning()
		.get()
}
