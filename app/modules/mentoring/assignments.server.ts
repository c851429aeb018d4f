import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { lessonCompletions, lessons } from '#db/schema/learning.ts'
import { mentoringAssignments, mentorPairings } from '#db/schema/mentoring.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { tierStateFor } from '#app/modules/learning/tier-state.server.ts'
import { problem, type Refusal } from '#app/modules/performance/targets.ts'
import { now } from '#app/utils/clock.server.ts'
import { activeOn, getPairing, isActiveOn, today, type Viewer } from './pairings.server.ts'
import type { AssignInput } from './rules.ts'

/**
 * Content a mentor assigns: KB articles and lessons whose `indicators` frontmatter names the mentee's
 * weak indicators, due by a date. An article is done when the mentee marks it so; a lesson when they
 * complete it on their track (before or after it was assigned).
 */

export const RECOMMENDATIONS_MAX = 10

export type Recommendation = {
	kind: 'article' | 'lesson'
	id: number
	/** /kb/:slug or /tracks/:tier/:slug */
	href: string
	title: string
	titleEn: string
	/** Article type (case / objection / faq) or the lesson's tier. */
	label: string
	/** The weak indicators it is tagged with. */
	matches: string[]
	assigned: boolean
}

export const RECOMMENDED_PER_INDICATOR = 3

/**
 * What to give a mentee, indicator by indicator in the order given (the caller puts open alerts first,
 * then the pairing's focus, then the weakest indicators): for each, up to three articles and lessons
 * tagged with it — objection scripts, then cases, then FAQs, newest first (the order an alert recommends
 * them in), then lessons of tiers open to the mentee that they have not completed. An item is listed
 * once, under the first indicator that brings it; at most RECOMMENDATIONS_MAX in all.
 */
export function recommendationsFor(
	pairingId: number,
	menteeId: number,
	primary: readonly string[],
	secondary: readonly string[] = [],
	tx: Tx = getDb(),
): Recommendation[] {
	const codes = [...new Set([...primary, ...secondary])]
	if (codes.length === 0) return []
	const wanted = JSON.stringify(codes)
	const articles = tx.all<{ id: number; slug: string; title: string; titleEn: string; type: string; matches: string; assigned: number }>(sql`
		select a.id, a.slug, a.title, a.title_en as titleEn, a.type,
		       (select json_group_array(j.value) from json_each(a.indicators) j where j.value in (select value from json_each(${wanted}))) as matches,
		       exists (select 1 from mentoring_assignments m where m.pairing_id = ${pairingId} and m.article_id = a.id) as assigned
		from kb_articles a
		where exists (select 1 from json_each(a.indicators) j where j.value in (select value from json_each(${wanted})))
		order by case a.type when 'objection' then 0 when 'case' then 1 else 2 end, a.updated_on desc, a.slug`)
	const open = tierStateFor(menteeId, tx)
		.tiers.filter((t) => t.open)
		.map((t) => t.tier)
	const lessonRows =
		open.length === 0
			? []
			: tx.all<{ id: number; slug: string; tier: string; title: string; titleEn: string; matches: string; assigned: number }>(sql`
		select l.id, l.slug, l.tier, l.title, l.title_en as titleEn,
		       (select json_group_array(j.value) from json_each(l.indicators) j where j.value in (select value from json_each(${wanted}))) as matches,
		       exists (select 1 from mentoring_assignments m where m.pairing_id = ${pairingId} and m.lesson_id = l.id) as assigned
		from lessons l
		where l.tier in (select value from json_each(${JSON.stringify(open)}))
		  and not exists (select 1 from lesson_completions c where c.lesson_id = l.id and c.user_id = ${menteeId})
		  and exists (select 1 from json_each(l.indicators) j where j.value in (select value from json_each(${wanted})))
		order by l.position, l.id`)
	const items: Recommendation[] = [
		...articles.map((a) => ({
			kind: 'article' as const,
			id: a.id,
			href: `/kb/${a.slug}`,
			title: a.title,
			titleEn: a.titleEn,
			label: a.type,
			matches: JSON.parse(a.matches) as string[],
			assigned: Boolean(a.assigned),
		})),
		...lessonRows.map((l) => ({
			kind: 'lesson' as const,
			id: l.id,
			href: `/tracks/${l.tier}/${l.slug}`,
			title: l.title,
			titleEn: l.titleEn,
			label: l.tier,
			matches: JSON.parse(l.matches) as string[],
			assigned: Boolean(l.assigned),
		})),
	]
	const picked: Recommendation[] = []
	const seen = new Set<Recommendation>()
	for (const code of codes) {
		let taken = 0
		for (const item of items) {
			if (taken === RECOMMENDED_PER_INDICATOR || picked.length === RECOMMENDATIONS_MAX) break
			if (seen.has(item) || !item.matches.includes(code)) continue
			seen.add(item)
			picked.push(item)
			taken++
		}
	}
	return picked
}

/** The pairing's mentor assigns an article or a lesson on a running pairing; the same item once. */
export function assignItem(pairingId: number, input: AssignInput, actor: Viewer): { ok: true; assignmentId: number } | Refusal {
	const refuse = (field: string, key: string): Refusal => ({ ok: false, fieldErrors: { [field]: [key] }, formErrors: [] })
	return getDb().transaction(
		(tx) => {
			const pairing = getPairing(pairingId, tx)
			if (!pairing || pairing.mentorId !== actor.id) return { ok: false as const, fieldErrors: {}, formErrors: ['mentoring.errors.forbidden'] }
			if (!isActiveOn(pairing, today())) return { ok: false as const, fieldErrors: {}, formErrors: ['mentoring.errors.ended'] }
			const { kind, id } = input.item
			const exists =
				kind === 'article'
					? tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, id)).get()
					: tx.select({ id: lessons.id }).from(lessons).where(eq(lessons.id, id)).get()
			if (!exists) return refuse('item', 'mentoring.errors.item')
			const column = kind === 'article' ? mentoringAssignments.articleId : mentoringAssignments.lessonId
			const already = tx
				.select({ id: mentoringAssignments.id })
				.from(mentoringAssignments)
				.where(and(eq(mentoringAssignments.pairingId, pairingId), eq(column, id)))
				.get()
			if (already) return refuse('item', 'mentoring.errors.alreadyAssigned')
			if (pairing.endsOn !== null && input.dueOn > pairing.endsOn)
				return refuse('dueOn', problem('mentoring.errors.dueAfterEnd', { date: pairing.endsOn }))
			const row = tx
				.insert(mentoringAssignments)
				.values({
					pairingId,
					articleId: kind === 'article' ? id : null,
					lessonId: kind === 'lesson' ? id : null,
					dueOn: input.dueOn,
					assignedById: actor.id,
					createdAt: now(),
				})
				.returning()
				.get()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'mentor',
				action: 'mentoring.assignment.create',
				entity: 'mentoring_assignment',
				entityId: row.id,
				data: { before: null, after: { pairingId, kind, itemId: id, dueOn: input.dueOn } },
			})
			return { ok: true as const, assignmentId: row.id }
		},
		{ behavior: 'immediate' },
	)
}

/** The mentee marks an assigned article done (a lesson is done by completing it on the track). */
export function completeAssignment(assignmentId: number, actor: Viewer): { ok: true } | { ok: false; reason: 'forbidden' | 'lesson' } {
	return getDb().transaction(
		(tx) => {
			const row = tx
				.select({ a: mentoringAssignments, menteeId: mentorPairings.menteeId })
				.from(mentoringAssignments)
				.innerJoin(mentorPairings, eq(mentorPairings.id, mentoringAssignments.pairingId))
				.where(eq(mentoringAssignments.id, assignmentId))
				.get()
			if (!row || row.menteeId !== actor.id) return { ok: false as const, reason: 'forbidden' as const }
			if (row.a.lessonId !== null) return { ok: false as const, reason: 'lesson' as const }
			if (row.a.completedAt !== null) return { ok: true as const }
			const at = now()
			tx.update(mentoringAssignments).set({ completedAt: at }).where(eq(mentoringAssignments.id, assignmentId)).run()
			recordAudit(tx, {
				actorId: actor.id,
				action: 'mentoring.assignment.complete',
				entity: 'mentoring_assignment',
				entityId: assignmentId,
				data: { before: { completedAt: null }, after: { completedAt: at.toISOString() } },
			})
			return { ok: true as const }
		},
		{ behavior: 'immediate' },
	)
}

export type AssignmentView = {
	id: number
	pairingId: number
	kind: 'article' | 'lesson'
	href: string
	title: string
	titleEn: string
	dueOn: string
	assignedOn: Date
	/** When it was done: the mark for an article, the lesson's completion for a lesson. */
	doneAt: Date | null
	overdue: boolean
}

/** Assignments of these pairings: open ones first (earliest due first), then done ones. */
export function assignmentsOf(pairingIds: readonly number[], tx: Tx = getDb()): AssignmentView[] {
	if (pairingIds.length === 0) return []
	const day = today()
	const rows = tx
		.select({
			id: mentoringAssignments.id,
			pairingId: mentoringAssignments.pairingId,
			articleSlug: kbArticles.slug,
			articleTitle: kbArticles.title,
			articleTitleEn: kbArticles.titleEn,
			lessonSlug: lessons.slug,
			lessonTier: lessons.tier,
			lessonTitle: lessons.title,
			lessonTitleEn: lessons.titleEn,
			dueOn: mentoringAssignments.dueOn,
			createdAt: mentoringAssignments.createdAt,
			completedAt: mentoringAssignments.completedAt,
			lessonDoneAt: lessonCompletions.completedAt,
		})
		.from(mentoringAssignments)
		.innerJoin(mentorPairings, eq(mentorPairings.id, mentoringAssignments.pairingId))
		.leftJoin(kbArticles, eq(kbArticles.id, mentoringAssignments.articleId))
		.leftJoin(lessons, eq(lessons.id, mentoringAssignments.lessonId))
		.leftJoin(lessonCompletions, and(eq(lessonCompletions.lessonId, mentoringAssignments.lessonId), eq(lessonCompletions.userId, mentorPairings.menteeId)))
		.where(inArray(mentoringAssignments.pairingId, [...pairingIds]))
		.orderBy(asc(mentoringAssignments.dueOn), asc(mentoringAssignments.id))
		.all()
	const views = rows.map((r): AssignmentView => {
		const isArticle = r.articleSlug !== null
		const doneAt = isArticle ? r.completedAt : r.lessonDoneAt
		return {
			id: r.id,
			pairingId: r.pairingId,
			kind: isArticle ? 'article' : 'lesson',
			href: isArticle ? `/kb/${r.articleSlug}` : `/tracks/${r.lessonTier}/${r.lessonSlug}`,
			title: (isArticle ? r.articleTitle : r.lessonTitle) ?? '',
			titleEn: (isArticle ? r.articleTitleEn : r.lessonTitleEn) ?? '',
			dueOn: r.dueOn,
			assignedOn: r.createdAt,
			doneAt,
			overdue: doneAt === null && r.dueOn < day,
		}
	})
	return [...views.filter((v) => v.doneAt === null), ...views.filter((v) => v.doneAt !== null)]
}

/** What a mentee's home shows: their open assignments from running pairings. */
export function openAssignmentsFor(menteeId: number, tx: Tx = getDb()): AssignmentView[] {
	const day = today()
	const ids = tx
		.select({ id: mentorPairings.id })
		.from(mentorPairings)
		.where(and(eq(mentorPairings.menteeId, menteeId), activeOn(day)))
		.all()
		.map((r) => r.id)
	return assignmentsOf(ids, tx).filter((a) => a.doneAt === null)
}
