import type { LoaderFunctionArgs } from '@remix-run/node'
import { sessionIcs } from '#app/modules/sharing/calendar.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { requestProtocol } from '#app/utils/request.server.ts'

/**
 * One session as an .ics download, for anyone signed in. Public URL `/sessions/:id.ics`; the server
 * rewrites it to this route's `/sessions/:id/ics` (server/ics-rewrite.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireUser(request)
	const id = /^\d{1,15}$/.test(params.id ?? '') ? Number(params.id) : NaN
	const ics = Number.isSafeInteger(id) ? sessionIcs(id, baseUrl(request)) : null
	if (ics === null) return new Response('No such sharing session', { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
	return new Response(ics, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="session-${id}.ics"`,
			'Cache-Control': 'no-store',
		},
	})
}

function baseUrl(request: Request) {
	return `${requestProtocol(request)}://${new URL(request.url).host}`
}
