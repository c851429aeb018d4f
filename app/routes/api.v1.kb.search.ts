import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { examLockFor } from '#app/modules/exams/lock.server.ts'
import { searchAndRecordGaps } from '#app/modules/knowledge/search.server.ts'
import { apiError, apiJson, methodNotAllowed, requireApiToken, type ApiErrorCode } from '#app/utils/api-auth.server.ts'
import { requestProtocol } from '#app/utils/request.server.ts'

const QuerySchema = z.object({
	q: z.string().trim().min(1),
	limit: z.coerce.number().int().min(1).max(20).default(5),
})

const plain = (segments: ReadonlyArray<{ text: string }>) => segments.map((s) => s.text).join('')

/**
 * Closed book reaches the API too: a token acts for the person who owns it, and while that person has
 * a closed-book attempt open the knowledge base answers 423 and names the exam.
 */
function examInProgress(userId: number, origin: string): Response | null {
	const lock = examLockFor(userId)
	if (!lock) return null
	const code: ApiErrorCode = 'exam_in_progress'
	return apiJson(
		{
			error: { code, message: 'The knowledge base is locked while a closed-book exam is in progress.' },
			exam: { href: lock.href, url: origin + lock.href, title: lock.title, titleEn: lock.titleEn, endsAt: lock.endsAt },
		},
		{ status: 423 },
	)
}

/** Knowledge-base search for IM bots: the best few articles for a question, with links to open them. */
export async function loader({ request }: LoaderFunctionArgs) {
	const token = await requireApiToken(request, 'bot:read')
	const url = new URL(request.url)
	const origin = `${requestProtocol(request)}://${url.host}`
	const locked = examInProgress(token.createdById, origin)
	if (locked) return locked
	const parsed = QuerySchema.safeParse({
		q: url.searchParams.get('q') ?? '',
		limit: url.searchParams.get('limit') || undefined,
	})
	if (!parsed.success) {
		const field = parsed.error.issues[0]?.path[0] === 'limit' ? 'limit' : 'q'
		return apiError(
			400,
			'invalid_request',
			field === 'q' ? 'The q parameter (the search text) is required.' : 'The limit parameter must be a whole number from 1 to 20.',
		)
	}
	const { q, limit } = parsed.data
	const result = searchAndRecordGaps(q, { limit })
	// Only punctuation left after normalising: nothing to search for (the web page would browse instead).
	if (result.query.terms.length === 0) return apiJson({ query: result.query.display, truncated: result.query.truncated, relaxedTerms: null, total: 0, results: [] })
	return apiJson({
		query: result.query.display,
		truncated: result.query.truncated,
		/** Set when nothing contained the query as typed and these words of it were searched instead. */
		relaxedTerms: result.relaxedTerms,
		total: result.total,
		results: result.hits.map((hit) => ({
			slug: hit.slug,
			title: plain(hit.title),
			titleEn: hit.titleEn,
			type: hit.type,
			snippet: plain(hit.snippet),
			url: `${origin}/kb/${hit.slug}`,
		})),
	})
}

export async function action({ request }: ActionFunctionArgs) {
	await requireApiToken(request, 'bot:read')
	return methodNotAllowed(request, ['GET'])
}
