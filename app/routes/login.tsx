import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation, useRouteLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Button, Card, FormErrors, Input, ToastMessage, useErrorText } from '#app/components/ui/index.ts'
import { attemptLogin } from '#app/modules/auth/login.server.ts'
import { requireAnonymous, safeRedirect, startSession } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { clientIp } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import type { loader as rootLoader } from '#app/root.tsx'

const LoginSchema = z.object({
	email: z
		.string({ error: 'validation.email' })
		.trim()
		.pipe(z.email({ error: 'validation.email' }).max(254, { error: 'validation.email' })),
	// Any length is checked against the hash; the policy applies when a password is set, not here.
	password: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(1024),
	redirectTo: z.string().optional(),
})

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'login.title')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: LoginSchema })
	if (submission.status !== 'success')
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })

	const { email, password, redirectTo } = submission.value
	const outcome = await attemptLogin({ email, password, ip: clientIp(request) })
	if (outcome.ok) {
		return redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': await startSession(request, outcome.userId) } })
	}
	if (outcome.reason === 'rateLimited') {
		const t = await getT(request)
		return data(
			{
				result: submission.reply({
					formErrors: [t('login.rateLimited', { minutes: Math.ceil(outcome.retryAfter / 60) })],
					hideFields: ['password'],
				}),
			},
			{ status: 429, headers: { 'Retry-After': String(outcome.retryAfter) } },
		)
	}
	return data(
		{ result: submission.reply({ fieldErrors: { password: ['login.invalid'] }, hideFields: ['password'] }) },
		{ status: 400 },
	)
}

export default function LoginPage() {
	const actionData = useActionData<typeof action>()
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const [form, fields] = useForm<z.input<typeof LoginSchema>>({
		id: 'login',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
		shouldRevalidate: 'onBlur',
	})
	const tr = useErrorText()
	const nextLng = t('nav.switchTo')
	const switchParams = new URLSearchParams(searchParams)
	switchParams.set('lng', root?.locale === 'en' ? 'zh-CN' : 'en')

	return (
		<main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
			<div className="mb-6 flex items-center justify-between">
				<p className="text-xl font-bold text-brand-800">{t('app.fullName')}</p>
				<a
					href={`?${switchParams}`}
					lang={root?.locale === 'en' ? 'zh-CN' : 'en'}
					className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-slate-800 hover:bg-slate-100"
				>
					{nextLng}
				</a>
			</div>
			<Card>
				<h1 className="text-2xl font-bold text-slate-900">{t('login.heading')}</h1>
				<p className="mt-1 mb-5 text-sm text-slate-700">{t('login.intro')}</p>
				<ToastMessage toast={root?.toast ?? null} />
				<Form method="post" className="space-y-4" {...getFormProps(form)}>
					<FormErrors id={form.errorId} errors={form.errors} />
					<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
					<Input
						label={t('login.email')}
						errors={tr(fields.email.errors)}
						autoComplete="username"
						inputMode="email"
						{...getInputProps(fields.email, { type: 'email' })}
					/>
					<Input
						label={t('login.password')}
						errors={tr(fields.password.errors)}
						autoComplete="current-password"
						{...getInputProps(fields.password, { type: 'password' })}
					/>
					<Button type="submit" className="w-full" disabled={navigation.state === 'submitting'}>
						{t('login.submit')}
					</Button>
				</Form>
			</Card>
			<p className="mt-6 text-center text-sm text-slate-600">{t('app.tagline')}</p>
		</main>
	)
}
