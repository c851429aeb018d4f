import { and, count, desc, eq, gte, lte, asc } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { indicators, integrityViolations, kpiRecords, type Indicator, type KpiRecord } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import type { AuthUser } from '#app/modules/auth/users.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate, isIsoDate } from '#app/utils/dates.ts'
import { INTEGRITY_DEDUCTION, violationConsequence } from './integrity.ts'
import { weekStart } from './periods.ts'
import { markStale } from './stale.server.ts'

/**
 * HR's hand on KPI data: manual entries and edits, disputes, integrity violations. Every change is
 * audited (with HR's reason) in the transaction that makes it and marks the affected periods stale.
 * Segregation of duties: nobody acts on their own records, HR included.
 */

export type Actor = Pick<AuthUser, 'id' | 'roles'>

export type Refusal<R extends string> = { ok: false; reason: R }

const refuse = <R extends string>(reason: R): Refusal<R> => ({ ok: false, reason })

const REASON_MAX = 500
const EVIDENCE_MAX = 500
const NOTE_MAX = 500

/** Ratio indicators are computed from two others and exam indicators read graded attempts: neither has records of its own. */
export function acceptsManualRecords(indicator: Pick<Indicator, 'rollup' | 'source'>) {
	return indicator.rollup !== 'ratio' && indicator.source !== 'exam'
}

/** Weekly records are dated on the Monday, monthly ones on the 1st (ADR 007). */
export function recordDateFor(grain: Indicator['grain'], date: string) {
	if (grain === 'week') return weekStart(date)
	if (grain === 'month') return `${date.slice(0, 7)}-01`
	return date
}

/** The indicators HR may enter by hand, in display order. */
export function manualIndicators(tx: Tx = getDb()): Indicator[] {
	return tx
		.select()
		.from(indicators)
		.orderBy(asc(indicators.position), asc(indicators.id))
		.all()
		.filter(acceptsManualRecords)
}

/** The person a KPI admin page is about, or null. */
export function kpiPerson(userId: number, tx: Tx = getDb()) {
	if (!Number.isSafeInteger(userId) || userId <= 0) return null
	return (
		tx
			.select({ id: users.id, name: users.name, email: users.email, positionType: users.positionType, deactivatedAt: users.deactivatedAt })
			.from(users)
			.where(eq(users.id, userId))
			.get() ?? null
	)
}

function isHr(actor: Actor) {
	return actor.roles.includes('hr_admin')
}

function snapshot(record: Pick<KpiRecord, 'value' | 'evidence' | 'status'>) {
	return { value: record.value, evidence: record.evidence, status: record.status }
}

export type ManualRecordInput = {
	userId: number
	indicatorId: number
	/** Business date YYYY-MM-DD; a weekly or monthly indicator's record is dated on its first day. */
	date: string
	/** In the indicator's unit; percent indicators in percentage points (12.5 = 12.5 %). */
	value: number
	evidence?: string | null
	reason: string
}

export type ManualRecordRefusal =
	| 'forbidden'
	| 'ownRecord'
	| 'personNotFound'
	| 'indicatorRefused'
	| 'invalidDate'
	| 'futureDate'
	| 'invalidValue'
	| 'percentRange'
	| 'reasonRequired'
	| 'tooLong'

/**
 * Creates or corrects the person's manual record for (indicator, date): HR only, never their own, not
 * in the future, a finite value ≥ 0 (≤ 100 for a percentage). Audited with before, after and the reason.
 * `changed` is false when the record already held exactly this (nothing is written then).
 */
export function saveManualRecord(
	input: ManualRecordInput,
	actor: Actor,
): { ok: true; recordId: number; changed: boolean } | Refusal<ManualRecordRefusal> {
	if (!isHr(actor)) return refuse('forbidden')
	if (input.userId === actor.id) return refuse('ownRecord')
	const reason = input.reason.trim()
	if (!reason) return refuse('reasonRequired')
	const evidence = input.evidence?.trim() || null
	if (reason.length > REASON_MAX || (evidence?.length ?? 0) > EVIDENCE_MAX) return refuse('tooLong')
	if (!isIsoDate(input.date)) return refuse('invalidDate')
	if (input.date > businessDate(now())) return refuse('futureDate')
	if (!Number.isFinite(input.value) || input.value < 0) return refuse('invalidValue')

	return getDb().transaction(
		(tx) => {
			if (!kpiPerson(input.userId, tx)) return refuse('personNotFound')
			const indicator = tx.select().from(indicators).where(eq(indicators.id, input.indicatorId)).get()
			if (!indicator || !acceptsManualRecords(indicator)) return refuse('indicatorRefused')
			if (indicator.unit === 'percent' && input.value > 100) return refuse('percentRange')
			const date = recordDateFor(indicator.grain, input.date)
			const key = and(
				eq(kpiRecords.userId, input.userId),
				eq(kpiRecords.indicatorId, indicator.id),
				eq(kpiRecords.date, date),
				eq(kpiRecords.source, 'manual'),
			)
			const existing = tx.select().from(kpiRecords).where(key).get()
			if (existing && existing.value === input.value && existing.evidence === evidence)
				return { ok: true as const, recordId: existing.id, changed: false }
			const at = now()
			let recordId: number
			if (existing) {
				tx.update(kpiRecords).set({ value: input.value, evidence, updatedAt: at }).where(eq(kpiRecords.id, existing.id)).run()
				recordId = existing.id
			} else {
				recordId = tx
					.insert(kpiRecords)
					.values({ userId: input.userId, indicatorId: indicator.id, date, value: input.value, source: 'manual', evidence, updatedAt: at })
					.returning({ id: kpiRecords.id })
					.get().id
			}
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: existing ? 'kpi.record.manual_update' : 'kpi.record.manual_create',
				entity: 'kpi_record',
				entityId: recordId,
				data: {
					userId: input.userId,
					indicator: indicator.code,
					date,
					source: 'manual',
					before: existing ? snapshot(existing) : null,
					after: { value: input.value, evidence, status: existing?.status ?? 'valid' },
				},
				reason,
			})
			markStale(tx, [date])
			return { ok: true as const, recordId, changed: true }
		},
		{ behavior: 'immediate' },
	)
}

/** Whose record this is (null when there is no such record). */
export function recordOwner(recordId: number, tx: Tx = getDb()): number | null {
	return tx.select({ userId: kpiRecords.userId }).from(kpiRecords).where(eq(kpiRecords.id, recordId)).get()?.userId ?? null
}

export type DisputeRefusal = 'forbidden' | 'ownRecord' | 'notFound' | 'alreadyDisputed' | 'notDisputed' | 'reasonRequired' | 'tooLong'

function setStatus(recordId: number, to: 'valid' | 'disputed', reasonText: string, actor: Actor): { ok: true } | Refusal<DisputeRefusal> {
	if (!isHr(actor)) return refuse('forbidden')
	const reason = reasonText.trim()
	if (!reason) return refuse('reasonRequired')
	if (reason.length > REASON_MAX) return refuse('tooLong')
	return getDb().transaction(
		(tx) => {
			const record = tx.select().from(kpiRecords).where(eq(kpiRecords.id, recordId)).get()
			if (!record) return refuse('notFound')
			if (record.userId === actor.id) return refuse('ownRecord')
			if (record.status === to) return refuse(to === 'disputed' ? 'alreadyDisputed' : 'notDisputed')
			tx.update(kpiRecords).set({ status: to, updatedAt: now() }).where(eq(kpiRecords.id, recordId)).run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: to === 'disputed' ? 'kpi.record.dispute' : 'kpi.record.resolve',
				entity: 'kpi_record',
				entityId: recordId,
				data: {
					userId: record.userId,
					indicatorId: record.indicatorId,
					date: record.date,
					source: record.source,
					before: { status: record.status },
					after: { status: to },
				},
				reason,
			})
			markStale(tx, [record.date])
			return { ok: true as const }
		},
		{ behavior: 'immediate' },
	)
}

/** Takes a record out of scores and leaderboards until the dispute is resolved. */
export function disputeRecord(recordId: number, reason: string, actor: Actor) {
	return setStatus(recordId, 'disputed', reason, actor)
}

/** Ends a dispute: the record counts again (status back to valid). A wrong value is corrected by a manual entry. */
export function resolveDispute(recordId: number, reason: string, actor: Actor) {
	return setStatus(recordId, 'valid', reason, actor)
}

export type ViolationInput = { userId: number; occurredOn: string; note: string; recordId?: number | null }
export type ViolationRefusal =
	| 'forbidden'
	| 'ownRecord'
	| 'personNotFound'
	| 'invalidDate'
	| 'futureDate'
	| 'noteRequired'
	| 'tooLong'
	| 'recordNotFound'

/**
 * Records a person's next integrity violation: the first is a warning, any later one flags them for
 * dismissal; each takes INTEGRITY_DEDUCTION points off the weighted score of the period it occurred in.
 */
export function recordViolation(
	input: ViolationInput,
	actor: Actor,
): { ok: true; id: number; ordinal: number; outcome: 'warning' | 'dismissal'; deduction: number } | Refusal<ViolationRefusal> {
	if (!isHr(actor)) return refuse('forbidden')
	if (input.userId === actor.id) return refuse('ownRecord')
	const note = input.note.trim()
	if (!note) return refuse('noteRequired')
	if (note.length > NOTE_MAX) return refuse('tooLong')
	if (!isIsoDate(input.occurredOn)) return refuse('invalidDate')
	if (input.occurredOn > businessDate(now())) return refuse('futureDate')
	return getDb().transaction(
		(tx) => {
			if (!kpiPerson(input.userId, tx)) return refuse('personNotFound')
			const recordId = input.recordId ?? null
			if (recordId !== null) {
				const record = tx.select({ userId: kpiRecords.userId }).from(kpiRecords).where(eq(kpiRecords.id, recordId)).get()
				if (!record || record.userId !== input.userId) return refuse('recordNotFound')
			}
			const previous = tx.select({ n: count() }).from(integrityViolations).where(eq(integrityViolations.userId, input.userId)).get()?.n ?? 0
			const ordinal = previous + 1
			const { outcome, deduction } = violationConsequence(ordinal, INTEGRITY_DEDUCTION)
			const values = { userId: input.userId, recordId, occurredOn: input.occurredOn, note, ordinal, outcome, deduction }
			const { id } = tx
				.insert(integrityViolations)
				.values({ ...values, recordedById: actor.id, recordedAt: now() })
				.returning({ id: integrityViolations.id })
				.get()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'kpi.integrity_violation',
				entity: 'integrity_violation',
				entityId: id,
				data: { before: null, after: values },
				reason: note,
			})
			markStale(tx, [input.occurredOn])
			return { ok: true as const, id, ordinal, outcome, deduction }
		},
		{ behavior: 'immediate' },
	)
}

/** A person's violations, first to last, with who recorded each. */
export function violationsOf(userId: number, tx: Tx = getDb()) {
	return tx
		.select({
			id: integrityViolations.id,
			ordinal: integrityViolations.ordinal,
			occurredOn: integrityViolations.occurredOn,
			note: integrityViolations.note,
			outcome: integrityViolations.outcome,
			deduction: integrityViolations.deduction,
			recordId: integrityViolations.recordId,
			recordedAt: integrityViolations.recordedAt,
			recordedById: integrityViolations.recordedById,
			recordedByName: users.name,
		})
		.from(integrityViolations)
		.innerJoin(users, eq(users.id, integrityViolations.recordedById))
		.where(eq(integrityViolations.userId, userId))
		.orderBy(asc(integrityViolations.ordinal))
		.all()
}

export type RecordsQuery = { from: string; to: string; indicatorId?: number; limit?: number }

/** A person's records dated in [from, to] (any source and status), newest first, at most `limit` (500). */
export function recordsOf(userId: number, { from, to, indicatorId, limit = 500 }: RecordsQuery, tx: Tx = getDb()) {
	return tx
		.select({
			id: kpiRecords.id,
			date: kpiRecords.date,
			value: kpiRecords.value,
			source: kpiRecords.source,
			evidence: kpiRecords.evidence,
			status: kpiRecords.status,
			batchId: kpiRecords.batchId,
			updatedAt: kpiRecords.updatedAt,
			indicatorId: kpiRecords.indicatorId,
			code: indicators.code,
			nameZh: indicators.nameZh,
			nameEn: indicators.nameEn,
			unit: indicators.unit,
		})
		.from(kpiRecords)
		.innerJoin(indicators, eq(indicators.id, kpiRecords.indicatorId))
		.where(
			and(
				eq(kpiRecords.userId, userId),
				gte(kpiRecords.date, from),
				lte(kpiRecords.date, to),
				indicatorId === undefined ? undefined : eq(kpiRecords.indicatorId, indicatorId),
			),
		)
		.orderBy(desc(kpiRecords.date), asc(indicators.position), desc(kpiRecords.id))
		.limit(limit)
		.all()
}
