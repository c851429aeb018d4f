import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { listDirectory } from '#app/modules/auth/user-directory.server.ts'
import { apiError, apiJson, methodNotAllowed, requireApiToken } from '#app/utils/api-auth.server.ts'

const QuerySchema = z.object({
	email: z.string().trim().pipe(z.email().max(254)).optional(),
})

/** The people directory for HR systems and IM bots mapping their accounts to ours. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireApiToken(request, 'users:read')
	const params = new URL(request.url).searchParams
	const query = QuerySchema.safeParse({ email: params.get('email') ?? undefined })
	if (!query.success) return apiError(400, 'invalid_request', 'The email parameter is not a valid email address.')
	return apiJson({ users: listDirectory({ email: query.data.email }) })
}

export async function action({ request }: ActionFunctionArgs) {
	await requireApiToken(request, 'users:read')
	return methodNotAllowed(request, ['GET'])
}
