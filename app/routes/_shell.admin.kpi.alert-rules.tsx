import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { alertComparisons, type AlertComparison, type Indicator } from '#db/schema/performance.ts'
import { BackLink, Badge, Button, ButtonLink, Card, EmptyState, FormErrors, Input, Select, Table, Td, Th, Tr, useErrorText } from '#app/components/ui/index.ts'
import {
	alertableIndicators,
	listAlertRules,
	saveAlertRule,
	setAlertRuleActive,
} from '#app/modules/performance/alert-rules.server.ts'
import { CONSECUTIVE_MAX, CONSECUTIVE_MIN } from '#app/modules/performance/alerts.ts'
import { formatIndicatorValue, localName } from '#app/modules/performance/format.ts'
import { forbidden, requireRole } from '#app/utils/auth.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const HERE = '/admin/kpi/alert-rules'
const SYMBOLS: Record<AlertComparison, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥' }

/** Shared by the browser and the action; `indicatorIds` are the indicators a rule may watch. */
function ruleSchema(indicatorIds: readonly number[]) {
	const consecutive = { error: 'audit.rules.errors.consecutive' }
	return z.object({
		intent: z.literal('save'),
		id: z.number().int().positive().optional(),
		indicatorId: z
			.number({ error: 'audit.rules.errors.indicator' })
			.int({ error: 'audit.rules.errors.indicator' })
			.refine((id) => indicatorIds.includes(id), { error: 'audit.rules.errors.indicator' }),
		comparison: z.enum(alertComparisons, { error: 'audit.rules.errors.comparison' }),
		// zod 4 numbers are finite: "Infinity" and "NaN" are refused here.
		threshold: z.number({ error: 'audit.rules.errors.threshold' }),
		consecutive: z.number(consecutive).int(consecutive).min(CONSECUTIVE_MIN, consecutive).max(CONSECUTIVE_MAX, consecutive),
	})
}

const ToggleSchema = z.object({ intent: z.enum(['activate', 'deactivate']), id: z.coerce.number().int().positive() })

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'audit.rules.title')

const pick = (i: Pick<Indicator, 'id' | 'code' | 'nameZh' | 'nameEn' | 'unit' | 'grain'>) => ({
	id: i.id,
	code: i.code,
	nameZh: i.nameZh,
	nameEn: i.nameEn,
	unit: i.unit,
	grain: i.grain,
})

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const rules = listAlertRules()
	const editId = Number(new URL(request.url).searchParams.get('edit'))
	const editing = rules.find((r) => r.id === editId) ?? null
	return { rules, indicators: alertableIndicators().map(pick), editing }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	const intent = formData.get('intent')

	if (intent === 'activate' || intent === 'deactivate') {
		const submission = parseWithZod(formData, { schema: ToggleSchema })
		if (submission.status !== 'success') throw badRequest('Missing or invalid rule id')
		const done = setAlertRuleActive(submission.value.id, intent === 'activate', actor)
		if (!done.ok) {
			if (done.reason === 'forbidden') throw forbidden()
			throw new Response('No such alert rule', { status: 404, statusText: 'Not Found' })
		}
		return redirectWithToast(HERE, { key: intent === 'activate' ? 'audit.rules.toasts.activated' : 'audit.rules.toasts.deactivated' })
	}

	if (intent === 'save') {
		const schema = ruleSchema(alertableIndicators().map((i) => i.id))
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
		const { intent: _, ...input } = submission.value
		const saved = saveAlertRule(input, actor)
		if (!saved.ok) {
			if (saved.reason === 'forbidden') throw forbidden()
			const fieldErrors: Record<string, string[]> =
				saved.reason === 'notFound' ? {} : { [saved.reason === 'indicator' ? 'indicatorId' : saved.reason]: [`audit.rules.errors.${saved.reason}`] }
			const formErrors = saved.reason === 'notFound' ? ['audit.rules.errors.notFound'] : []
			return data({ result: submission.reply({ fieldErrors, formErrors }) }, { status: 400 })
		}
		const key = !saved.changed ? 'audit.rules.toasts.unchanged' : input.id === undefined ? 'audit.rules.toasts.created' : 'audit.rules.toasts.saved'
		return redirectWithToast(HERE, saved.changed ? { key } : { kind: 'info', key })
	}

	throw badRequest('Unknown intent')
}

type RuleRow = ReturnType<typeof useLoaderData<typeof loader>>['rules'][number]
type IndicatorOption = ReturnType<typeof useLoaderData<typeof loader>>['indicators'][number]

/** "线索转化率 连续 3 日 低于 10%" / "Lead conversion rate below 10% for 3 consecutive days". */
function useDescribeRule() {
	const { t, i18n } = useTranslation()
	return (rule: Pick<RuleRow, 'comparison' | 'threshold' | 'consecutive' | 'indicator'>) =>
		t('audit.rules.describe', {
			indicator: localName(rule.indicator, i18n.language),
			n: rule.consecutive,
			grain: t(`audit.rules.grains.${rule.indicator.grain}`, { count: rule.consecutive }),
			comparison: t(`audit.rules.comparisons.${rule.comparison}`),
			threshold: formatIndicatorValue(rule.threshold, rule.indicator.unit, i18n.language),
		})
}

function RuleForm({ indicators, editing }: { indicators: IndicatorOption[]; editing: RuleRow | null }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const tr = useErrorText()
	const schema = ruleSchema(indicators.map((i) => i.id))
	const [form, fields] = useForm<z.input<typeof schema>>({
		id: editing ? `rule-${editing.id}` : 'rule-new',
		lastResult: actionData?.result,
		defaultValue: editing
			? {
					intent: 'save',
					id: editing.id,
					indicatorId: editing.indicatorId,
					comparison: editing.comparison,
					threshold: editing.threshold,
					consecutive: editing.consecutive,
				}
			: { intent: 'save', comparison: 'lt', consecutive: 3 },
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<Card aria-labelledby="rule-form-heading">
			<h2 id="rule-form-heading" className="mb-3 text-lg font-semibold text-slate-900">
				{editing ? t('audit.rules.form.editHeading', { id: editing.id }) : t('audit.rules.form.createHeading')}
			</h2>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save" />
				{editing ? <input type="hidden" name="id" value={editing.id} /> : null}
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<Select label={t('audit.rules.form.indicator')} errors={tr(fields.indicatorId.errors)} {...getSelectProps(fields.indicatorId)}>
					<option value="">{t('audit.rules.form.choose')}</option>
					{indicators.map((i) => (
						<option key={i.id} value={i.id}>
							{t('audit.rules.form.indicatorOption', { name: localName(i, i18n.language), grain: t(`kpiTerms.grain.${i.grain}`) })}
						</option>
					))}
				</Select>
				<Select label={t('audit.rules.form.comparison')} errors={tr(fields.comparison.errors)} {...getSelectProps(fields.comparison)}>
					{alertComparisons.map((c) => (
						<option key={c} value={c}>
							{`${t(`audit.rules.comparisons.${c}`)} (${SYMBOLS[c]})`}
						</option>
					))}
				</Select>
				<Input
					label={t('audit.rules.form.threshold')}
					hint={t('audit.rules.form.thresholdHint')}
					errors={tr(fields.threshold.errors)}
					step="any"
					inputMode="decimal"
					{...getInputProps(fields.threshold, { type: 'number', ariaDescribedBy: `${fields.threshold.id}-hint` })}
				/>
				<Input
					label={t('audit.rules.form.consecutive')}
					hint={t('audit.rules.form.consecutiveHint', { min: CONSECUTIVE_MIN, max: CONSECUTIVE_MAX })}
					errors={tr(fields.consecutive.errors)}
					min={CONSECUTIVE_MIN}
					max={CONSECUTIVE_MAX}
					step={1}
					inputMode="numeric"
					{...getInputProps(fields.consecutive, { type: 'number', ariaDescribedBy: `${fields.consecutive.id}-hint` })}
				/>
				<div className="flex flex-wrap gap-3">
					<Button type="submit" disabled={navigation.state === 'submitting'}>
						{editing ? t('audit.rules.form.save') : t('audit.rules.form.create')}
					</Button>
					{editing ? (
						<ButtonLink to={HERE} variant="secondary">
							{t('audit.rules.form.cancel')}
						</ButtonLink>
					) : null}
				</div>
			</Form>
		</Card>
	)
}

export default function AlertRulesPage() {
	const { rules, indicators, editing } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const describe = useDescribeRule()
	return (
		<>
			<BackLink to="/admin/kpi">{t('audit.rules.backToKpi')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('audit.rules.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('audit.rules.intro')}</p>

			<h2 className="mb-3 text-lg font-semibold text-slate-900">{t('audit.rules.listHeading')}</h2>
			{rules.length === 0 ? (
				<EmptyState title={t('audit.rules.empty')} />
			) : (
				<Table caption={t('audit.rules.caption')}>
					<thead>
						<tr>
							<Th>{t('audit.rules.columns.rule')}</Th>
							<Th>{t('audit.rules.columns.status')}</Th>
							<Th>{t('audit.rules.columns.createdBy')}</Th>
							<Th>{t('audit.rules.columns.actions')}</Th>
						</tr>
					</thead>
					<tbody>
						{rules.map((rule) => {
							const text = describe(rule)
							return (
								<Tr key={rule.id}>
									<Td className="min-w-56 font-medium">{text}</Td>
									<Td>
										<Badge tone={rule.active ? 'success' : 'neutral'}>{rule.active ? t('audit.rules.active') : t('audit.rules.inactive')}</Badge>
									</Td>
									<Td className="whitespace-nowrap">
										{t('audit.rules.createdByValue', {
											name: rule.createdByName ?? t('audit.rules.seeded'),
											time: formatDateTime(rule.createdAt, i18n.language),
										})}
									</Td>
									<Td>
										<div className="flex flex-wrap items-center gap-2">
											<Link
												to={`${HERE}?edit=${rule.id}#rule-form-heading`}
												className="inline-flex min-h-11 items-center text-brand-700 underline"
												aria-label={t('audit.rules.editLabel', { rule: text })}
											>
												{t('audit.rules.edit')}
											</Link>
											<Form method="post">
												<input type="hidden" name="id" value={rule.id} />
												<Button
													type="submit"
													name="intent"
													value={rule.active ? 'deactivate' : 'activate'}
													variant="secondary"
													aria-label={t(rule.active ? 'audit.rules.deactivateLabel' : 'audit.rules.activateLabel', { rule: text })}
												>
													{rule.active ? t('audit.rules.deactivate') : t('audit.rules.activate')}
												</Button>
											</Form>
										</div>
									</Td>
								</Tr>
							)
						})}
					</tbody>
				</Table>
			)}

			<div className="mt-8 max-w-2xl">
				<RuleForm key={editing ? `edit-${editing.id}` : 'new'} indicators={indicators} editing={editing} />
			</div>
		</>
	)
}
