import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

/** 160 random bits, base32: the secret a cookie or an API client holds (Lucia's session guide). */
export function generateToken(): string {
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

/** What the database keeps instead of the token: a leaked table gives no usable session. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export const API_TOKEN_PREFIX = 'asc_'

export function generateApiToken(): string {
	return API_TOKEN_PREFIX + generateToken()
}
