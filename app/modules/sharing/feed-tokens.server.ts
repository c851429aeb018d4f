import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { createCookie } from '@remix-run/node'
import { and, eq, isNull } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { calendarFeedTokens } from '#db/schema/sharing.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { hashToken } from '#app/modules/auth/tokens.ts'
import { now } from '#app/utils/clock.server.ts'

/**
 * Personal calendar subscriptions. Calendar apps fetch the feed without a cookie, so the URL carries
 * the credential: 256 random bits, of which only the SHA-256 is stored (a leaked table gives no feed).
 * One token per person; issuing a new one replaces the old, and the old URL stops working at once.
 */

const TOKEN_BYTES = 32
/** base32 of 32 bytes is 52 characters; anything much longer is not ours and is not hashed. */
const TOKEN_MAX_LENGTH = 64

function generateFeedToken(): string {
	const bytes = new Uint8Array(TOKEN_BYTES)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

/** A new feed token for `userId`, replacing any earlier one. The plaintext is returned here only. */
export function issueFeedToken(userId: number): string {
	const token = generateFeedToken()
	getDb().transaction(
		(tx) => {
			const replaced = tx.select({ userId: calendarFeedTokens.userId }).from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, userId)).get() !== undefined
			const values = { userId, tokenHash: hashToken(token), createdAt: now() }
			tx.insert(calendarFeedTokens)
				.values(values)
				.onConflictDoUpdate({ target: calendarFeedTokens.userId, set: { tokenHash: values.tokenHash, createdAt: values.createdAt } })
				.run()
			recordAudit(tx, { actorId: userId, action: 'calendar_feed.issue', entity: 'calendar_feed_token', entityId: userId, data: { replaced } })
		},
		{ behavior: 'immediate' },
	)
	return token
}

/** Cuts the feed off. False when there was nothing to revoke (no audit row then). */
export function revokeFeedToken(userId: number): boolean {
	return getDb().transaction(
		(tx) => {
			const removed = tx.delete(calendarFeedTokens).where(eq(calendarFeedTokens.userId, userId)).returning({ userId: calendarFeedTokens.userId }).all()
			if (removed.length === 0) return false
			recordAudit(tx, { actorId: userId, action: 'calendar_feed.revoke', entity: 'calendar_feed_token', entityId: userId, data: {} })
			return true
		},
		{ behavior: 'immediate' },
	)
}

/** Whose feed a presented token opens; null for an unknown, replaced or revoked token, or a deactivated person. */
export function userForFeedToken(token: string): number | null {
	if (!token || token.length > TOKEN_MAX_LENGTH) return null
	const row = getDb()
		.select({ userId: calendarFeedTokens.userId })
		.from(calendarFeedTokens)
		.innerJoin(users, eq(users.id, calendarFeedTokens.userId))
		.where(and(eq(calendarFeedTokens.tokenHash, hashToken(token)), isNull(users.deactivatedAt)))
		.get()
	return row?.userId ?? null
}

export function hasFeedToken(userId: number): boolean {
	return getDb().select({ userId: calendarFeedTokens.userId }).from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, userId)).get() !== undefined
}

/**
 * The address just issued, carried across the redirect after issuing (so a reload neither issues a
 * new one nor loses it) and shown once: the page reads it and clears it. Only this person's browser
 * holds it, for a minute at most, and only for /sessions.
 */
const freshFeedCookie = createCookie('ascent_feed', { httpOnly: true, sameSite: 'lax', path: '/sessions', maxAge: 60 })

export async function freshFeedHeader(feedUrl: string) {
	return freshFeedCookie.serialize(feedUrl)
}

/** The address to show once (or null) and the header that forgets it. */
export async function popFreshFeed(request: Request): Promise<{ feedUrl: string | null; setCookie: string | null }> {
	const raw: unknown = await freshFeedCookie.parse(request.headers.get('cookie'))
	if (typeof raw !== 'string' || !raw) return { feedUrl: null, setCookie: null }
	return { feedUrl: raw, setCookie: await freshFeedCookie.serialize('', { maxAge: 0 }) }
}
