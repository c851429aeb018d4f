import { and, desc, eq, gt, sql } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { loginAttempts } from '#db/schema/auth.ts'
import { now } from '#app/utils/clock.server.ts'
import { verifyDecoy, verifyPassword } from './password.server.ts'
import { findUserByEmail, normalizeEmail } from './users.server.ts'
import { retryAfterSeconds } from './rate-limit.ts'

export const LOGIN_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_IP = 30

export type LoginResult =
	| { ok: true; userId: number }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rateLimited'; retryAfter: number }

/**
 * Checks the limits first, then the password. Unknown emails, wrong passwords, deactivated and
 * password-less accounts all give the same `invalid`, and are counted against the same limits.
 */
export async function attemptLogin({
	email: rawEmail,
	password,
	ip,
}: {
	email: string
	password: string
	ip: string
}): Promise<LoginResult> {
	const db = getDb()
	const email = normalizeEmail(rawEmail)
	const at = now().getTime()
	const since = new Date(at - LOGIN_WINDOW_MS)

	const lastSuccess = db
		.select({ at: loginAttempts.at })
		.from(loginAttempts)
		.where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, true)))
		.orderBy(desc(loginAttempts.at))
		.limit(1)
		.get()
	const accountFrom = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since
	const accountFailures = db
		.select({ at: loginAttempts.at })
		.from(loginAttempts)
		.where(
			and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, accountFrom)),
		)
		.orderBy(loginAttempts.at)
		.all()
		.map((r) => r.at.getTime())
	const ipFailures = db
		.select({ at: loginAttempts.at })
		.from(loginAttempts)
		.where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)))
		.orderBy(loginAttempts.at)
		.all()
		.map((r) => r.at.getTime())

	const wait = Math.max(
		retryAfterSeconds(accountFailures, { limit: MAX_FAILURES_PER_ACCOUNT, windowMs: LOGIN_WINDOW_MS, now: at }),
		retryAfterSeconds(ipFailures, { limit: MAX_FAILURES_PER_IP, windowMs: LOGIN_WINDOW_MS, now: at }),
	)
	if (wait > 0) return { ok: false, reason: 'rateLimited', retryAfter: wait }

	const user = findUserByEmail(email)
	const usable = user && user.passwordHash && user.deactivatedAt === null
	const valid = usable ? await verifyPassword(user.passwordHash!, password) : await verifyDecoy(password)

	db.insert(loginAttempts).values({ email, ip, succeeded: valid, at: new Date(at) }).run()
	// Old attempts only matter inside the window; keep the table small.
	db.delete(loginAttempts)
		.where(sql`${loginAttempts.at} < ${at - 24 * 60 * 60 * 1000}`)
		.run()
	return valid && user ? { ok: true, userId: user.id } : { ok: false, reason: 'invalid' }
}
