import { z } from 'zod'

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

/**
 * The part of the password rule a browser can check too. Messages are i18n keys
 * (`validation.*`), translated where they are shown.
 */
export const passwordShape = z
	.string({ error: 'validation.required' })
	.min(PASSWORD_MIN, { error: 'validation.passwordTooShort' })
	.max(PASSWORD_MAX, { error: 'validation.passwordTooLong' })

export type PasswordProblem = 'passwordTooShort' | 'passwordTooLong' | 'passwordCommon' | 'passwordIsEmail'

/** Pure: the full rule, given the list of common passwords to refuse. */
export function checkPassword(
	password: string,
	{ email, isCommon }: { email?: string; isCommon: (candidate: string) => boolean },
): PasswordProblem | null {
	if (password.length < PASSWORD_MIN) return 'passwordTooShort'
	if (password.length > PASSWORD_MAX) return 'passwordTooLong'
	const lowered = password.toLowerCase()
	if (isCommon(lowered)) return 'passwordCommon'
	if (email && (lowered === email.toLowerCase() || lowered === email.toLowerCase().split('@')[0]))
		return 'passwordIsEmail'
	return null
}
