import { describe, expect, test } from 'vitest'
import { API_TOKEN_PREFIX, generateApiToken, generateToken, hashToken } from '#app/modules/auth/tokens.ts'

describe('session tokens', () => {
	test('are 32 base32 characters (160 random bits) and never repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, generateToken))
		expect(tokens.size).toBe(1000)
		for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/)
	})

	test('hash to the SHA-256 hex of the token', () => {
		// echo -n "abc" | sha256sum
		expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
		expect(hashToken('abc')).not.toBe(hashToken('abd'))
	})

	test('API tokens carry a recognisable prefix', () => {
		const token = generateApiToken()
		expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true)
		expect(token).toHaveLength(API_TOKEN_PREFIX.length + 32)
	})
})
