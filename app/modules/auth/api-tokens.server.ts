import { desc, eq } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { apiTokens, type ApiScope as StoredApiScope, type ApiToken } from '#db/schema/auth.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { hasScope, normalizeScopes, type ApiScope, type RequiredScope } from './api-scopes.ts'
import { generateApiToken, hashToken } from './tokens.ts'

// The form's scope list and the stored one must name the same scopes; this fails to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _scopeListsAgree: Same<ApiScope, StoredApiScope> = true

/** A token as the application sees it: everything but the hash. */
export type ApiTokenInfo = Omit<ApiToken, 'tokenHash'>

/** Enough of the token to recognise it in a list ("asc_" and four characters). */
const PREFIX_LENGTH = 8

const infoColumns = {
	id: apiTokens.id,
	name: apiTokens.name,
	prefix: apiTokens.prefix,
	scopes: apiTokens.scopes,
	createdById: apiTokens.createdById,
	createdAt: apiTokens.createdAt,
	lastUsedAt: apiTokens.lastUsedAt,
	revokedAt: apiTokens.revokedAt,
}

/**
 * Issues a token. The plaintext is returned here and nowhere else: only its SHA-256 is stored, so a
 * lost token is revoked and replaced, never recovered.
 */
export function createApiToken(input: { name: string; scopes: readonly ApiScope[]; createdById: number }): {
	id: number
	token: string
} {
	const name = input.name.trim()
	const scopes = normalizeScopes(input.scopes)
	if (!name) throw new Error('An API token needs a name')
	if (!scopes) throw new Error(`Invalid API token scopes: ${JSON.stringify(input.scopes)}`)
	const token = generateApiToken()
	const prefix = token.slice(0, PREFIX_LENGTH)
	const id = getDb().transaction((tx) => {
		const row = tx
			.insert(apiTokens)
			.values({ name, tokenHash: hashToken(token), prefix, scopes, createdById: input.createdById, createdAt: now() })
			.returning({ id: apiTokens.id })
			.get()
		recordAudit(tx, {
			actorId: input.createdById,
			action: 'api_token.create',
			entity: 'api_token',
			entityId: row.id,
			data: { name, prefix, scopes },
		})
		return row.id
	})
	return { id, token }
}

/** Every token, newest first, revoked ones included (HR sees what was cut off and when). */
export function listApiTokens(): ApiTokenInfo[] {
	return getDb().select(infoColumns).from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)).all()
}

/**
 * Cuts a token off at once. Revoking an already revoked token changes nothing (its first revocation
 * time stands and no second audit row is written). Null when there is no such token.
 */
export function revokeApiToken(id: number, actorId: number): ApiTokenInfo | null {
	return getDb().transaction((tx) => {
		const row = tx.select(infoColumns).from(apiTokens).where(eq(apiTokens.id, id)).get()
		if (!row) return null
		if (row.revokedAt) return row
		const revokedAt = now()
		tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, id)).run()
		recordAudit(tx, {
			actorId,
			action: 'api_token.revoke',
			entity: 'api_token',
			entityId: id,
			data: { name: row.name, prefix: row.prefix },
		})
		return { ...row, revokedAt }
	})
}

export type ApiTokenAuth =
	| { ok: true; token: ApiTokenInfo }
	| { ok: false; status: 401; reason: 'invalid_token' }
	| { ok: false; status: 403; reason: 'insufficient_scope' }

/**
 * Checks a presented bearer token. Unknown and revoked tokens are indistinguishable to the caller
 * (401); a valid token without the scope gets 403. Any valid token counts as used, even when refused
 * for scope, so "last used" tells HR which integrations are still calling.
 */
export function authenticateApiToken(token: string, requiredScope: RequiredScope): ApiTokenAuth {
	const db = getDb()
	const row = db.select(infoColumns).from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token))).get()
	if (!row || row.revokedAt) return { ok: false, status: 401, reason: 'invalid_token' }
	const lastUsedAt = now()
	db.update(apiTokens).set({ lastUsedAt }).where(eq(apiTokens.id, row.id)).run()
	if (!hasScope(row.scopes, requiredScope)) return { ok: false, status: 403, reason: 'insufficient_scope' }
	return { ok: true, token: { ...row, lastUsedAt } }
}
