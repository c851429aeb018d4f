import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, sql } from 'drizzle-orm'
import { getDb, prepared, type Db, type Tx } from '#db/client.server.ts'
import { attemptFocusEvents, attemptQuestions, examAttemptGrants, examAttempts, examQuestions, exams } from '#db/schema/exams.ts'
import { clearances } from '#db/schema/learning.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { onAttemptGraded } from '#app/modules/gamification/events.server.ts'
import { isTierOpen, missingRequiredExams, tierStateFor } from '#app/modules/learning/tier-state.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { drawAttempt, newSeed } from './draw.ts'
import { gradeAttempt, isCorrect } from './grading.ts'
import { attemptTimes, decideStart, isPastDeadline, type StartDecision } from './rules.ts'

export type Exam = typeof exams.$inferSelect
export type Attempt = typeof examAttempts.$inferSelect

/** Read-check-write under SQLite's write lock from the first statement, so racing requests serialise. */
function writeTransaction<T>(fn: (tx: Tx) => T): T {
	return getDb().transaction(fn, { behavior: 'immediate' })
}

export function getExam(slug: string, tx: Tx = getDb()): Exam | undefined {
	return tx
		.select()
		.from(exams)
		.where(and(eq(exams.slug, slug), isNull(exams.retiredAt)))
		.get()
}

/** How many attempts the person may make at the exam: the bank's limit plus any granted by their manager or HR. */
export function attemptLimitFor(tx: Tx, userId: number, exam: Pick<Exam, 'id' | 'maxAttempts'>): number {
	const granted = tx
		.select({ n: sql<number>`count(*)` })
		.from(examAttemptGrants)
		.where(and(eq(examAttemptGrants.userId, userId), eq(examAttemptGrants.examId, exam.id)))
		.get()!.n
	return exam.maxAttempts + granted
}

export function attemptsOf(tx: Tx, userId: number, examId: number): Attempt[] {
	return tx
		.select()
		.from(examAttempts)
		.where(and(eq(examAttempts.userId, userId), eq(examAttempts.examId, examId)))
		.orderBy(asc(examAttempts.number))
		.all()
}

/**
 * Grades and closes an open attempt (submitted, or found past its deadline). The status guard makes
 * a second closer a no-op: returns false when someone else closed it first.
 */
function gradeAndClose(tx: Tx, attempt: Attempt, closedBy: 'submit' | 'deadline', at: Date): boolean {
	const exam = tx.select().from(exams).where(eq(exams.id, attempt.examId)).get()!
	const items = tx
		.select({
			position: attemptQuestions.position,
			options: attemptQuestions.options,
			chosen: attemptQuestions.chosen,
			answer: examQuestions.answer,
			topic: examQuestions.topic,
		})
		.from(attemptQuestions)
		.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
		.where(eq(attemptQuestions.attemptId, attempt.id))
		.orderBy(attemptQuestions.position)
		.all()
	const graded = items.map((item) => {
		const keyOf = new Map(item.options.map((o) => [o.id, o.key]))
		const chosenKeys = item.chosen ? item.chosen.map((id) => keyOf.get(id)!) : null
		return { position: item.position, topic: item.topic, correct: isCorrect(item.answer, chosenKeys) }
	})
	const grade = gradeAttempt(graded, exam.passMark)
	const closedAt = closedBy === 'deadline' ? new Date(Math.min(at.getTime(), attempt.deadlineAt.getTime())) : at
	const closed = tx
		.update(examAttempts)
		.set({
			status: 'graded',
			closedBy,
			closedAt,
			correctCount: grade.correctCount,
			score: grade.score,
			passed: grade.passed,
		})
		.where(and(eq(examAttempts.id, attempt.id), eq(examAttempts.status, 'open')))
		.run()
	if (closed.changes === 0) return false
	for (const g of graded)
		tx.update(attemptQuestions)
			.set({ correct: g.correct })
			.where(and(eq(attemptQuestions.attemptId, attempt.id), eq(attemptQuestions.position, g.position)))
			.run()
	recordAudit(tx, {
		actorId: closedBy === 'submit' ? attempt.userId : null,
		action: 'exam.graded',
		entity: 'exam_attempt',
		entityId: attempt.id,
		data: { exam: exam.slug, userId: attempt.userId, number: attempt.number, score: grade.score, passed: grade.passed, closedBy },
	})
	if (grade.passed && exam.required && exam.tier === 'new') clearIfComplete(tx, attempt.userId, at)
	if (grade.passed) onAttemptGraded(tx, attempt.id)
	return true
}

/** 上岗资格: granted once, in the transaction that passes the last required new-hire exam. */
function clearIfComplete(tx: Tx, userId: number, at: Date) {
	if (missingRequiredExams(tx, userId).new.length) return
	const inserted = tx
		.insert(clearances)
		.values({ userId, clearedAt: at, clearedOn: businessDate(at) })
		.onConflictDoNothing()
		.run()
	if (inserted.changes)
		recordAudit(tx, { actorId: null, action: 'learning.cleared_for_duty', entity: 'user', entityId: userId, data: { on: businessDate(at) } })
}

/** Closes the attempt if its deadline has passed; returns the attempt as it now stands. */
function settle(tx: Tx, attempt: Attempt, at: Date): Attempt {
	if (attempt.status !== 'open' || !isPastDeadline(attempt.deadlineAt, at)) return attempt
	gradeAndClose(tx, attempt, 'deadline', at)
	return tx.select().from(examAttempts).where(eq(examAttempts.id, attempt.id)).get()!
}

/**
 * Grades open attempts past their deadline, at most `limit` of them (each in its own transaction),
 * so a sweep after a 2,000-person exam does not hold the server for seconds; the server runs it
 * periodically and again at once while a batch comes back full.
 */
export function sweepExpiredAttempts(at: Date = now(), limit = 100): number {
	const due = getDb()
		.select({ id: examAttempts.id })
		.from(examAttempts)
		.where(and(eq(examAttempts.status, 'open'), lte(examAttempts.deadlineAt, at)))
		.limit(limit)
		.all()
	let closed = 0
	for (const { id } of due)
		writeTransaction((tx) => {
			const attempt = tx.select().from(examAttempts).where(eq(examAttempts.id, id)).get()
			if (attempt && attempt.status === 'open' && gradeAndClose(tx, attempt, 'deadline', at)) closed++
		})
	return closed
}

export type StartResult = { ok: true; attemptId: number } | (Extract<StartDecision, { ok: false }> & { attemptId?: number })

/**
 * Starts an attempt: the tier, attempts left and cooldown are checked in the transaction that
 * creates it, so two racing starts with one attempt left make one attempt.
 */
export function startAttempt(userId: number, exam: Exam, at: Date = now()): StartResult {
	return writeTransaction((tx) => {
		const open = tx
			.select()
			.from(examAttempts)
			.where(and(eq(examAttempts.userId, userId), eq(examAttempts.status, 'open')))
			.get()
		if (open && settle(tx, open, at).status === 'open') return { ok: false, reason: 'open_attempt', attemptId: open.id }
		const previous = attemptsOf(tx, userId, exam.id)
		const rules = { maxAttempts: attemptLimitFor(tx, userId, exam), cooldownMinutes: exam.cooldownMinutes }
		const decision = decideStart(rules, isTierOpen(tierStateFor(userId, tx, at), exam.tier), previous, at)
		if (!decision.ok) return decision
		const bank = tx
			.select({ id: examQuestions.id, key: examQuestions.key, topic: examQuestions.topic, type: examQuestions.type, options: examQuestions.options })
			.from(examQuestions)
			.where(and(eq(examQuestions.examId, exam.id), eq(examQuestions.retired, false)))
			.all()
		const seen = new Set(
			previous.length
				? tx
						.select({ key: examQuestions.key })
						.from(attemptQuestions)
						.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
						.where(
							inArray(
								attemptQuestions.attemptId,
								previous.map((a) => a.id),
							),
						)
						.all()
						.map((r) => r.key)
				: [],
		)
		const seed = newSeed()
		const drawn = drawAttempt(
			bank.map((q) => ({ key: q.key, topic: q.topic, type: q.type, optionKeys: q.options.map((o) => o.key) })),
			exam.topics,
			seed,
			seen,
		)
		const times = attemptTimes(at, exam.timeLimitSeconds)
		const { id } = tx
			.insert(examAttempts)
			.values({
				examId: exam.id,
				userId,
				number: decision.number,
				seed,
				startedAt: at,
				endsAt: times.endsAt,
				deadlineAt: times.deadlineAt,
				questionCount: drawn.length,
			})
			.returning({ id: examAttempts.id })
			.get()
		const idOf = new Map(bank.map((q) => [q.key, q.id]))
		tx.insert(attemptQuestions)
			.values(drawn.map((q, i) => ({ attemptId: id, position: i + 1, questionId: idOf.get(q.key)!, options: q.options })))
			.run()
		return { ok: true, attemptId: id }
	})
}

export type AnswerWrite = { position: number; chosen?: string[]; flagged?: boolean }
export type WriteResult =
	| { ok: true; seq: number; endsAt: Date }
	| { ok: false; status: 404; reason: 'not_found' }
	| { ok: false; status: 409; reason: 'closed' | 'stale'; seq: number }
	| { ok: false; status: 400; reason: 'unknown_question' | 'unknown_option' | 'one_option_only' | 'duplicate_question'; position: number }

/**
 * The autosave path runs on every answer of every taker: its statements are prepared once per
 * connection (the two writes in plain SQL, so nothing is rebuilt per request).
 */
const hot = {
	attempt: (db: Db) =>
		prepared('exam.attemptForWrite', (d) =>
			d
				.select({ ...getTableColumns(examAttempts), examSlug: exams.slug })
				.from(examAttempts)
				.innerJoin(exams, eq(exams.id, examAttempts.examId))
				.where(eq(examAttempts.id, sql.placeholder('id')))
				.prepare(),
		db),
	questions: (db: Db) =>
		prepared('exam.questionsForWrite', (d) =>
			d
				.select({ position: attemptQuestions.position, options: attemptQuestions.options, type: examQuestions.type })
				.from(attemptQuestions)
				.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
				.where(eq(attemptQuestions.attemptId, sql.placeholder('id')))
				.prepare(),
		db),
	setChosen: (db: Db) =>
		prepared('exam.setChosen', (d) => d.$client.prepare('UPDATE attempt_questions SET chosen = ?, answered_at = ? WHERE attempt_id = ? AND position = ?'), db),
	setFlagged: (db: Db) =>
		prepared('exam.setFlagged', (d) => d.$client.prepare('UPDATE attempt_questions SET flagged = ? WHERE attempt_id = ? AND position = ?'), db),
	bumpSeq: (db: Db) => prepared('exam.bumpSeq', (d) => d.$client.prepare('UPDATE exam_attempts SET seq = seq + 1 WHERE id = ?'), db),
}

/** Applies answer and flag writes inside an open attempt's transaction; validates everything before writing. */
function applyWrites(attempt: Attempt, writes: readonly AnswerWrite[], at: Date): WriteResult | null {
	if (!writes.length) return null
	const db = getDb()
	const byPosition = new Map(hot.questions(db).all({ id: attempt.id }).map((r) => [r.position, r]))
	const seen = new Set<number>()
	for (const w of writes) {
		const row = byPosition.get(w.position)
		if (!row) return { ok: false, status: 400, reason: 'unknown_question', position: w.position }
		if (seen.has(w.position)) return { ok: false, status: 400, reason: 'duplicate_question', position: w.position }
		seen.add(w.position)
		if (!w.chosen) continue
		const ids = new Set(row.options.map((o) => o.id))
		if (w.chosen.some((id) => !ids.has(id))) return { ok: false, status: 400, reason: 'unknown_option', position: w.position }
		if (row.type !== 'multiple' && w.chosen.length > 1) return { ok: false, status: 400, reason: 'one_option_only', position: w.position }
	}
	for (const w of writes) {
		if (w.chosen) {
			const chosen = [...new Set(w.chosen)]
			hot.setChosen(db).run(chosen.length ? JSON.stringify(chosen) : null, at.getTime(), attempt.id, w.position)
		}
		if (w.flagged !== undefined) hot.setFlagged(db).run(w.flagged ? 1 : 0, attempt.id, w.position)
	}
	return null
}

function lockOpenAttempt(tx: Tx, attemptId: number, userId: number, seq: number | undefined, at: Date, examSlug?: string) {
	const found = hot.attempt(getDb()).get({ id: attemptId })
	if (!found || found.userId !== userId || (examSlug !== undefined && found.examSlug !== examSlug))
		return { error: { ok: false, status: 404, reason: 'not_found' } as const }
	const attempt = settle(tx, found, at)
	if (attempt.status !== 'open') return { error: { ok: false, status: 409, reason: 'closed', seq: attempt.seq } as const }
	if (seq !== undefined && seq !== attempt.seq) return { error: { ok: false, status: 409, reason: 'stale', seq: attempt.seq } as const }
	return { attempt }
}

/**
 * Autosave: accepted only for the owner's open attempt before its deadline and only when `seq` is
 * the attempt's current sequence number (a stale tab gets 409). Durable when it returns.
 */
export function saveAnswers(
	attemptId: number,
	userId: number,
	seq: number,
	writes: readonly AnswerWrite[],
	at: Date = now(),
	/** When given, the attempt must belong to this exam (the URL's), or it is 404. */
	examSlug?: string,
): WriteResult {
	return writeTransaction((tx) => {
		const { attempt, error } = lockOpenAttempt(tx, attemptId, userId, seq, at, examSlug)
		if (error) return error
		const refused = applyWrites(attempt, writes, at)
		if (refused) return refused
		hot.bumpSeq(getDb()).run(attempt.id)
		return { ok: true, seq: attempt.seq + 1, endsAt: attempt.endsAt }
	})
}

export type SubmitResult = { ok: true } | Exclude<WriteResult, { ok: true }>

/**
 * Submits once: the answers sent with it (the no-JavaScript form) are saved, then the attempt is
 * graded in the same transaction. A second submit, or one after the deadline, gets 409.
 */
export function submitAttempt(
	attemptId: number,
	userId: number,
	options: { seq?: number; writes?: readonly AnswerWrite[] } = {},
	at: Date = now(),
): SubmitResult {
	return writeTransaction((tx) => {
		const { attempt, error } = lockOpenAttempt(tx, attemptId, userId, options.seq, at)
		if (error) return error
		const refused = applyWrites(attempt, options.writes ?? [], at)
		if (refused) return refused
		gradeAndClose(tx, attempt, 'submit', at)
		return { ok: true }
	})
}

/** Counts a focus loss of an open attempt (a signal for managers, never a verdict). */
export function recordFocusLoss(attemptId: number, userId: number, awayMs: number | null, at: Date = now(), examSlug?: string): WriteResult {
	return writeTransaction((tx) => {
		const { attempt, error } = lockOpenAttempt(tx, attemptId, userId, undefined, at, examSlug)
		if (error) return error
		tx.insert(attemptFocusEvents).values({ attemptId: attempt.id, at, awayMs }).run()
		tx.update(examAttempts)
			.set({ focusLosses: sql`${examAttempts.focusLosses} + 1` })
			.where(eq(examAttempts.id, attempt.id))
			.run()
		return { ok: true, seq: attempt.seq, endsAt: attempt.endsAt }
	})
}

/** The person's open attempt (at most one, by a unique index) with its exam, whatever its deadline. */
export function openAttemptOf(userId: number, tx: Tx = getDb()) {
	return (
		tx
			.select({
				attemptId: examAttempts.id,
				examId: examAttempts.examId,
				deadlineAt: examAttempts.deadlineAt,
				endsAt: examAttempts.endsAt,
				slug: exams.slug,
				title: exams.title,
				titleEn: exams.titleEn,
				closedBook: exams.closedBook,
			})
			.from(examAttempts)
			.innerJoin(exams, eq(exams.id, examAttempts.examId))
			.where(and(eq(examAttempts.userId, userId), eq(examAttempts.status, 'open')))
			.get() ?? null
	)
}

/** The person's open closed-book attempt, if any: while it is open the knowledge base and lessons are locked. */
export function openClosedBookAttempt(userId: number, at: Date = now(), tx: Tx = getDb()) {
	const row = openAttemptOf(userId, tx)
	if (!row || !row.closedBook || isPastDeadline(row.deadlineAt, at)) return null
	const { attemptId, endsAt, slug, title, titleEn } = row
	return { attemptId, endsAt, slug, title, titleEn }
}

/** An attempt for its owner, settled first (an attempt past its deadline is graded on access). */
export function attemptForOwner(attemptId: number, userId: number, at: Date = now()): { attempt: Attempt; exam: Exam } | null {
	const found = getDb().select().from(examAttempts).where(eq(examAttempts.id, attemptId)).get()
	if (!found || found.userId !== userId) return null
	const attempt = found.status === 'open' && isPastDeadline(found.deadlineAt, at) ? writeTransaction((tx) => settle(tx, found, at)) : found
	const exam = getDb().select().from(exams).where(eq(exams.id, attempt.examId)).get()!
	return { attempt, exam }
}

/**
 * An attempt's options in its order, with their text from the bank. True/false options carry no
 * text: the page labels them by `truth` in the reader's language. `key` stays on the server.
 */
function optionsShown(type: string, options: ReadonlyArray<{ id: string; key: string }>, bank: ReadonlyArray<{ key: string; text: string }>) {
	const textOf = new Map(bank.map((o) => [o.key, o.text]))
	return options.map((o) => ({ id: o.id, key: o.key, text: textOf.get(o.key) ?? '', truth: type === 'true_false' ? o.key : null }))
}

/** What the taker's page shows of an open attempt: prompts and option texts by opaque id; no key, no explanation, no topic. */
export function questionsForTaker(attemptId: number) {
	return getDb()
		.select({
			position: attemptQuestions.position,
			type: examQuestions.type,
			prompt: examQuestions.prompt,
			bankOptions: examQuestions.options,
			options: attemptQuestions.options,
			chosen: attemptQuestions.chosen,
			flagged: attemptQuestions.flagged,
		})
		.from(attemptQuestions)
		.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
		.where(eq(attemptQuestions.attemptId, attemptId))
		.orderBy(attemptQuestions.position)
		.all()
		.map(({ bankOptions, options, ...q }) => ({
			...q,
			chosen: q.chosen ?? [],
			options: optionsShown(q.type, options, bankOptions).map(({ key: _, ...o }) => o),
		}))
}

/** The graded attempt's questions with what was chosen and whether it was right; keys and explanations only when `reveal`. */
export function gradedQuestions(attemptId: number, reveal: boolean) {
	return getDb()
		.select({
			position: attemptQuestions.position,
			type: examQuestions.type,
			topic: examQuestions.topic,
			prompt: examQuestions.prompt,
			bankOptions: examQuestions.options,
			answer: examQuestions.answer,
			explanation: examQuestions.explanation,
			options: attemptQuestions.options,
			chosen: attemptQuestions.chosen,
			correct: attemptQuestions.correct,
		})
		.from(attemptQuestions)
		.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
		.where(eq(attemptQuestions.attemptId, attemptId))
		.orderBy(attemptQuestions.position)
		.all()
		.map(({ bankOptions, answer, explanation, options, ...q }) => {
			const right = new Set(answer)
			return {
				...q,
				chosen: q.chosen ?? [],
				correct: Boolean(q.correct),
				options: optionsShown(q.type, options, bankOptions).map(({ key, ...o }) => ({
					...o,
					...(reveal ? { isAnswer: right.has(key) } : {}),
				})),
				...(reveal ? { explanation } : {}),
			}
		})
}

export function focusEvents(attemptId: number) {
	return getDb().select().from(attemptFocusEvents).where(eq(attemptFocusEvents.attemptId, attemptId)).orderBy(attemptFocusEvents.at).all()
}

/** Graded attempts of one person in [from, to), newest first: the KPI issue reads 产品知识测试得分 from here. */
export function examResults(userId: number, range: { from?: Date; to?: Date } = {}, tx: Tx = getDb()) {
	return tx
		.select({
			attemptId: examAttempts.id,
			examSlug: exams.slug,
			title: exams.title,
			titleEn: exams.titleEn,
			number: examAttempts.number,
			score: examAttempts.score,
			passed: examAttempts.passed,
			closedAt: examAttempts.closedAt,
			closedBy: examAttempts.closedBy,
		})
		.from(examAttempts)
		.innerJoin(exams, eq(exams.id, examAttempts.examId))
		.where(
			and(
				eq(examAttempts.userId, userId),
				eq(examAttempts.status, 'graded'),
				range.from ? sql`${examAttempts.closedAt} >= ${range.from.getTime()}` : undefined,
				range.to ? sql`${examAttempts.closedAt} < ${range.to.getTime()}` : undefined,
			),
		)
		.orderBy(desc(examAttempts.closedAt))
		.all()
}

export function clearanceOf(userId: number, tx: Tx = getDb()) {
	return tx.select().from(clearances).where(eq(clearances.userId, userId)).get() ?? null
}

export type GrantResult = { ok: true } | { ok: false; reason: 'attempts_left' | 'passed' | 'open_attempt' }

/**
 * One more attempt for a person who has used them all without passing (their manager's or HR's
 * call, with a reason; audited in the same transaction). Refused while attempts remain.
 */
export function grantExtraAttempt(actorId: number, userId: number, exam: Exam, reason: string, at: Date = now()): GrantResult {
	return writeTransaction((tx) => {
		const attempts = attemptsOf(tx, userId, exam.id)
		if (attempts.some((a) => a.status === 'open')) return { ok: false, reason: 'open_attempt' }
		if (attempts.some((a) => a.passed)) return { ok: false, reason: 'passed' }
		const limit = attemptLimitFor(tx, userId, exam)
		if (attempts.length < limit) return { ok: false, reason: 'attempts_left' }
		tx.insert(examAttemptGrants).values({ examId: exam.id, userId, grantedBy: actorId, reason, grantedAt: at }).run()
		recordAudit(tx, {
			actorId,
			action: 'exam.attempt_granted',
			entity: 'user',
			entityId: userId,
			data: { exam: exam.slug, before: limit, after: limit + 1, reason },
		})
		return { ok: true }
	})
}
