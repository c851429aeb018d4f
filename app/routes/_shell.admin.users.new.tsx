import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { Button, ButtonLink, Card, FormErrors, Input, Select } from '#app/components/ui/index.ts'
import { hashPassword, passwordProblem } from '#app/modules/auth/password.server.ts'
import { assignableRoles, createUserSchema, positionOptions } from '#app/modules/auth/user-form.ts'
import { createUser, findUserByEmail, listTeams } from '#app/modules/auth/users.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

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
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const context = { teamIds: teams.map((team) => team.id), today }
	const [form, fields] = useForm<z.input<ReturnType<typeof createUserSchema>>, z.output<ReturnType<typeof createUserSchema>>>({
		id: 'create-user',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: createUserSchema(context) }),
		shouldRevalidate: 'onBlur',
	})
	const tr = (errors?: string[]) => errors?.map((e) => t(e as never) as string)
	const passwordHint = `${fields.password.id}-hint`

	return (
		<>
			<p className="mb-2 text-sm">
				<Link to="/admin/users" className="text-brand-700 underline">
					{t('admin.backToUsers')}
				</Link>
			</p>
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
					<Input
						label={t('admin.name')}
						errors={tr(fields.name.errors)}
						autoComplete="off"
						{...getInputProps(fields.name, { type: 'text' })}
					/>
					<Select label={t('admin.position')} errors={tr(fields.positionType.errors)} {...getSelectProps(fields.positionType)}>
						<option value="">{t('positions.none')}</option>
						{positionOptions.map((p) => (
							<option key={p} value={p}>
								{t(`positions.${p}`)}
							</option>
						))}
					</Select>
					<Select label={t('admin.team')} errors={tr(fields.teamId.errors)} {...getSelectProps(fields.teamId)}>
						<option value="">{t('admin.noTeam')}</option>
						{teams.map((team) => (
							<option key={team.id} value={team.id}>
								{en ? `${team.nameEn} (${team.regionEn})` : `${team.nameZh}（${team.regionZh}）`}
							</option>
						))}
					</Select>
					<Input
						label={t('admin.hireDate')}
						errors={tr(fields.hireDate.errors)}
						max={today}
						{...getInputProps(fields.hireDate, { type: 'date' })}
					/>
					<fieldset className="space-y-2" aria-describedby={`${fields.roles.id}-hint`}>
						<legend className="text-sm font-medium text-slate-800">{t('admin.roles')}</legend>
						<p id={`${fields.roles.id}-hint`} className="text-sm text-slate-600">
							{t('admin.rolesHint')}
						</p>
						<div className="flex flex-wrap gap-x-6 gap-y-2">
							{getCollectionProps(fields.roles, { type: 'checkbox', options: [...assignableRoles] }).map(
								({ key, ...props }) => (
									<label key={key} className="inline-flex min-h-11 items-center gap-2 text-sm text-slate-900">
										<input {...props} className="size-5 rounded border-slate-400" />
										{t(`roles.${props.value as (typeof assignableRoles)[number]}`)}
									</label>
								),
							)}
						</div>
						{fields.roles.errors?.length ? (
							<p id={fields.roles.errorId} className="text-sm text-red-700">
								{tr(fields.roles.errors)?.join(' ')}
							</p>
						) : null}
					</fieldset>
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
