import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { attemptQuestions, examAttempts } from '#db/schema/exams.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { createSaveQueue, type SaveStatus } from '#app/components/exam/save-queue.ts'
import { focusEvents, getExam, saveAnswers, startAttempt, submitAttempt } from '#app/modules/exams/attempts.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { popToast } from '#app/utils/toast.server.ts'
import { action as pageAction, loader as pageLoader } from '#app/routes/_shell.exams.$exam.attempts.$attempt.tsx'
import { action as answersAction, loader as answersLoader } from '#app/routes/exams.$exam.attempts.$attempt.answers.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, ORIGIN, sessionCookieFor, settle } from '#test/helpers/requests.ts'
import { answerKey as key } from '#test/helpers/exams.ts'

const { db } = withFreshDatabase()
const T0 = new Date('2026-11-27T02:00:00Z')
const MINUTE = 60_000

type PageData = Awaited<ReturnType<typeof pageLoader>>['data']
type OpenData = Extract<PageData, { state: 'open' }>
type GradedData = Extract<PageData, { state: 'graded' }>

const params = (attemptId: number, exam = 'canary') => ({ exam, attempt: String(attemptId) })
const args = (request: Request, p: Record<string, string>) => ({ request, params: p, context: {} })

async function taker(cookieAt = T0) {
	setClock(cookieAt)
	const user = await createTestUser({ hireDate: '2026-11-02' })
	return { id: user.id, cookie: await sessionCookieFor(user.id) }
}

/** A new hire with an open attempt at the canary exam, at T0. */
async function openAttempt() {
	setClock(T0)
	await syncContent({ root: 'test/fixtures/content' })
	const person = await taker()
	const started = startAttempt(person.id, getExam('canary')!)
	if (!started.ok) throw new Error(started.reason)
	return { ...person, attemptId: started.attemptId, path: `/exams/canary/attempts/${started.attemptId}` }
}

function start(userId: number) {
	const started = startAttempt(userId, getExam('canary')!)
	if (!started.ok) throw new Error(started.reason)
	return started.attemptId
}


function stored(attemptId: number) {
	return {
		attempt: db().select().from(examAttempts).where(eq(examAttempts.id, attemptId)).get()!,
		questions: db().select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, attemptId)).orderBy(attemptQuestions.position).all(),
	}
}

async function loadPage(path: string, cookie: string, p: Record<string, string>) {
	const result = await settle(() => pageLoader(args(getRequest(path, { cookie }), p)))
	if (result instanceof Response) return { response: result, data: null }
	return { response: null, data: result.data, headers: new Headers(result.init?.headers) }
}

async function openPage(path: string, cookie: string, attemptId: number) {
	const page = await loadPage(path, cookie, params(attemptId))
	if (page.data?.state !== 'open') throw new Error(`expected an open attempt, got ${page.response?.status ?? page.data?.state}`)
	return page as { data: OpenData; headers: Headers }
}

async function resultPage(path: string, cookie: string, attemptId: number) {
	const page = await loadPage(path, cookie, params(attemptId))
	if (page.data?.state !== 'graded') throw new Error(`expected a graded attempt, got ${page.response?.status ?? page.data?.state}`)
	return page as { data: GradedData; headers: Headers }
}

function autosave(path: string, body: unknown, { cookie, raw, contentType = 'application/json' }: { cookie?: string; raw?: string; contentType?: string } = {}) {
	const headers: Record<string, string> = { 'content-type': contentType, origin: ORIGIN }
	if (cookie) headers.cookie = cookie
	return new Request(`${ORIGIN}${path}/answers`, { method: 'POST', headers, body: raw ?? JSON.stringify(body) })
}

async function postAnswer(path: string, cookie: string | undefined, attemptId: number, body: unknown, options: { raw?: string; contentType?: string; exam?: string } = {}) {
	const response = await settle(() => answersAction(args(autosave(path, body, { cookie, ...options }), params(attemptId, options.exam))))
	if (!(response instanceof Response)) throw new Error('expected a Response')
	return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null, headers: response.headers }
}

/** The toast a redirect leaves for the next page. */
async function toastOf(response: Response) {
	const cookie = response.headers.get('set-cookie')?.split(';')[0]
	return (await popToast(new Request(ORIGIN, { headers: cookie ? { cookie } : {} }))).toast
}

async function postForm(path: string, cookie: string, attemptId: number, fields: Record<string, string | string[]>) {
	const result = await settle(() => pageAction(args(formRequest(path, fields, { cookie }), params(attemptId))))
	if (!(result instanceof Response)) throw new Error('expected a Response')
	return result
}

describe('who may see an attempt', () => {
	test('another person’s attempt, a wrong exam slug or a malformed id is 404, never shown', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const other = await taker()
		const notFound = async (cookieOf: string, p: Record<string, string>) => (await loadPage(path, cookieOf, p)).response?.status
		expect(await notFound(other.cookie, params(attemptId))).toBe(404)
		expect(await notFound(cookie, params(attemptId, 'another-exam'))).toBe(404)
		expect(await notFound(cookie, { exam: 'canary', attempt: '1e0' })).toBe(404)
		expect(await notFound(cookie, { exam: 'canary', attempt: '999' })).toBe(404)
		// The owner does see it.
		expect((await openPage(path, cookie, attemptId)).data.attempt.id).toBe(attemptId)

		// Nor can anyone else write to it or submit it.
		const saved = await postAnswer(path, other.cookie, attemptId, { seq: 0, position: 1, chosen: [] })
		expect(saved.status).toBe(404)
		const submitted = await settle(() => pageAction(args(formRequest(path, { intent: 'submit', seq: '0' }, { cookie: other.cookie }), params(attemptId))))
		expect((submitted as Response).status).toBe(404)
		expect(stored(attemptId).attempt).toMatchObject({ status: 'open', seq: 0 })
	})

	test('signed out: the page goes to login, the autosave API answers 401 and offers no GET', async () => {
		const { attemptId, path } = await openAttempt()
		const page = await loadPage(path, '', params(attemptId))
		expect(page.response?.status).toBe(302)
		expect(page.response?.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
		expect((await postAnswer(path, undefined, attemptId, { seq: 0, position: 1, chosen: [] })).status).toBe(401)
		const { cookie } = await taker()
		const get = (await settle(() => answersLoader(args(getRequest(`${path}/answers`, { cookie }), params(attemptId))))) as Response
		expect(get.status).toBe(405)
	})
})

describe('the open attempt page', () => {
	test('shows the questions without key, explanation or topic, the server’s countdown, and is never cached', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const { data, headers } = await openPage(path, cookie, attemptId)
		expect(headers.get('Cache-Control')).toBe('no-store')
		expect(data.exam).toEqual({ slug: 'canary', title: '金丝雀产品考试', titleEn: 'Canary product exam', closedBook: true })
		expect(data.attempt).toMatchObject({ number: 1, seq: 0, questionCount: 4, now: T0.toISOString() })
		expect(Date.parse(data.attempt.endsAt) - Date.parse(data.attempt.now)).toBe(10 * MINUTE)
		expect(data.questions.map((q) => q.position)).toEqual([1, 2, 3, 4])

		// Walk the whole payload: only what the taker needs, nothing that grades.
		const keys = new Set<string>()
		const values: string[] = []
		const walk = (value: unknown) => {
			if (Array.isArray(value)) value.forEach(walk)
			else if (value && typeof value === 'object')
				for (const [k, v] of Object.entries(value)) {
					keys.add(k)
					walk(v)
				}
			else if (typeof value === 'string') values.push(value)
		}
		walk(data)
		for (const forbidden of ['answer', 'isAnswer', 'explanation', 'topic', 'key', 'questionId', 'seed', 'deadlineAt', 'correct', 'bankOptions'])
			expect(keys, forbidden).not.toContain(forbidden)
		for (const q of data.questions) {
			expect(Object.keys(q).sort()).toEqual(['chosen', 'flagged', 'options', 'position', 'prompt', 'type'])
			for (const o of q.options) expect(Object.keys(o).sort()).toEqual(['id', 'text', 'truth'])
		}
		expect(values).not.toContain('alpha')
		expect(values).not.toContain('beta')
		expect(JSON.stringify(data)).not.toContain('CANARY-EXPLANATION')
	})
})

describe('autosave (JSON)', () => {
	test('each accepted write moves seq on and is stored; the page shows it after a reload', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const [q1, q2] = key(attemptId)
		const first = await postAnswer(path, cookie, attemptId, { seq: 0, position: 1, chosen: q1!.wrong, flagged: true })
		expect(first.status).toBe(200)
		expect(first.headers.get('Cache-Control')).toBe('no-store')
		expect(first.body).toEqual({ seq: 1, endsAt: new Date(T0.getTime() + 10 * MINUTE).toISOString(), now: T0.toISOString() })

		setClock(new Date(T0.getTime() + MINUTE))
		// Changed my mind: the latest value wins.
		const second = await postAnswer(path, cookie, attemptId, { type: 'answer', seq: 1, position: 1, chosen: q1!.right, flagged: false })
		expect(second.body).toMatchObject({ seq: 2, now: new Date(T0.getTime() + MINUTE).toISOString() })
		const third = await postAnswer(path, cookie, attemptId, { seq: 2, position: 2, chosen: q2!.right })
		expect(third.body).toMatchObject({ seq: 3 })

		const { questions, attempt } = stored(attemptId)
		expect(attempt.seq).toBe(3)
		expect(questions[0]).toMatchObject({ chosen: q1!.right, flagged: false })
		expect(questions[1]).toMatchObject({ chosen: q2!.right, flagged: false })
		const { data } = await openPage(path, cookie, attemptId)
		expect(data.attempt.seq).toBe(3)
		expect(data.questions.slice(0, 3).map((q) => [q.chosen, q.flagged])).toEqual([
			[q1!.right, false],
			[q2!.right, false],
			[[], false],
		])
	})

	test('a stale tab’s write is refused with 409 and changes nothing', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const [q1] = key(attemptId)
		expect((await postAnswer(path, cookie, attemptId, { seq: 0, position: 1, chosen: q1!.right })).status).toBe(200)
		// The other tab still holds seq 0.
		const stale = await postAnswer(path, cookie, attemptId, { seq: 0, position: 1, chosen: q1!.wrong, flagged: true })
		expect(stale).toMatchObject({ status: 409, body: { error: 'stale', seq: 1 } })
		expect(stored(attemptId).questions[0]).toMatchObject({ chosen: q1!.right, flagged: false })
		expect(stored(attemptId).attempt.seq).toBe(1)
	})

	test('bad input is 400 with a reason, and nothing is stored', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const [q1] = key(attemptId)
		const before = stored(attemptId)
		const cases: Array<[unknown, { raw?: string; contentType?: string }, number, Record<string, unknown>]> = [
			[{ seq: 0, position: 1, chosen: ['zzzzzzzz'] }, {}, 400, { error: 'unknown_option', position: 1 }],
			[{ seq: 0, position: 5, chosen: [] }, {}, 400, { error: 'unknown_question', position: 5 }],
			[null, { raw: '{"seq": 0, "position": 1, "chosen": [' }, 400, { error: 'malformed JSON' }],
			[{ seq: -1, position: 1, chosen: [] }, {}, 400, { error: expect.stringMatching(/^seq: /) }],
			[{ seq: 0, position: 1, chosen: 'abc' }, {}, 400, { error: expect.stringMatching(/^chosen: /) }],
			[{ seq: 0, position: 1, chosen: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, {}, 400, { error: expect.stringMatching(/^chosen: /) }],
			[{ seq: 0, position: 1, chosen: [], score: 100 }, {}, 400, { error: expect.stringContaining('score') }],
			[{ type: 'focus', awayMs: -5 }, {}, 400, { error: expect.stringMatching(/^awayMs: /) }],
			[null, { raw: 'seq=0&position=1', contentType: 'application/x-www-form-urlencoded' }, 400, { error: expect.stringContaining('JSON') }],
			[null, { raw: JSON.stringify({ seq: 0, position: 1, chosen: ['x'.repeat(17 * 1024)] }) }, 413, { error: expect.stringContaining('16384') }],
		]
		for (const [body, options, status, reply] of cases) {
			const res = await postAnswer(path, cookie, attemptId, body, options)
			expect(res, JSON.stringify(body ?? options.raw?.slice(0, 60))).toMatchObject({ status, body: reply })
		}
		// A single-choice or true/false question takes one option: two of them is refused.
		const single = key(attemptId).find((q) => q.right.length === 1)!
		const both = await postAnswer(path, cookie, attemptId, { seq: 0, position: single.position, chosen: [...single.right, ...single.wrong] })
		expect(both).toMatchObject({ status: 400, body: { error: 'one_option_only', position: single.position } })
		expect(stored(attemptId)).toEqual(before)
		// And the URL must name the attempt's own exam.
		expect((await postAnswer(path, cookie, attemptId, { seq: 0, position: 1, chosen: q1!.right }, { exam: 'other' })).status).toBe(404)
		expect(stored(attemptId)).toEqual(before)
	})

	test('leaving the page is recorded with how long, and counted on the result', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const res = await postAnswer(path, cookie, attemptId, { type: 'focus', awayMs: 4200 })
		expect(res).toMatchObject({ status: 200, body: { seq: 0 } })
		await postAnswer(path, cookie, attemptId, { type: 'focus' })
		expect(focusEvents(attemptId).map((e) => e.awayMs)).toEqual([4200, null])
		// A focus report does not move seq: the tab's next answer is not stale.
		expect((await postAnswer(path, cookie, attemptId, { seq: 0, position: 1, chosen: [] })).status).toBe(200)
		await postForm(path, cookie, attemptId, { intent: 'submit', seq: '1' })
		expect((await resultPage(path, cookie, attemptId)).data.attempt.focusLosses).toBe(2)
	})
})

describe('the page’s autosave queue against the real endpoint', () => {
	/** The browser's fetch, routed to the answers action with the taker's cookie; counts requests in flight. */
	function browserFetch(cookie: string, attemptId: number) {
		const stats = { requests: 0, inFlight: 0, maxInFlight: 0 }
		const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
			stats.requests++
			stats.inFlight++
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
			try {
				const headers = new Headers(init?.headers)
				headers.set('cookie', cookie)
				headers.set('origin', ORIGIN)
				const request = new Request(`${ORIGIN}${String(input)}`, { ...init, headers })
				// Let other work interleave, as a network would.
				await new Promise((resolve) => setTimeout(resolve, 5))
				return (await settle(() => answersAction(args(request, params(attemptId))))) as Response
			} finally {
				stats.inFlight--
			}
		}) as typeof fetch
		return { fetchImpl, stats }
	}

	function queueFor(path: string, cookie: string, attemptId: number, seq = 0) {
		const { fetchImpl, stats } = browserFetch(cookie, attemptId)
		const statuses: SaveStatus[] = []
		const synced: string[] = []
		let closed = 0
		const queue = createSaveQueue({
			url: `${path}/answers`,
			seq,
			fetchImpl,
			onStatus: (s) => statuses.push(s),
			onSync: (s) => synced.push(s.now),
			onClosed: () => closed++,
			retryMs: 10,
		})
		return { queue, stats, statuses, synced, closed: () => closed }
	}

	test('quick changes go one at a time, the latest value of each question wins, and the seq follows', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const [q1, q2] = key(attemptId)
		const { queue, stats, statuses, synced } = queueFor(path, cookie, attemptId)
		queue.enqueue(1, { chosen: q1!.wrong, flagged: false })
		queue.enqueue(2, { chosen: q2!.wrong, flagged: true })
		queue.enqueue(1, { chosen: q1!.right, flagged: true })
		queue.enqueue(2, { chosen: q2!.right, flagged: false })
		expect(await queue.flush()).toBe(true)
		expect(stats.maxInFlight).toBe(1)
		expect(stats.requests).toBeLessThanOrEqual(3)
		expect(queue.seq()).toBe(stored(attemptId).attempt.seq)
		expect(stored(attemptId).questions.slice(0, 2).map((q) => [q.chosen, q.flagged])).toEqual([
			[q1!.right, true],
			[q2!.right, false],
		])
		expect(statuses.at(-1)).toBe('saved')
		expect(synced.length).toBe(stats.requests)
	})

	test('when another tab has saved, the queue stops with "stale" and writes nothing more', async () => {
		const { attemptId, path, id: userId, cookie } = await openAttempt()
		const [q1] = key(attemptId)
		const { queue, statuses } = queueFor(path, cookie, attemptId)
		expect(saveAnswers(attemptId, userId, 0, [{ position: 1, chosen: q1!.right }])).toMatchObject({ ok: true, seq: 1 })
		queue.enqueue(1, { chosen: q1!.wrong, flagged: true })
		expect(await queue.flush()).toBe(false)
		expect(statuses.at(-1)).toBe('stale')
		expect(queue.stopped()).toBe(true)
		queue.enqueue(1, { chosen: [], flagged: false })
		expect(stored(attemptId).questions[0]).toMatchObject({ chosen: q1!.right, flagged: false })
	})

	test('once the attempt is closed, the page is told to reload', async () => {
		const { attemptId, path, id: userId, cookie } = await openAttempt()
		const { queue, closed } = queueFor(path, cookie, attemptId)
		expect(submitAttempt(attemptId, userId)).toEqual({ ok: true })
		queue.enqueue(1, { chosen: [], flagged: true })
		expect(await queue.flush()).toBe(false)
		expect(closed()).toBe(1)
	})
})

describe('the form without JavaScript', () => {
	test('save posts the whole form: what changed is stored, then 303 back with a toast', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const answers = key(attemptId)
		const response = await postForm(path, cookie, attemptId, {
			intent: 'save',
			seq: '0',
			q1: answers[0]!.right,
			q3: answers[2]!.wrong,
			flag3: 'on',
		})
		expect(response.status).toBe(303)
		expect(response.headers.get('location')).toBe(path)
		expect(await toastOf(response)).toMatchObject({ kind: 'success', key: 'examTaking.toast.saved' })
		const { questions, attempt } = stored(attemptId)
		expect(attempt).toMatchObject({ status: 'open', seq: 1 })
		expect(questions.map((q) => [q.chosen, q.flagged])).toEqual([
			[answers[0]!.right, false],
			[null, false],
			[answers[2]!.wrong, true],
			[null, false],
		])
		// Untouched questions keep no answer time.
		expect(questions[1]!.answeredAt).toBeNull()
	})

	test('a form from a stale tab is not saved: 303 back with an error toast', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const answers = key(attemptId)
		await postAnswer(path, cookie, attemptId, { seq: 0, position: 1, chosen: answers[0]!.right })
		const response = await postForm(path, cookie, attemptId, { intent: 'submit', seq: '0', q1: answers[0]!.wrong })
		expect(response.status).toBe(303)
		expect(await toastOf(response)).toMatchObject({ kind: 'error', key: 'examTaking.toast.stale' })
		expect(stored(attemptId).attempt).toMatchObject({ status: 'open', seq: 1 })
		expect(stored(attemptId).questions[0]!.chosen).toEqual(answers[0]!.right)
	})

	test('a tampered form is 400 with the reason, nothing stored', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const before = stored(attemptId)
		const unknown = (await settle(() =>
			pageAction(args(formRequest(path, { intent: 'save', seq: '0', q1: 'zzzzzzzz' }, { cookie }), params(attemptId))),
		)) as Response
		expect(unknown.status).toBe(400)
		expect(await unknown.text()).toContain('unknown_option')
		const noIntent = (await settle(() => pageAction(args(formRequest(path, { seq: '0' }, { cookie }), params(attemptId))))) as Response
		expect(noIntent.status).toBe(400)
		const noSeq = (await settle(() => pageAction(args(formRequest(path, { intent: 'submit' }, { cookie }), params(attemptId))))) as Response
		expect(noSeq.status).toBe(400)
		expect(stored(attemptId)).toEqual(before)
	})

	test('submit grades with the posted answers and the same URL becomes the result', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const answers = key(attemptId)
		const response = await postForm(path, cookie, attemptId, {
			intent: 'submit',
			seq: '0',
			q1: answers[0]!.right,
			q2: answers[1]!.right,
			q3: answers[2]!.right,
			q4: answers[3]!.wrong,
		})
		expect(response.status).toBe(303)
		expect(response.headers.get('location')).toBe(path)
		expect(await toastOf(response)).toMatchObject({ key: 'examTaking.toast.submitted' })
		const { data, headers } = await resultPage(path, cookie, attemptId)
		expect(headers.get('Cache-Control')).toBe('no-store')
		expect(data.attempt).toMatchObject({ score: 75, correctCount: 3, questionCount: 4, passed: true, closedBy: 'submit', closedAt: T0.toISOString() })
		expect(data.exam).toMatchObject({ passMark: 75 })
		expect(data.wrongPositions).toEqual([4])
		expect(data.topics.map((t) => t.code)).toEqual(['alpha', 'beta'])
		expect(data.topics.reduce((sum, t) => sum + t.correct, 0)).toBe(3)
		expect(data.topics.map((t) => [t.name, t.nameEn, t.total])).toEqual([
			['甲', 'Alpha', 2],
			['乙', 'Beta', 2],
		])
		expect(data.questions.map((q) => [q.correct, q.chosen])).toEqual([
			[true, answers[0]!.right],
			[true, answers[1]!.right],
			[true, answers[2]!.right],
			[false, answers[3]!.wrong],
		])
		// Autosave after the grade: closed.
		expect(await postAnswer(path, cookie, attemptId, { seq: 1, position: 1, chosen: [] })).toMatchObject({ status: 409, body: { error: 'closed' } })
	})

	test('five submits at once make one grade: one "submitted", four "already submitted", all 303 to the result', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const answers = key(attemptId)
		const fields = { intent: 'submit', seq: '0', q1: answers[0]!.right, q2: answers[1]!.right }
		const responses = await Promise.all([1, 2, 3, 4, 5].map(() => postForm(path, cookie, attemptId, fields)))
		expect(responses.map((r) => [r.status, r.headers.get('location')])).toEqual(Array(5).fill([303, path]))
		const toasts = await Promise.all(responses.map(toastOf))
		expect(toasts.map((t) => t?.key).sort()).toEqual([
			'examTaking.toast.alreadySubmitted',
			'examTaking.toast.alreadySubmitted',
			'examTaking.toast.alreadySubmitted',
			'examTaking.toast.alreadySubmitted',
			'examTaking.toast.submitted',
		])
		const grades = db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'exam.graded'), eq(auditLog.entityId, String(attemptId))))
			.all()
		expect(grades).toHaveLength(1)
		expect(stored(attemptId).attempt).toMatchObject({ status: 'graded', closedBy: 'submit', score: 50 })
	})
})

describe('the deadline', () => {
	test('past it, the page shows the result closed by time, and late writes get 409', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const answers = key(attemptId)
		await postAnswer(path, cookie, attemptId, { seq: 0, position: 1, chosen: answers[0]!.right })
		// In the grace after the shown end the attempt is still open (in-flight saves land).
		setClock(new Date(T0.getTime() + 10 * MINUTE + 10_000))
		expect((await openPage(path, cookie, attemptId)).data.attempt.seq).toBe(1)
		setClock(new Date(T0.getTime() + 10 * MINUTE + 31_000))
		const { data } = await resultPage(path, cookie, attemptId)
		expect(data.attempt).toMatchObject({ closedBy: 'deadline', score: 25, passed: false })
		expect(await postAnswer(path, cookie, attemptId, { seq: 1, position: 2, chosen: answers[1]!.right })).toMatchObject({
			status: 409,
			body: { error: 'closed' },
		})
		const late = await postForm(path, cookie, attemptId, { intent: 'submit', seq: '1', q2: answers[1]!.right })
		expect(late.status).toBe(303)
		expect(await toastOf(late)).toMatchObject({ key: 'examTaking.toast.timeUp' })
		expect(stored(attemptId).questions[1]!.chosen).toBeNull()
	})

	test('an attempt nobody touched closes on the next visit to its page', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		setClock(new Date(T0.getTime() + 60 * MINUTE))
		const { data } = await resultPage(path, cookie, attemptId)
		expect(data.attempt).toMatchObject({ closedBy: 'deadline', score: 0, correctCount: 0 })
		expect(data.attempt.closedAt).toBe(new Date(T0.getTime() + 10 * MINUTE + 30_000).toISOString())
		expect(data.wrongPositions).toEqual([1, 2, 3, 4])
	})
})

describe('review of answers (closed book: after a pass or the last attempt)', () => {
	const explanations = (data: GradedData) => data.questions.map((q) => ('explanation' in q ? q.explanation : undefined))
	const marked = (data: GradedData) => data.questions.flatMap((q) => q.options.filter((o) => 'isAnswer' in o))

	test('hidden after a failed first attempt, and while the second is open; shown once both are used', async () => {
		const first = await openAttempt()
		const wrong = key(first.attemptId)
		await postForm(first.path, first.cookie, first.attemptId, {
			intent: 'submit',
			seq: '0',
			...Object.fromEntries(wrong.map((q) => [`q${q.position}`, q.wrong])),
		})
		const failed = (await resultPage(first.path, first.cookie, first.attemptId)).data
		expect(failed.attempt).toMatchObject({ passed: false, score: 0 })
		expect(failed.reveal).toBe(false)
		expect(explanations(failed)).toEqual([undefined, undefined, undefined, undefined])
		expect(marked(failed)).toEqual([])
		expect(JSON.stringify(failed)).not.toContain('CANARY-EXPLANATION')
		expect(failed.exam).toMatchObject({ review: 'after_pass_or_exhausted', closedBook: true, maxAttempts: 2 })

		// The cooldown is 24 hours; then the second (last) attempt starts.
		setClock(new Date(T0.getTime() + 25 * 60 * MINUTE))
		const secondId = start(first.id)
		const duringSecond = (await resultPage(first.path, first.cookie, first.attemptId)).data
		expect(duringSecond).toMatchObject({ reveal: false, openAttempt: true })
		expect(JSON.stringify(duringSecond)).not.toContain('CANARY-EXPLANATION')

		const secondPath = `/exams/canary/attempts/${secondId}`
		await postForm(secondPath, first.cookie, secondId, { intent: 'submit', seq: '0' })
		const exhausted = (await resultPage(secondPath, first.cookie, secondId)).data
		expect(exhausted).toMatchObject({ reveal: true, openAttempt: false, attempt: { number: 2, passed: false } })
		expect(explanations(exhausted).every((e) => typeof e === 'string' && e.startsWith('CANARY-EXPLANATION-'))).toBe(true)
		// Every question marks its right options, which are exactly the bank's answer.
		const right = key(secondId)
		for (const q of exhausted.questions)
			expect(q.options.filter((o) => 'isAnswer' in o && o.isAnswer).map((o) => o.id)).toEqual(right[q.position - 1]!.right)
		// And the first attempt's review opens too.
		expect((await resultPage(first.path, first.cookie, first.attemptId)).data.reveal).toBe(true)
	})

	test('shown at once after a pass', async () => {
		const { attemptId, path, cookie } = await openAttempt()
		const answers = key(attemptId)
		await postForm(path, cookie, attemptId, {
			intent: 'submit',
			seq: '0',
			...Object.fromEntries(answers.map((q) => [`q${q.position}`, q.right])),
		})
		const { data } = await resultPage(path, cookie, attemptId)
		expect(data).toMatchObject({ reveal: true, attempt: { score: 100, passed: true }, wrongPositions: [] })
		expect(explanations(data).filter(Boolean)).toHaveLength(4)
	})
})
