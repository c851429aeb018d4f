/**
 * What an /api/v1 token may do. The list mirrors `apiScopes` in db/schema/auth.ts (checked at compile
 * time in api-tokens.server.ts) but lives here too, so the admin form's schema can run in the browser
 * without pulling the database schema into the client bundle.
 */
export const API_SCOPES = ['kpi:write', 'kpi:read', 'users:read', 'bot:read'] as const
export type ApiScope = (typeof API_SCOPES)[number]

/** Passed as the required scope by endpoints that any valid token may call (e.g. /api/v1/me). */
export const ANY_VALID_TOKEN = null
export type RequiredScope = ApiScope | typeof ANY_VALID_TOKEN

export function isApiScope(value: unknown): value is ApiScope {
	return typeof value === 'string' && (API_SCOPES as readonly string[]).includes(value)
}

/**
 * A scope list as stored: known scopes only, each once, in the canonical order (so two tokens with the
 * same rights look the same in lists and audit rows). Null when the list is empty or names an unknown
 * scope — a token with no rights, or with rights we don't understand, is a mistake to refuse.
 */
export function normalizeScopes(values: readonly unknown[]): ApiScope[] | null {
	if (values.length === 0 || !values.every(isApiScope)) return null
	return API_SCOPES.filter((scope) => values.includes(scope))
}

/** Scopes are flat: holding one grants nothing else (kpi:write does not imply kpi:read). */
export function hasScope(granted: readonly ApiScope[], required: RequiredScope): boolean {
	return required === ANY_VALID_TOKEN || granted.includes(required)
}
