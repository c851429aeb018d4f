import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { BackLink, Badge, Button, Card, ConfirmDialog, FormErrors, Input, useErrorText } from '#app/components/ui/index.ts'
import { hashPassword, passwordProblem } from '#app/modules/auth/password.server.ts'
import {
	editIntents,
	setPasswordSchema,
	updateUserSchema,
	type EditIntent,
} from '#app/modules/auth/user-form.ts'
import {
	getUserForEdit,
	listTeams,
	setUserActive,
	setUserPassword,
	updateUser,
} from '#app/modules/auth/users.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { UserProfileFields } from '#app/components/user-profile-fields.tsx'

function loadTarget(param: string | undefined) {
	const id = Number(param)
	const user = Number.isSafeInteger(id) && id > 0 ? getUserForEdit(id) : null
	if (!user) throw new Response('Not found', { status: 404 })
	return user
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, 'admin.editTitle', { name: (data as { user?: { name?: string } } | undefined)?.user?.name ?? '' })

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const user = loadTarget(params.userId)
	return {
		user: {
			id: user.id,
			email: user.email,
			name: user.name,
			positionType: user.positionType,
			teamId: user.teamId,
			hireDate: user.hireDate,
			roles: user.roles,
			hasPassword: user.hasPassword,
			active: user.deactivatedAt === null,
			version: user.updatedAt.getTime(),
		},
		isSelf: actor.id === user.id,
		teams: listTeams(),
		today: businessDate(now()),
	}
}

const IntentSchema = z.object({ intent: z.enum(editIntents) })

function reply(intent: EditIntent, result: SubmissionResult<string[]>) {
	return data({ intent, result }, { status: 400 })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const user = loadTarget(params.userId)
	const formData = await readFormData(request)
	const intent = IntentSchema.safeParse({ intent: formData.get('intent') })
	if (!intent.success) throw badRequest('Unknown intent')
	const here = `/admin/users/${user.id}`

	switch (intent.data.intent) {
		case 'update': {
			const context = { teamIds: listTeams().map((team) => team.id), today: businessDate(now()) }
			const submission = parseWithZod(formData, { schema: updateUserSchema(context) })
			if (submission.status !== 'success') return reply('update', submission.reply())
			const { intent: _, ...changes } = submission.value
			// HR removing their own admin role would leave nobody able to undo it from here.
			if (user.id === actor.id && !changes.roles.includes('hr_admin'))
				return reply('update', submission.reply({ fieldErrors: { roles: ['admin.cannotRemoveOwnAdmin'] } }))
			updateUser(user.id, changes, actor.id)
			return redirectWithToast(here, { key: 'admin.saved' })
		}
		case 'setPassword': {
			const submission = parseWithZod(formData, { schema: setPasswordSchema(user.email, { passwordProblem }) })
			if (submission.status !== 'success') return reply('setPassword', submission.reply({ hideFields: ['password'] }))
			setUserPassword(user.id, await hashPassword(submission.value.password), actor.id)
			return redirectWithToast(here, { key: 'admin.passwordSet' })
		}
		case 'deactivate': {
			if (user.id === actor.id) {
				const submission = parseWithZod(formData, { schema: IntentSchema })
				return reply('deactivate', submission.reply({ formErrors: ['admin.cannotDeactivateSelf'] }))
			}
			if (user.deactivatedAt === null) setUserActive(user.id, false, actor.id)
			return redirectWithToast(here, { key: 'admin.deactivated', values: { name: user.name } })
		}
		case 'reactivate': {
			if (user.deactivatedAt !== null) setUserActive(user.id, true, actor.id)
			return redirectWithToast(here, { key: 'admin.reactivated', values: { name: user.name } })
		}
	}
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function lastResultFor(intent: EditIntent, actionData: ReturnType<typeof useActionData<typeof action>>) {
	return actionData?.intent === intent ? actionData.result : undefined
}

function ProfileForm({ user, teams, today }: Pick<LoaderData, 'user' | 'teams' | 'today'>) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const tr = useErrorText()
	const context = { teamIds: teams.map((team) => team.id), today }
	const [form, fields] = useForm<z.input<ReturnType<typeof updateUserSchema>>, z.output<ReturnType<typeof updateUserSchema>>>({
		id: 'user-update',
		lastResult: lastResultFor('update', actionData),
		defaultValue: {
			intent: 'update',
			name: user.name,
			positionType: user.positionType ?? undefined,
			teamId: user.teamId ?? undefined,
			hireDate: user.hireDate,
			roles: user.roles.filter((r) => r !== 'staff'),
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: updateUserSchema(context) }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<Card aria-labelledby="user-details">
			<h2 id="user-details" className="mb-3 text-lg font-semibold text-slate-900">
				{t('admin.detailsHeading')}
			</h2>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="update" />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<Input label={t('admin.email')} id="user-email" type="email" value={user.email} readOnly />
				<UserProfileFields fields={fields} teams={teams} today={today} />
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					{t('admin.save')}
				</Button>
			</Form>
		</Card>
	)
}

function PasswordForm({ user }: Pick<LoaderData, 'user'>) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const tr = useErrorText()
	const [form, fields] = useForm<z.input<ReturnType<typeof setPasswordSchema>>>({
		id: 'user-password',
		lastResult: lastResultFor('setPassword', actionData),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: setPasswordSchema(user.email) }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<Card aria-labelledby="user-password-heading">
			<h2 id="user-password-heading" className="mb-3 text-lg font-semibold text-slate-900">
				{t('admin.setPassword')}
			</h2>
			{user.hasPassword ? null : (
				<p className="mb-3">
					<Badge tone="warning">{t('admin.noPassword')}</Badge>
				</p>
			)}
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="setPassword" />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<Input
					label={t('account.newPassword')}
					hint={t('admin.setPasswordHint')}
					errors={tr(fields.password.errors)}
					autoComplete="new-password"
					{...getInputProps(fields.password, { type: 'password', ariaDescribedBy: `${fields.password.id}-hint` })}
				/>
				<Button type="submit" variant="secondary" disabled={navigation.state === 'submitting'}>
					{t('admin.setPassword')}
				</Button>
			</Form>
		</Card>
	)
}

function StatusCard({ user, isSelf }: Pick<LoaderData, 'user' | 'isSelf'>) {
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const tr = useErrorText()
	const [form] = useForm({ id: 'user-status', lastResult: lastResultFor('deactivate', actionData) })
	return (
		<Card aria-labelledby="user-status-heading">
			<h2 id="user-status-heading" className="mb-3 text-lg font-semibold text-slate-900">
				{t('admin.status')}
			</h2>
			<p className="mb-4">
				<Badge tone={user.active ? 'success' : 'danger'}>{user.active ? t('admin.active') : t('admin.inactive')}</Badge>
			</p>
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			{!user.active ? (
				<Form method="post">
					<input type="hidden" name="intent" value="reactivate" />
					<Button type="submit" variant="secondary">
						{t('admin.reactivate')}
					</Button>
				</Form>
			) : isSelf ? (
				<p className="text-sm text-slate-700">{t('admin.cannotDeactivateSelf')}</p>
			) : (
				<ConfirmDialog trigger={t('admin.deactivate')} title={t('admin.deactivateConfirm', { name: user.name })}>
					<Form method="post" {...getFormProps(form)}>
						<input type="hidden" name="intent" value="deactivate" />
						<Button type="submit" variant="danger">
							{t('admin.deactivate')}
						</Button>
					</Form>
				</ConfirmDialog>
			)}
		</Card>
	)
}

export default function EditUserPage() {
	const { user, isSelf, teams, today } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<BackLink to="/admin/users">{t('admin.backToUsers')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('admin.editTitle', { name: user.name })}</h1>
			<p className="mb-6">
				<Link to={`/team/${user.id}/tier`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
					{t('learning.override.open')}
				</Link>
			</p>
			<div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
				{/* Keyed by the row's version so a saved change shows what the database now holds. */}
				<ProfileForm key={`profile-${user.version}`} user={user} teams={teams} today={today} />
				<div className="space-y-4">
					<PasswordForm key={`password-${user.version}`} user={user} />
					<StatusCard key={`status-${user.version}`} user={user} isSelf={isSelf} />
				</div>
			</div>
		</>
	)
}
