import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { getDb, type Tx } from '#db/client.server.ts'
import { teams, users } from '#db/schema/auth.ts'
import { exams } from '#db/schema/exams.ts'
import { badgeAwards, badgeCodes, pointSources, starNominations, type BadgeCode, type PointSource } from '#db/schema/gamification.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { lessons } from '#db/schema/learning.ts'
import { coachingSessions, mentorPairings } from '#db/schema/mentoring.ts'
import { indicators } from '#db/schema/performance.ts'
import { sharingSessions } from '#db/schema/sharing.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { refusal, type Refusal } from '#app/modules/performance/targets.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { awardBadge } from './badge-awards.server.ts'
import {
	BADGE_CATALOGUE,
	BADGE_CODES,
	badgeCriteria,
	mayNominateFor,
	nominationKey,
	NOTE_MAX,
	parseSourceKey,
	POINT_SOURCES,
	REASON_MAX,
	REASON_MIN,
	type BadgeCodeOption,
	type NominationDecision,
	type PointSourceOption,
} from './badges.ts'
import { recentPoints } from './points.server.ts'
import { highValueAmount } from './rules.server.ts'

/**
 * Badges read back (a person's, with the evidence; the holders of each), the points history in words,
 * and 月度之星: a manager nominates one of their people for a month, HR confirms (which awards the
 * badge) or declines. Every nomination and decision is one transaction with its audit row.
 */

// The pure catalogue repeats the schema's lists; these fail to compile if the two ever drift apart.
const _listsAgree: [readonly BadgeCode[], readonly BadgeCodeOption[], readonly PointSource[], readonly PointSourceOption[]] = [
	BADGE_CODES,
	badgeCodes,
	POINT_SOURCES,
	pointSources,
]

export type Viewer = { id: number; roles: readonly string[] }

export type ExamTitle = { title: string; titleEn: string }

export type HeldBadge = {
	id: number
	badge: BadgeCode
	period: string | null
	awardedAt: Date
	evidence: Record<string, string | number>
	/** For exam badges: the exam's titles (the evidence holds its slug). */
	exam: ExamTitle | null
}

function examTitlesBySlug(tx: Tx, slugs: readonly string[]): Map<string, ExamTitle> {
	if (slugs.length === 0) return new Map()
	const rows = tx
		.select({ slug: exams.slug, title: exams.title, titleEn: exams.titleEn })
		.from(exams)
		.where(inArray(exams.slug, [...new Set(slugs)]))
		.all()
	return new Map(rows.map(({ slug, ...title }) => [slug, title]))
}

/** A person's badges, newest first, with what earned them. */
export function badgesOf(userId: number, tx: Tx = getDb()): HeldBadge[] {
	const rows = tx.select().from(badgeAwards).where(eq(badgeAwards.userId, userId)).orderBy(desc(badgeAwards.awardedAt), desc(badgeAwards.id)).all()
	const titles = examTitlesBySlug(
		tx,
		rows.flatMap((r) => (typeof r.evidence.exam === 'string' ? [r.evidence.exam] : [])),
	)
	return rows.map((r) => ({
		id: r.id,
		badge: r.badge,
		period: r.period,
		awardedAt: r.awardedAt,
		evidence: r.evidence,
		exam: typeof r.evidence.exam === 'string' ? (titles.get(r.evidence.exam) ?? null) : null,
	}))
}

export type Holder = { userId: number; name: string; awards: number }

/** Who holds each badge (active people, by name), with how many times they earned it. */
export function badgeHolders(tx: Tx = getDb()): Record<BadgeCode, Holder[]> {
	const rows = tx
		.select({ badge: badgeAwards.badge, userId: users.id, name: users.name, awards: sql<number>`count(*)` })
		.from(badgeAwards)
		.innerJoin(users, eq(users.id, badgeAwards.userId))
		.where(isNull(users.deactivatedAt))
		.groupBy(badgeAwards.badge, users.id)
		.orderBy(asc(users.name), asc(users.id))
		.all()
	const holders = Object.fromEntries(badgeCodes.map((code) => [code, [] as Holder[]])) as Record<BadgeCode, Holder[]>
	for (const { badge, ...holder } of rows) holders[badge].push(holder)
	return holders
}

export type CatalogueEntry = {
	code: BadgeCode
	kind: (typeof BADGE_CATALOGUE)[BadgeCode]['kind']
	periodKind: 'month' | 'quarter' | null
	/** A problem string: the criteria's i18n key and its values. */
	criteria: string
	/** How many times the viewer earned it (0: not held). */
	held: number
	holders: number
}

/** Every badge with its criteria, whether the person holds it, and how many people do. */
export function badgeCatalogueFor(userId: number, tx: Tx = getDb()): CatalogueEntry[] {
	const settings = { highValueAmount: highValueAmount(tx) }
	const holders = badgeHolders(tx)
	const mine = new Map<string, number>()
	for (const r of tx.select({ badge: badgeAwards.badge }).from(badgeAwards).where(eq(badgeAwards.userId, userId)).all())
		mine.set(r.badge, (mine.get(r.badge) ?? 0) + 1)
	return badgeCodes.map((code) => ({
		code,
		kind: BADGE_CATALOGUE[code].kind,
		periodKind: BADGE_CATALOGUE[code].periodKind,
		criteria: badgeCriteria(code, settings),
		held: mine.get(code) ?? 0,
		holders: holders[code].length,
	}))
}

/** What a ledger row was for, named: a lesson, exam, article or session title; an indicator and period; a coaching partner and day. */
export type SourceDetail =
	| { kind: 'title'; title: string; titleEn: string }
	| { kind: 'indicator'; nameZh: string; nameEn: string; period: string }
	| { kind: 'coaching'; name: string; on: string }
	| null

export type HistoryRow = {
	source: PointSource
	points: number
	rulePoints: number
	day: string
	/** The daily cap cut it (paid less than the rule). */
	capped: boolean
	detail: SourceDetail
}

/** The person's last ledger entries, newest first, each with what it was for. */
export function pointsHistory(userId: number, limit = 10, tx: Tx = getDb()): HistoryRow[] {
	return recentPoints(userId, limit, tx).map((row) => ({
		source: row.source,
		points: row.points,
		rulePoints: row.rulePoints,
		day: row.day,
		capped: row.points < row.rulePoints,
		detail: sourceDetail(tx, userId, row.sourceKey),
	}))
}

function sourceDetail(tx: Tx, userId: number, key: string): SourceDetail {
	const ref = parseSourceKey(key)
	switch (ref.kind) {
		case 'lesson': {
			const row = tx.select({ title: lessons.title, titleEn: lessons.titleEn }).from(lessons).where(eq(lessons.id, ref.id)).get()
			return row ? { kind: 'title', ...row } : null
		}
		case 'exam': {
			const row = examTitlesBySlug(tx, [ref.slug]).get(ref.slug)
			return row ? { kind: 'title', ...row } : null
		}
		case 'article': {
			const row = tx.select({ title: kbArticles.title, titleEn: kbArticles.titleEn }).from(kbArticles).where(eq(kbArticles.id, ref.id)).get()
			return row ? { kind: 'title', ...row } : null
		}
		case 'session': {
			const row = tx.select({ title: sharingSessions.title }).from(sharingSessions).where(eq(sharingSessions.id, ref.id)).get()
			return row ? { kind: 'title', title: row.title, titleEn: row.title } : null
		}
		case 'coaching': {
			const row = tx
				.select({ on: coachingSessions.occurredOn, mentorId: mentorPairings.mentorId, menteeId: mentorPairings.menteeId })
				.from(coachingSessions)
				.innerJoin(mentorPairings, eq(mentorPairings.id, coachingSessions.pairingId))
				.where(eq(coachingSessions.id, ref.id))
				.get()
			if (!row) return null
			const other = row.mentorId === userId ? row.menteeId : row.mentorId
			const name = tx.select({ name: users.name }).from(users).where(eq(users.id, other)).get()?.name ?? ''
			return { kind: 'coaching', name, on: row.on }
		}
		case 'indicator': {
			const row = tx.select({ nameZh: indicators.nameZh, nameEn: indicators.nameEn }).from(indicators).where(eq(indicators.code, ref.code)).get()
			return row ? { kind: 'indicator', ...row, period: ref.period } : null
		}
		default:
			return null
	}
}

/* 月度之星 */

const managerOf = (tx: Tx, userId: number) =>
	tx
		.select({ managerId: teams.managerId, active: sql<number>`${users.deactivatedAt} is null` })
		.from(users)
		.innerJoin(teams, eq(teams.id, users.teamId))
		.where(eq(users.id, userId))
		.get()

/** The people a manager may nominate: the active members of the teams they lead, themselves left out. */
export function nomineesFor(managerId: number, tx: Tx = getDb()) {
	return tx
		.select({ id: users.id, name: users.name })
		.from(users)
		.innerJoin(teams, eq(teams.id, users.teamId))
		.where(and(eq(teams.managerId, managerId), isNull(users.deactivatedAt), ne(users.id, managerId)))
		.orderBy(asc(users.name), asc(users.id))
		.all()
}

const nominee = alias(users, 'nominee')
const nominator = alias(users, 'nominator')

const nominationColumns = {
	id: starNominations.id,
	userId: starNominations.userId,
	name: nominee.name,
	month: starNominations.month,
	reason: starNominations.reason,
	nominatedById: starNominations.nominatedById,
	nominatedBy: nominator.name,
	nominatedAt: starNominations.nominatedAt,
	status: starNominations.status,
	decisionNote: starNominations.decisionNote,
	decidedAt: starNominations.decidedAt,
}

function nominations(tx: Tx) {
	return tx
		.select(nominationColumns)
		.from(starNominations)
		.innerJoin(nominee, eq(nominee.id, starNominations.userId))
		.innerJoin(nominator, eq(nominator.id, starNominations.nominatedById))
}

/** A manager's nominations, newest month first, with HR's answers. */
export function nominationsBy(managerId: number, limit = 20, tx: Tx = getDb()) {
	return nominations(tx)
		.where(eq(starNominations.nominatedById, managerId))
		.orderBy(desc(starNominations.month), desc(starNominations.id))
		.limit(limit)
		.all()
}

/** What HR has to decide, oldest first. */
export function pendingNominations(tx: Tx = getDb()) {
	return nominations(tx).where(eq(starNominations.status, 'pending')).orderBy(asc(starNominations.nominatedAt), asc(starNominations.id)).all()
}

/** The latest decisions, for HR's page. */
export function decidedNominations(limit = 10, tx: Tx = getDb()) {
	return nominations(tx).where(ne(starNominations.status, 'pending')).orderBy(desc(starNominations.decidedAt), desc(starNominations.id)).limit(limit).all()
}

export type NominationResult = { ok: true; id: number } | { ok: false; reason: 'forbidden' } | Refusal

const length = (text: string) => Array.from(text).length

/**
 * A manager nominates one of their own people for 月度之星 for the current month or one already
 * over; once per person and month (the unique index is the backstop should two managers race).
 */
export function nominateStar(manager: Viewer, userId: number, month: string, reason: string, at: Date = now()): NominationResult {
	const text = reason.trim()
	return getDb().transaction(
		(tx): NominationResult => {
			const team = managerOf(tx, userId)
			if (!manager.roles.includes('manager') || userId === manager.id || !team || !team.active || team.managerId !== manager.id)
				return { ok: false, reason: 'forbidden' }
			if (!mayNominateFor(month, businessDate(at))) return refusal({ month: ['points.errors.month'] })
			if (length(text) < REASON_MIN) return refusal({ reason: ['points.errors.reasonShort'] })
			if (length(text) > REASON_MAX) return refusal({ reason: ['points.errors.reasonLong'] })
			const taken = tx
				.select({ id: starNominations.id })
				.from(starNominations)
				.where(and(eq(starNominations.userId, userId), eq(starNominations.month, month)))
				.get()
			if (taken) return refusal({ month: ['points.errors.alreadyNominated'] })
			const { id } = tx
				.insert(starNominations)
				.values({ userId, month, reason: text, nominatedById: manager.id, nominatedAt: at })
				.returning({ id: starNominations.id })
				.get()
			recordAudit(tx, {
				actorId: manager.id,
				actorRole: 'manager',
				action: 'points.star.nominate',
				entity: 'star_nomination',
				entityId: id,
				data: { before: null, after: { userId, month, reason: text, status: 'pending' } },
			})
			return { ok: true, id }
		},
		{ behavior: 'immediate' },
	)
}

export type DecisionResult = { ok: true; awarded: boolean } | { ok: false; reason: 'forbidden' | 'not_found' } | Refusal

/**
 * HR confirms a pending nomination (awarding 月度之星 for its month, key `nomination:<id>`) or declines
 * it with a note. A decided nomination stays decided; nobody decides their own nomination.
 */
export function decideNomination(hr: Viewer, nominationId: number, decision: NominationDecision, note: string | null | undefined, at: Date = now()): DecisionResult {
	if (!hr.roles.includes('hr_admin')) return { ok: false, reason: 'forbidden' }
	const text = note?.trim() || null
	if (text && length(text) > NOTE_MAX) return refusal({ note: ['points.errors.noteLong'] })
	if (decision === 'declined' && !text) return refusal({ note: ['points.errors.noteRequired'] })
	return getDb().transaction(
		(tx): DecisionResult => {
			const row = tx.select().from(starNominations).where(eq(starNominations.id, nominationId)).get()
			if (!row) return { ok: false, reason: 'not_found' }
			if (row.userId === hr.id) return { ok: false, reason: 'forbidden' }
			if (row.status !== 'pending') return refusal({}, ['points.errors.alreadyDecided'])
			tx.update(starNominations)
				.set({ status: decision, decidedById: hr.id, decidedAt: at, decisionNote: text })
				.where(and(eq(starNominations.id, nominationId), eq(starNominations.status, 'pending')))
				.run()
			const awarded =
				decision === 'confirmed' &&
				awardBadge(tx, {
					userId: row.userId,
					badge: 'monthly_star',
					awardKey: nominationKey(row.id),
					period: row.month,
					evidence: { month: row.month, nomination: row.id },
					at,
				})
			recordAudit(tx, {
				actorId: hr.id,
				actorRole: 'hr_admin',
				action: 'points.star.decide',
				entity: 'star_nomination',
				entityId: row.id,
				data: { before: { status: 'pending' }, after: { status: decision, note: text, userId: row.userId, month: row.month } },
			})
			return { ok: true, awarded }
		},
		{ behavior: 'immediate' },
	)
}
