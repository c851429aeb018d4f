import { and, asc, desc, eq, inArray, lte, max } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { positionTypes, users, type PositionType } from '#db/schema/auth.ts'
import { indicators, roleTemplates, templateWeights, type Indicator } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { isPeriod, periodRange, type Period } from './periods.ts'
import { weightsProblem } from './scoring.ts'
import { markAllStale } from './stale.server.ts'
import { goalErrors, hasErrors, isHr, problem, reasonErrors, refusal, type Actor, type FieldErrors, type Refusal } from './targets.ts'

export type TemplateWeight = {
	indicatorId: number
	code: string
	nameZh: string
	nameEn: string
	category: Indicator['category']
	unit: Indicator['unit']
	direction: Indicator['direction']
	rollup: Indicator['rollup']
	position: number
	weight: number
	/** The template's default goal for a quarter; null when it has none. */
	baseline: number | null
	target: number | null
	challenge: number | null
}

export type TemplateVersion = {
	id: number
	positionType: PositionType
	version: number
	effectiveFrom: string
	reason: string | null
	createdById: number | null
	createdByName: string | null
	createdAt: Date
	weights: TemplateWeight[]
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

function withWeights(tx: Tx, templates: Array<Omit<TemplateVersion, 'weights'>>): TemplateVersion[] {
	if (templates.length === 0) return []
	const rows = tx
		.select({
			templateId: templateWeights.templateId,
			indicatorId: templateWeights.indicatorId,
			weight: templateWeights.weight,
			baseline: templateWeights.baseline,
			target: templateWeights.target,
			challenge: templateWeights.challenge,
			code: indicators.code,
			nameZh: indicators.nameZh,
			nameEn: indicators.nameEn,
			category: indicators.category,
			unit: indicators.unit,
			direction: indicators.direction,
			rollup: indicators.rollup,
			position: indicators.position,
		})
		.from(templateWeights)
		.innerJoin(indicators, eq(indicators.id, templateWeights.indicatorId))
		.where(inArray(templateWeights.templateId, templates.map((t) => t.id)))
		.orderBy(asc(indicators.position), asc(indicators.id))
		.all()
	const byTemplate = new Map<number, TemplateWeight[]>()
	for (const { templateId, ...weight } of rows) {
		let list = byTemplate.get(templateId)
		if (!list) byTemplate.set(templateId, (list = []))
		list.push(weight)
	}
	return templates.map((t) => ({ ...t, weights: byTemplate.get(t.id) ?? [] }))
}

function templateColumns() {
	return {
		id: roleTemplates.id,
		positionType: roleTemplates.positionType,
		version: roleTemplates.version,
		effectiveFrom: roleTemplates.effectiveFrom,
		reason: roleTemplates.reason,
		createdById: roleTemplates.createdById,
		createdByName: users.name,
		createdAt: roleTemplates.createdAt,
	}
}

/** The first month a period (or a month, YYYY-MM) covers. */
function firstMonthOf(period: Period) {
	return periodRange(period).from.slice(0, 7)
}

/**
 * The version of a position's template that scores `period` (YYYY-MM or YYYY-Qn): the one with the
 * latest `effectiveFrom` not after the period's first month, with its weights joined to the indicators
 * (in indicator order) and its default goals. Null when none applies yet.
 */
export function templateFor(positionType: PositionType, period: Period, tx: Tx = getDb()): TemplateVersion | null {
	if (!isPeriod(period)) return null
	const row = tx
		.select(templateColumns())
		.from(roleTemplates)
		.leftJoin(users, eq(users.id, roleTemplates.createdById))
		.where(and(eq(roleTemplates.positionType, positionType), lte(roleTemplates.effectiveFrom, firstMonthOf(period))))
		.orderBy(desc(roleTemplates.effectiveFrom))
		.limit(1)
		.get()
	return row ? withWeights(tx, [row])[0]! : null
}

/** Every version of a position's template, the latest effective month first. */
export function templateHistory(positionType: PositionType, tx: Tx = getDb()): TemplateVersion[] {
	const rows = tx
		.select(templateColumns())
		.from(roleTemplates)
		.leftJoin(users, eq(users.id, roleTemplates.createdById))
		.where(eq(roleTemplates.positionType, positionType))
		.orderBy(desc(roleTemplates.effectiveFrom), desc(roleTemplates.version))
		.all()
	return withWeights(tx, rows)
}

export type TemplateWeightInput = {
	indicatorId: number
	weight: number
	baseline?: number | null
	target?: number | null
	challenge?: number | null
}

export type SaveTemplateInput = {
	positionType: PositionType
	/** YYYY-MM: the first month the version scores. Not before the current month (closed periods keep their weights). */
	effectiveFrom: string
	weights: TemplateWeightInput[]
	reason: string
}

export type SaveTemplateResult = { ok: true; templateId: number; version: number; replaced: boolean } | Refusal

function snapshot(template: TemplateVersion | null) {
	if (!template) return null
	return {
		id: template.id,
		version: template.version,
		effectiveFrom: template.effectiveFrom,
		weights: template.weights.map((w) => ({ code: w.code, weight: w.weight, baseline: w.baseline, target: w.target, challenge: w.challenge })),
	}
}

/**
 * Saves a new version of a position's weights (HR only). Refused, with field errors keyed as the form
 * names its fields (`weights`, `weights[2].target`, `effectiveFrom`, `reason`), unless the weights are
 * whole numbers summing to 100, each indicator appears once, default goals are all three or none and in
 * order, and the effective month is this month or later. A version already set for the same month that
 * is not yet effective is replaced; otherwise the version is n + 1. Audited with before (the version
 * that would otherwise apply from that month) and after; every stored score is marked stale.
 */
export function saveTemplateVersion(input: SaveTemplateInput, actor: Actor, at: Date = now()): SaveTemplateResult {
	if (!isHr(actor)) return refusal({}, ['kpiAdmin.errors.forbidden'])
	const currentMonth = businessDate(at).slice(0, 7)
	const fieldErrors: FieldErrors = { ...reasonErrors(input.reason) }
	if (!(positionTypes as readonly string[]).includes(input.positionType)) fieldErrors.positionType = ['kpiAdmin.errors.position']
	if (!MONTH.test(input.effectiveFrom)) fieldErrors.effectiveFrom = ['kpiAdmin.errors.month']
	else if (input.effectiveFrom < currentMonth)
		fieldErrors.effectiveFrom = [problem('kpiAdmin.errors.effectiveFromPast', { month: currentMonth })]

	const db = getDb()
	const known = new Map(db.select().from(indicators).all().map((i) => [i.id, i]))
	const seen = new Set<number>()
	input.weights.forEach((row, i) => {
		const indicator = known.get(row.indicatorId)
		const path = `weights[${i}]`
		if (!indicator) {
			fieldErrors[`${path}.indicatorId`] = ['kpiAdmin.errors.indicator']
			return
		}
		if (seen.has(row.indicatorId)) fieldErrors[`${path}.indicatorId`] = ['kpiAdmin.errors.duplicateIndicator']
		seen.add(row.indicatorId)
		if (!Number.isInteger(row.weight) || row.weight < 0 || row.weight > 100) fieldErrors[`${path}.weight`] = ['kpiAdmin.errors.weightInteger']
		Object.assign(fieldErrors, goalErrors(row, indicator.direction, { prefix: `${path}.`, optional: true }))
	})
	const why = weightsProblem(input.weights.map((w) => w.weight))
	if (why === 'empty') fieldErrors.weights = ['kpiAdmin.errors.weightsEmpty']
	else if (why === 'sum') {
		const sum = input.weights.reduce((a, w) => a + w.weight, 0)
		fieldErrors.weights = [problem('kpiAdmin.errors.weightSum', { sum: Number(sum.toFixed(2)) })]
	}
	if (hasErrors(fieldErrors)) return refusal(fieldErrors)

	const reason = input.reason.trim()
	return db.transaction(
		(tx) => {
			const sameMonth = tx
				.select({ id: roleTemplates.id, version: roleTemplates.version })
				.from(roleTemplates)
				.where(and(eq(roleTemplates.positionType, input.positionType), eq(roleTemplates.effectiveFrom, input.effectiveFrom)))
				.get()
			// A version that already scores this month is history: change what comes next instead.
			if (sameMonth && input.effectiveFrom <= currentMonth)
				return refusal({ effectiveFrom: [problem('kpiAdmin.errors.effectiveFromTaken', { month: input.effectiveFrom })] })

			const replacedVersion = sameMonth ? withWeights(tx, [{ ...rowById(tx, sameMonth.id) }])[0]! : null
			const before = replacedVersion ?? templateFor(input.positionType, input.effectiveFrom, tx)
			let templateId: number
			let version: number
			if (sameMonth) {
				templateId = sameMonth.id
				version = sameMonth.version
				tx.update(roleTemplates).set({ reason, createdById: actor.id, createdAt: at }).where(eq(roleTemplates.id, templateId)).run()
				tx.delete(templateWeights).where(eq(templateWeights.templateId, templateId)).run()
			} else {
				const latest = tx
					.select({ version: max(roleTemplates.version) })
					.from(roleTemplates)
					.where(eq(roleTemplates.positionType, input.positionType))
					.get()
				version = (latest?.version ?? 0) + 1
				templateId = tx
					.insert(roleTemplates)
					.values({ positionType: input.positionType, version, effectiveFrom: input.effectiveFrom, reason, createdById: actor.id, createdAt: at })
					.returning({ id: roleTemplates.id })
					.get().id
			}
			tx.insert(templateWeights)
				.values(
					input.weights.map((w) => ({
						templateId,
						indicatorId: w.indicatorId,
						weight: w.weight,
						baseline: w.baseline ?? null,
						target: w.target ?? null,
						challenge: w.challenge ?? null,
					})),
				)
				.run()
			const after = withWeights(tx, [rowById(tx, templateId)])[0]!
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: sameMonth ? 'kpi.template.replace' : 'kpi.template.create',
				entity: 'role_template',
				entityId: templateId,
				reason,
				data: { positionType: input.positionType, effectiveFrom: input.effectiveFrom, version, before: snapshot(before), after: snapshot(after) },
			})
			markAllStale(tx)
			return { ok: true as const, templateId, version, replaced: Boolean(sameMonth) }
		},
		{ behavior: 'immediate' },
	)
}

function rowById(tx: Tx, id: number): Omit<TemplateVersion, 'weights'> {
	return tx
		.select(templateColumns())
		.from(roleTemplates)
		.leftJoin(users, eq(users.id, roleTemplates.createdById))
		.where(eq(roleTemplates.id, id))
		.get()!
}
