import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { positionTypes, teams, users, type PositionType } from '#db/schema/auth.ts'
import { examAttempts, exams } from '#db/schema/exams.ts'
import { promotionDecisions } from '#db/schema/gamification.ts'
import { integrityViolations, kpiScores } from '#db/schema/performance.ts'
import { listIndicators, ensureFresh, periodActuals } from '#app/modules/performance/scores.server.ts'
import { previousPeriod, quarterOf, shiftPeriod, type Period } from '#app/modules/performance/periods.ts'
import { templateFor } from '#app/modules/performance/templates.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import {
	byStatusThenName,
	capabilityApplies,
	eligibility,
	promotionStatuses,
	quartersEvidence,
	type CapabilityFact,
	type Checklist,
	type ExamFact,
	type PersonFacts,
	type PromotionStatus,
} from './eligibility.ts'
import type { PromotionRuleSet } from './rules.ts'
import { loadRules } from './rules.server.ts'

/**
 * Gathers the facts the pure eligibility rules read, for one person or everyone in a list: stored
 * quarter scores (refreshed first when stale), the core track's required exams and when each was first
 * passed, capability values of the last closed quarter, hire date and integrity violations.
 */

type Person = { id: number; hireDate: string; positionType: PositionType | null }

/** The quarter before today's: always closed. */
export function lastClosedQuarter(today: string): Period {
	return previousPeriod(quarterOf(today))
}

/** The `n` most recent closed quarters, newest first. */
export function closedQuarters(today: string, n: number): Period[] {
	const last = lastClosedQuarter(today)
	return Array.from({ length: n }, (_, i) => shiftPeriod(last, i))
}

const inIds = (column: SQL | typeof users.id, ids: readonly number[]) => sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`

function storedScores(ids: readonly number[], quarters: readonly Period[], tx: Tx) {
	for (const q of quarters) ensureFresh(q)
	const rows = tx
		.select({ userId: kpiScores.userId, period: kpiScores.period, score: kpiScores.weightedScore })
		.from(kpiScores)
		.where(and(inIds(sql`${kpiScores.userId}`, ids), sql`${kpiScores.period} in (select value from json_each(${JSON.stringify(quarters)}))`))
		.all()
	const scores = new Map<string, number | null>()
	for (const r of rows) scores.set(`${r.userId}:${r.period}`, r.score)
	return scores
}

function coreExamFacts(ids: readonly number[], tx: Tx) {
	const required = tx
		.select({ id: exams.id, slug: exams.slug, title: exams.title, titleEn: exams.titleEn })
		.from(exams)
		.where(and(eq(exams.tier, 'core'), eq(exams.required, true), isNull(exams.retiredAt)))
		.orderBy(asc(exams.slug))
		.all()
	const passes = new Map<string, number>()
	if (required.length > 0) {
		const rows = tx
			.select({ userId: examAttempts.userId, examId: examAttempts.examId, at: sql<number>`min(${examAttempts.closedAt})` })
			.from(examAttempts)
			.where(
				and(
					eq(examAttempts.passed, true),
					eq(examAttempts.status, 'graded'),
					isNotNull(examAttempts.closedAt),
					inIds(sql`${examAttempts.userId}`, ids),
					sql`${examAttempts.examId} in (select value from json_each(${JSON.stringify(required.map((e) => e.id))}))`,
				),
			)
			.groupBy(examAttempts.userId, examAttempts.examId)
			.all()
		for (const r of rows) passes.set(`${r.userId}:${r.examId}`, r.at)
	}
	return (userId: number): ExamFact[] =>
		required.map((e) => {
			const at = passes.get(`${userId}:${e.id}`)
			return { slug: e.slug, title: e.title, titleEn: e.titleEn, passedOn: at === undefined ? null : businessDate(new Date(at)) }
		})
}

function capabilityFacts(people: readonly Person[], rules: PromotionRuleSet, period: Period, tx: Tx) {
	const codes = Object.keys(rules.capabilityMins)
	const all = listIndicators()
	const wanted = all.filter((i) => i.category === 'capability' && codes.includes(i.code))
	if (wanted.length === 0) return (): CapabilityFact[] => []
	const byId = new Map(all.map((i) => [i.id, i.code]))
	const own = new Map<PositionType, Set<string>>()
	const any = new Set<string>()
	for (const position of positionTypes) {
		const template = templateFor(position, period, tx)
		const weighted = new Set((template?.weights ?? []).filter((w) => w.weight > 0).map((w) => byId.get(w.indicatorId)!))
		own.set(position, weighted)
		for (const code of weighted) any.add(code)
	}
	const actuals = periodActuals(period, all, { userIds: people.map((p) => p.id) })
	return (person: Person): CapabilityFact[] =>
		wanted
			.filter((i) => capabilityApplies(i.code, (person.positionType && own.get(person.positionType)) || new Set(), any))
			.map((i) => ({ code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, unit: i.unit, value: actuals.get(person.id, i.id) ?? null }))
}

function violationDates(ids: readonly number[], tx: Tx) {
	const rows = tx
		.select({ userId: integrityViolations.userId, on: integrityViolations.occurredOn })
		.from(integrityViolations)
		.where(inIds(sql`${integrityViolations.userId}`, ids))
		.all()
	const byUser = new Map<number, string[]>()
	for (const r of rows) {
		let list = byUser.get(r.userId)
		if (!list) byUser.set(r.userId, (list = []))
		list.push(r.on)
	}
	return byUser
}

/** Each person's facts for `today` under `rules`. */
export function factsFor(people: readonly Person[], rules: PromotionRuleSet, today: string, tx: Tx = getDb()): Map<number, PersonFacts> {
	const result = new Map<number, PersonFacts>()
	if (people.length === 0) return result
	const ids = people.map((p) => p.id)
	const quarters = closedQuarters(today, rules.consecutiveQuarters)
	const capabilityPeriod = quarters[0]!
	const scores = storedScores(ids, quarters, tx)
	const examsOf = coreExamFacts(ids, tx)
	const capabilitiesOf = capabilityFacts(people, rules, capabilityPeriod, tx)
	const violations = violationDates(ids, tx)
	for (const person of people)
		result.set(person.id, {
			today,
			hireDate: person.hireDate,
			quarters: quarters.map((period) => ({ period, score: scores.get(`${person.id}:${period}`) ?? null })),
			coreExams: examsOf(person.id),
			capabilityPeriod,
			capabilities: capabilitiesOf(person),
			violations: violations.get(person.id) ?? [],
		})
	return result
}

export type LastDecision = {
	decision: 'approved' | 'rejected'
	newTitle: string | null
	reason: string | null
	decidedAt: Date
	/** Business date of the decision, for display. */
	decidedOn: string
	decidedByName: string | null
}

function lastDecisions(ids: readonly number[], tx: Tx): Map<number, LastDecision> {
	const deciders = sql`(select name from users d where d.id = ${promotionDecisions.decidedById})`
	const rows = tx
		.select({
			userId: promotionDecisions.userId,
			decision: promotionDecisions.decision,
			newTitle: promotionDecisions.newTitle,
			reason: promotionDecisions.reason,
			decidedAt: promotionDecisions.decidedAt,
			decidedByName: sql<string | null>`${deciders}`,
		})
		.from(promotionDecisions)
		.where(inIds(sql`${promotionDecisions.userId}`, ids))
		.orderBy(desc(promotionDecisions.decidedAt), desc(promotionDecisions.id))
		.all()
	const result = new Map<number, LastDecision>()
	for (const { userId, ...decision } of rows) if (!result.has(userId)) result.set(userId, { ...decision, decidedOn: businessDate(decision.decidedAt) })
	return result
}

const personColumns = {
	id: users.id,
	name: users.name,
	email: users.email,
	title: users.title,
	positionType: users.positionType,
	teamId: users.teamId,
	hireDate: users.hireDate,
	teamZh: teams.nameZh,
	teamEn: teams.nameEn,
}

export type PromotionPerson = {
	id: number
	name: string
	email: string
	title: string | null
	positionType: PositionType | null
	teamId: number | null
	hireDate: string
	teamZh: string | null
	teamEn: string | null
}

export type PersonChecklist = { person: PromotionPerson; checklist: Checklist; rules: PromotionRuleSet; lastDecision: LastDecision | null }

/** One active person's checklist as of today, with their last decision; null when there is no such person. */
export function checklistFor(userId: number, today = businessDate(now()), tx: Tx = getDb()): PersonChecklist | null {
	const person = tx
		.select(personColumns)
		.from(users)
		.leftJoin(teams, eq(teams.id, users.teamId))
		.where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
		.get()
	if (!person) return null
	const rules = loadRules(tx)
	const facts = factsFor([person], rules, today, tx).get(person.id)!
	return { person, checklist: eligibility(rules, facts), rules, lastDecision: lastDecisions([person.id], tx).get(person.id) ?? null }
}

export type PromotionFilters = { status?: PromotionStatus | 'all'; teamId?: number; positionType?: PositionType }

/** Reads the list's filters from a query string; anything unknown is left out (the default list). */
export function readFilters(params: URLSearchParams): PromotionFilters {
	const status = params.get('status')
	const team = params.get('team')
	const position = params.get('position')
	return {
		status: status === 'all' || (promotionStatuses as readonly string[]).includes(status ?? '') ? (status as PromotionFilters['status']) : undefined,
		teamId: team && /^[1-9]\d{0,9}$/.test(team) ? Number(team) : undefined,
		positionType: (positionTypes as readonly string[]).includes(position ?? '') ? (position as PositionType) : undefined,
	}
}

export type PromotionRow = PromotionPerson & {
	status: PromotionStatus
	unmet: Checklist['unmet']
	missing: string[]
	/** Consecutive closed quarters at the minimum score (up to the rule's number) and the latest score. */
	run: number
	latestScore: number | null
	lastDecision: LastDecision | null
}

/**
 * HR's list: active people with a position type, filtered by team and position type, and by status
 * (eligible and nearly eligible unless asked otherwise), eligible first, then nearly, then by name.
 */
export function promotionList(filters: PromotionFilters = {}, today = businessDate(now()), tx: Tx = getDb()) {
	const conditions = [isNull(users.deactivatedAt), isNotNull(users.positionType)]
	if (filters.teamId !== undefined) conditions.push(eq(users.teamId, filters.teamId))
	if (filters.positionType) conditions.push(eq(users.positionType, filters.positionType))
	const people = tx
		.select(personColumns)
		.from(users)
		.leftJoin(teams, eq(teams.id, users.teamId))
		.where(and(...conditions))
		.all()
	const rules = loadRules(tx)
	const facts = factsFor(people, rules, today, tx)
	const decisions = lastDecisions(
		people.map((p) => p.id),
		tx,
	)
	const wanted = (status: PromotionStatus) =>
		filters.status === 'all' ? true : filters.status ? status === filters.status : status === 'eligible' || status === 'nearly'
	const counts: Record<PromotionStatus, number> = { eligible: 0, nearly: 0, not_yet: 0 }
	const rows: PromotionRow[] = []
	for (const person of people) {
		const checklist = eligibility(rules, facts.get(person.id)!)
		counts[checklist.status]++
		if (!wanted(checklist.status)) continue
		const quarters = quartersEvidence(checklist)
		rows.push({
			...person,
			status: checklist.status,
			unmet: checklist.unmet,
			missing: checklist.items.flatMap((i) => i.missing),
			run: quarters.run,
			latestScore: quarters.quarters[0]?.score ?? null,
			lastDecision: decisions.get(person.id) ?? null,
		})
	}
	rows.sort(byStatusThenName)
	return { rows, counts, rules, today }
}

/** Position types to filter by. */
export function positionOptions(): PositionType[] {
	return [...positionTypes]
}

/** Teams to filter by, in name order. */
export function teamOptions(tx: Tx = getDb()) {
	return tx.select({ id: teams.id, nameZh: teams.nameZh, nameEn: teams.nameEn }).from(teams).orderBy(asc(teams.nameZh)).all()
}
