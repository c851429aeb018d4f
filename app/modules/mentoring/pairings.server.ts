import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { regions, teams, userRoles, users, type PositionType } from '#db/schema/auth.ts'
import { mentorCapacities, mentorPairings, pairingFocus, type MentorPairing } from '#db/schema/mentoring.ts'
import { indicators } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { isManagerOf, type AuthUser } from '#app/modules/auth/users.server.ts'
import { problem, type FieldErrors, type Refusal } from '#app/modules/performance/targets.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { capacityLeft, MENTOR_CAPACITY_DEFAULT, type PairingInput } from './rules.ts'

/**
 * Pairings: who may see and change them, capacity, creating and ending them. HR pairs anyone; a
 * manager pairs the people of their own team. The database triggers of migration 0008 hold the rules a
 * race could otherwise slip past (self, one pairing per mentee, capacity); a refusal they raise comes
 * back as the same field error as the check made here first.
 */

export type Viewer = Pick<AuthUser, 'id' | 'roles'>

/** How a viewer relates to a pairing: its mentor, its mentee, the mentee's manager, or HR. Null means 403. */
export type PairingAccess = 'mentor' | 'mentee' | 'manager' | 'hr'

export function today() {
	return businessDate(now())
}

/** Running on `day`: started, and not yet at its (exclusive) end. */
export function isActiveOn(pairing: Pick<MentorPairing, 'startsOn' | 'endsOn'>, day: string) {
	return pairing.startsOn <= day && (pairing.endsOn === null || pairing.endsOn > day)
}

export function activeOn(day: string) {
	return and(lte(mentorPairings.startsOn, day), or(isNull(mentorPairings.endsOn), gt(mentorPairings.endsOn, day)))
}

/** Still counts against capacity on `day`: not ended by then (pairings starting later count too). */
function runningOn(day: string) {
	return or(isNull(mentorPairings.endsOn), gt(mentorPairings.endsOn, day))
}

export function getPairing(pairingId: number, tx: Tx = getDb()): MentorPairing | undefined {
	if (!Number.isSafeInteger(pairingId) || pairingId <= 0) return undefined
	return tx.select().from(mentorPairings).where(eq(mentorPairings.id, pairingId)).get()
}

export function pairingAccess(viewer: Viewer, pairing: Pick<MentorPairing, 'mentorId' | 'menteeId'>): PairingAccess | null {
	if (viewer.id === pairing.mentorId) return 'mentor'
	if (viewer.id === pairing.menteeId) return 'mentee'
	if (viewer.roles.includes('hr_admin')) return 'hr'
	if (viewer.roles.includes('manager') && isManagerOf(viewer.id, pairing.menteeId)) return 'manager'
	return null
}

/** HR, or a manager for a person of their own team: who may pair someone and end their pairing. */
export function canPair(viewer: Viewer, menteeId: number): boolean {
	if (viewer.roles.includes('hr_admin')) return viewer.id !== menteeId
	return viewer.roles.includes('manager') && viewer.id !== menteeId && isManagerOf(viewer.id, menteeId)
}

export function canPairAnyone(viewer: Viewer): boolean {
	return viewer.roles.includes('hr_admin') || viewer.roles.includes('manager')
}

export function capacityOf(mentorId: number, tx: Tx = getDb()): number {
	return tx.select({ c: mentorCapacities.capacity }).from(mentorCapacities).where(eq(mentorCapacities.userId, mentorId)).get()?.c ?? MENTOR_CAPACITY_DEFAULT
}

/** Pairings that count against a mentor's capacity on `day`. */
export function runningCountOf(mentorId: number, day: string, tx: Tx = getDb()): number {
	return (
		tx
			.select({ n: sql<number>`count(*)` })
			.from(mentorPairings)
			.where(and(eq(mentorPairings.mentorId, mentorId), runningOn(day)))
			.get()?.n ?? 0
	)
}

export type MentorOption = {
	id: number
	name: string
	positionType: PositionType | null
	regionId: number | null
	regionZh: string | null
	regionEn: string | null
	capacity: number
	running: number
	left: number
}

/** Everyone with the mentor role who is active, with their capacity and how much of it is used today. */
export function mentorOptions(day = today(), tx: Tx = getDb()): MentorOption[] {
	const rows = tx
		.select({
			id: users.id,
			name: users.name,
			positionType: users.positionType,
			regionId: regions.id,
			regionZh: regions.nameZh,
			regionEn: regions.nameEn,
			capacity: sql<number>`coalesce(${mentorCapacities.capacity}, ${MENTOR_CAPACITY_DEFAULT})`,
			running: sql<number>`(select count(*) from ${mentorPairings} p where p.mentor_id = ${users.id} and (p.ends_on is null or p.ends_on > ${day}))`,
		})
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'mentor')))
		.leftJoin(teams, eq(teams.id, users.teamId))
		.leftJoin(regions, eq(regions.id, teams.regionId))
		.leftJoin(mentorCapacities, eq(mentorCapacities.userId, users.id))
		.where(isNull(users.deactivatedAt))
		.orderBy(asc(users.name), asc(users.id))
		.all()
	return rows.map((r) => ({ ...r, left: capacityLeft(r.capacity, r.running) }))
}

export type MenteeOption = { id: number; name: string; email: string; positionType: PositionType | null; paired: boolean }

/** The people a viewer may pair: HR everyone active in a sales-line position, a manager their team. */
export function menteeOptions(viewer: Viewer, day = today(), tx: Tx = getDb()): MenteeOption[] {
	const isHr = viewer.roles.includes('hr_admin')
	if (!isHr && !viewer.roles.includes('manager')) return []
	const teamFilter = isHr ? undefined : inArray(users.teamId, tx.select({ id: teams.id }).from(teams).where(eq(teams.managerId, viewer.id)))
	return tx
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			positionType: users.positionType,
			// Qualified by hand: without a join drizzle writes a bare "id", which inside the subquery is p.id.
			paired: sql<number>`exists (select 1 from ${mentorPairings} p where p.mentee_id = ${users}.id and (p.ends_on is null or p.ends_on > ${day}))`,
		})
		.from(users)
		.where(and(isNull(users.deactivatedAt), sql`${users.positionType} is not null`, sql`${users.id} <> ${viewer.id}`, teamFilter))
		.orderBy(asc(users.name), asc(users.id))
		.all()
		.map((r) => ({ ...r, paired: Boolean(r.paired) }))
}

const refuse = (fieldErrors: FieldErrors, formErrors: string[] = []): Refusal => ({ ok: false, fieldErrors, formErrors })

/** Turns a trigger's RAISE into the field error the form shows. */
function triggerRefusal(error: unknown, capacity: number): Refusal | null {
	const message = error instanceof Error ? error.message : ''
	if (message.includes('pairing_self')) return refuse({ mentorId: ['mentoring.errors.self'] })
	if (message.includes('pairing_mentee_paired')) return refuse({ menteeId: ['mentoring.errors.alreadyPaired'] })
	if (message.includes('pairing_capacity')) return refuse({ mentorId: [problem('mentoring.errors.capacityFull', { capacity })] })
	return null
}

/**
 * Pairs a mentor with a mentee (checked by `pairingSchema` first): the actor may pair this mentee, the
 * mentor holds the mentor role and has capacity left, the mentee has no pairing over those days, the
 * indicators exist. One immediate transaction with the audit row; nothing is written on a refusal.
 */
export function createPairing(input: PairingInput, actor: Viewer): { ok: true; pairingId: number } | Refusal {
	if (!canPair(actor, input.menteeId)) return refuse({ menteeId: ['mentoring.errors.menteeNotYours'] })
	const db = getDb()
	let capacity = MENTOR_CAPACITY_DEFAULT
	try {
		return db.transaction(
			(tx) => {
				const mentee = tx
					.select({ id: users.id, positionType: users.positionType, deactivatedAt: users.deactivatedAt })
					.from(users)
					.where(eq(users.id, input.menteeId))
					.get()
				if (!mentee || mentee.deactivatedAt !== null || mentee.positionType === null) return refuse({ menteeId: ['mentoring.errors.mentee'] })
				const mentor = tx
					.select({ id: users.id, deactivatedAt: users.deactivatedAt })
					.from(users)
					.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'mentor')))
					.where(eq(users.id, input.mentorId))
					.get()
				if (!mentor || mentor.deactivatedAt !== null) return refuse({ mentorId: ['mentoring.errors.mentor'] })
				if (input.mentorId === input.menteeId) return refuse({ mentorId: ['mentoring.errors.self'] })
				const overlapping = tx
					.select({ id: mentorPairings.id })
					.from(mentorPairings)
					.where(
						and(
							eq(mentorPairings.menteeId, input.menteeId),
							runningOn(input.startsOn),
							input.endsOn === null ? undefined : sql`${mentorPairings.startsOn} < ${input.endsOn}`,
						),
					)
					.get()
				if (overlapping) return refuse({ menteeId: ['mentoring.errors.alreadyPaired'] })
				capacity = capacityOf(input.mentorId, tx)
				if (runningCountOf(input.mentorId, input.startsOn, tx) >= capacity)
					return refuse({ mentorId: [problem('mentoring.errors.capacityFull', { capacity })] })
				const ids = input.focus.map((f) => f.indicatorId)
				const known = ids.length === 0 ? [] : tx.select({ id: indicators.id }).from(indicators).where(inArray(indicators.id, ids)).all()
				if (known.length !== new Set(ids).size) return refuse({ 'focus[0].indicatorId': ['mentoring.errors.focusIndicator'] })

				const pairing = tx
					.insert(mentorPairings)
					.values({ mentorId: input.mentorId, menteeId: input.menteeId, startsOn: input.startsOn, endsOn: input.endsOn, createdById: actor.id })
					.returning()
					.get()
				if (input.focus.length > 0)
					tx.insert(pairingFocus)
						.values(input.focus.map((f, position) => ({ pairingId: pairing.id, position, ...f })))
						.run()
				recordAudit(tx, {
					actorId: actor.id,
					actorRole: actor.roles.includes('hr_admin') ? 'hr_admin' : 'manager',
					action: 'mentoring.pairing.create',
					entity: 'mentor_pairing',
					entityId: pairing.id,
					data: { before: null, after: { ...pairing, focus: input.focus } },
				})
				return { ok: true as const, pairingId: pairing.id }
			},
			{ behavior: 'immediate' },
		)
	} catch (error) {
		const refusal = triggerRefusal(error, capacity)
		if (refusal) return refusal
		throw error
	}
}

export type EndRefusal = 'forbidden' | 'ended'

/**
 * Ends a running pairing today (a pairing that has not started yet ends on its start day, i.e. never
 * runs). The row, its coaching log and its impact stay. HR or the mentee's manager, with a reason.
 */
export function endPairing(pairingId: number, reason: string, actor: Viewer): { ok: true } | { ok: false; reason: EndRefusal } {
	return getDb().transaction(
		(tx) => {
			const pairing = getPairing(pairingId, tx)
			if (!pairing || !canPair(actor, pairing.menteeId)) return { ok: false as const, reason: 'forbidden' as const }
			const day = today()
			if (pairing.endsOn !== null && pairing.endsOn <= day) return { ok: false as const, reason: 'ended' as const }
			const endsOn = pairing.startsOn > day ? pairing.startsOn : day
			tx.update(mentorPairings).set({ endsOn, endedById: actor.id, endReason: reason }).where(eq(mentorPairings.id, pairingId)).run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: actor.roles.includes('hr_admin') ? 'hr_admin' : 'manager',
				action: 'mentoring.pairing.end',
				entity: 'mentor_pairing',
				entityId: pairingId,
				data: { before: { endsOn: pairing.endsOn }, after: { endsOn } },
				reason,
			})
			return { ok: true as const }
		},
		{ behavior: 'immediate' },
	)
}

/** HR sets how many mentees a mentor may have at once (lowering it leaves running pairings alone). */
export function setCapacity(mentorId: number, capacity: number, actor: Viewer): { ok: true } | { ok: false; reason: 'forbidden' | 'mentor' } {
	if (!actor.roles.includes('hr_admin')) return { ok: false, reason: 'forbidden' }
	return getDb().transaction(
		(tx) => {
			const isMentor = tx
				.select({ id: userRoles.userId })
				.from(userRoles)
				.where(and(eq(userRoles.userId, mentorId), eq(userRoles.role, 'mentor')))
				.get()
			if (!isMentor) return { ok: false as const, reason: 'mentor' as const }
			const before = capacityOf(mentorId, tx)
			if (before === capacity) return { ok: true as const }
			tx.insert(mentorCapacities)
				.values({ userId: mentorId, capacity, updatedById: actor.id, updatedAt: now() })
				.onConflictDoUpdate({ target: mentorCapacities.userId, set: { capacity, updatedById: actor.id, updatedAt: now() } })
				.run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'mentoring.capacity.set',
				entity: 'user',
				entityId: mentorId,
				data: { before: { capacity: before }, after: { capacity } },
			})
			return { ok: true as const }
		},
		{ behavior: 'immediate' },
	)
}

export type PairingRow = {
	id: number
	mentorId: number
	mentorName: string
	menteeId: number
	menteeName: string
	startsOn: string
	endsOn: string | null
	endReason: string | null
	active: boolean
	focus: Array<{ indicatorId: number; code: string; nameZh: string; nameEn: string; unit: string; direction: 'higher' | 'lower'; fromValue: number | null; toValue: number | null; dueOn: string | null }>
}

/** The focus indicators (with goals) of these pairings, in the order they were chosen. */
export function focusOf(pairingIds: readonly number[], tx: Tx = getDb()): Map<number, PairingRow['focus']> {
	const result = new Map<number, PairingRow['focus']>()
	if (pairingIds.length === 0) return result
	const rows = tx
		.select({
			pairingId: pairingFocus.pairingId,
			indicatorId: pairingFocus.indicatorId,
			code: indicators.code,
			nameZh: indicators.nameZh,
			nameEn: indicators.nameEn,
			unit: indicators.unit,
			direction: indicators.direction,
			fromValue: pairingFocus.fromValue,
			toValue: pairingFocus.toValue,
			dueOn: pairingFocus.dueOn,
		})
		.from(pairingFocus)
		.innerJoin(indicators, eq(indicators.id, pairingFocus.indicatorId))
		.where(inArray(pairingFocus.pairingId, [...pairingIds]))
		.orderBy(asc(pairingFocus.pairingId), asc(pairingFocus.position))
		.all()
	for (const { pairingId, ...focus } of rows) {
		let list = result.get(pairingId)
		if (!list) result.set(pairingId, (list = []))
		list.push(focus)
	}
	return result
}

/**
 * Pairings as a list: a mentor's, a mentee's, a manager's team's, or (HR) everyone's. Running ones
 * first, then the newest.
 */
export function listPairings(filter: { id?: number; mentorId?: number; menteeId?: number; teamManagerId?: number; all?: boolean }, tx: Tx = getDb()): PairingRow[] {
	const mentor = sql.raw('m')
	const mentee = sql.raw('e')
	const where = [
		filter.id !== undefined ? sql`p.id = ${filter.id}` : undefined,
		filter.mentorId !== undefined ? sql`p.mentor_id = ${filter.mentorId}` : undefined,
		filter.menteeId !== undefined ? sql`p.mentee_id = ${filter.menteeId}` : undefined,
		filter.teamManagerId !== undefined ? sql`e.team_id in (select id from teams where manager_id = ${filter.teamManagerId})` : undefined,
	].filter(Boolean)
	if (where.length === 0 && !filter.all) return []
	const day = today()
	const rows = tx.all<Omit<PairingRow, 'active' | 'focus'> & { active: number }>(sql`
		select p.id, p.mentor_id as mentorId, ${mentor}.name as mentorName, p.mentee_id as menteeId, ${mentee}.name as menteeName,
		       p.starts_on as startsOn, p.ends_on as endsOn, p.end_reason as endReason,
		       (p.starts_on <= ${day} and (p.ends_on is null or p.ends_on > ${day})) as active
		from mentor_pairings p join users m on m.id = p.mentor_id join users e on e.id = p.mentee_id
		${where.length > 0 ? sql`where ${sql.join(where as ReturnType<typeof sql>[], sql` and `)}` : sql``}
		order by active desc, p.starts_on desc, p.id desc`)
	const focus = focusOf(rows.map((r) => r.id), tx)
	return rows.map((r) => ({ ...r, active: Boolean(r.active), focus: focus.get(r.id) ?? [] }))
}

/** The mentee's running pairing today, if any. */
export function activePairingOfMentee(menteeId: number, day = today(), tx: Tx = getDb()): MentorPairing | undefined {
	return tx
		.select()
		.from(mentorPairings)
		.where(and(eq(mentorPairings.menteeId, menteeId), activeOn(day)))
		.orderBy(desc(mentorPairings.startsOn))
		.get()
}
