import { and, eq, inArray, notInArray, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.server.ts'
import { attemptQuestions, examAttempts, examQuestions, exams } from '#db/schema/exams.ts'
import type { BankQuestion } from './bank.ts'

export type ExamInput = Omit<typeof exams.$inferInsert, 'id' | 'retiredAt'>

/**
 * Writes one bank. Questions keep their id by key, so statistics follow a question across edits;
 * a question dropped from the bank is deleted if no attempt drew it, retired otherwise.
 */
export function upsertExam(tx: Tx, exam: ExamInput, questions: BankQuestion[]) {
	const values = { ...exam, retiredAt: null }
	const { id: examId } = tx
		.insert(exams)
		.values(values)
		.onConflictDoUpdate({ target: exams.slug, set: values })
		.returning({ id: exams.id })
		.get()
	for (const q of questions) {
		const row = { examId, ...q, retired: false }
		tx.insert(examQuestions)
			.values(row)
			.onConflictDoUpdate({ target: [examQuestions.examId, examQuestions.key], set: row })
			.run()
	}
	const keys = questions.map((q) => q.key)
	const gone = tx
		.select({ id: examQuestions.id })
		.from(examQuestions)
		.where(and(eq(examQuestions.examId, examId), notInArray(examQuestions.key, keys)))
		.all()
		.map((r) => r.id)
	if (!gone.length) return
	const drawn = new Set(
		tx
			.selectDistinct({ id: attemptQuestions.questionId })
			.from(attemptQuestions)
			.where(inArray(attemptQuestions.questionId, gone))
			.all()
			.map((r) => r.id),
	)
	const unused = gone.filter((id) => !drawn.has(id))
	if (unused.length) tx.delete(examQuestions).where(inArray(examQuestions.id, unused)).run()
	if (drawn.size)
		tx.update(examQuestions)
			.set({ retired: true })
			.where(inArray(examQuestions.id, [...drawn]))
			.run()
}

/** A bank removed from content: deleted when nobody took it, retired (kept for results) otherwise. */
export function removeExam(tx: Tx, slug: string, at: Date) {
	const exam = tx.select({ id: exams.id }).from(exams).where(eq(exams.slug, slug)).get()
	if (!exam) return
	const taken = tx
		.select({ n: sql<number>`count(*)` })
		.from(examAttempts)
		.where(eq(examAttempts.examId, exam.id))
		.get()!.n
	if (taken) tx.update(exams).set({ retiredAt: at }).where(eq(exams.id, exam.id)).run()
	else tx.delete(exams).where(eq(exams.id, exam.id)).run()
}
