import { randomUUID } from 'node:crypto'
import { alias } from 'drizzle-orm/sqlite-core'
import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { teams, users } from '#db/schema/auth.ts'
import { indicators, kpiTargets, targetAdjustments, type AdjustmentStatus, type KpiTarget } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { isManagerOf } from '#app/modules/auth/users.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { isClosed, isPeriod, type Period } from './periods.ts'
import { withinAdjustment } from './scoring.ts'
import { markPeriodsStale } from './stale.server.ts'
import {
	affectedPeriods,
	hasErrors,
	isHr,
	problem,
	rangeValues,
	reasonErrors,
	REASON_MAX,
	REASON_MIN,
	refusal,
	scaleGoal,
	tidy,
	type Actor,
	type FieldErrors,
	type Refusal,
} from './targets.ts'

type TargetWithIndicator = KpiTarget & { code: string; unit: string; userName: string; teamId: number | null }

function loadTarget(tx: Tx, targetId: number): TargetWithIndicator | undefined {
	const row = tx
		.select({ target: kpiTargets, code: indicators.code, unit: indicators.unit, userName: users.name, teamId: users.teamId })
		.from(kpiTargets)
		.innerJoin(indicators, eq(indicators.id, kpiTargets.indicatorId))
		.innerJoin(users, eq(users.id, kpiTargets.userId))
		.where(eq(kpiTargets.id, targetId))
		.get()
	return row ? { ...row.target, code: row.code, unit: row.unit, userName: row.userName, teamId: row.teamId } : undefined
}

function pendingFor(tx: Tx, targetIds: readonly number[]) {
	if (targetIds.length === 0) return new Set<number>()
	return new Set(
		tx
			.select({ targetId: targetAdjustments.targetId })
			.from(targetAdjustments)
			.where(and(inArray(targetAdjustments.targetId, [...targetIds]), eq(targetAdjustments.status, 'pending')))
			.all()
			.map((r) => r.targetId),
	)
}

/** The person's manager may propose a change of their target, and so may HR; nobody for their own. */
function mayPropose(actor: Actor, userId: number) {
	if (actor.id === userId) return false
	return isHr(actor) || (actor.roles.includes('manager') && isManagerOf(actor.id, userId))
}

/** Why a proposed target is refused (a problem string), or null. */
function targetProblem(target: Pick<KpiTarget, 'originalTarget' | 'target'>, unit: string, toTarget: number): string | null {
	if (!Number.isFinite(toTarget)) return 'kpiAdmin.errors.notNumber'
	if (!withinAdjustment(target.originalTarget, toTarget))
		return problem('kpiAdmin.errors.outOfRange', { ...rangeValues(target.originalTarget, unit), value: toTarget })
	if (toTarget <= 0) return 'kpiAdmin.errors.zeroTarget'
	if (toTarget === target.target) return 'kpiAdmin.errors.noChange'
	return null
}

export type ProposeInput = { targetId: number; toTarget: number; reason: string }
export type ProposeResult = { ok: true; id: number } | Refusal

/**
 * A manager (of the person) or HR proposes a new target, within ±20 % of the original target (the
 * refusal names the allowed range), with a reason. One pending proposal per target; not for a closed
 * period; never one's own target. HR decides.
 */
export function proposeAdjustment(input: ProposeInput, actor: Actor, at: Date = now()): ProposeResult {
	const db = getDb()
	const fieldErrors: FieldErrors = { ...reasonErrors(input.reason) }
	return db.transaction(
		(tx) => {
			const target = loadTarget(tx, input.targetId)
			if (!target) return refusal({}, ['kpiAdmin.errors.targetMissing'])
			if (actor.id === target.userId) return refusal({}, ['kpiAdmin.errors.ownTarget'])
			if (!mayPropose(actor, target.userId)) return refusal({}, ['kpiAdmin.errors.notYourTeam'])
			if (isClosed(target.period, businessDate(at))) return refusal({}, ['kpiAdmin.errors.periodClosed'])
			const why = targetProblem(target, target.unit, input.toTarget)
			if (why) fieldErrors.toTarget = [why]
			if (hasErrors(fieldErrors)) return refusal(fieldErrors)
			if (pendingFor(tx, [target.id]).size > 0) return refusal({}, ['kpiAdmin.errors.pendingExists'])
			const reason = input.reason.trim()
			const id = tx
				.insert(targetAdjustments)
				.values({ targetId: target.id, fromTarget: target.target, toTarget: input.toTarget, reason, proposedById: actor.id, proposedAt: at })
				.returning({ id: targetAdjustments.id })
				.get().id
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: isHr(actor) ? 'hr_admin' : 'manager',
				action: 'kpi.adjustment.propose',
				entity: 'target_adjustment',
				entityId: id,
				reason,
				data: { targetId: target.id, userId: target.userId, indicator: target.code, period: target.period, from: target.target, to: input.toTarget, originalTarget: target.originalTarget },
			})
			return { ok: true as const, id }
		},
		{ behavior: 'immediate' },
	)
}

export type TeamProposalInput = {
	teamId: number
	indicatorId: number
	period: Period
	/** Either every member's target moves by this percentage of its current value (−20 for 1000万 → 800万) … */
	percent?: number | null
	/** … or each listed member's new target (members not listed are left out). */
	targets?: Record<number, number> | null
	reason: string
}

export type TeamOffender = { userId: number; name: string; toTarget: number; min: number; max: number; unit: string }
export type TeamProposalResult = { ok: true; groupKey: string; count: number } | (Refusal & { offenders: TeamOffender[] })

/**
 * A team-wide proposal for one indicator and period (e.g. a market shock), one `groupKey` for all of it.
 * All or nothing: when any member's change breaks ±20 % of their original target, nothing is written and
 * each of them is named with the allowed range. The actor must manage the team (or be HR); their own
 * target is never part of it.
 */
export function proposeTeamAdjustment(input: TeamProposalInput, actor: Actor, at: Date = now()): TeamProposalResult {
	const fail = (fieldErrors: FieldErrors, formErrors: string[] = [], offenders: TeamOffender[] = []) => ({ ...refusal(fieldErrors, formErrors), offenders })
	const fieldErrors: FieldErrors = { ...reasonErrors(input.reason) }
	const usePercent = input.percent !== null && input.percent !== undefined
	if (usePercent && !Number.isFinite(input.percent)) fieldErrors.percent = ['kpiAdmin.errors.notNumber']
	else if (usePercent && input.percent === 0) fieldErrors.percent = ['kpiAdmin.errors.noChange']
	if (!usePercent && (!input.targets || Object.keys(input.targets).length === 0)) fieldErrors.targets = ['kpiAdmin.errors.nothingProposed']
	if (!isPeriod(input.period)) fieldErrors.period = ['kpiAdmin.errors.period']
	if (hasErrors(fieldErrors)) return fail(fieldErrors)

	const db = getDb()
	return db.transaction(
		(tx) => {
			const team = tx.select().from(teams).where(eq(teams.id, input.teamId)).get()
			if (!team) return fail({}, ['kpiAdmin.errors.teamMissing'])
			if (!isHr(actor) && !(actor.roles.includes('manager') && team.managerId === actor.id)) return fail({}, ['kpiAdmin.errors.notYourTeam'])
			if (isClosed(input.period, businessDate(at))) return fail({}, ['kpiAdmin.errors.periodClosed'])
			const indicator = tx.select().from(indicators).where(eq(indicators.id, input.indicatorId)).get()
			if (!indicator) return fail({ indicatorId: ['kpiAdmin.errors.indicator'] })
			const members = tx
				.select({ target: kpiTargets, name: users.name })
				.from(kpiTargets)
				.innerJoin(users, eq(users.id, kpiTargets.userId))
				.where(
					and(
						eq(users.teamId, team.id),
						isNull(users.deactivatedAt),
						ne(users.id, actor.id),
						eq(kpiTargets.indicatorId, indicator.id),
						eq(kpiTargets.period, input.period),
					),
				)
				.orderBy(asc(users.name), asc(users.id))
				.all()
			const chosen = usePercent ? members : members.filter((m) => input.targets?.[m.target.userId] !== undefined)
			if (!usePercent) {
				const known = new Set(members.map((m) => m.target.userId))
				const strangers = Object.keys(input.targets ?? {}).filter((id) => !known.has(Number(id)))
				if (strangers.length > 0) return fail({}, ['kpiAdmin.errors.notYourTeam'])
			}
			if (chosen.length === 0) return fail({}, ['kpiAdmin.errors.noTargets'])

			const proposals = chosen.map(({ target, name }) => ({
				target,
				name,
				toTarget: usePercent ? tidy(Math.round(target.target * (1 + input.percent! / 100) * 100) / 100) : input.targets![target.userId]!,
			}))
			const offenders: TeamOffender[] = []
			const formErrors: string[] = []
			const perPerson: FieldErrors = {}
			for (const p of proposals) {
				const why = targetProblem(p.target, indicator.unit, p.toTarget)
				if (!why) continue
				if (why.startsWith('kpiAdmin.errors.outOfRange')) {
					const range = rangeValues(p.target.originalTarget, indicator.unit)
					offenders.push({ userId: p.target.userId, name: p.name, toTarget: p.toTarget, min: range.min, max: range.max, unit: indicator.unit })
					formErrors.push(problem('kpiAdmin.errors.personOutOfRange', { name: p.name, ...range, value: p.toTarget }))
				} else if (why === 'kpiAdmin.errors.noChange') formErrors.push(problem('kpiAdmin.errors.personNoChange', { name: p.name }))
				else formErrors.push(problem('kpiAdmin.errors.personInvalid', { name: p.name }))
				perPerson[`targets.${p.target.userId}`] = [why]
			}
			const pending = pendingFor(tx, proposals.map((p) => p.target.id))
			for (const p of proposals)
				if (pending.has(p.target.id)) formErrors.push(problem('kpiAdmin.errors.personPending', { name: p.name }))
			if (formErrors.length > 0) return fail(perPerson, formErrors, offenders)

			const groupKey = randomUUID()
			const reason = input.reason.trim()
			const ids: number[] = []
			for (const p of proposals)
				ids.push(
					tx
						.insert(targetAdjustments)
						.values({ targetId: p.target.id, groupKey, fromTarget: p.target.target, toTarget: p.toTarget, reason, proposedById: actor.id, proposedAt: at })
						.returning({ id: targetAdjustments.id })
						.get().id,
				)
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: isHr(actor) ? 'hr_admin' : 'manager',
				action: 'kpi.adjustment.propose_team',
				entity: 'team',
				entityId: team.id,
				reason,
				data: {
					groupKey,
					indicator: indicator.code,
					period: input.period,
					percent: usePercent ? input.percent : null,
					adjustments: proposals.map((p, i) => ({ id: ids[i], userId: p.target.userId, targetId: p.target.id, from: p.target.target, to: p.toTarget })),
				},
			})
			return { ok: true as const, groupKey, count: proposals.length }
		},
		{ behavior: 'immediate' },
	)
}

export type Decision = 'approved' | 'rejected'
export type DecideResult = { ok: true; status: Decision } | Refusal

function noteErrors(decision: Decision, note: string | null | undefined): FieldErrors {
	const text = (note ?? '').trim()
	// Rejecting says why; approving may add a note.
	if (decision === 'rejected' && text.length < REASON_MIN) return { note: ['kpiAdmin.errors.noteRequired'] }
	if (text.length > REASON_MAX) return { note: ['kpiAdmin.errors.reasonTooLong'] }
	return {}
}

function decideOne(tx: Tx, adjustmentId: number, decision: Decision, note: string | null, actor: Actor, at: Date): Refusal | null {
	const adjustment = tx.select().from(targetAdjustments).where(eq(targetAdjustments.id, adjustmentId)).get()
	if (!adjustment) return refusal({}, ['kpiAdmin.errors.adjustmentMissing'])
	if (adjustment.status !== 'pending') return refusal({}, ['kpiAdmin.errors.notPending'])
	const target = loadTarget(tx, adjustment.targetId)!
	// Segregation of duties: nobody decides their own proposal, or a change of their own target.
	if (adjustment.proposedById === actor.id) return refusal({}, ['kpiAdmin.errors.ownProposal'])
	if (target.userId === actor.id) return refusal({}, ['kpiAdmin.errors.ownTarget'])
	if (decision === 'approved' && !withinAdjustment(target.originalTarget, adjustment.toTarget))
		return refusal({}, [problem('kpiAdmin.errors.outOfRange', { ...rangeValues(target.originalTarget, target.unit), value: adjustment.toTarget })])
	tx.update(targetAdjustments)
		.set({ status: decision, decidedById: actor.id, decidedAt: at, decisionNote: note })
		.where(eq(targetAdjustments.id, adjustment.id))
		.run()
	const before = { baseline: target.baseline, target: target.target, challenge: target.challenge }
	let after = before
	if (decision === 'approved') {
		after = scaleGoal(before, adjustment.toTarget)
		tx.update(kpiTargets).set({ ...after, updatedAt: at }).where(eq(kpiTargets.id, target.id)).run()
		markPeriodsStale(tx, affectedPeriods(target.period))
	}
	recordAudit(tx, {
		actorId: actor.id,
		actorRole: 'hr_admin',
		action: decision === 'approved' ? 'kpi.adjustment.approve' : 'kpi.adjustment.reject',
		entity: 'target_adjustment',
		entityId: adjustment.id,
		reason: note,
		data: {
			targetId: target.id,
			userId: target.userId,
			indicator: target.code,
			period: target.period,
			proposedById: adjustment.proposedById,
			groupKey: adjustment.groupKey,
			before,
			after,
		},
	})
	return null
}

/**
 * HR approves or rejects a pending adjustment (never their own proposal, never a change of their own
 * target). Approving sets the target to the proposed value, baseline and challenge keeping their ratio
 * to it; audited with before and after; the period is marked stale. Rejecting leaves the target and
 * needs a note.
 */
export function decideAdjustment(adjustmentId: number, decision: Decision, note: string | null, actor: Actor, at: Date = now()): DecideResult {
	if (!isHr(actor)) return refusal({}, ['kpiAdmin.errors.forbidden'])
	const errors = noteErrors(decision, note)
	if (hasErrors(errors)) return refusal(errors)
	const text = note?.trim() || null
	return getDb().transaction(
		(tx) => decideOne(tx, adjustmentId, decision, text, actor, at) ?? { ok: true as const, status: decision },
		{ behavior: 'immediate' },
	)
}

/** Decides every pending adjustment of a team-wide proposal at once; all or nothing. */
export function decideAdjustmentGroup(groupKey: string, decision: Decision, note: string | null, actor: Actor, at: Date = now()): (DecideResult & { count?: number }) {
	if (!isHr(actor)) return refusal({}, ['kpiAdmin.errors.forbidden'])
	const errors = noteErrors(decision, note)
	if (hasErrors(errors)) return refusal(errors)
	const text = note?.trim() || null
	const db = getDb()
	try {
		return db.transaction(
			(tx) => {
				const ids = tx
					.select({ id: targetAdjustments.id })
					.from(targetAdjustments)
					.where(and(eq(targetAdjustments.groupKey, groupKey), eq(targetAdjustments.status, 'pending')))
					.orderBy(asc(targetAdjustments.id))
					.all()
				if (ids.length === 0) return refusal({}, ['kpiAdmin.errors.notPending'])
				for (const { id } of ids) {
					const refused = decideOne(tx, id, decision, text, actor, at)
					// Roll back the ones already decided in this group.
					if (refused) throw new GroupRefused(refused)
				}
				return { ok: true as const, status: decision, count: ids.length }
			},
			{ behavior: 'immediate' },
		)
	} catch (error) {
		if (error instanceof GroupRefused) return error.refusal
		throw error
	}
}

class GroupRefused extends Error {
	constructor(readonly refusal: Refusal) {
		super('group refused')
	}
}

export type AdjustmentView = {
	id: number
	targetId: number
	groupKey: string | null
	status: AdjustmentStatus
	fromTarget: number
	toTarget: number
	reason: string
	proposedById: number
	proposedByName: string
	proposedAt: Date
	decidedById: number | null
	decidedByName: string | null
	decidedAt: Date | null
	decisionNote: string | null
	userId: number
	userName: string
	indicatorId: number
	code: string
	nameZh: string
	nameEn: string
	unit: string
	period: string
	/** The target as it is now, and as first set (the ±20 % range is measured from it). */
	currentTarget: number
	originalTarget: number
}

const proposer = alias(users, 'proposer')
const decider = alias(users, 'decider')

function adjustmentQuery(tx: Tx) {
	return tx
		.select({
			id: targetAdjustments.id,
			targetId: targetAdjustments.targetId,
			groupKey: targetAdjustments.groupKey,
			status: targetAdjustments.status,
			fromTarget: targetAdjustments.fromTarget,
			toTarget: targetAdjustments.toTarget,
			reason: targetAdjustments.reason,
			proposedById: targetAdjustments.proposedById,
			proposedByName: proposer.name,
			proposedAt: targetAdjustments.proposedAt,
			decidedById: targetAdjustments.decidedById,
			decidedByName: decider.name,
			decidedAt: targetAdjustments.decidedAt,
			decisionNote: targetAdjustments.decisionNote,
			userId: kpiTargets.userId,
			userName: users.name,
			indicatorId: kpiTargets.indicatorId,
			code: indicators.code,
			nameZh: indicators.nameZh,
			nameEn: indicators.nameEn,
			unit: indicators.unit,
			period: kpiTargets.period,
			currentTarget: kpiTargets.target,
			originalTarget: kpiTargets.originalTarget,
		})
		.from(targetAdjustments)
		.innerJoin(kpiTargets, eq(kpiTargets.id, targetAdjustments.targetId))
		.innerJoin(indicators, eq(indicators.id, kpiTargets.indicatorId))
		.innerJoin(users, eq(users.id, kpiTargets.userId))
		.innerJoin(proposer, eq(proposer.id, targetAdjustments.proposedById))
		.leftJoin(decider, eq(decider.id, targetAdjustments.decidedById))
}

/** Every adjustment of a target, the latest first. */
export function adjustmentHistory(targetId: number, tx: Tx = getDb()): AdjustmentView[] {
	return adjustmentQuery(tx).where(eq(targetAdjustments.targetId, targetId)).orderBy(desc(targetAdjustments.proposedAt), desc(targetAdjustments.id)).all()
}

/** The adjustments of several targets, by target id (for a page listing a person's targets). */
export function adjustmentHistories(targetIds: readonly number[], tx: Tx = getDb()): Map<number, AdjustmentView[]> {
	const result = new Map<number, AdjustmentView[]>()
	if (targetIds.length === 0) return result
	const rows = adjustmentQuery(tx)
		.where(inArray(targetAdjustments.targetId, [...targetIds]))
		.orderBy(desc(targetAdjustments.proposedAt), desc(targetAdjustments.id))
		.all()
	for (const row of rows) result.set(row.targetId, [...(result.get(row.targetId) ?? []), row])
	return result
}

/** Everything waiting for HR, the oldest first (a team proposal's rows together). */
export function pendingAdjustments(tx: Tx = getDb()): AdjustmentView[] {
	return adjustmentQuery(tx).where(eq(targetAdjustments.status, 'pending')).orderBy(asc(targetAdjustments.proposedAt), asc(targetAdjustments.id)).all()
}

/** Decided adjustments, the latest decision first. */
export function decidedAdjustments({ limit = 100 }: { limit?: number } = {}, tx: Tx = getDb()): AdjustmentView[] {
	return adjustmentQuery(tx)
		.where(ne(targetAdjustments.status, 'pending'))
		.orderBy(desc(targetAdjustments.decidedAt), desc(targetAdjustments.id))
		.limit(limit)
		.all()
}

/** The teams a manager leads. */
export function managedTeams(managerId: number, tx: Tx = getDb()) {
	return tx
		.select({ id: teams.id, code: teams.code, nameZh: teams.nameZh, nameEn: teams.nameEn })
		.from(teams)
		.where(eq(teams.managerId, managerId))
		.orderBy(asc(teams.id))
		.all()
}

/** The indicators any active member of a team (other than `exceptUserId`) has a target for in the period. */
export function teamIndicators(teamId: number, period: Period, exceptUserId: number | null = null, tx: Tx = getDb()) {
	const filters = [eq(users.teamId, teamId), isNull(users.deactivatedAt), eq(kpiTargets.period, period)]
	if (exceptUserId !== null) filters.push(ne(users.id, exceptUserId))
	return tx
		.selectDistinct({ id: indicators.id, code: indicators.code, nameZh: indicators.nameZh, nameEn: indicators.nameEn, unit: indicators.unit, position: indicators.position })
		.from(kpiTargets)
		.innerJoin(users, eq(users.id, kpiTargets.userId))
		.innerJoin(indicators, eq(indicators.id, kpiTargets.indicatorId))
		.where(and(...filters))
		.orderBy(asc(indicators.position), asc(indicators.id))
		.all()
}

/** Each active member's target for one indicator and period, with the ±20 % range and any pending change. */
export function teamTargets(
	{ teamId, indicatorId, period, exceptUserId = null }: { teamId: number; indicatorId: number; period: Period; exceptUserId?: number | null },
	tx: Tx = getDb(),
) {
	const filters = [eq(users.teamId, teamId), isNull(users.deactivatedAt), eq(kpiTargets.period, period), eq(kpiTargets.indicatorId, indicatorId)]
	if (exceptUserId !== null) filters.push(ne(users.id, exceptUserId))
	const rows = tx
		.select({ target: kpiTargets, name: users.name, pendingTo: targetAdjustments.toTarget })
		.from(kpiTargets)
		.innerJoin(users, eq(users.id, kpiTargets.userId))
		.leftJoin(targetAdjustments, and(eq(targetAdjustments.targetId, kpiTargets.id), eq(targetAdjustments.status, 'pending')))
		.where(and(...filters))
		.orderBy(asc(users.name), asc(users.id))
		.all()
	return rows.map(({ target, name, pendingTo }) => ({
		targetId: target.id,
		userId: target.userId,
		name,
		baseline: target.baseline,
		target: target.target,
		challenge: target.challenge,
		originalTarget: target.originalTarget,
		pendingTo,
	}))
}
