import { eq } from 'drizzle-orm'
import { createInstance } from 'i18next'
import { createElement, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { describe, expect, test } from 'vitest'
import { examQuestions, exams } from '#db/schema/exams.ts'
import { Countdown } from '#app/components/exam/clock.tsx'
import { QuestionFieldset, QuestionNavigator } from '#app/components/exam/questions.tsx'
import { i18nConfig } from '#app/i18n.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { getExam, startAttempt } from '#app/modules/exams/attempts.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { action as pageAction, loader as pageLoader } from '#app/routes/_shell.exams.$exam.attempts.$attempt.tsx'
import { action as answersAction, loader as answersLoader } from '#app/routes/exams.$exam.attempts.$attempt.answers.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, ORIGIN, sessionCookieFor, settle } from '#test/helpers/requests.ts'
import { answerKey as rightOptions } from '#test/helpers/exams.ts'

/**
 * The canary bank's explanations start with CANARY-EXPLANATION-. Everything a taker receives from
 * these routes while the attempt is open is collected as text and searched for them, for each
 * explanation whole, and for any field that would mark the right option.
 */
const { db } = withFreshDatabase()
const T0 = new Date('2026-11-27T02:00:00Z')
const ANSWER_MARKERS = /"(answer|isAnswer|correct|explanation|key|topic|questionId|seed)"\s*:/

const args = (request: Request, params: Record<string, string>) => ({ request, params, context: {} })

async function render(node: ReactNode, lng: 'zh-CN' | 'en') {
	const i18n = createInstance({ ...i18nConfig, lng, initImmediate: false })
	await i18n.use(initReactI18next).init()
	return renderToString(createElement(I18nextProvider, { i18n }, node))
}

/** The whole of a Response as the browser gets it: status, headers (cookies included) and body. */
async function asText(response: Response) {
	return [response.status, ...[...response.headers].map(([k, v]) => `${k}: ${v}`), await response.text()].join('\n')
}

async function asResponse(run: () => Promise<unknown>) {
	const result = await settle(run)
	if (result instanceof Response) return asText(result)
	return JSON.stringify(result)
}

function bankSecrets() {
	const bank = db()
		.select({ explanation: examQuestions.explanation })
		.from(examQuestions)
		.innerJoin(exams, eq(exams.id, examQuestions.examId))
		.where(eq(exams.slug, 'canary'))
		.all()
	expect(bank.length).toBe(6)
	// The canary tag, and each explanation whole (its words alone may repeat a prompt).
	return ['CANARY-EXPLANATION', ...bank.map((q) => q.explanation)]
}


async function setUp() {
	setClock(T0)
	await syncContent({ root: 'test/fixtures/content' })
	const user = await createTestUser({ hireDate: '2026-11-02' })
	const cookie = await sessionCookieFor(user.id)
	const started = startAttempt(user.id, getExam('canary')!)
	if (!started.ok) throw new Error(started.reason)
	const attemptId = started.attemptId
	return { userId: user.id, cookie, attemptId, path: `/exams/canary/attempts/${attemptId}`, params: { exam: 'canary', attempt: String(attemptId) } }
}

function json(path: string, cookie: string, body: unknown, raw?: string) {
	return new Request(`${ORIGIN}${path}/answers`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
		body: raw ?? JSON.stringify(body),
	})
}

describe('no answer or explanation reaches the taker before grading', () => {
	test('loader data, rendered questions, autosave and form responses of an open attempt carry none of it', async () => {
		const { cookie, attemptId, path, params } = await setUp()
		const secrets = bankSecrets()
		const right = rightOptions(attemptId)
		const seen: Array<[string, string]> = []
		const keep = (what: string, text: string) => void seen.push([what, text])

		const page = await pageLoader(args(getRequest(path, { cookie }), params))
		keep('page loader', JSON.stringify(page))
		if (page.data.state !== 'open') throw new Error('expected an open attempt')
		const { questions, attempt } = page.data

		// The markup those data make, in both languages.
		for (const lng of ['zh-CN', 'en'] as const) {
			const html = await render(
				[
					createElement(Countdown, { key: 'clock', endsAt: attempt.endsAt, remainingMs: 600_000, ticking: true }),
					createElement(QuestionNavigator, {
						key: 'nav',
						items: questions.map((q) => ({ position: q.position, answered: q.chosen.length > 0, flagged: q.flagged })),
					}),
					...questions.map((q) =>
						createElement(QuestionFieldset, { key: q.position, question: q, value: { chosen: q.chosen, flagged: q.flagged }, onChange: () => undefined }),
					),
				],
				lng,
			)
			// The render is real: every prompt is in it.
			for (const q of questions) expect(html).toContain(q.prompt)
			keep(`rendered questions (${lng})`, html)
		}

		// Autosave: accepted, stale, refused and malformed writes, a focus report, a wrong exam, a GET.
		const answer = (body: unknown, raw?: string) => asResponse(() => answersAction(args(json(path, cookie, body, raw), params)))
		keep('autosave ok', await answer({ seq: 0, position: 1, chosen: right[0]!.right, flagged: true }))
		keep('autosave stale', await answer({ seq: 0, position: 2, chosen: right[1]!.right }))
		keep('autosave unknown option', await answer({ seq: 1, position: 2, chosen: ['zzzzzzzz'] }))
		keep('autosave unknown question', await answer({ seq: 1, position: 9, chosen: [] }))
		keep('autosave malformed', await answer(null, '{"seq":'))
		keep('autosave invalid', await answer({ seq: 'one', position: 1, chosen: [] }))
		keep('focus', await answer({ type: 'focus', awayMs: 1500 }))
		keep('wrong exam', await asResponse(() => answersAction(args(json(path, cookie, {}), { ...params, exam: 'other' }))))
		keep('autosave GET', await asResponse(() => answersLoader(args(getRequest(`${path}/answers`, { cookie }), params))))

		// The no-JavaScript form: a save, a stale submit, a tampered post; then the page again.
		const form = (fields: Record<string, string | string[]>) => asResponse(() => pageAction(args(formRequest(path, fields, { cookie }), params)))
		keep('form save', await form({ intent: 'save', seq: '1', q2: right[1]!.right, flag2: 'on' }))
		keep('form stale submit', await form({ intent: 'submit', seq: '0' }))
		keep('form tampered', await form({ intent: 'save', seq: '2', q3: 'zzzzzzzz' }))
		const again = await pageLoader(args(getRequest(path, { cookie }), params))
		expect(again.data.state).toBe('open')
		keep('page loader after saves', JSON.stringify(again))

		expect(seen.length).toBeGreaterThan(10)
		for (const [what, text] of seen) {
			for (const secret of secrets) expect(text, `${what} contains "${secret}"`).not.toContain(secret)
			expect(text, `${what} names a grading field`).not.toMatch(ANSWER_MARKERS)
		}
	})

	test('the same check finds them once the review is allowed (a pass), so it can fail', async () => {
		const { cookie, attemptId, path, params } = await setUp()
		const fields: Record<string, string | string[]> = { intent: 'submit', seq: '0' }
		for (const q of rightOptions(attemptId)) fields[`q${q.position}`] = q.right
		const submitted = await settle(() => pageAction(args(formRequest(path, fields, { cookie }), params)))
		expect((submitted as Response).status).toBe(303)
		const result = JSON.stringify(await pageLoader(args(getRequest(path, { cookie }), params)))
		expect(result).toContain('CANARY-EXPLANATION-')
		expect(result).toMatch(ANSWER_MARKERS)
		expect(result.match(/CANARY-EXPLANATION-\w+/g)).toHaveLength(4)
	})
})
