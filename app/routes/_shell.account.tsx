import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { BadgeList, LevelCard } from '#app/components/gamification/index.ts'
import { Button, Card, FormErrors, Input, useErrorText } from '#app/components/ui/index.ts'
import { badgesOf } from '#app/modules/gamification/badges.server.ts'
import { pointsSummary } from '#app/modules/gamification/points.server.ts'
import { hashPassword, passwordProblem, verifyPassword } from '#app/modules/auth/password.server.ts'
import { changePasswordSchema } from '#app/modules/auth/user-form.ts'
import { getPasswordHash, setUserPassword } from '#app/modules/auth/users.server.ts'
import { endSession, requireUser } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

const HIDDEN = ['currentPassword', 'newPassword', 'confirmPassword']

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'account.title')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return { email: user.email, name: user.name, level: pointsSummary(user.id), badges: badgesOf(user.id) }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: changePasswordSchema(user.email, { passwordProblem }) })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 })

	const { currentPassword, newPassword } = submission.value
	const storedHash = getPasswordHash(user.id)
	if (!storedHash || !(await verifyPassword(storedHash, currentPassword)))
		return data(
			{ result: submission.reply({ fieldErrors: { currentPassword: ['account.currentWrong'] }, hideFields: HIDDEN }) },
			{ status: 400 },
		)

	// Ends every session, this one included: a stolen session must not outlive the old password.
	setUserPassword(user.id, await hashPassword(newPassword), user.id)
	const clearCookie = await endSession(request)
	return redirectWithToast('/login', { key: 'account.changed' }, { headers: { 'Set-Cookie': clearCookie } })
}

export default function AccountPage() {
	const { email, name, level, badges } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const [form, fields] = useForm<z.input<ReturnType<typeof changePasswordSchema>>>({
		id: 'change-password',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema(email) }),
		shouldRevalidate: 'onBlur',
	})
	const tr = useErrorText()
	const newHint = `${fields.newPassword.id}-hint`

	return (
		<>
			<h1 className="mb-1 text-2xl font-bold text-slate-900">{t('account.title')}</h1>
			<p className="mb-6 text-sm text-slate-700">
				{name} · {email}
			</p>
			<div className="mb-6 grid max-w-4xl gap-4 md:grid-cols-2 *:min-w-0">
				<LevelCard level={level} />
				<Card aria-labelledby="my-badges">
					<h2 id="my-badges" className="mb-3 text-lg font-semibold text-slate-900">
						{t('points.page.mineHeading')}
					</h2>
					<BadgeList badges={badges} empty={t('points.page.mineEmpty')} />
				</Card>
			</div>
			<Card className="max-w-lg" aria-labelledby="password-heading">
				<h2 id="password-heading" className="mb-3 text-lg font-semibold text-slate-900">
					{t('account.passwordHeading')}
				</h2>
				<Form method="post" className="space-y-4" {...getFormProps(form)}>
					<FormErrors id={form.errorId} errors={tr(form.errors)} />
					{/* Lets password managers file the new password under the right account. */}
					<input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
					<Input
						label={t('account.currentPassword')}
						errors={tr(fields.currentPassword.errors)}
						autoComplete="current-password"
						{...getInputProps(fields.currentPassword, { type: 'password' })}
					/>
					<Input
						label={t('account.newPassword')}
						hint={t('account.passwordHint')}
						errors={tr(fields.newPassword.errors)}
						autoComplete="new-password"
						{...getInputProps(fields.newPassword, { type: 'password', ariaDescribedBy: newHint })}
					/>
					<Input
						label={t('account.confirmPassword')}
						errors={tr(fields.confirmPassword.errors)}
						autoComplete="new-password"
						{...getInputProps(fields.confirmPassword, { type: 'password' })}
					/>
					<Button type="submit" disabled={navigation.state === 'submitting'}>
						{t('account.submit')}
					</Button>
				</Form>
			</Card>
		</>
	)
}
