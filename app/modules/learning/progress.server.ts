import { and, asc, eq, inArray } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { exams } from '#db/schema/exams.ts'
import { lessonCompletions, lessons, trackModules } from '#db/schema/learning.ts'
import { clearanceOf } from '#app/modules/exams/attempts.server.ts'
import { examCatalogFor } from '#app/modules/exams/catalog.server.ts'
import { onLessonCompleted } from '#app/modules/gamification/events.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { examStateOf, nextStep, type ExamState } from './next-step.ts'
import { missingRequiredExams, tierStateFor } from './tier-state.server.ts'
import { tiers, type Tier, type TierLock } from './tier.ts'

export type Progress = {
	requiredDone: number
	requiredTotal: number
	/** Completed required lessons / required lessons, rounded down (a part with only optional lessons counts all of them). */
	percent: number
	lessonCount: number
	completedCount: number
	minutes: number
}

export type LessonItem = {
	id: number
	slug: string
	title: string
	titleEn: string
	summary: string
	summaryEn: string
	minutes: number
	required: boolean
	indicators: string[]
	completed: boolean
}

export type ModuleItem = {
	id: number
	slug: string
	title: string
	titleEn: string
	summary: string
	summaryEn: string
	lessons: LessonItem[]
	progress: Progress
}

export type TrackOverview = {
	tier: Tier
	modules: ModuleItem[]
	/** Every lesson of the tier in track order: modules by position, then lessons by position. */
	lessons: LessonItem[]
	progress: Progress
}

function progressOf(items: readonly LessonItem[]): Progress {
	const required = items.filter((l) => l.required)
	const basis = required.length ? required : items
	const basisDone = basis.filter((l) => l.completed).length
	return {
		requiredDone: required.filter((l) => l.completed).length,
		requiredTotal: required.length,
		percent: basis.length ? Math.floor((basisDone * 100) / basis.length) : 0,
		lessonCount: items.length,
		completedCount: items.filter((l) => l.completed).length,
		minutes: items.reduce((sum, l) => sum + l.minutes, 0),
	}
}

/** A tier's modules and lessons in order, each lesson marked completed or not for this person. */
export function trackOverview(userId: number, tier: Tier, tx: Tx = getDb()): TrackOverview {
	const modules = tx
		.select({
			id: trackModules.id,
			slug: trackModules.slug,
			title: trackModules.title,
			titleEn: trackModules.titleEn,
			summary: trackModules.summary,
			summaryEn: trackModules.summaryEn,
		})
		.from(trackModules)
		.where(eq(trackModules.tier, tier))
		.orderBy(asc(trackModules.position), asc(trackModules.id))
		.all()
	const rows = tx
		.select({
			id: lessons.id,
			moduleId: lessons.moduleId,
			slug: lessons.slug,
			title: lessons.title,
			titleEn: lessons.titleEn,
			summary: lessons.summary,
			summaryEn: lessons.summaryEn,
			minutes: lessons.minutes,
			required: lessons.required,
			indicators: lessons.indicators,
			completedAt: lessonCompletions.completedAt,
		})
		.from(lessons)
		.leftJoin(lessonCompletions, and(eq(lessonCompletions.lessonId, lessons.id), eq(lessonCompletions.userId, userId)))
		.where(eq(lessons.tier, tier))
		.orderBy(asc(lessons.position), asc(lessons.id))
		.all()
	const items = modules.map((m) => {
		const own = rows
			.filter((r) => r.moduleId === m.id)
			.map(({ moduleId: _, completedAt, ...lesson }): LessonItem => ({ ...lesson, completed: completedAt !== null }))
		return { ...m, lessons: own, progress: progressOf(own) }
	})
	const all = items.flatMap((m) => m.lessons)
	return { tier, modules: items, lessons: all, progress: progressOf(all) }
}

type LessonLink = { slug: string; title: string; titleEn: string }
const linkTo = (lesson: LessonItem | undefined): LessonLink | null =>
	lesson ? { slug: lesson.slug, title: lesson.title, titleEn: lesson.titleEn } : null

/** One lesson of a tier with its compiled MDX, its module, and the lessons before and after it in the whole tier. */
export function lessonInTrack(userId: number, tier: Tier, slug: string, tx: Tx = getDb()) {
	const overview = trackOverview(userId, tier, tx)
	const index = overview.lessons.findIndex((l) => l.slug === slug)
	const lesson = overview.lessons[index]
	if (!lesson) return null
	const source = tx.select({ code: lessons.code, contentHash: lessons.contentHash }).from(lessons).where(eq(lessons.id, lesson.id)).get()!
	const module = overview.modules.find((m) => m.lessons.includes(lesson))!
	return {
		lesson,
		code: source.code,
		contentHash: source.contentHash,
		module: { slug: module.slug, title: module.title, titleEn: module.titleEn },
		previous: linkTo(overview.lessons[index - 1]),
		next: linkTo(overview.lessons[index + 1]),
	}
}

/**
 * Records that the person finished a lesson, with its points in the same transaction; doing it again
 * changes nothing and pays nothing. True when newly recorded.
 */
export function markLessonComplete(userId: number, lessonId: number, at: Date = now()): boolean {
	return getDb().transaction(
		(tx) => {
			const result = tx.insert(lessonCompletions).values({ userId, lessonId, completedAt: at }).onConflictDoNothing().run()
			if (result.changes === 0) return false
			onLessonCompleted(tx, userId, lessonId, at)
			return true
		},
		{ behavior: 'immediate' },
	)
}

export type ExamTitle = { title: string; titleEn: string }

/** Titles of live exams by slug, for lock reasons that name the exams to pass. */
export function examTitles(slugs: readonly string[], tx: Tx = getDb()): Record<string, ExamTitle> {
	if (!slugs.length) return {}
	const rows = tx
		.select({ slug: exams.slug, title: exams.title, titleEn: exams.titleEn })
		.from(exams)
		.where(inArray(exams.slug, [...new Set(slugs)]))
		.all()
	return Object.fromEntries(rows.map(({ slug, ...title }) => [slug, title]))
}

function lockedExamSlugs(locks: readonly TierLock[]): string[] {
	return locks.flatMap((l) => (l.kind === 'exams' ? l.missing : []))
}

/** The three tiers for /tracks: which are open, why the others are not, and the person's progress in each. */
export function tracksSummary(userId: number, at: Date = now(), tx: Tx = getDb()) {
	const state = tierStateFor(userId, tx, at)
	const cards = state.tiers.map((s) => {
		const overview = trackOverview(userId, s.tier, tx)
		return { ...s, current: s.tier === state.current, moduleCount: overview.modules.length, progress: overview.progress }
	})
	return { current: state.current, tiers: cards, examTitles: examTitles(state.tiers.flatMap((s) => lockedExamSlugs(s.locks)), tx) }
}

/** Whether a tier is open to the person, and if not, why and which exams would open it. */
export function tierAccess(userId: number, tier: Tier, at: Date = now(), tx: Tx = getDb()) {
	const state = tierStateFor(userId, tx, at)
	const { open, locks } = state.tiers.find((s) => s.tier === tier)!
	return { open, locks, current: state.current, examTitles: examTitles(lockedExamSlugs(locks), tx) }
}

/** One tier's track page: modules and lessons with progress, and whether (and why not) the tier is open. */
export function trackPage(userId: number, tier: Tier, at: Date = now(), tx: Tx = getDb()) {
	return { overview: trackOverview(userId, tier, tx), ...tierAccess(userId, tier, at, tx) }
}

export type HomeExam = {
	slug: string
	title: string
	titleEn: string
	tier: Tier
	required: boolean
	closedBook: boolean
	attemptsUsed: number
	maxAttempts: number
	state: ExamState
}

/**
 * What the home page shows: tier states, the current track's progress, the exams of the current
 * and lower tiers with where each stands, 上岗资格, and the one next step.
 */
export function homeSummary(userId: number, at: Date = now()) {
	const db = getDb()
	// The catalogue grades an attempt past its deadline first, so its result (and any clearance) counts below.
	const catalog = examCatalogFor(userId, at).flatMap((group) => group.exams)
	const state = tierStateFor(userId, db, at)
	const track = trackOverview(userId, state.current, db)
	const reachable = tiers.slice(0, tiers.indexOf(state.current) + 1)
	const examItems = catalog
		.filter((exam) => reachable.includes(exam.tier) || exam.state.kind === 'open')
		.sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier) || Number(b.required) - Number(a.required))
		.map(
			(exam): HomeExam => ({
				slug: exam.slug,
				title: exam.title,
				titleEn: exam.titleEn,
				tier: exam.tier,
				required: exam.required,
				closedBook: exam.closedBook,
				attemptsUsed: exam.attemptsUsed,
				maxAttempts: exam.maxAttempts,
				state: examStateOf(exam.state),
			}),
		)
	const clearance = clearanceOf(userId, db)
	const missing = clearance ? [] : missingRequiredExams(db, userId).new
	const titles = examTitles(missing, db)
	return {
		current: state.current,
		tiers: state.tiers,
		track,
		exams: examItems,
		clearance: {
			clearedOn: clearance?.clearedOn ?? null,
			missing: missing.map((slug) => ({ slug, ...(titles[slug] ?? { title: slug, titleEn: slug }) })),
		},
		next: nextStep(track.lessons, examItems),
	}
}
