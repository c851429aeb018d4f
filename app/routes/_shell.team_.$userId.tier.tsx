import { getFormProps, getSelectProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { TierLockReasons } from '#app/components/learning.tsx'
import { ReasonField as Reason } from '#app/components/reason-field.tsx'
import { Badge, Button, Card, FormErrors, Select, useErrorText } from '#app/components/ui/index.ts'
import { clearTierOverride, setTierOverride, tierOverridePage } from '#app/modules/learning/tier-override.server.ts'
import { tiers } from '#app/modules/learning/tier.ts'
import { requireManagerOf } from '#app/utils/auth.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const reason = z
	.string({ error: 'learning.override.reasonTooShort' })
	.trim()
	.min(5, { error: 'learning.override.reasonTooShort' })
	.max(500, { error: 'learning.override.reasonTooLong' })
const SetSchema = z.object({ intent: z.literal('set'), tier: z.enum(tiers, { error: 'learning.override.tierRequired' }), reason })
const ClearSchema = z.object({ intent: z.literal('clear'), reason })
const ActionSchema = z.discriminatedUnion('intent', [SetSchema, ClearSchema])

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data ? pageTitle(matches, 'learning.override.title', { name: data.person.name }) : pageTitle(matches, 'errors.notFoundTitle')

function loadPerson(userId: number) {
	const page = Number.isSafeInteger(userId) && userId > 0 ? tierOverridePage(userId) : null
	if (!page) throw new Response('No such person', { status: 404, statusText: 'Not Found' })
	return page
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const userId = Number(params.userId)
	// The person's own manager or HR; nobody sets their own tier.
	await requireManagerOf(request, userId)
	return loadPerson(userId)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const userId = Number(params.userId)
	const actor = await requireManagerOf(request, userId)
	loadPerson(userId)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: ActionSchema })
	const intent = formData.get('intent') === 'clear' ? 'clear' : 'set'
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	const here = `/team/${userId}/tier`
	if (submission.value.intent === 'set') {
		setTierOverride(actor.id, userId, submission.value.tier, submission.value.reason)
		return redirectWithToast(here, { key: 'learning.override.saved' })
	}
	if (!clearTierOverride(actor.id, userId, submission.value.reason))
		return data({ intent, result: submission.reply({ formErrors: ['learning.override.nothingToClear'] }) }, { status: 400 })
	return redirectWithToast(here, { key: 'learning.override.cleared' })
}

function ReasonField({ field, hintId }: { field: FieldMetadata<string>; hintId: string }) {
	const { t } = useTranslation()
	return <Reason field={field} hintId={hintId} label={t('learning.override.reason')} hint={t('learning.override.reasonHint')} />
}

function SetForm({ currentOverride }: { currentOverride: string | undefined }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const tr = useErrorText()
	const [form, fields] = useForm<z.input<typeof SetSchema>>({
		id: 'tier-override-set',
		lastResult: actionData?.intent === 'set' ? actionData.result : undefined,
		defaultValue: { intent: 'set', tier: currentOverride },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SetSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Card aria-labelledby="override-set">
			<h2 id="override-set" className="mb-3 text-lg font-semibold text-slate-900">
				{t('learning.override.setHeading')}
			</h2>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="set" />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<Select label={t('learning.override.tier')} errors={tr(fields.tier.errors)} {...getSelectProps(fields.tier)}>
					<option value="">{t('learning.override.choose')}</option>
					{tiers.map((tier) => (
						<option key={tier} value={tier}>
							{t(`tiers.${tier}`)}
						</option>
					))}
				</Select>
				<ReasonField field={fields.reason} hintId="override-set-reason-hint" />
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					{t('learning.override.submitSet')}
				</Button>
			</Form>
		</Card>
	)
}

function ClearForm() {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const tr = useErrorText()
	const [form, fields] = useForm<z.input<typeof ClearSchema>>({
		id: 'tier-override-clear',
		lastResult: actionData?.intent === 'clear' ? actionData.result : undefined,
		defaultValue: { intent: 'clear' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ClearSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Card aria-labelledby="override-clear">
			<h2 id="override-clear" className="mb-1 text-lg font-semibold text-slate-900">
				{t('learning.override.clearHeading')}
			</h2>
			<p className="mb-3 text-sm text-slate-700">{t('learning.override.clearHint')}</p>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="clear" />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<ReasonField field={fields.reason} hintId="override-clear-reason-hint" />
				<Button type="submit" variant="secondary" disabled={navigation.state === 'submitting'}>
					{t('learning.override.submitClear')}
				</Button>
			</Form>
		</Card>
	)
}

export default function TierOverridePage() {
	const { person, current, tiers: states, override, examTitles } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	// Keyed by the override in force so a saved change resets the forms to what the database holds.
	const version = override ? `${override.tier}-${new Date(override.setAt).getTime()}` : 'none'
	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('learning.override.title', { name: person.name })}</h1>
			<p className="mb-2 max-w-prose text-sm text-slate-700">{t('learning.override.intro')}</p>
			<p className="mb-6">
				<Link to={`/team/${person.id}/exams`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
					{t('learning.override.examsLink')}
				</Link>
			</p>
			<div className="grid gap-4 lg:grid-cols-2">
				<Card aria-labelledby="override-states">
					<h2 id="override-states" className="mb-3 text-lg font-semibold text-slate-900">
						{t('learning.override.statesHeading')}
					</h2>
					<dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
						<dt className="text-slate-700">{t('learning.override.currentTier')}</dt>
						<dd className="text-slate-900">
							<Badge tone="brand">{t(`tiers.${current}`)}</Badge>
						</dd>
						<dt className="text-slate-700">{t('learning.override.hireDate')}</dt>
						<dd className="text-slate-900">{person.hireDate}</dd>
					</dl>
					<ul className="space-y-3">
						{states.map((state) => (
							<li key={state.tier} className="rounded-md border border-slate-200 p-3">
								<p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
									{t(`tiers.${state.tier}`)}
									{state.open ? (
										<Badge tone="success">{t('learning.open')}</Badge>
									) : (
										<Badge tone="warning">{t('learning.locked')}</Badge>
									)}
								</p>
								{state.open ? null : (
									<div className="mt-2">
										<TierLockReasons tier={state.tier} locks={state.locks} examTitles={examTitles} />
									</div>
								)}
							</li>
						))}
					</ul>
					<h3 className="mt-4 mb-1 text-sm font-semibold text-slate-900">{t('learning.override.activeHeading')}</h3>
					{override ? (
						<div className="text-sm text-slate-800">
							<p>
								{t('learning.override.active', {
									name: override.setByName,
									time: formatDateTime(override.setAt, i18n.language),
									tier: t(`tiers.${override.tier}`),
								})}
							</p>
							<p className="mt-1 break-words">{t('learning.override.activeReason', { reason: override.reason })}</p>
						</div>
					) : (
						<p className="text-sm text-slate-800">{t('learning.override.none')}</p>
					)}
				</Card>
				<div className="space-y-4">
					<SetForm key={`set-${version}`} currentOverride={override?.tier} />
					{override ? <ClearForm key={`clear-${version}`} /> : null}
				</div>
			</div>
		</>
	)
}
