import { eq } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { attemptQuestions, examQuestions } from '#db/schema/exams.ts'
import { submitAttempt } from '#app/modules/exams/attempts.server.ts'

export const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

export type Outcome<T> =
	| { status: 200; body: T }
	| { status: number; response: Response }
	| { status: number; data: Record<string, unknown> }

/** Runs a loader or action and says what the browser would get: its data, a thrown Response, or a thrown `data()`. */
export async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
	try {
		const body = await fn()
		if (body instanceof Response) return { status: body.status, response: body }
		return { status: 200, body }
	} catch (error) {
		if (error instanceof Response) return { status: error.status, response: error }
		if (typeof error === 'object' && error && (error as { type?: unknown }).type === 'DataWithResponseInit') {
			const thrown = error as { data: Record<string, unknown>; init: ResponseInit | null }
			return { status: thrown.init?.status ?? 200, data: thrown.data }
		}
		throw error
	}
}

/** Submits an attempt answering every question right (the test reads the key from the bank), or leaving all blank. */
export function submitAnswers(attemptId: number, userId: number, correct: boolean, at?: Date) {
	const rows = getDb()
		.select({ position: attemptQuestions.position, options: attemptQuestions.options, answer: examQuestions.answer })
		.from(attemptQuestions)
		.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
		.where(eq(attemptQuestions.attemptId, attemptId))
		.all()
	const writes = correct
		? rows.map((r) => ({ position: r.position, chosen: r.options.filter((o) => r.answer.includes(o.key)).map((o) => o.id) }))
		: []
	const result = submitAttempt(attemptId, userId, { writes }, at)
	if (!result.ok) throw new Error(`submit failed: ${JSON.stringify(result)}`)
}
