import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { getDb, type Tx } from '#db/client.server.ts'
import { positionTypes, users, type PositionType } from '#db/schema/auth.ts'
import { indicators, kpiImportBatches, kpiTargets, targetAdjustments, type KpiTarget } from '#db/schema/performance.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { decodeCsv } from '#app/modules/auth/user-import.ts'
import { now } from '#app/utils/clock.server.ts'
import { readRecords } from '#app/utils/csv.ts'
import { isPeriod, type Period } from './periods.ts'
import { markPeriodsStale } from './stale.server.ts'
import {
	affectedPeriods,
	checkTargetSheet,
	defaultGoalFor,
	goalErrors,
	hasErrors,
	isHr,
	reasonErrors,
	refusal,
	type Actor,
	type FieldErrors,
	type Refusal,
	type SheetRow,
	type TargetImportProblem,
} from './targets.ts'
import { templateFor, type TemplateVersion } from './templates.server.ts'

export type TargetView = KpiTarget & {
	code: string
	nameZh: string
	nameEn: string
	category: string
	unit: string
	direction: 'higher' | 'lower'
	rollup: string
	/** The pending adjustment of this target, if any (one at most). */
	pending: { id: number; toTarget: number; proposedById: number } | null
}

/** A person's targets for one period, in indicator order, with any pending adjustment. */
export function targetsFor(userId: number, period: Period, tx: Tx = getDb()): TargetView[] {
	const rows = tx
		.select({
			target: kpiTargets,
			code: indicators.code,
			nameZh: indicators.nameZh,
			nameEn: indicators.nameEn,
			category: indicators.category,
			unit: indicators.unit,
			direction: indicators.direction,
			rollup: indicators.rollup,
			pendingId: targetAdjustments.id,
			pendingTo: targetAdjustments.toTarget,
			pendingBy: targetAdjustments.proposedById,
		})
		.from(kpiTargets)
		.innerJoin(indicators, eq(indicators.id, kpiTargets.indicatorId))
		.leftJoin(targetAdjustments, and(eq(targetAdjustments.targetId, kpiTargets.id), eq(targetAdjustments.status, 'pending')))
		.where(and(eq(kpiTargets.userId, userId), eq(kpiTargets.period, period)))
		.orderBy(asc(indicators.position), asc(indicators.id))
		.all()
	return rows.map(({ target, pendingId, pendingTo, pendingBy, ...indicator }) => ({
		...target,
		...indicator,
		pending: pendingId !== null && pendingTo !== null && pendingBy !== null ? { id: pendingId, toTarget: pendingTo, proposedById: pendingBy } : null,
	}))
}

export type SetTargetInput = {
	userId: number
	indicatorId: number
	period: Period
	baseline: number
	target: number
	challenge: number
	reason: string
}

export type SetTargetResult = { ok: true; targetId: number; created: boolean; changed: boolean } | Refusal

function hasPending(tx: Tx, targetId: number) {
	return (
		tx
			.select({ id: targetAdjustments.id })
			.from(targetAdjustments)
			.where(and(eq(targetAdjustments.targetId, targetId), eq(targetAdjustments.status, 'pending')))
			.get() !== undefined
	)
}

const goalOf = (t: Pick<KpiTarget, 'baseline' | 'target' | 'challenge'>) => ({ baseline: t.baseline, target: t.target, challenge: t.challenge })

/**
 * Sets one person's goal for an indicator and period (HR only, never one's own). A new target's
 * `originalTarget` is the target as set; a later edit keeps it (the ±20 % rule measures from there).
 * Refused while an adjustment of the target waits for a decision. Audited with before and after; the
 * period (and, for a quarter, its months) is marked stale.
 */
export function setTarget(input: SetTargetInput, actor: Actor, at: Date = now()): SetTargetResult {
	if (!isHr(actor)) return refusal({}, ['kpiAdmin.errors.forbidden'])
	if (actor.id === input.userId) return refusal({}, ['kpiAdmin.errors.ownTarget'])
	const db = getDb()
	const person = db.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).get()
	const indicator = db.select().from(indicators).where(eq(indicators.id, input.indicatorId)).get()
	const fieldErrors: FieldErrors = { ...reasonErrors(input.reason) }
	if (!person) return refusal({}, ['kpiAdmin.errors.person'])
	if (!indicator) fieldErrors.indicatorId = ['kpiAdmin.errors.indicator']
	if (!isPeriod(input.period)) fieldErrors.period = ['kpiAdmin.errors.period']
	if (indicator) Object.assign(fieldErrors, goalErrors(input, indicator.direction))
	if (hasErrors(fieldErrors)) return refusal(fieldErrors)

	const reason = input.reason.trim()
	const goal = { baseline: input.baseline, target: input.target, challenge: input.challenge }
	return db.transaction(
		(tx) => {
			const existing = tx
				.select()
				.from(kpiTargets)
				.where(and(eq(kpiTargets.userId, input.userId), eq(kpiTargets.indicatorId, input.indicatorId), eq(kpiTargets.period, input.period)))
				.get()
			if (existing && hasPending(tx, existing.id)) return refusal({}, ['kpiAdmin.errors.pendingAdjustment'])
			const before = existing ? goalOf(existing) : null
			if (before && before.baseline === goal.baseline && before.target === goal.target && before.challenge === goal.challenge)
				return { ok: true as const, targetId: existing!.id, created: false, changed: false }
			const targetId = existing
				? (tx.update(kpiTargets).set({ ...goal, updatedAt: at }).where(eq(kpiTargets.id, existing.id)).run(), existing.id)
				: tx
						.insert(kpiTargets)
						.values({ userId: input.userId, indicatorId: input.indicatorId, period: input.period, ...goal, originalTarget: goal.target, updatedAt: at })
						.returning({ id: kpiTargets.id })
						.get().id
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'kpi.target.set',
				entity: 'kpi_target',
				entityId: targetId,
				reason,
				data: {
					userId: input.userId,
					indicator: indicator!.code,
					period: input.period,
					before,
					after: { ...goal, originalTarget: existing?.originalTarget ?? goal.target },
				},
			})
			markPeriodsStale(tx, affectedPeriods(input.period))
			return { ok: true as const, targetId, created: !existing, changed: true }
		},
		{ behavior: 'immediate' },
	)
}

export type ApplyDefaultsInput = {
	period: Period
	positionType?: PositionType | null
	teamId?: number | null
	/** Replace targets already set (never one waiting for an adjustment decision). */
	overwrite: boolean
}

export type ApplyDefaultsResult =
	| {
			ok: true
			/** People the defaults were applied to. */
			people: number
			created: number
			updated: number
			/** Already set and left as they were (no overwrite, same values, or an adjustment pending). */
			skipped: number
			/** Of `skipped`, those left because an adjustment waits for a decision. */
			pending: number
	  }
	| Refusal

/**
 * Sets targets in bulk from each person's role template (the version scoring the period): a quarter
 * takes the template's default goals, a month a third of them for summed indicators and the same for
 * the others. Indicators without default goals are left alone, as is the actor. One transaction,
 * one audit row listing every change.
 */
export function applyTemplateDefaults(input: ApplyDefaultsInput, actor: Actor, at: Date = now()): ApplyDefaultsResult {
	if (!isHr(actor)) return refusal({}, ['kpiAdmin.errors.forbidden'])
	const fieldErrors: FieldErrors = {}
	if (!isPeriod(input.period)) fieldErrors.period = ['kpiAdmin.errors.period']
	if (input.positionType && !(positionTypes as readonly string[]).includes(input.positionType)) fieldErrors.positionType = ['kpiAdmin.errors.position']
	if (hasErrors(fieldErrors)) return refusal(fieldErrors)
	const db = getDb()
	return db.transaction(
		(tx) => {
			const filters = [isNotNull(users.positionType), isNull(users.deactivatedAt)]
			if (input.positionType) filters.push(eq(users.positionType, input.positionType))
			if (input.teamId) filters.push(eq(users.teamId, input.teamId))
			const people = tx
				.select({ id: users.id, positionType: users.positionType })
				.from(users)
				.where(and(...filters))
				.orderBy(asc(users.id))
				.all()
				.filter((p) => p.id !== actor.id)
			const templates = new Map<PositionType, TemplateVersion | null>()
			const templateOf = (position: PositionType) => {
				if (!templates.has(position)) templates.set(position, templateFor(position, input.period, tx))
				return templates.get(position) ?? null
			}
			const existing = new Map<string, KpiTarget & { pending: boolean }>()
			const ids = people.map((p) => p.id)
			for (let i = 0; i < ids.length; i += 500) {
				const chunk = ids.slice(i, i + 500)
				const rows = tx
					.select({ target: kpiTargets, pendingId: targetAdjustments.id })
					.from(kpiTargets)
					.leftJoin(targetAdjustments, and(eq(targetAdjustments.targetId, kpiTargets.id), eq(targetAdjustments.status, 'pending')))
					.where(and(eq(kpiTargets.period, input.period), inArray(kpiTargets.userId, chunk)))
					.all()
				for (const { target, pendingId } of rows) existing.set(`${target.userId}:${target.indicatorId}`, { ...target, pending: pendingId !== null })
			}
			let created = 0
			let updated = 0
			let skipped = 0
			let pending = 0
			let applied = 0
			const changes: Array<[number, string, number | null, number]> = []
			for (const person of people) {
				const template = templateOf(person.positionType!)
				if (!template) continue
				let touched = false
				for (const w of template.weights) {
					if (w.baseline === null || w.target === null || w.challenge === null) continue
					const goal = defaultGoalFor({ baseline: w.baseline, target: w.target, challenge: w.challenge }, w.rollup, input.period)
					const current = existing.get(`${person.id}:${w.indicatorId}`)
					touched = true
					if (current) {
						const same = current.baseline === goal.baseline && current.target === goal.target && current.challenge === goal.challenge
						if (!input.overwrite || same || current.pending) {
							skipped++
							if (current.pending && input.overwrite && !same) pending++
							continue
						}
						tx.update(kpiTargets).set({ ...goal, updatedAt: at }).where(eq(kpiTargets.id, current.id)).run()
						changes.push([person.id, w.code, current.target, goal.target])
						updated++
					} else {
						tx.insert(kpiTargets)
							.values({ userId: person.id, indicatorId: w.indicatorId, period: input.period, ...goal, originalTarget: goal.target, updatedAt: at })
							.run()
						changes.push([person.id, w.code, null, goal.target])
						created++
					}
				}
				if (touched) applied++
			}
			if (created + updated > 0) {
				recordAudit(tx, {
					actorId: actor.id,
					actorRole: 'hr_admin',
					action: 'kpi.target.apply_defaults',
					entity: 'kpi_target',
					data: {
						period: input.period,
						positionType: input.positionType ?? null,
						teamId: input.teamId ?? null,
						overwrite: input.overwrite,
						created,
						updated,
						skipped,
						/** [userId, indicator, target before (null: new), target after] */
						changes,
					},
				})
				markPeriodsStale(tx, affectedPeriods(input.period))
			}
			return { ok: true as const, people: applied, created, updated, skipped, pending }
		},
		{ behavior: 'immediate' },
	)
}

export type ImportTargetsResult =
	| { ok: true; batchId: number; rows: number; created: number; updated: number; unchanged: number }
	| { ok: false; problems: TargetImportProblem[] }

const problemAt = (line: number, key: string, values: Record<string, string | number> = {}): TargetImportProblem => ({
	line,
	column: '',
	key: `kpiAdmin.importErrors.${key}`,
	values,
})

function isXlsx(bytes: Uint8Array, fileName: string) {
	// A zip (every .xlsx is one) starts with "PK\x03\x04"; the name alone may lie either way.
	const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
	return zip || /\.xlsx$/i.test(fileName)
}

/** CSV records with the physical line each starts on (a quoted line break inside a cell is not a new row). */
function readCsv(bytes: Uint8Array): { rows: SheetRow[] } | { problem: TargetImportProblem } {
	const text = decodeCsv(bytes)
	if (text === null) return { problem: problemAt(0, 'encoding') }
	const read = readRecords(text)
	if ('syntax' in read) return { problem: problemAt(read.syntax.line, 'csv', { detail: read.syntax.detail }) }
	return { rows: read.records }
}

function excelCell(value: ExcelJS.CellValue): string | number | null {
	if (value === null || value === undefined) return null
	if (typeof value === 'number' || typeof value === 'string') return value
	if (typeof value === 'boolean') return String(value)
	// Excel turns "2026-10" into a date: 1 Oct 2026 (stored as a UTC day).
	if (value instanceof Date) return value.toISOString().slice(0, 10)
	if (typeof value === 'object') {
		if ('result' in value) return excelCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
		if ('richText' in value) return value.richText.map((r) => r.text).join('')
		if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text)
		if ('error' in value) return String(value.error)
	}
	return String(value)
}

/** The first worksheet's rows with their row numbers (Excel's line numbers). */
async function readXlsx(bytes: Uint8Array): Promise<{ rows: SheetRow[] } | { problem: TargetImportProblem }> {
	const workbook = new ExcelJS.Workbook()
	try {
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
	} catch {
		return { problem: problemAt(0, 'xlsx') }
	}
	const sheet = workbook.worksheets[0]
	if (!sheet) return { problem: problemAt(0, 'empty') }
	const rows: SheetRow[] = []
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: Array<string | number | null> = []
		row.eachCell({ includeEmpty: true }, (cell, column) => {
			cells[column - 1] = excelCell(cell.value)
		})
		rows.push({ line: rowNumber, cells: Array.from(cells, (c) => c ?? null) })
	})
	return { rows }
}

/**
 * Sets targets from a CSV (UTF-8 or GB18030) or .xlsx file with the columns 邮箱/email, 指标/indicator
 * (code or name), 周期/period, 基准值/baseline, 目标值/target, 挑战值/challenge. All or nothing: any
 * problem (reported by line and column) means nothing is written. Recorded as a `targets` import batch,
 * audited, and the periods it touches are marked stale.
 */
export async function importTargets(bytes: Uint8Array, fileName: string, actor: Actor, at: Date = now()): Promise<ImportTargetsResult> {
	if (!isHr(actor)) return { ok: false, problems: [problemAt(0, 'forbidden')] }
	if (bytes.length === 0) return { ok: false, problems: [problemAt(0, 'empty')] }
	const read = isXlsx(bytes, fileName) ? await readXlsx(bytes) : readCsv(bytes)
	if ('problem' in read) return { ok: false, problems: [read.problem] }

	const db = getDb()
	const people = new Map(
		db
			.select({ id: users.id, name: users.name, email: users.email })
			.from(users)
			.where(isNull(users.deactivatedAt))
			.all()
			.map((p) => [p.email.toLowerCase(), p]),
	)
	const indicatorRefs = db
		.select({ id: indicators.id, code: indicators.code, nameZh: indicators.nameZh, nameEn: indicators.nameEn, direction: indicators.direction, unit: indicators.unit })
		.from(indicators)
		.orderBy(asc(indicators.position))
		.all()
	const checked = checkTargetSheet(read.rows, { people, indicators: indicatorRefs, actorId: actor.id })
	if (checked.problems.length > 0) return { ok: false, problems: checked.problems }
	const digest = encodeHexLowerCase(sha256(bytes))

	return db.transaction(
		(tx) => {
			const periods = [...new Set(checked.rows.map((r) => r.period))]
			const existing = new Map<string, KpiTarget & { pending: boolean }>()
			for (const period of periods) {
				const rows = tx
					.select({ target: kpiTargets, pendingId: targetAdjustments.id })
					.from(kpiTargets)
					.leftJoin(targetAdjustments, and(eq(targetAdjustments.targetId, kpiTargets.id), eq(targetAdjustments.status, 'pending')))
					.where(eq(kpiTargets.period, period))
					.all()
				for (const { target, pendingId } of rows)
					existing.set(`${target.userId}:${target.indicatorId}:${target.period}`, { ...target, pending: pendingId !== null })
			}
			const blocked = checked.rows.filter((r) => existing.get(`${r.userId}:${r.indicatorId}:${r.period}`)?.pending)
			if (blocked.length > 0) return { ok: false as const, problems: blocked.map((r) => problemAt(r.line, 'pendingAdjustment')) }

			const batchId = tx
				.insert(kpiImportBatches)
				.values({ kind: 'targets', fileName, sha256: digest, actorId: actor.id, rows: checked.rows.length, inserted: 0, updated: 0, unchanged: 0, createdAt: at })
				.returning({ id: kpiImportBatches.id })
				.get().id
			let created = 0
			let updated = 0
			let unchanged = 0
			const changes: Array<[number, number, string, number | null, number]> = []
			for (const row of checked.rows) {
				const goal = { baseline: row.baseline, target: row.target, challenge: row.challenge }
				const current = existing.get(`${row.userId}:${row.indicatorId}:${row.period}`)
				if (current) {
					if (current.baseline === goal.baseline && current.target === goal.target && current.challenge === goal.challenge) {
						unchanged++
						continue
					}
					tx.update(kpiTargets).set({ ...goal, updatedAt: at }).where(eq(kpiTargets.id, current.id)).run()
					changes.push([row.userId, row.indicatorId, row.period, current.target, goal.target])
					updated++
				} else {
					tx.insert(kpiTargets)
						.values({ userId: row.userId, indicatorId: row.indicatorId, period: row.period, ...goal, originalTarget: goal.target, updatedAt: at })
						.run()
					changes.push([row.userId, row.indicatorId, row.period, null, goal.target])
					created++
				}
			}
			tx.update(kpiImportBatches).set({ inserted: created, updated, unchanged }).where(eq(kpiImportBatches.id, batchId)).run()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'kpi.target.import',
				entity: 'kpi_import_batch',
				entityId: batchId,
				batchId,
				data: {
					fileName,
					sha256: digest,
					rows: checked.rows.length,
					created,
					updated,
					unchanged,
					/** [userId, indicatorId, period, target before (null: new), target after] */
					changes,
				},
			})
			markPeriodsStale(tx, periods.flatMap(affectedPeriods))
			return { ok: true as const, batchId, rows: checked.rows.length, created, updated, unchanged }
		},
		{ behavior: 'immediate' },
	)
}

export type TargetGridColumn = { indicatorId: number; code: string; nameZh: string; nameEn: string; unit: string }
export type TargetGrid = {
	period: Period
	total: number
	page: number
	pages: number
	columns: TargetGridColumn[]
	people: Array<{
		id: number
		name: string
		email: string
		positionType: PositionType
		teamId: number | null
		/** By indicator id: the target, or null when the indicator is in the person's template but has none yet. */
		targets: Record<number, { target: number; baseline: number; challenge: number; pending: boolean } | null>
	}>
}

/**
 * The targets page's table: scored people (optionally of one team or position), a page at a time, with
 * their targets for the period under their template's indicators (and any other indicator they have a
 * target for).
 */
export function targetGrid(
	{ period, teamId, positionType, page = 1, pageSize = 50 }: { period: Period; teamId?: number | null; positionType?: PositionType | null; page?: number; pageSize?: number },
	tx: Tx = getDb(),
): TargetGrid {
	const filters = [isNotNull(users.positionType), isNull(users.deactivatedAt)]
	if (positionType) filters.push(eq(users.positionType, positionType))
	if (teamId) filters.push(eq(users.teamId, teamId))
	const all = tx
		.select({ id: users.id, name: users.name, email: users.email, positionType: users.positionType, teamId: users.teamId })
		.from(users)
		.where(and(...filters))
		.orderBy(asc(users.name), asc(users.id))
		.all()
	const pages = Math.max(1, Math.ceil(all.length / pageSize))
	const current = Math.min(Math.max(1, Math.floor(page) || 1), pages)
	const slice = all.slice((current - 1) * pageSize, current * pageSize)
	const templates = new Map<PositionType, TemplateVersion | null>()
	for (const p of slice) if (!templates.has(p.positionType!)) templates.set(p.positionType!, templateFor(p.positionType!, period, tx))
	const rows =
		slice.length === 0
			? []
			: tx
					.select({ target: kpiTargets, pendingId: targetAdjustments.id })
					.from(kpiTargets)
					.leftJoin(targetAdjustments, and(eq(targetAdjustments.targetId, kpiTargets.id), eq(targetAdjustments.status, 'pending')))
					.where(and(eq(kpiTargets.period, period), inArray(kpiTargets.userId, slice.map((p) => p.id))))
					.all()
	const indicatorIds = new Set<number>()
	for (const template of templates.values()) for (const w of template?.weights ?? []) indicatorIds.add(w.indicatorId)
	for (const { target } of rows) indicatorIds.add(target.indicatorId)
	const columns =
		indicatorIds.size === 0
			? []
			: tx
					.select({ indicatorId: indicators.id, code: indicators.code, nameZh: indicators.nameZh, nameEn: indicators.nameEn, unit: indicators.unit })
					.from(indicators)
					.where(inArray(indicators.id, [...indicatorIds]))
					.orderBy(asc(indicators.position), asc(indicators.id))
					.all()
	const byPerson = new Map<number, TargetGrid['people'][number]['targets']>()
	for (const p of slice) {
		const targets: TargetGrid['people'][number]['targets'] = {}
		for (const w of templates.get(p.positionType!)?.weights ?? []) targets[w.indicatorId] = null
		byPerson.set(p.id, targets)
	}
	for (const { target, pendingId } of rows)
		byPerson.get(target.userId)![target.indicatorId] = { target: target.target, baseline: target.baseline, challenge: target.challenge, pending: pendingId !== null }
	return {
		period,
		total: all.length,
		page: current,
		pages,
		columns,
		people: slice.map((p) => ({ ...p, positionType: p.positionType!, targets: byPerson.get(p.id)! })),
	}
}
