import { getCollectionProps, getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Badge, Button, Card, CardTitle, ConfirmDialog, EmptyState, FormErrors, Input, Table, Td, Th, Tr, useErrorText } from '#app/components/ui/index.ts'
import { API_SCOPES, type ApiScope } from '#app/modules/auth/api-scopes.ts'
import { createApiToken, listApiTokens, revokeApiToken } from '#app/modules/auth/api-tokens.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { AdminTabs } from '#app/components/admin-tabs.tsx'

const CreateTokenSchema = z.object({
	name: z
		.string({ error: 'validation.tokenName' })
		.trim()
		.min(1, { error: 'validation.tokenName' })
		.max(60, { error: 'validation.tokenName' }),
	scopes: z
		.array(z.enum(API_SCOPES, { error: 'validation.scopes' }), { error: 'validation.scopes' })
		.min(1, { error: 'validation.scopes' }),
})

const RevokeTokenSchema = z.object({ id: z.coerce.number().int().positive() })

/** The one-time plaintext (and the list) must not sit in a browser or proxy cache. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'admin.tokensTitle')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	return { tokens: listApiTokens() }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)

	if (formData.get('intent') === 'revoke') {
		const submission = parseWithZod(formData, { schema: RevokeTokenSchema })
		if (submission.status !== 'success') throw badRequest('Missing or invalid token id')
		const revoked = revokeApiToken(submission.value.id, user.id)
		if (!revoked) throw new Response('No such API token', { status: 404, statusText: 'Not Found' })
		return redirectWithToast('/admin/tokens', { key: 'admin.tokenRevokedToast', values: { name: revoked.name } })
	}

	const submission = parseWithZod(formData, { schema: CreateTokenSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), created: null }, { status: 400 })
	const { token } = createApiToken({ ...submission.value, createdById: user.id })
	// The plaintext is in this response only; no later request can get it back.
	return { result: submission.reply({ resetForm: true }), created: { name: submission.value.name, token } }
}

function useScopeLabel() {
	const { t } = useTranslation()
	// Scope names contain ':', i18next's namespace separator; look them up as plain keys.
	return (scope: ApiScope) => t(`apiScopes.${scope}`, { nsSeparator: false })
}

/** The one look at a new token: selectable text always, a copy button once JavaScript has loaded. */
function NewToken({ name, token }: { name: string; token: string }) {
	const { t } = useTranslation()
	const id = useId()
	const input = useRef<HTMLInputElement>(null)
	const [canCopy, setCanCopy] = useState(false)
	const [copied, setCopied] = useState(false)
	useEffect(() => setCanCopy(true), [])

	async function copy() {
		input.current?.select()
		try {
			await navigator.clipboard.writeText(token)
			setCopied(true)
		} catch {
			// No clipboard (plain http, permissions): the text stays selected for Ctrl+C.
		}
	}

	return (
		<div className="rounded-lg border border-green-300 bg-green-50 p-4 shadow-sm sm:p-6">
			<p className="font-medium text-green-900">
				{t('admin.tokenCreated')} <span className="font-semibold">{name}</span>
			</p>
			<label htmlFor={id} className="mt-3 block text-sm font-medium text-slate-800">
				{t('admin.tokenValue')}
			</label>
			<div className="mt-1 flex flex-col gap-2 sm:flex-row">
				<input
					ref={input}
					id={id}
					readOnly
					value={token}
					spellCheck={false}
					autoComplete="off"
					aria-describedby={`${id}-hint`}
					onFocus={(e) => e.currentTarget.select()}
					className="block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 sm:text-sm"
				/>
				{canCopy ? (
					<Button variant="secondary" onClick={copy}>
						{copied ? t('ui.copied') : t('ui.copy')}
					</Button>
				) : null}
			</div>
			<p id={`${id}-hint`} className="mt-2 text-sm text-slate-700">
				{t('admin.tokenCopyHint')}
			</p>
			<p className="sr-only" aria-live="polite">
				{copied ? t('ui.copied') : ''}
			</p>
		</div>
	)
}

function CreateTokenForm() {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const scopeLabel = useScopeLabel()
	const [form, fields] = useForm<z.input<typeof CreateTokenSchema>>({
		id: 'create-token',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateTokenSchema }),
		shouldRevalidate: 'onBlur',
	})
	const tr = useErrorText()
	const scopesHintId = `${fields.scopes.id}-hint`
	const scopeErrors = tr(fields.scopes.errors)

	return (
		<Card>
			<CardTitle>{t('admin.tokenCreate')}</CardTitle>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<Input
					label={t('admin.tokenName')}
					hint={t('admin.tokenNameHint')}
					errors={tr(fields.name.errors)}
					autoComplete="off"
					{...getInputProps(fields.name, { type: 'text', ariaDescribedBy: `${fields.name.id}-hint` })}
				/>
				<fieldset aria-describedby={scopeErrors?.length ? `${scopesHintId} ${fields.scopes.errorId}` : scopesHintId}>
					<legend className="text-sm font-medium text-slate-800">{t('admin.tokenScopes')}</legend>
					<p id={scopesHintId} className="text-sm text-slate-600">
						{t('admin.tokenScopesHint')}
					</p>
					<div className="mt-2 space-y-1">
						{getCollectionProps(fields.scopes, { type: 'checkbox', options: [...API_SCOPES] }).map(
							({ key, ...props }) => (
								<label key={key} htmlFor={props.id} className="flex min-h-11 items-center gap-3 text-sm text-slate-900">
									<input {...props} className="h-5 w-5 shrink-0 accent-brand-700" />
									<span>
										{scopeLabel(props.value as ApiScope)}{' '}
										<code className="text-xs text-slate-600">{props.value}</code>
									</span>
								</label>
							),
						)}
					</div>
					{scopeErrors?.length ? (
						<ul id={fields.scopes.errorId} className="mt-1 space-y-0.5 text-sm text-red-700">
							{scopeErrors.map((e) => (
								<li key={e}>{e}</li>
							))}
						</ul>
					) : null}
				</fieldset>
				<Button type="submit" name="intent" value="create" disabled={navigation.state === 'submitting'}>
					{t('admin.tokenCreate')}
				</Button>
			</Form>
		</Card>
	)
}

export default function AdminTokens() {
	const { tokens } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const scopeLabel = useScopeLabel()
	const when = (instant: Date) => formatDateTime(instant, i18n.language)

	return (
		<>
			<AdminTabs />
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('admin.tokensTitle')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('admin.tokensIntro')}</p>

			<div role="status" className={actionData?.created ? 'mb-6' : undefined}>
				{actionData?.created ? <NewToken name={actionData.created.name} token={actionData.created.token} /> : null}
			</div>

			<div className="mb-8 max-w-2xl">
				<CreateTokenForm />
			</div>

			<h2 className="mb-3 text-lg font-semibold text-slate-900">{t('admin.tokenList')}</h2>
			{tokens.length === 0 ? (
				<EmptyState title={t('admin.noTokens')} />
			) : (
				<Table caption={t('admin.tokenList')}>
					<thead>
						<tr>
							<Th>{t('admin.tokenName')}</Th>
							<Th>{t('admin.tokenPrefix')}</Th>
							<Th>{t('admin.tokenScopes')}</Th>
							<Th>{t('admin.tokenCreatedAt')}</Th>
							<Th>{t('admin.tokenLastUsed')}</Th>
							<Th>{t('admin.status')}</Th>
							<Th>{t('admin.actions')}</Th>
						</tr>
					</thead>
					<tbody>
						{tokens.map((token) => (
							<Tr key={token.id}>
								<Td className="min-w-32 font-medium">{token.name}</Td>
								<Td>
									<code className="whitespace-nowrap">{token.prefix}…</code>
								</Td>
								<Td>
									<ul className="flex min-w-40 flex-wrap gap-1">
										{token.scopes.map((scope) => (
											<li key={scope}>
												<Badge tone="brand">{scopeLabel(scope)}</Badge>
											</li>
										))}
									</ul>
								</Td>
								<Td className="whitespace-nowrap">{when(token.createdAt)}</Td>
								<Td className="whitespace-nowrap">
									{token.lastUsedAt ? when(token.lastUsedAt) : t('admin.tokenNeverUsed')}
								</Td>
								<Td>
									{token.revokedAt ? (
										<span className="flex flex-col items-start gap-1">
											<Badge>{t('admin.tokenRevoked')}</Badge>
											<span className="text-xs whitespace-nowrap text-slate-600">
												{t('admin.tokenRevokedAt', { date: when(token.revokedAt) })}
											</span>
										</span>
									) : (
										<Badge tone="success">{t('admin.tokenActive')}</Badge>
									)}
								</Td>
								<Td>
									{token.revokedAt ? null : (
										<ConfirmDialog
											trigger={t('admin.tokenRevoke')}
											title={t('admin.tokenRevokeConfirm', { name: token.name })}
										>
											<Form method="post">
												<input type="hidden" name="id" value={token.id} />
												<Button type="submit" variant="danger" name="intent" value="revoke">
													{t('admin.tokenRevoke')}
												</Button>
											</Form>
										</ConfirmDialog>
									)}
								</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			)}
		</>
	)
}
