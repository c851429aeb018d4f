import type { RequiredScope } from '#app/modules/auth/api-scopes.ts'
import { authenticateApiToken, type ApiTokenInfo } from '#app/modules/auth/api-tokens.server.ts'

/**
 * Stable machine-readable codes of /api/v1 errors. Messages are English and may change; integrations
 * should branch on the code.
 */
export type ApiErrorCode =
	| 'unauthorized'
	| 'invalid_token'
	| 'insufficient_scope'
	| 'invalid_request'
	| 'method_not_allowed'
	/** 423: the token's owner has a closed-book exam open (the body's `exam` says which). */
	| 'exam_in_progress'

const REALM = 'Bearer realm="ascent"'

/** JSON for an API client; never cached, since every answer depends on who asked. */
export function apiJson(body: unknown, init: ResponseInit = {}): Response {
	const headers = new Headers(init.headers)
	headers.set('Cache-Control', 'no-store')
	return Response.json(body, { ...init, headers })
}

export function apiError(status: number, code: ApiErrorCode, message: string, headers?: HeadersInit): Response {
	return apiJson({ error: { code, message } }, { status, headers })
}

/** RFC 6750 token characters; anything else in the header is not a bearer token. */
const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i

export function bearerToken(request: Request): string | null {
	return BEARER.exec(request.headers.get('authorization') ?? '')?.[1] ?? null
}

/**
 * The guard of every /api/v1 loader and action. Only the Authorization header counts: a browser's
 * session cookie is ambient and would make the API forgeable cross-site, so it is ignored here.
 * Pass `ANY_VALID_TOKEN` as the scope for endpoints any token may call.
 */
export async function requireApiToken(request: Request, scope: RequiredScope): Promise<ApiTokenInfo> {
	const token = bearerToken(request)
	if (!token)
		throw apiError(401, 'unauthorized', 'Send an API token as "Authorization: Bearer <token>".', {
			'WWW-Authenticate': REALM,
		})
	const auth = authenticateApiToken(token, scope)
	if (auth.ok) return auth.token
	if (auth.status === 401)
		throw apiError(401, 'invalid_token', 'The API token is unknown or has been revoked.', {
			'WWW-Authenticate': `${REALM}, error="invalid_token"`,
		})
	throw apiError(403, 'insufficient_scope', `This endpoint needs a token with the "${scope}" scope.`, {
		'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="${scope}"`,
	})
}

/** For API routes' actions: after the token check, a method the endpoint does not take. */
export function methodNotAllowed(request: Request, allow: readonly string[]): Response {
	return apiError(
		405,
		'method_not_allowed',
		`${request.method} is not supported here; use ${allow.join(' or ')}.`,
		{ Allow: allow.join(', ') },
	)
}
