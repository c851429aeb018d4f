import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { NominationsTable } from '#app/components/gamification/index.ts'
import { CellInput, useProblemTexts } from '#app/components/kpi/index.ts'
import { TextareaField } from '#app/components/textarea-field.tsx'
import { BackLink, Button, Card, EmptyState, FormErrors, Input, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { decisionSchema, highValueSchema, NOTE_MAX, pointRulesSchema } from '#app/modules/gamification/badges.ts'
import { decidedNominations, decideNomination, pendingNominations } from '#app/modules/gamification/badges.server.ts'
import { highValueAmount, pointRulesList, updateHighValueAmount, updatePointRules } from '#app/modules/gamification/rules.server.ts'
import { formatMoney, formatPeriod } from '#app/modules/performance/format.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { forbidden, requireRole } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'points.admin.title')

const nominationView = (n: ReturnType<typeof pendingNominations>[number]) => ({
	id: n.id,
	name: n.name,
	month: n.month,
	reason: n.reason,
	nominatedBy: n.nominatedBy,
	status: n.status,
	decisionNote: n.decisionNote,
})

/** HR's points page: the price list, the 高价值客户开发奖 amount, and the 月度之星 nominations to decide. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	return data(
		{
			rules: pointRulesList().map(({ source, points, dailyCap }) => ({ source, points, dailyCap })),
			highValueAmount: highValueAmount(),
			pending: pendingNominations().map(nominationView),
			decided: decidedNominations().map(nominationView),
		},
		{ headers: NO_STORE },
	)
}

type Intent = 'rules' | 'highValue' | 'decide'

const reply = (intent: Intent, result: SubmissionResult<string[]>, nominationId: number | null = null) =>
	data({ intent, nominationId, result }, { status: 400, headers: NO_STORE })

/**
 * Intents `rules` (the whole price list), `highValue` (the amount) and `decide` (one nomination).
 * Bad input is a field error with 400 and nothing written.
 */
export async function action({ request }: ActionFunctionArgs) {
	const hr = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent === 'rules') {
		const submission = parseWithZod(formData, { schema: pointRulesSchema })
		if (submission.status !== 'success') return reply(intent, submission.reply())
		const saved = updatePointRules(hr, submission.value.rules)
		if (!saved.ok) {
			if ('reason' in saved) throw forbidden()
			return reply(intent, submission.reply({ fieldErrors: saved.fieldErrors, formErrors: saved.formErrors }))
		}
		return redirectWithToast('/admin/gamification', saved.changed ? { key: 'points.admin.rulesSaved', values: { count: saved.changed } } : { key: 'points.admin.rulesUnchanged', kind: 'info' })
	}
	if (intent === 'highValue') {
		const submission = parseWithZod(formData, { schema: highValueSchema })
		if (submission.status !== 'success') return reply(intent, submission.reply())
		const saved = updateHighValueAmount(hr, submission.value.amount)
		if (!saved.ok) {
			if ('reason' in saved) throw forbidden()
			return reply(intent, submission.reply({ fieldErrors: saved.fieldErrors, formErrors: saved.formErrors }))
		}
		return redirectWithToast('/admin/gamification', { key: 'points.admin.amountSaved', values: { amount: submission.value.amount.toLocaleString('en') } })
	}
	if (intent === 'decide') {
		const raw = Number(formData.get('nominationId'))
		const nominationId = Number.isSafeInteger(raw) ? raw : null
		const submission = parseWithZod(formData, { schema: decisionSchema })
		if (submission.status !== 'success') return reply(intent, submission.reply(), nominationId)
		const { decision, note } = submission.value
		const nomination = pendingNominations().find((n) => n.id === submission.value.nominationId)
		const decided = decideNomination(hr, submission.value.nominationId, decision, note)
		if (!decided.ok) {
			if ('reason' in decided) throw decided.reason === 'forbidden' ? forbidden() : new Response('Not found', { status: 404 })
			return reply(intent, submission.reply({ fieldErrors: decided.fieldErrors, formErrors: decided.formErrors }), nominationId)
		}
		const values = { name: nomination?.name ?? '', month: nomination?.month ?? '' }
		return redirectWithToast('/admin/gamification', { key: decision === 'confirmed' ? 'points.admin.confirmed' : 'points.admin.declined', values })
	}
	throw badRequest('Unknown intent')
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
/** The price list as the form holds it: text as typed, a blank cap meaning none. */
type RulesInput = { rules: Array<{ source: string; points: string; dailyCap: string }> }
type ActionData = ReturnType<typeof useActionData<typeof action>>

function RulesForm({ rules, lastResult }: { rules: LoaderData['rules']; lastResult?: SubmissionResult<string[]> }) {
	const { t } = useTranslation()
	const problems = useProblemTexts()
	const navigation = useNavigation()
	const [form, fields] = useForm<RulesInput, z.output<typeof pointRulesSchema>>({
		id: 'point-rules',
		lastResult,
		defaultValue: { rules: rules.map((r) => ({ source: r.source, points: String(r.points), dailyCap: r.dailyCap === null ? '' : String(r.dailyCap) })) },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: pointRulesSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const rows = fields.rules.getFieldList()
	return (
		<Form method="post" className="space-y-4" aria-labelledby="rules-heading" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="rules" />
			<FormErrors id={form.errorId} errors={problems([...(form.errors ?? []), ...(fields.rules.errors ?? [])])} />
			<Table caption={t('points.admin.rulesCaption')}>
				<thead>
					<tr>
						<Th>{t('points.admin.source')}</Th>
						<Th>{t('points.admin.points')}</Th>
						<Th>{t('points.admin.cap')}</Th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row, i) => {
						const rule = rules[i]!
						const cells = row.getFieldset()
						const source = t(`points.sources.${rule.source}`)
						return (
							<Tr key={row.key}>
								<Th scope="row" className="bg-white align-top font-medium whitespace-normal text-slate-900">
									<input type="hidden" name={cells.source.name} value={rule.source} />
									{source}
								</Th>
								<Td>
									<CellInput field={cells.points} label={t('points.admin.pointsOf', { source })} inputMode="numeric" />
								</Td>
								<Td>
									<CellInput field={cells.dailyCap} label={t('points.admin.capOf', { source })} inputMode="numeric" />
								</Td>
							</Tr>
						)
					})}
				</tbody>
			</Table>
			<Button type="submit" disabled={navigation.state === 'submitting'}>
				{t('points.admin.rulesSubmit')}
			</Button>
		</Form>
	)
}

function HighValueForm({ amount, lastResult }: { amount: number; lastResult?: SubmissionResult<string[]> }) {
	const { t, i18n } = useTranslation()
	const problems = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof highValueSchema>, z.output<typeof highValueSchema>>({
		id: 'high-value',
		lastResult,
		defaultValue: { amount: String(amount) },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: highValueSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="flex flex-wrap items-end gap-3" aria-labelledby="high-value-heading" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="highValue" />
			<FormErrors id={form.errorId} errors={problems(form.errors)} />
			<p className="w-full text-sm text-slate-800">{t('points.admin.current', { amount: formatMoney(amount, i18n.language) })}</p>
			<Input
				label={t('points.admin.amount')}
				hint={t('points.admin.amountHint')}
				errors={problems(fields.amount.errors)}
				className="w-64"
				inputMode="decimal"
				autoComplete="off"
				{...getInputProps(fields.amount, { type: 'text', ariaDescribedBy: `${fields.amount.id}-hint` })}
				key={fields.amount.key}
			/>
			<Button type="submit" variant="secondary">
				{t('points.admin.amountSubmit')}
			</Button>
		</Form>
	)
}

function DecisionForm({ nomination, lastResult }: { nomination: LoaderData['pending'][number]; lastResult?: SubmissionResult<string[]> }) {
	const { t, i18n } = useTranslation()
	const problems = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof decisionSchema>, z.output<typeof decisionSchema>>({
		id: `decide-${nomination.id}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
		shouldRevalidate: 'onInput',
	})
	const headingId = `${form.id}-heading`
	return (
		<div className="h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
			<h3 id={headingId} className="text-base font-semibold text-slate-900">
				{t('points.admin.nominationFor', { name: nomination.name, month: formatPeriod(nomination.month, i18n.language) })}
			</h3>
			<p className="mt-1 text-sm text-slate-700">{t('points.admin.nominatedBy', { name: nomination.nominatedBy })}</p>
			<p className="mt-1 text-sm break-words text-slate-800">{t('points.admin.reasonIs', { reason: nomination.reason })}</p>
			<Form method="post" className="mt-3 space-y-3" aria-labelledby={headingId} {...getFormProps(form)}>
				<input type="hidden" name="intent" value="decide" />
				<input type="hidden" name="nominationId" value={nomination.id} />
				<FormErrors id={form.errorId} errors={problems([...(form.errors ?? []), ...(fields.decision.errors ?? []), ...(fields.nominationId.errors ?? [])])} />
				<TextareaField field={fields.note} label={t('points.admin.note')} hint={t('points.admin.noteHint')} errors={problems(fields.note.errors)} maxLength={NOTE_MAX} rows={2} />
				<div className="flex flex-wrap gap-2">
					<Button type="submit" name="decision" value="confirmed">
						{t('points.admin.confirm')}
					</Button>
					<Button type="submit" name="decision" value="declined" variant="secondary">
						{t('points.admin.decline')}
					</Button>
				</div>
			</Form>
		</div>
	)
}

export default function GamificationAdminPage() {
	const { rules, highValueAmount: amount, pending, decided } = useLoaderData<typeof loader>()
	const actionData: ActionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const resultFor = (intent: Intent, nominationId: number | null = null) =>
		actionData?.intent === intent && actionData.nominationId === nominationId ? actionData.result : undefined
	return (
		<>
			<AdminTabs />
			<BackLink to="/admin">{t('points.admin.back')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('points.admin.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('points.admin.intro')}</p>
			<div className="space-y-10">
				<section aria-labelledby="nominations-heading">
					<h2 id="nominations-heading" className="mb-3 text-xl font-semibold text-slate-900">
						{t('points.admin.nominationsHeading')}
					</h2>
					{pending.length === 0 ? (
						<EmptyState title={t('points.admin.nominationsEmpty')} />
					) : (
						<ul className="grid gap-4 md:grid-cols-2 *:min-w-0">
							{pending.map((n) => (
								<li key={n.id}>
									<DecisionForm nomination={n} lastResult={resultFor('decide', n.id)} />
								</li>
							))}
						</ul>
					)}
					<h3 className="mt-6 mb-2 text-lg font-semibold text-slate-900">{t('points.admin.decidedHeading')}</h3>
					<NominationsTable rows={decided} caption={t('points.admin.decidedCaption')} empty={t('points.admin.decidedEmpty')} />
				</section>

				<Card aria-labelledby="rules-heading">
					<h2 id="rules-heading" className="mb-1 text-xl font-semibold text-slate-900">
						{t('points.admin.rulesHeading')}
					</h2>
					<p className="mb-3 max-w-prose text-sm text-slate-700">{t('points.admin.rulesIntro')}</p>
					<RulesForm rules={rules} lastResult={resultFor('rules')} />
				</Card>

				<Card aria-labelledby="high-value-heading">
					<h2 id="high-value-heading" className="mb-1 text-xl font-semibold text-slate-900">
						{t('points.admin.highValueHeading')}
					</h2>
					<p className="mb-3 max-w-prose text-sm text-slate-700">{t('points.admin.highValueIntro')}</p>
					<HighValueForm amount={amount} lastResult={resultFor('highValue')} />
				</Card>
			</div>
		</>
	)
}
