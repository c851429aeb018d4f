import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { teams, users, type Role } from '#db/schema/auth.ts'
import { attemptFocusEvents, attemptQuestions, examAttempts, examQuestions, exams } from '#db/schema/exams.ts'
import { clearances, tierCodes } from '#db/schema/learning.ts'
import {
	promptExcerpt,
	questionStats,
	scoreDistribution,
	summarize,
	type ExamSummary,
	type StatsAttempt,
} from './stats.ts'

/**
 * Whose attempts a viewer may see: null is everyone (HR); a list is those people only (a manager's
 * team). Every query below applies it, so a manager's page cannot count another team's attempts.
 */
export type PeopleScope = readonly number[] | null

/** The active members of the teams `managerId` leads, not counting the manager. */
export function peopleManagedBy(managerId: number): number[] {
	return getDb()
		.select({ id: users.id })
		.from(users)
		.innerJoin(teams, eq(teams.id, users.teamId))
		.where(and(eq(teams.managerId, managerId), ne(users.id, managerId), isNull(users.deactivatedAt)))
		.all()
		.map((r) => r.id)
}

/** HR sees everyone; anyone else allowed in (a manager) sees the people on the teams they lead. */
export function scopeFor(viewer: { id: number; roles: readonly Role[] }): PeopleScope {
	return viewer.roles.includes('hr_admin') ? null : peopleManagedBy(viewer.id)
}

function attemptsIn(scope: PeopleScope): SQL | undefined {
	return scope === null ? undefined : inArray(examAttempts.userId, [...scope])
}

/**
 * The people a viewer is responsible for: HR, every active person in the sales line (those with a
 * position type); a manager, their team.
 */
function peopleIn(scope: PeopleScope): SQL | undefined {
	return and(isNull(users.deactivatedAt), scope === null ? isNotNull(users.positionType) : inArray(users.id, [...scope]))
}

const tierOrder = (tier: (typeof tierCodes)[number]) => tierCodes.indexOf(tier)

export type ExamOverviewRow = Pick<ExamSummary, 'attempts' | 'people' | 'passed' | 'passRate' | 'meanScore'> & {
	slug: string
	title: string
	titleEn: string
	tier: (typeof tierCodes)[number]
	required: boolean
	retired: boolean
}

/** Each exam with its graded attempts in scope: count, people, pass rate, mean score. Retired banks only if they have attempts. */
export function examOverview(scope: PeopleScope): ExamOverviewRow[] {
	const db = getDb()
	const rows = db
		.select({
			id: exams.id,
			slug: exams.slug,
			title: exams.title,
			titleEn: exams.titleEn,
			tier: exams.tier,
			required: exams.required,
			retiredAt: exams.retiredAt,
		})
		.from(exams)
		.all()
	const totals = new Map(
		db
			.select({
				examId: examAttempts.examId,
				attempts: count(),
				people: sql<number>`count(distinct ${examAttempts.userId})`.mapWith(Number),
				passed: sql<number>`coalesce(sum(${examAttempts.passed}), 0)`.mapWith(Number),
				meanScore: sql<number | null>`avg(${examAttempts.score})`.mapWith(Number),
			})
			.from(examAttempts)
			.where(and(eq(examAttempts.status, 'graded'), attemptsIn(scope)))
			.groupBy(examAttempts.examId)
			.all()
			.map((t) => [t.examId, t]),
	)
	return rows
		.filter((exam) => exam.retiredAt === null || totals.has(exam.id))
		.sort((a, b) => tierOrder(a.tier) - tierOrder(b.tier) || Number(b.required) - Number(a.required) || a.slug.localeCompare(b.slug))
		.map(({ id, retiredAt, ...exam }) => {
			const t = totals.get(id)
			const attempts = t?.attempts ?? 0
			const passed = t?.passed ?? 0
			return {
				...exam,
				retired: retiredAt !== null,
				attempts,
				people: t?.people ?? 0,
				passed,
				passRate: attempts ? passed / attempts : null,
				meanScore: t?.meanScore ?? null,
			}
		})
}

const CLEARED_LIST_LIMIT = 200

/** 上岗资格 among the viewer's people: how many of them are cleared, and who (newest first, with the date). */
export function clearanceOverview(scope: PeopleScope) {
	const db = getDb()
	const inScope = peopleIn(scope)
	const people = db.select({ n: count() }).from(users).where(inScope).get()?.n ?? 0
	const cleared = db.select({ n: count() }).from(clearances).innerJoin(users, eq(users.id, clearances.userId)).where(inScope).get()?.n ?? 0
	const list = db
		.select({
			userId: users.id,
			name: users.name,
			teamZh: teams.nameZh,
			teamEn: teams.nameEn,
			clearedOn: clearances.clearedOn,
		})
		.from(clearances)
		.innerJoin(users, eq(users.id, clearances.userId))
		.leftJoin(teams, eq(teams.id, users.teamId))
		.where(inScope)
		.orderBy(desc(clearances.clearedAt), asc(users.id))
		.limit(CLEARED_LIST_LIMIT)
		.all()
	return { people, cleared, list }
}

/**
 * One exam's analytics over the graded attempts in scope: summary, score distribution and item
 * analysis. The bank's answers and explanations are not selected: the page needs neither.
 * Retired banks still answer (their history stays readable); an unknown slug is null.
 */
export function examDetail(slug: string, scope: PeopleScope) {
	// One read transaction: the attempts and their answers come from the same snapshot even while exam day grades more.
	return getDb().transaction((db) => {
		const exam = db
			.select({
				id: exams.id,
				slug: exams.slug,
				title: exams.title,
				titleEn: exams.titleEn,
				tier: exams.tier,
				required: exams.required,
				closedBook: exams.closedBook,
				passMark: exams.passMark,
				questionsPerAttempt: exams.questionsPerAttempt,
				topics: exams.topics,
				retiredAt: exams.retiredAt,
			})
			.from(exams)
			.where(eq(exams.slug, slug))
			.get()
		if (!exam) return null
		const bank = db
			.select({
				id: examQuestions.id,
				key: examQuestions.key,
				topic: examQuestions.topic,
				prompt: examQuestions.prompt,
				retired: examQuestions.retired,
			})
			.from(examQuestions)
			.where(eq(examQuestions.examId, exam.id))
			.orderBy(asc(examQuestions.id))
			.all()
		const graded = and(eq(examAttempts.examId, exam.id), eq(examAttempts.status, 'graded'), attemptsIn(scope))
		const attempts = new Map<number, StatsAttempt & { answers: Array<{ questionId: number; correct: boolean }> }>(
			db
				.select({ id: examAttempts.id, userId: examAttempts.userId, score: examAttempts.score, passed: examAttempts.passed })
				.from(examAttempts)
				.where(graded)
				.all()
				.map((a) => [a.id, { id: a.id, userId: a.userId, score: a.score ?? 0, passed: Boolean(a.passed), answers: [] }]),
		)
		const answers = db
			.select({ attemptId: attemptQuestions.attemptId, questionId: attemptQuestions.questionId, correct: attemptQuestions.correct })
			.from(attemptQuestions)
			.innerJoin(examAttempts, eq(examAttempts.id, attemptQuestions.attemptId))
			.where(graded)
			.all()
		for (const a of answers) attempts.get(a.attemptId)?.answers.push({ questionId: a.questionId, correct: Boolean(a.correct) })
		const list = [...attempts.values()]
		const excerptOf = new Map(bank.map((q) => [q.id, promptExcerpt(q.prompt)]))
		const { id: examId, retiredAt, ...rest } = exam
		return {
			examId,
			exam: { ...rest, retired: retiredAt !== null },
			summary: summarize(list),
			distribution: scoreDistribution(list.map((a) => a.score)),
			questions: questionStats(
				bank.map((q) => ({ id: q.id, key: q.key, topic: q.topic, retired: q.retired })),
				exam.topics,
				list,
			).map((q) => ({ ...q, excerpt: excerptOf.get(q.id)! })),
		}
	})
}

export const RECENT_ATTEMPTS_LIMIT = 50

/**
 * The newest attempts at an exam in scope (open ones too, so exam day can be watched), with the
 * person, their team, and every recorded focus loss — a signal to look at, never a verdict.
 */
export function recentAttempts(examId: number, scope: PeopleScope, limit = RECENT_ATTEMPTS_LIMIT) {
	const db = getDb()
	const where = and(eq(examAttempts.examId, examId), attemptsIn(scope))
	const total = db.select({ n: count() }).from(examAttempts).where(where).get()?.n ?? 0
	const rows = db
		.select({
			id: examAttempts.id,
			userId: users.id,
			name: users.name,
			teamZh: teams.nameZh,
			teamEn: teams.nameEn,
			number: examAttempts.number,
			status: examAttempts.status,
			startedAt: examAttempts.startedAt,
			closedAt: examAttempts.closedAt,
			closedBy: examAttempts.closedBy,
			score: examAttempts.score,
			passed: examAttempts.passed,
			focusLosses: examAttempts.focusLosses,
		})
		.from(examAttempts)
		.innerJoin(users, eq(users.id, examAttempts.userId))
		.leftJoin(teams, eq(teams.id, users.teamId))
		.where(where)
		.orderBy(desc(examAttempts.startedAt), desc(examAttempts.id))
		.limit(limit)
		.all()
	const events = rows.length
		? db
				.select({ attemptId: attemptFocusEvents.attemptId, at: attemptFocusEvents.at, awayMs: attemptFocusEvents.awayMs })
				.from(attemptFocusEvents)
				.where(
					inArray(
						attemptFocusEvents.attemptId,
						rows.map((r) => r.id),
					),
				)
				.orderBy(asc(attemptFocusEvents.at))
				.all()
		: []
	return {
		total,
		rows: rows.map((r) => ({
			...r,
			focusEvents: events.filter((e) => e.attemptId === r.id).map(({ at, awayMs }) => ({ at, awayMs })),
		})),
	}
}
