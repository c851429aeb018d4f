import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { searchAndRecordGaps } from '#app/modules/knowledge/search.server.ts'
import { apiError, apiJson, methodNotAllowed, requireApiToken } from '#app/utils/api-auth.server.ts'
import { requestProtocol } from '#app/utils/request.server.ts'

const QuerySchema = z.object({
	q: z.string().trim().min(1),
	limit: z.coerce.number().int().min(1).max(20).default(5),
})

const plain = (segments: ReadonlyArray<{ text: string }>) => segments.map((s) => s.text).join('')

/** Knowledge-base search for IM bots: the best few articles for a question, with links to open them. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireApiToken(request, 'bot:read')
	const url = new URL(request.url)
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
	const origin = `${requestProtocol(request)}://${url.host}`
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
