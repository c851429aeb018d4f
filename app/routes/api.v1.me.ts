import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { ANY_VALID_TOKEN } from '#app/modules/auth/api-scopes.ts'
import { apiJson, methodNotAllowed, requireApiToken } from '#app/utils/api-auth.server.ts'

/** Lets an integration check its token: which one it is and what it may do. */
export async function loader({ request }: LoaderFunctionArgs) {
	const token = await requireApiToken(request, ANY_VALID_TOKEN)
	const { name, scopes, createdAt, lastUsedAt } = token
	return apiJson({ token: { name, scopes, createdAt, lastUsedAt } })
}

export async function action({ request }: ActionFunctionArgs) {
	await requireApiToken(request, ANY_VALID_TOKEN)
	return methodNotAllowed(request, ['GET'])
}
