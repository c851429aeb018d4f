import { describe, expect, test } from 'vitest'
import { checkPassword, PASSWORD_MAX } from '#app/modules/auth/password-policy.ts'
import { passwordProblem } from '#app/modules/auth/password.server.ts'

const isCommon = (p: string) => ['password', '12345678', 'qwertyuiop'].includes(p)

describe('password policy', () => {
	test.each([
		['short', 'passwordTooShort'],
		['1234567', 'passwordTooShort'],
		['x'.repeat(PASSWORD_MAX + 1), 'passwordTooLong'],
		['Password', 'passwordCommon'],
		['12345678', 'passwordCommon'],
		['li.na@example.com', 'passwordIsEmail'],
		['LI.NA@EXAMPLE.COM', 'passwordIsEmail'],
		['correct horse battery', null],
		['x'.repeat(64), null],
		['销售冠军2026年度目标', null],
	] as const)('%s → %s', (password, expected) => {
		expect(checkPassword(password, { email: 'li.na@example.com', isCommon })).toBe(expected)
	})

	test('allows at least 64 characters', () => {
		expect(PASSWORD_MAX).toBeGreaterThanOrEqual(64)
	})

	test('the server check refuses passwords from the real common-password list', () => {
		expect(passwordProblem('password1')).toBe('passwordCommon')
		expect(passwordProblem('iloveyou')).toBe('passwordCommon')
		expect(passwordProblem('ascent-demo')).toBeNull()
	})
})
