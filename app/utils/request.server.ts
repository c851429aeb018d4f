import { getEnv } from './env.server.ts'

/** The protocol the browser used: https behind a trusted proxy counts as https. */
export function requestProtocol(request: Request): 'http' | 'https' {
	const forwarded = getEnv().TRUST_PROXY ? request.headers.get('x-forwarded-proto') : null
	const proto = forwarded?.split(',')[0]?.trim() ?? new URL(request.url).protocol.replace(':', '')
	return proto === 'https' ? 'https' : 'http'
}

export function clientIp(request: Request): string {
	if (getEnv().TRUST_PROXY) {
		const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
		if (forwarded) return forwarded
	}
	return request.headers.get('x-remote-address') ?? 'unknown'
}
