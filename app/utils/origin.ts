const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence for every state-changing request: the browser's Origin header must name this site
 * (or one listed in ALLOWED_ORIGINS). Token-authenticated API calls carry no ambient credentials,
 * so they are exempt.
 */
export function isOriginAllowed(req: {
	method: string
	path: string
	origin: string | null | undefined
	authorization: string | null | undefined
	selfOrigin: string
	allowedOrigins: readonly string[]
}): boolean {
	if (SAFE_METHODS.has(req.method.toUpperCase())) return true
	if (req.path.startsWith('/api/v1/') && /^Bearer\s+\S+/i.test(req.authorization ?? '')) return true
	if (!req.origin || req.origin === 'null') return false
	return req.origin === req.selfOrigin || req.allowedOrigins.includes(req.origin)
}
