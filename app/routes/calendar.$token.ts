import type { LoaderFunctionArgs } from '@remix-run/node'
import { feedIcs } from '#app/modules/sharing/calendar.server.ts'
import { userForFeedToken } from '#app/modules/sharing/feed-tokens.server.ts'
import { requestProtocol } from '#app/utils/request.server.ts'

/**
 * A person's subscription feed. Public URL `/calendar/<token>.ics`, rewritten by the server to this
 * route's `/calendar/<token>` (server/ics-rewrite.ts).
 */
// public: calendar apps fetch without a cookie; the token in the URL is the credential (feed-tokens.server.ts).
export function loader({ request, params }: LoaderFunctionArgs) {
	const token = params.token ?? ''
	const userId = /^[A-Za-z0-9]+$/.test(token) ? userForFeedToken(token) : null
	// Unknown, replaced and revoked tokens look the same: nothing tells which ones once existed.
	if (userId === null) return new Response('No such calendar feed', { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
	return new Response(feedIcs(userId, baseUrl(request)), {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'inline; filename="ascent-sessions.ics"',
			'Cache-Control': 'private, no-store',
		},
	})
}

function baseUrl(request: Request) {
	return `${requestProtocol(request)}://${new URL(request.url).host}`
}
