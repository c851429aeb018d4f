import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm'
import { getDb, prepared, type Tx } from '#db/client.server.ts'
import {
	regions,
	sessions,
	teams,
	userRoles,
	users,
	type PositionType,
	type Role,
	type User,
} from '#db/schema/auth.ts'
import { now } from '#app/utils/clock.server.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'

export type AuthUser = Pick<
	User,
	'id' | 'email' | 'name' | 'positionType' | 'teamId' | 'hireDate' | 'preferredLocale'
> & { roles: Role[] }

export function normalizeEmail(email: string) {
	return email.trim().toLowerCase()
}

export function rolesOf(userId: number, tx: Tx = getDb()): Role[] {
	if (tx === getDb())
		return prepared('user.roles', (db) =>
			db
				.select({ role: userRoles.role })
				.from(userRoles)
				.where(eq(userRoles.userId, sql.placeholder('userId')))
				.prepare(),
		)
			.all({ userId })
			.map((r) => r.role)
	return tx
		.select({ role: userRoles.role })
		.from(userRoles)
		.where(eq(userRoles.userId, userId))
		.all()
		.map((r) => r.role)
}

const authUserColumns = {
	id: users.id,
	email: users.email,
	name: users.name,
	positionType: users.positionType,
	teamId: users.teamId,
	hireDate: users.hireDate,
	preferredLocale: users.preferredLocale,
}

/** The signed-in person (active only) with their roles; outside a transaction the statements are prepared once. */
export function loadAuthUser(userId: number, tx: Tx = getDb()): AuthUser | null {
	const row =
		tx === getDb()
			? prepared('user.auth', (db) =>
					db
						.select(authUserColumns)
						.from(users)
						.where(and(eq(users.id, sql.placeholder('userId')), isNull(users.deactivatedAt)))
						.prepare(),
				).get({ userId })
			: tx
					.select(authUserColumns)
					.from(users)
					.where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
					.get()
	return row ? { ...row, roles: rolesOf(row.id, tx) } : null
}

export function findUserByEmail(email: string, tx: Tx = getDb()) {
	return tx.select().from(users).where(eq(users.email, normalizeEmail(email))).get()
}

export type UserInput = {
	email: string
	name: string
	positionType: PositionType | null
	teamId: number | null
	hireDate: string
	roles: Role[]
	passwordHash?: string | null
}

/** Everyone is staff; other roles are added on top. */
function withStaff(roles: Role[]): Role[] {
	return Array.from(new Set<Role>(['staff', ...roles]))
}

export function insertUser(input: UserInput, actorId: number | null, tx: Tx = getDb()): number {
	const at = now()
	const created = tx
		.insert(users)
		.values({
			email: normalizeEmail(input.email),
			name: input.name.trim(),
			positionType: input.positionType,
			teamId: input.teamId,
			hireDate: input.hireDate,
			passwordHash: input.passwordHash ?? null,
			createdAt: at,
			updatedAt: at,
		})
		.returning({ id: users.id })
		.get()
	const roles = withStaff(input.roles)
	tx.insert(userRoles)
		.values(roles.map((role) => ({ userId: created.id, role })))
		.run()
	recordAudit(tx, {
		actorId,
		action: 'user.create',
		entity: 'user',
		entityId: created.id,
		data: { email: normalizeEmail(input.email), roles, positionType: input.positionType, teamId: input.teamId },
	})
	return created.id
}

export function createUser(input: UserInput, actorId: number | null): number {
	return getDb().transaction((tx) => insertUser(input, actorId, tx))
}

export type UserChanges = Omit<UserInput, 'email' | 'passwordHash'>

export function updateUser(userId: number, changes: UserChanges, actorId: number) {
	getDb().transaction((tx) => {
		tx.update(users)
			.set({
				name: changes.name.trim(),
				positionType: changes.positionType,
				teamId: changes.teamId,
				hireDate: changes.hireDate,
				updatedAt: now(),
			})
			.where(eq(users.id, userId))
			.run()
		const roles = withStaff(changes.roles)
		tx.delete(userRoles).where(eq(userRoles.userId, userId)).run()
		tx.insert(userRoles)
			.values(roles.map((role) => ({ userId, role })))
			.run()
		recordAudit(tx, { actorId, action: 'user.update', entity: 'user', entityId: userId, data: { ...changes, roles } })
	})
}

/** Deactivation ends every session at once: a leaver is out on their next click. */
export function setUserActive(userId: number, active: boolean, actorId: number) {
	getDb().transaction((tx) => {
		tx.update(users)
			.set({ deactivatedAt: active ? null : now(), updatedAt: now() })
			.where(eq(users.id, userId))
			.run()
		if (!active) tx.delete(sessions).where(eq(sessions.userId, userId)).run()
		recordAudit(tx, {
			actorId,
			action: active ? 'user.reactivate' : 'user.deactivate',
			entity: 'user',
			entityId: userId,
			data: {},
		})
	})
}

/** Sets a password and signs the person out everywhere, in one transaction. */
export function setUserPassword(userId: number, passwordHash: string, actorId: number) {
	getDb().transaction((tx) => {
		tx.update(users).set({ passwordHash, updatedAt: now() }).where(eq(users.id, userId)).run()
		tx.delete(sessions).where(eq(sessions.userId, userId)).run()
		recordAudit(tx, { actorId, action: 'user.password', entity: 'user', entityId: userId, data: {} })
	})
}

export function setPreferredLocale(userId: number, locale: string) {
	getDb().update(users).set({ preferredLocale: locale }).where(eq(users.id, userId)).run()
}

export type UserListRow = {
	id: number
	email: string
	name: string
	positionType: PositionType | null
	hireDate: string
	active: boolean
	teamId: number | null
	roles: Role[]
}

export function listUsers({
	query,
	page,
	pageSize = 25,
}: {
	query?: string
	page: number
	pageSize?: number
}): { rows: UserListRow[]; total: number } {
	const db = getDb()
	const q = query?.trim()
	const where = q ? or(like(users.name, `%${q}%`), like(users.email, `%${q.toLowerCase()}%`)) : undefined
	const total = db.select({ n: sql<number>`count(*)` }).from(users).where(where).get()?.n ?? 0
	const rows = db
		.select()
		.from(users)
		.where(where)
		.orderBy(asc(users.name), asc(users.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all()
	const roleRows = rows.length
		? db
				.select()
				.from(userRoles)
				.where(
					inArray(
						userRoles.userId,
						rows.map((r) => r.id),
					),
				)
				.all()
		: []
	return {
		total,
		rows: rows.map((r) => ({
			id: r.id,
			email: r.email,
			name: r.name,
			positionType: r.positionType,
			hireDate: r.hireDate,
			active: r.deactivatedAt === null,
			teamId: r.teamId,
			roles: roleRows.filter((x) => x.userId === r.id).map((x) => x.role),
		})),
	}
}

export function getUserForEdit(userId: number) {
	const user = getDb().select().from(users).where(eq(users.id, userId)).get()
	if (!user) return null
	const { passwordHash, ...rest } = user
	return { ...rest, hasPassword: passwordHash !== null, roles: rolesOf(userId) }
}

/** The stored hash, so a signed-in person can prove they still know their password. */
export function getPasswordHash(userId: number): string | null {
	return getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash ?? null
}

export function listTeams() {
	return getDb()
		.select({
			id: teams.id,
			code: teams.code,
			nameZh: teams.nameZh,
			nameEn: teams.nameEn,
			managerId: teams.managerId,
			regionZh: regions.nameZh,
			regionEn: regions.nameEn,
		})
		.from(teams)
		.innerJoin(regions, eq(regions.id, teams.regionId))
		.orderBy(asc(teams.id))
		.all()
}

/** True when `managerId` leads the team that `userId` belongs to. */
export function isManagerOf(managerId: number, userId: number): boolean {
	const row = getDb()
		.select({ managerId: teams.managerId })
		.from(users)
		.innerJoin(teams, eq(teams.id, users.teamId))
		.where(eq(users.id, userId))
		.get()
	return row?.managerId === managerId
}

/** What a person's home page shows about them. */
export function getProfile(userId: number) {
	const row = getDb()
		.select({
			name: users.name,
			email: users.email,
			positionType: users.positionType,
			hireDate: users.hireDate,
			teamZh: teams.nameZh,
			teamEn: teams.nameEn,
			regionZh: regions.nameZh,
			regionEn: regions.nameEn,
		})
		.from(users)
		.leftJoin(teams, eq(teams.id, users.teamId))
		.leftJoin(regions, eq(regions.id, teams.regionId))
		.where(eq(users.id, userId))
		.get()
	return row ?? null
}
