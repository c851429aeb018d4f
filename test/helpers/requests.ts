import { startSession } from '#app/utils/auth.server.ts'

export const ORIGIN = 'http://localhost:3000'

/** The Cookie header of a signed-in browser for `userId`. */
export async function sessionCookieFor(userId: number): Promise<string> {
	const setCookie = await startSession(new Request(`${ORIGIN}/login`), userId)
	return setCookie.split(';')[0]!
}

export function getRequest(path: string, { cookie }: { cookie?: string } = {}) {
	return new Request(ORIGIN + path, { headers: cookie ? { cookie } : {} })
}

/** A form POST as a browser sends it (urlencoded, with Origin). */
export function formRequest(path: string, fields: Record<string, string | string[]>, { cookie }: { cookie?: string } = {}) {
	const body = new URLSearchParams()
	for (const [key, value] of Object.entries(fields))
		for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
	const headers: Record<string, string> = {
		'content-type': 'application/x-www-form-urlencoded',
		origin: ORIGIN,
		'x-remote-address': '203.0.113.7',
	}
	if (cookie) headers.cookie = cookie
	return new Request(ORIGIN + path, { method: 'POST', headers, body })
}

/** Runs a loader/action and returns the thrown or returned Response (Remix throws redirects). */
export async function settle<T>(fn: () => Promise<T>): Promise<T | Response> {
	try {
		return await fn()
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}
