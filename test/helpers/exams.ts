import { eq } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { attemptQuestions, examQuestions } from '#db/schema/exams.ts'
import type { AnswerWrite } from '#app/modules/exams/attempts.server.ts'

/** Per position of an attempt: the opaque ids of the right answer and of one wrong option, read from the bank as the grader does. */
export function answerKey(attemptId: number) {
	return getDb()
		.select({ position: attemptQuestions.position, options: attemptQuestions.options, answer: examQuestions.answer })
		.from(attemptQuestions)
		.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
		.where(eq(attemptQuestions.attemptId, attemptId))
		.orderBy(attemptQuestions.position)
		.all()
		.map((q) => ({
			position: q.position,
			right: q.options.filter((o) => q.answer.includes(o.key)).map((o) => o.id),
			wrong: q.options
				.filter((o) => !q.answer.includes(o.key))
				.map((o) => o.id)
				.slice(0, 1),
		}))
}

/** Writes that answer every question of the attempt right (or each with one wrong option). */
export function answerWrites(attemptId: number, right: boolean): AnswerWrite[] {
	return answerKey(attemptId).map((q) => ({ position: q.position, chosen: right ? q.right : q.wrong }))
}
