import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { capabilityMax, QUARTERS_MAX, QUARTERS_MIN, rulesSchema, TITLE_MAX, type PromotionRuleSet, type RulesFormContext } from '#app/modules/promotion/rules.ts'
import { useKpiFormat, useProblemTexts } from '../kpi/index.ts'
import { Button, FormErrors, Input } from '../ui/index.ts'

/**
 * HR's rule set (intent `rules`). Checked in the browser with the schema the action uses, so an
 * impossible rule set (0 quarters, a score nobody can reach …) is refused per field either way.
 */
export function RulesForm({
	rules,
	context,
	lastResult,
}: {
	rules: PromotionRuleSet
	context: RulesFormContext
	lastResult?: SubmissionResult<string[]>
}) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const f = useKpiFormat()
	const navigation = useNavigation()
	const schema = rulesSchema(context)
	const [form, fields] = useForm({
		id: 'promotion-rules',
		lastResult,
		defaultValue: {
			consecutiveQuarters: String(rules.consecutiveQuarters),
			minScore: String(rules.minScore),
			requireCoreExams: rules.requireCoreExams ? 'on' : '',
			capabilityMins: Object.fromEntries(context.capabilities.map((c) => [c.code, rules.capabilityMins[c.code]?.toString() ?? ''])),
			minTenureMonths: String(rules.minTenureMonths),
			violationFreeMonths: String(rules.violationFreeMonths),
			targetTitle: rules.targetTitle,
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const capabilityFields = fields.capabilityMins.getFieldset() as Record<string, (typeof fields)['minScore']>
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'rules'
	const number = (field: (typeof fields)['minScore'], hint?: string) => ({
		...getInputProps(field, { type: 'number', ariaDescribedBy: hint ? `${field.id}-hint` : undefined }),
		hint,
		errors: tr(field.errors),
		inputMode: 'decimal' as const,
	})
	return (
		<Form method="post" className="space-y-4" aria-labelledby="rules-heading" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="rules" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<div className="grid gap-4 sm:grid-cols-2 *:min-w-0">
				<Input
					label={t('promotion.admin.rules.consecutiveQuarters')}
					{...number(fields.consecutiveQuarters, t('promotion.admin.rules.consecutiveQuartersHint', { min: QUARTERS_MIN, max: QUARTERS_MAX }))}
					min={QUARTERS_MIN}
					max={QUARTERS_MAX}
					step={1}
					key={fields.consecutiveQuarters.key}
				/>
				<Input
					label={t('promotion.admin.rules.minScore')}
					{...number(fields.minScore, t('promotion.admin.rules.minScoreHint', { max: f.score(context.maxScore) }))}
					min={0}
					step="any"
					key={fields.minScore.key}
				/>
				<Input label={t('promotion.admin.rules.minTenureMonths')} {...number(fields.minTenureMonths, t('promotion.admin.rules.minTenureMonthsHint'))} min={0} step={1} key={fields.minTenureMonths.key} />
				<Input
					label={t('promotion.admin.rules.violationFreeMonths')}
					{...number(fields.violationFreeMonths, t('promotion.admin.rules.violationFreeMonthsHint'))}
					min={0}
					step={1}
					key={fields.violationFreeMonths.key}
				/>
			</div>
			<div className="flex min-h-11 items-center gap-3">
				<input
					id={fields.requireCoreExams.id}
					type="checkbox"
					name={fields.requireCoreExams.name}
					defaultChecked={rules.requireCoreExams}
					key={fields.requireCoreExams.key}
					className="size-5 accent-brand-700"
				/>
				<label htmlFor={fields.requireCoreExams.id} className="text-sm font-medium text-slate-800">
					{t('promotion.admin.rules.requireCoreExams')}
				</label>
			</div>
			<fieldset className="rounded-md border border-slate-200 p-4">
				<legend className="px-1 text-sm font-semibold text-slate-900">{t('promotion.admin.rules.capabilityLegend')}</legend>
				<p className="mb-3 text-sm text-slate-700">{t('promotion.admin.rules.capabilityIntro')}</p>
				<div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 *:min-w-0">
					{context.capabilities.map((c) => {
						const field = capabilityFields[c.code]!
						const max = capabilityMax(c.code, c.unit)
						return (
							<Input
								label={f.name(c)}
								{...number(field, max === null ? undefined : t('promotion.admin.rules.capabilityMax', { max: f.value(max, c.unit) }))}
								min={0}
								max={max ?? undefined}
								step="any"
								key={`${c.code}-${field.key ?? ''}`}
							/>
						)
					})}
				</div>
			</fieldset>
			<Input
				label={t('promotion.admin.rules.targetTitle')}
				hint={t('promotion.admin.rules.targetTitleHint')}
				errors={tr(fields.targetTitle.errors)}
				maxLength={TITLE_MAX}
				{...getInputProps(fields.targetTitle, { type: 'text', ariaDescribedBy: `${fields.targetTitle.id}-hint` })}
				key={fields.targetTitle.key}
				className="max-w-sm"
			/>
			<Button type="submit" disabled={busy}>
				{t('promotion.admin.rules.submit')}
			</Button>
		</Form>
	)
}
