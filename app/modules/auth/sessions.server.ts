import { eq, sql } from 'drizzle-orm'
import { getDb, prepared } from '#db/client.server.ts'
import { sessions } from '#db/schema/auth.ts'
import { now } from '#app/utils/clock.server.ts'
import { generateToken, hashToken } from './tokens.ts'
import { loadAuthUser, type AuthUser } from './users.server.ts'

const DAY = 24 * 60 * 60 * 1000
export const SESSION_TTL_MS = 30 * DAY
/** Past half its life, a used session is pushed out to a full 30 days again. */
const RENEW_WITHIN_MS = 15 * DAY

export type SessionValidation = {
	user: AuthUser
	sessionId: string
	expiresAt: Date
	/** True when the expiry moved, so the cookie must be sent again. */
	renewed: boolean
}

/** A fresh token at every login; only its hash is stored. */
export function createSession(userId: number): { token: string; expiresAt: Date } {
	const token = generateToken()
	const expiresAt = new Date(now().getTime() + SESSION_TTL_MS)
	getDb()
		.insert(sessions)
		.values({ id: hashToken(token), userId, expiresAt, createdAt: now() })
		.run()
	return { token, expiresAt }
}

export function validateSessionToken(token: string): SessionValidation | null {
	const db = getDb()
	const id = hashToken(token)
	// Every signed-in request runs this: prepared once per connection.
	const session = prepared('session.byId', (d) =>
		d
			.select()
			.from(sessions)
			.where(eq(sessions.id, sql.placeholder('id')))
			.prepare(),
	).get({ id })
	if (!session) return null
	const at = now().getTime()
	if (at >= session.expiresAt.getTime()) {
		db.delete(sessions).where(eq(sessions.id, id)).run()
		return null
	}
	const user = loadAuthUser(session.userId)
	if (!user) {
		db.delete(sessions).where(eq(sessions.id, id)).run()
		return null
	}
	let expiresAt = session.expiresAt
	let renewed = false
	if (at >= expiresAt.getTime() - RENEW_WITHIN_MS) {
		expiresAt = new Date(at + SESSION_TTL_MS)
		db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run()
		renewed = true
	}
	return { user, sessionId: id, expiresAt, renewed }
}

export function invalidateSession(sessionId: string) {
	getDb().delete(sessions).where(eq(sessions.id, sessionId)).run()
}

export function invalidateUserSessions(userId: number) {
	getDb().delete(sessions).where(eq(sessions.userId, userId)).run()
}
