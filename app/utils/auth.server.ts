import { createCookie, redirect } from '@remix-run/node'
import type { Role } from '#db/schema/auth.ts'
import { createSession, invalidateSession, validateSessionToken } from '#app/modules/auth/sessions.server.ts'
import { isManagerOf, type AuthUser } from '#app/modules/auth/users.server.ts'
import { requestProtocol } from './request.server.ts'

export type { AuthUser }

const sessionCookie = createCookie('ascent_session', { httpOnly: true, sameSite: 'lax', path: '/' })

function cookieOptions(request: Request, expires: Date) {
	return { expires, secure: requestProtocol(request) === 'https' }
}

async function readToken(request: Request): Promise<string | null> {
	const value: unknown = await sessionCookie.parse(request.headers.get('cookie'))
	return typeof value === 'string' && value.length > 0 ? value : null
}

/** Who is asking, or null. Also says whether the session cookie needs re-sending (sliding expiry). */
export async function getSession(request: Request) {
	const token = await readToken(request)
	if (!token) return null
	const session = validateSessionToken(token)
	if (!session) return null
	const setCookie = session.renewed
		? await sessionCookie.serialize(token, cookieOptions(request, session.expiresAt))
		: null
	return { ...session, setCookie }
}

export async function getOptionalUser(request: Request): Promise<AuthUser | null> {
	return (await getSession(request))?.user ?? null
}

function loginRedirect(request: Request) {
	const url = new URL(request.url)
	const back = url.pathname + url.search
	const params = back === '/' ? '' : `?${new URLSearchParams({ redirectTo: back })}`
	return redirect(`/login${params}`)
}

/** Every protected loader and action starts here; anonymous requests go to the login page. */
export async function requireUser(request: Request): Promise<AuthUser> {
	const user = await getOptionalUser(request)
	if (!user) throw loginRedirect(request)
	return user
}

export function hasRole(user: Pick<AuthUser, 'roles'>, ...roles: Role[]) {
	return roles.some((r) => user.roles.includes(r))
}

export function forbidden(reason = 'forbidden'): Response {
	return new Response(reason, { status: 403, statusText: 'Forbidden' })
}

/** Signed in and holding one of `roles` (hr_admin is not implied: HR gets what HR is given). */
export async function requireRole(request: Request, ...roles: Role[]): Promise<AuthUser> {
	const user = await requireUser(request)
	if (!hasRole(user, ...roles)) throw forbidden()
	return user
}

/** The person's own manager, or HR. Later domains follow this shape (`requireMentorOf`, …). */
export async function requireManagerOf(request: Request, userId: number): Promise<AuthUser> {
	const user = await requireUser(request)
	if (user.id === userId) throw forbidden()
	if (hasRole(user, 'hr_admin')) return user
	if (hasRole(user, 'manager') && isManagerOf(user.id, userId)) return user
	throw forbidden()
}

/** Pages for signed-out people (login) send signed-in ones home. */
export async function requireAnonymous(request: Request) {
	if (await getOptionalUser(request)) throw redirect('/')
}

export async function startSession(request: Request, userId: number): Promise<string> {
	const { token, expiresAt } = createSession(userId)
	return sessionCookie.serialize(token, cookieOptions(request, expiresAt))
}

export async function endSession(request: Request): Promise<string> {
	const session = await getSession(request)
	if (session) invalidateSession(session.sessionId)
	return sessionCookie.serialize('', { ...cookieOptions(request, new Date(0)), maxAge: 0 })
}

/** A redirect target from a form or query, kept on this site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	return to
}
