import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { BackLink, Button, ButtonLink, Card, FormErrors, Input, useErrorText } from '#app/components/ui/index.ts'
import { hashPassword, passwordProblem } from '#app/modules/auth/password.server.ts'
import { createUserSchema } from '#app/modules/auth/user-form.ts'
import { createUser, findUserByEmail, listTeams } from '#app/modules/auth/users.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { UserProfileFields } from '#app/components/user-profile-fields.tsx'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'admin.newTitle')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	return { teams: listTeams(), today: businessDate(now()) }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	const context = { teamIds: listTeams().map((team) => team.id), today: businessDate(now()) }
	const submission = parseWithZod(formData, {
		schema: createUserSchema(context, { isEmailTaken: (email) => Boolean(findUserByEmail(email)), passwordProblem }),
	})
	if (submission.status !== 'success')
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })

	const { password, ...fields } = submission.value
	const passwordHash = password ? await hashPassword(password) : null
	// Checked again after the await above: no other request can slip in between this and the insert.
	if (findUserByEmail(fields.email))
		return data(
			{ result: submission.reply({ fieldErrors: { email: ['validation.emailTaken'] }, hideFields: ['password'] }) },
			{ status: 400 },
		)
	const userId = createUser({ ...fields, passwordHash }, actor.id)
	return redirectWithToast(`/admin/users/${userId}`, { key: 'admin.created', values: { name: fields.name } })
}

export default function NewUserPage() {
	const { teams, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const context = { teamIds: teams.map((team) => team.id), today }
	const [form, fields] = useForm<z.input<ReturnType<typeof createUserSchema>>, z.output<ReturnType<typeof createUserSchema>>>({
		id: 'create-user',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: createUserSchema(context) }),
		shouldRevalidate: 'onBlur',
	})
	const tr = useErrorText()
	const passwordHint = `${fields.password.id}-hint`

	return (
		<>
			<BackLink to="/admin/users">{t('admin.backToUsers')}</BackLink>
			<h1 className="mb-6 text-2xl font-bold text-slate-900">{t('admin.newTitle')}</h1>
			<Card className="max-w-2xl">
				<Form method="post" className="space-y-4" {...getFormProps(form)}>
					<FormErrors id={form.errorId} errors={tr(form.errors)} />
					<Input
						label={t('admin.email')}
						errors={tr(fields.email.errors)}
						autoComplete="off"
						inputMode="email"
						{...getInputProps(fields.email, { type: 'email' })}
					/>
					<UserProfileFields fields={fields} teams={teams} today={today} />
					<Input
						label={t('admin.initialPassword')}
						hint={t('admin.initialPasswordHint')}
						errors={tr(fields.password.errors)}
						autoComplete="new-password"
						{...getInputProps(fields.password, { type: 'password', ariaDescribedBy: passwordHint })}
					/>
					<div className="flex flex-wrap gap-3">
						<Button type="submit" disabled={navigation.state === 'submitting'}>
							{t('admin.create')}
						</Button>
						<ButtonLink to="/admin/users" variant="secondary">
							{t('admin.cancel')}
						</ButtonLink>
					</div>
				</Form>
			</Card>
		</>
	)
}
