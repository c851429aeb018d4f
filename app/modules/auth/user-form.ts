import { z } from 'zod'
import { isIsoDate } from '#app/utils/dates.ts'
import { passwordShape, type PasswordProblem } from './password-policy.ts'

// Mirrors db/schema/auth.ts; repeated because pure rules may not import the schema.
export const positionOptions = ['sales_rep', 'marketing', 'customer_success'] as const
/** Roles HR ticks; `staff` is everyone's and is never a choice. */
export const assignableRoles = ['mentor', 'manager', 'hr_admin'] as const
export type AssignableRole = (typeof assignableRoles)[number]

export const NAME_MAX = 60
export const EMAIL_MAX = 254

export const editIntents = ['update', 'setPassword', 'deactivate', 'reactivate'] as const
export type EditIntent = (typeof editIntents)[number]

/** What the forms are checked against; the loader hands the same values to the browser. */
export type UserFormContext = {
	teamIds: readonly number[]
	/** Today's business date (YYYY-MM-DD); a hire date may not be later. */
	today: string
}

/**
 * Checks only the server can make (database, common-password list), passed in so this file stays
 * pure. The browser leaves them out and the server's answer fills the gap.
 */
export type ServerChecks = {
	isEmailTaken?: (email: string) => boolean
	passwordProblem?: (password: string, email?: string) => PasswordProblem | null
}

const emailField = z
	.string({ error: 'validation.required' })
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'validation.email' }).max(EMAIL_MAX, { error: 'validation.email' }))

function profileShape({ teamIds, today }: UserFormContext) {
	return {
		name: z
			.string({ error: 'validation.required' })
			.trim()
			.min(1, { error: 'validation.required' })
			.max(NAME_MAX, { error: 'validation.nameTooLong' }),
		// An empty select means "none": HR and other people outside the sales line.
		positionType: z
			.enum(positionOptions, { error: 'validation.position' })
			.optional()
			.transform((v) => v ?? null),
		teamId: z
			.number({ error: 'validation.team' })
			.refine((id) => teamIds.includes(id), { error: 'validation.team' })
			.optional()
			.transform((v) => v ?? null),
		hireDate: z
			.string({ error: 'validation.required' })
			.trim()
			.refine(isIsoDate, { error: 'validation.date', abort: true })
			.refine((date) => date <= today, { error: 'validation.dateInFuture' }),
		roles: z
			.array(z.string())
			.refine((roles) => roles.every((r) => (assignableRoles as readonly string[]).includes(r)), {
				error: 'validation.role',
			})
			.transform((roles) => Array.from(new Set(roles)) as AssignableRole[]),
	}
}

function addPasswordProblem(
	ctx: z.RefinementCtx,
	path: string,
	password: string | undefined,
	email: string | undefined,
	checks: ServerChecks,
) {
	if (!password || !checks.passwordProblem) return
	const problem = checks.passwordProblem(password, email)
	// Length is already reported by `passwordShape`; say it once.
	if (problem && problem !== 'passwordTooShort' && problem !== 'passwordTooLong') ctx.addIssue({ code: 'custom', path: [path], message: `validation.${problem}` })
}

export function createUserSchema(context: UserFormContext, checks: ServerChecks = {}) {
	return z
		.object({
			email: emailField,
			...profileShape(context),
			// Optional: an account without a password exists but cannot log in until HR sets one.
			password: passwordShape.optional(),
		})
		.superRefine((value, ctx) => {
			if (checks.isEmailTaken?.(value.email))
				ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation.emailTaken' })
			addPasswordProblem(ctx, 'password', value.password, value.email, checks)
		})
}

export function updateUserSchema(context: UserFormContext) {
	return z.object({ intent: z.literal('update'), ...profileShape(context) })
}

export function setPasswordSchema(email: string | undefined, checks: ServerChecks = {}) {
	return z
		.object({ intent: z.literal('setPassword'), password: passwordShape })
		.superRefine((value, ctx) => addPasswordProblem(ctx, 'password', value.password, email, checks))
}

export function changePasswordSchema(email: string | undefined, checks: ServerChecks = {}) {
	return z
		.object({
			// Any length is compared with the hash; the policy applies to the new one only.
			currentPassword: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(1024),
			newPassword: passwordShape,
			confirmPassword: z.string({ error: 'validation.required' }),
		})
		.superRefine((value, ctx) => {
			if (value.confirmPassword !== value.newPassword)
				ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'validation.passwordMismatch' })
			addPasswordProblem(ctx, 'newPassword', value.newPassword, email, checks)
		})
}
