import { asc, eq } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { sessionArticleDrafts, sessionSpeakers, sharingSessions, type SharingSession } from '#db/schema/sharing.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { isSessionArticle, kbArticleInput, readKbSource, SESSION_SOURCE_PREFIX, type ContentProblem } from '#app/modules/content/sync.server.ts'
import { upsertArticle } from '#app/modules/knowledge/index.server.ts'
import { problem, refusal, type FieldErrors, type Refusal } from '#app/modules/performance/targets.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import {
	ARTICLE_SUMMARY_EN_MAX,
	ARTICLE_SUMMARY_MAX,
	ARTICLE_TITLE_EN_MAX,
	ARTICLE_TITLE_MAX,
	articleSource,
	authorOf,
	bodyLineOffset,
	buildArticleDraft,
	sessionArticleTypes,
	type SessionArticleType,
} from './article.ts'
import { NOTES_MAX } from './rules.ts'
import { actorRoleFor, canManage, getSession, isHr, type Viewer } from './rsvp.server.ts'

/**
 * "Publish as knowledge": a session's notes become a KB article draft (the organiser or HR writes it),
 * and HR — never the draft's author — publishes it into the knowledge base through the same MDX
 * compile and search index as a file under content/kb/, or rejects it with a note. A published article
 * carries `sessions/<id>` as its source, which the content sync leaves alone.
 */

export type SessionArticleDraft = typeof sessionArticleDrafts.$inferSelect

/** What HR may change while publishing; the body is MDX as HR writes it (not escaped again). */
export type DraftEdits = Partial<{ type: SessionArticleType; title: string; titleEn: string; summary: string; summaryEn: string; body: string }>

export const REVIEW_NOTE_MAX = 500

export function getDraft(draftId: number, tx: Tx = getDb()): SessionArticleDraft | undefined {
	if (!Number.isSafeInteger(draftId) || draftId <= 0) return undefined
	return tx.select().from(sessionArticleDrafts).where(eq(sessionArticleDrafts.id, draftId)).get()
}

export function draftOfSession(sessionId: number, tx: Tx = getDb()): SessionArticleDraft | undefined {
	return tx.select().from(sessionArticleDrafts).where(eq(sessionArticleDrafts.sessionId, sessionId)).get()
}

function speakerNamesOf(sessionId: number, tx: Tx): string[] {
	return tx
		.select({ name: users.name })
		.from(sessionSpeakers)
		.innerJoin(users, eq(users.id, sessionSpeakers.userId))
		.where(eq(sessionSpeakers.sessionId, sessionId))
		.orderBy(asc(sessionSpeakers.position))
		.all()
		.map((r) => r.name)
}

function organizerName(session: Pick<SharingSession, 'organizerId'>, tx: Tx): string {
	return tx.select({ name: users.name }).from(users).where(eq(users.id, session.organizerId)).get()?.name ?? ''
}

/** The audit's picture of a draft: what it is, not its (long) body. */
const audited = (d: SessionArticleDraft) => ({
	sessionId: d.sessionId,
	slug: d.slug,
	type: d.type,
	title: d.title,
	titleEn: d.titleEn,
	summary: d.summary,
	bodyLength: d.body.length,
	status: d.status,
	articleId: d.articleId,
})

/**
 * Writes the draft of a session's notes, for its organiser or HR. One draft per session: calling it
 * again rewrites the draft from the current notes while it is a draft, and reopens a rejected one; a
 * published draft stays as published. Whoever drafts last is the author (who may then not publish it).
 */
export function draftFromSession(sessionId: number, type: SessionArticleType, actor: Viewer): { ok: true; draftId: number; created: boolean } | Refusal {
	if (!(sessionArticleTypes as readonly string[]).includes(type)) return refusal({ type: ['sharing.errors.articleType'] })
	return getDb().transaction(
		(tx) => {
			const session = getSession(sessionId, tx)
			if (!session) return refusal({}, ['sharing.errors.notFound'])
			if (!canManage(actor, session)) return refusal({}, ['sharing.errors.forbidden'])
			if (!session.notes?.trim()) return refusal({ notes: ['sharing.errors.noNotes'] })
			if (session.notes.length > NOTES_MAX) return refusal({ notes: ['sharing.errors.tooLong'] })
			const before = draftOfSession(session.id, tx)
			if (before?.status === 'published') return refusal({}, ['sharing.errors.alreadyPublished'])
			const built = buildArticleDraft(
				{
					id: session.id,
					title: session.title,
					topic: session.topic,
					notes: session.notes,
					recordingUrl: session.recordingUrl,
					speakers: speakerNamesOf(session.id, tx),
					startsAt: session.startsAt,
					endsAt: session.endsAt,
					indicators: session.indicators,
					tags: session.tags,
				},
				type,
			)
			const at = now()
			const fields = { ...built, status: 'draft' as const, createdById: actor.id, createdAt: at, reviewedById: null, reviewedAt: null, reviewNote: null }
			const after = before
				? tx.update(sessionArticleDrafts).set(fields).where(eq(sessionArticleDrafts.id, before.id)).returning().get()
				: tx
						.insert(sessionArticleDrafts)
						.values({ ...fields, sessionId: session.id })
						.returning()
						.get()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: actorRoleFor(actor, session),
				action: before ? 'sharing.article.redraft' : 'sharing.article.draft',
				entity: 'session_article_draft',
				entityId: after.id,
				data: { before: before ? audited(before) : null, after: audited(after) },
			})
			return { ok: true as const, draftId: after.id, created: !before }
		},
		{ behavior: 'immediate' },
	)
}

const EDIT_LIMITS = { title: ARTICLE_TITLE_MAX, titleEn: ARTICLE_TITLE_EN_MAX, summary: ARTICLE_SUMMARY_MAX, summaryEn: ARTICLE_SUMMARY_EN_MAX } as const

/** HR's edits checked field by field (the frontmatter's limits, a type a session article may have, a body). */
function editErrors(edits: DraftEdits): FieldErrors {
	const errors: FieldErrors = {}
	for (const [field, max] of Object.entries(EDIT_LIMITS) as Array<[keyof typeof EDIT_LIMITS, number]>) {
		const value = edits[field]
		if (value === undefined) continue
		if (!value.trim()) errors[field] = ['sharing.errors.required']
		else if ([...value.trim()].length > max) errors[field] = ['sharing.errors.tooLong']
	}
	if (edits.type !== undefined && !(sessionArticleTypes as readonly string[]).includes(edits.type)) errors.type = ['sharing.errors.articleType']
	if (edits.body !== undefined) {
		if (!edits.body.trim()) errors.body = ['sharing.errors.required']
		else if (edits.body.length > NOTES_MAX * 2) errors.body = ['sharing.errors.tooLong']
	}
	return errors
}

/** Who may review: HR, and never the draft's author (segregation of duties, as for KPI adjustments). */
function reviewRefusal(draft: SessionArticleDraft | undefined, actor: Viewer): Refusal | null {
	if (!draft) return refusal({}, ['sharing.errors.notFound'])
	if (!isHr(actor)) return refusal({}, ['sharing.errors.forbidden'])
	if (draft.createdById === actor.id) return refusal({}, ['sharing.errors.ownDraft'])
	if (draft.status !== 'draft') return refusal({}, ['sharing.errors.draftClosed'])
	return null
}

/** The first compiler error as "message" and the line within the draft's body (null when unknown). */
function compileProblem(error: unknown, source: string): { message: string; line: number | null } {
	const first = (error as { errors?: Array<{ text?: string; location?: { line?: number } | null }> }).errors?.[0]
	const detail = first?.text ?? (error instanceof Error ? error.message : String(error))
	// esbuild's text for an MDX error is "Cannot process MDX file with esbuild:\n  7:10: <what went wrong>".
	const message = detail.split('\n').map((l) => l.replace(/^\s*\d+:\d+:\s*/, '').trim()).filter(Boolean).at(-1) ?? detail
	const line = first?.location?.line
	return { message, line: typeof line === 'number' ? Math.max(1, line - bodyLineOffset(source)) : null }
}

const FRONTMATTER_FIELDS: Record<string, keyof typeof EDIT_LIMITS> = { title: 'title', title_en: 'titleEn', summary: 'summary', summary_en: 'summaryEn' }

function frontmatterRefusal(problems: ContentProblem[]): Refusal {
	const fieldErrors: FieldErrors = {}
	const formErrors: string[] = []
	for (const p of problems) {
		const field = FRONTMATTER_FIELDS[p.field]
		if (field) fieldErrors[field] = ['sharing.errors.tooLong']
		else formErrors.push(problem('sharing.errors.frontmatter', { field: p.field, reason: p.reason }))
	}
	return refusal(fieldErrors, formErrors)
}

/**
 * HR publishes a draft (optionally edited): the MDX is compiled as the content sync compiles a file —
 * a compile error is a refusal naming the compiler's message and the body's line, and nothing is
 * written — then the article and its search indexes are written in the same transaction as the
 * draft's `published` state and the audit row. The slug of an article that came from a file is never
 * taken over.
 */
export async function publishDraft(
	draftId: number,
	actor: Viewer,
	edits: DraftEdits = {},
): Promise<{ ok: true; articleId: number; slug: string } | Refusal> {
	const draft = getDraft(draftId)
	const refused = reviewRefusal(draft, actor)
	if (refused || !draft) return refused ?? refusal({}, ['sharing.errors.notFound'])
	const errors = editErrors(edits)
	if (Object.keys(errors).length > 0) return refusal(errors)

	const db = getDb()
	const session = getSession(draft.sessionId, db)
	if (!session) return refusal({}, ['sharing.errors.notFound'])
	const edited = {
		type: edits.type ?? draft.type,
		title: edits.title?.trim() ?? draft.title,
		titleEn: edits.titleEn?.trim() ?? draft.titleEn,
		summary: edits.summary?.trim() ?? draft.summary,
		summaryEn: edits.summaryEn?.trim() ?? draft.summaryEn,
		body: edits.body ?? draft.body,
	}
	const source = articleSource(
		{ ...edited, indicators: draft.indicators, tags: draft.tags },
		{ author: authorOf(speakerNamesOf(session.id, db), organizerName(session, db)), updated: businessDate(now()) },
	)
	const sourcePath = `${SESSION_SOURCE_PREFIX}${session.id}`
	const problems: ContentProblem[] = []
	const read = readKbSource(source, sourcePath, problems)
	if (!read) return frontmatterRefusal(problems)
	let article: Awaited<ReturnType<typeof kbArticleInput>>
	try {
		article = await kbArticleInput({ source, body: read.body, meta: read.meta, slug: draft.slug, sourcePath, cwd: 'content' })
	} catch (error) {
		const { message, line } = compileProblem(error, source)
		return refusal({ body: [line === null ? problem('sharing.errors.mdxNoLine', { message }) : problem('sharing.errors.mdx', { message, line })] })
	}

	return db.transaction(
		(tx) => {
			// Checked again inside the transaction: another reviewer may have acted while the MDX compiled.
			const current = getDraft(draftId, tx)
			const again = reviewRefusal(current, actor)
			if (again || !current) return again ?? refusal({}, ['sharing.errors.notFound'])
			const holder = tx.select({ sourcePath: kbArticles.sourcePath }).from(kbArticles).where(eq(kbArticles.slug, current.slug)).get()
			if (holder && !(isSessionArticle(holder.sourcePath) && holder.sourcePath === sourcePath)) return refusal({}, ['sharing.errors.slugTaken'])
			const articleId = upsertArticle(tx, article)
			const at = now()
			const after = tx
				.update(sessionArticleDrafts)
				.set({ ...edited, status: 'published', reviewedById: actor.id, reviewedAt: at, articleId })
				.where(eq(sessionArticleDrafts.id, current.id))
				.returning()
				.get()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'sharing.article.publish',
				entity: 'session_article_draft',
				entityId: current.id,
				data: { before: audited(current), after: audited(after), edited: Object.keys(edits).sort() },
			})
			return { ok: true as const, articleId, slug: current.slug }
		},
		{ behavior: 'immediate' },
	)
}

/** HR turns a draft down with a note for its author (who may redraft it); never their own draft. */
export function rejectDraft(draftId: number, note: string, actor: Viewer): { ok: true } | Refusal {
	const trimmed = note.trim()
	if (!trimmed) return refusal({ note: ['sharing.errors.required'] })
	if (trimmed.length > REVIEW_NOTE_MAX) return refusal({ note: ['sharing.errors.tooLong'] })
	return getDb().transaction(
		(tx) => {
			const draft = getDraft(draftId, tx)
			const refused = reviewRefusal(draft, actor)
			if (refused || !draft) return refused ?? refusal({}, ['sharing.errors.notFound'])
			const after = tx
				.update(sessionArticleDrafts)
				.set({ status: 'rejected', reviewedById: actor.id, reviewedAt: now(), reviewNote: trimmed })
				.where(eq(sessionArticleDrafts.id, draft.id))
				.returning()
				.get()
			recordAudit(tx, {
				actorId: actor.id,
				actorRole: 'hr_admin',
				action: 'sharing.article.reject',
				entity: 'session_article_draft',
				entityId: draft.id,
				reason: trimmed,
				data: { before: audited(draft), after: audited(after) },
			})
			return { ok: true as const }
		},
		{ behavior: 'immediate' },
	)
}

export type DraftForReview = {
	id: number
	sessionId: number
	sessionTitle: string
	startsAt: Date
	slug: string
	type: SessionArticleType
	title: string
	summary: string
	authorId: number
	authorName: string
	createdAt: Date
}

/** HR's review queue: drafts waiting, oldest first. The caller checks that the viewer is HR. */
export function draftsForReview(tx: Tx = getDb()): DraftForReview[] {
	return tx
		.select({
			id: sessionArticleDrafts.id,
			sessionId: sessionArticleDrafts.sessionId,
			sessionTitle: sharingSessions.title,
			startsAt: sharingSessions.startsAt,
			slug: sessionArticleDrafts.slug,
			type: sessionArticleDrafts.type,
			title: sessionArticleDrafts.title,
			summary: sessionArticleDrafts.summary,
			authorId: sessionArticleDrafts.createdById,
			authorName: users.name,
			createdAt: sessionArticleDrafts.createdAt,
		})
		.from(sessionArticleDrafts)
		.innerJoin(sharingSessions, eq(sharingSessions.id, sessionArticleDrafts.sessionId))
		.innerJoin(users, eq(users.id, sessionArticleDrafts.createdById))
		.where(eq(sessionArticleDrafts.status, 'draft'))
		.orderBy(asc(sessionArticleDrafts.createdAt), asc(sessionArticleDrafts.id))
		.all()
}
