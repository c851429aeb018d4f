import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { recordFocusLoss, saveAnswers, type WriteResult } from '#app/modules/exams/attempts.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { readBody } from '#app/utils/http.server.ts'

/** An autosave is one question's answer and flag; far below this. */
const MAX_BODY_BYTES = 16 * 1024

const AnswerBody = z
	.object({
		type: z.literal('answer').optional(),
		seq: z.number().int().min(0),
		position: z.number().int().min(1),
		chosen: z.array(z.string().min(1).max(16)).max(6),
		flagged: z.boolean().optional(),
	})
	.strict()

const FocusBody = z
	.object({
		type: z.literal('focus'),
		awayMs: z.number().int().min(0).optional(),
	})
	.strict()

function reply(body: unknown, status = 200) {
	return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
}

/** A signed-out fetch gets 401, not the login redirect it would follow into an HTML page. */
function unauthenticated(error: unknown): never {
	throw error instanceof Response && error.status >= 300 && error.status < 400 ? reply({ error: 'unauthenticated' }, 401) : error
}

function refused(result: Exclude<WriteResult, { ok: true }>) {
	if (result.status === 404) return reply({ error: 'not_found' }, 404)
	if (result.status === 409) return reply({ error: result.reason, seq: result.seq }, 409)
	return reply({ error: result.reason, position: result.position }, 400)
}

function reasonOf(error: z.ZodError) {
	const issue = error.issues[0]
	if (!issue) return 'invalid body'
	return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
	if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? ''))
		return { ok: false, response: reply({ error: 'expected a JSON body (content-type: application/json)' }, 400) }
	let bytes: Uint8Array
	try {
		bytes = await readBody(request, MAX_BODY_BYTES)
	} catch (error) {
		if (error instanceof Response && error.status === 413) return { ok: false, response: reply({ error: `body larger than ${MAX_BODY_BYTES} bytes` }, 413) }
		throw error
	}
	try {
		return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown }
	} catch {
		return { ok: false, response: reply({ error: 'malformed JSON' }, 400) }
	}
}

/**
 * Autosave for the taking page (with JavaScript): one question's answer and flag per request,
 * carrying the attempt's sequence number so a stale tab is refused (409); or a focus-loss report.
 * Answers `{ seq, endsAt, now }` so the page can re-sync its countdown.
 */
export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request).catch(unauthenticated)
	if (request.method !== 'POST') return new Response(null, { status: 405, headers: { Allow: 'POST', 'Cache-Control': 'no-store' } })
	const attemptId = /^[1-9]\d{0,14}$/.test(params.attempt ?? '') ? Number(params.attempt) : null
	if (attemptId === null) return reply({ error: 'not_found' }, 404)
	// Ownership, the exam in the URL, the deadline and the sequence number are all checked in the
	// write's own transaction (one round trip: this is the hottest path on exam day).
	const slug = params.exam ?? ''

	const body = await readJson(request)
	if (!body.ok) return body.response
	const raw = body.value
	const isFocus = typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'focus'
	if (isFocus) {
		const parsed = FocusBody.safeParse(raw)
		if (!parsed.success) return reply({ error: reasonOf(parsed.error) }, 400)
		const result = recordFocusLoss(attemptId, user.id, parsed.data.awayMs ?? null, now(), slug)
		if (!result.ok) return refused(result)
		return reply({ seq: result.seq, endsAt: result.endsAt.toISOString(), now: now().toISOString() })
	}
	const parsed = AnswerBody.safeParse(raw)
	if (!parsed.success) return reply({ error: reasonOf(parsed.error) }, 400)
	const { seq, position, chosen, flagged } = parsed.data
	const result = saveAnswers(attemptId, user.id, seq, [{ position, chosen, flagged }], now(), slug)
	if (!result.ok) return refused(result)
	return reply({ seq: result.seq, endsAt: result.endsAt.toISOString(), now: now().toISOString() })
}

/** Nothing to read here: answers reach the page through its own loader. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request).catch(unauthenticated)
	return new Response(null, { status: 405, headers: { Allow: 'POST', 'Cache-Control': 'no-store' } })
}
