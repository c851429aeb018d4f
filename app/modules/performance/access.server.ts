import { and, eq, gt, isNull, lte, or } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { mentorPairings } from '#db/schema/mentoring.ts'
import { isManagerOf, type AuthUser } from '#app/modules/auth/users.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'

/**
 * How a viewer may see a person's KPI: their own, as the person's manager, as their active mentor
 * (read-only), or as HR. Null means 403.
 */
export type KpiAccess = 'self' | 'manager' | 'mentor' | 'hr'

function activePairing(today: string) {
	return and(lte(mentorPairings.startsOn, today), or(isNull(mentorPairings.endsOn), gt(mentorPairings.endsOn, today)))
}

export function isMentorOf(mentorId: number, menteeId: number, tx: Tx = getDb()): boolean {
	const today = businessDate(now())
	return (
		tx
			.select({ id: mentorPairings.id })
			.from(mentorPairings)
			.where(and(eq(mentorPairings.mentorId, mentorId), eq(mentorPairings.menteeId, menteeId), activePairing(today)))
			.get() !== undefined
	)
}

/** The people a mentor is paired with today. */
export function menteesOf(mentorId: number, tx: Tx = getDb()) {
	const today = businessDate(now())
	return tx
		.select({ id: users.id, name: users.name, email: users.email })
		.from(mentorPairings)
		.innerJoin(users, eq(users.id, mentorPairings.menteeId))
		.where(and(eq(mentorPairings.mentorId, mentorId), activePairing(today)))
		.orderBy(users.name)
		.all()
}

/** A person's active mentors (normally one). */
export function mentorIdsOf(menteeId: number, tx: Tx = getDb()): number[] {
	const today = businessDate(now())
	return tx
		.select({ id: mentorPairings.mentorId })
		.from(mentorPairings)
		.where(and(eq(mentorPairings.menteeId, menteeId), activePairing(today)))
		.all()
		.map((r) => r.id)
}

export function kpiAccess(viewer: Pick<AuthUser, 'id' | 'roles'>, userId: number): KpiAccess | null {
	if (viewer.id === userId) return 'self'
	if (viewer.roles.includes('hr_admin')) return 'hr'
	if (viewer.roles.includes('manager') && isManagerOf(viewer.id, userId)) return 'manager'
	if (isMentorOf(viewer.id, userId)) return 'mentor'
	return null
}
