import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { FOCUS_MAX, pairingSchema } from '#app/modules/mentoring/rules.ts'
import { localName } from '#app/modules/performance/format.ts'
import { useProblemTexts } from '../kpi/index.ts'
import { Button, ButtonLink, FormErrors, Input, Select } from '../ui/index.ts'

export type MenteeChoice = { id: number; name: string; paired: boolean }
export type MentorChoice = { id: number; name: string; regionZh: string | null; regionEn: string | null; left: number }
export type IndicatorChoice = { id: number; nameZh: string; nameEn: string }
export type PairingPrefill = { menteeId?: number; mentorId?: number; indicatorId?: number }

type Schema = ReturnType<typeof pairingSchema>

/**
 * The pairing form: mentee, mentor (with the slots each has left), start and optional end, and
 * FOCUS_MAX focus rows (indicator, and an optional goal from → to by a date) as Conform's nested
 * fields `focus[n].…`. Checked in the browser with the action's schema; works without JavaScript.
 */
export function PairingForm({
	mentees,
	mentors,
	indicators,
	prefill,
	today,
	isHr,
	lastResult,
}: {
	mentees: readonly MenteeChoice[]
	mentors: readonly MentorChoice[]
	indicators: readonly IndicatorChoice[]
	prefill: PairingPrefill
	today: string
	isHr: boolean
	lastResult?: SubmissionResult<string[]>
}) {
	const { t, i18n } = useTranslation()
	const locale = i18n.language
	const tr = useProblemTexts()
	const navigation = useNavigation()
	const schema = pairingSchema({ today })
	const [form, fields] = useForm<z.input<Schema>, z.output<Schema>>({
		id: 'pairing',
		lastResult,
		defaultValue: {
			menteeId: prefill.menteeId === undefined ? '' : String(prefill.menteeId),
			mentorId: prefill.mentorId === undefined ? '' : String(prefill.mentorId),
			startsOn: today,
			focus: Array.from({ length: FOCUS_MAX }, (_, n) => ({
				indicatorId: n === 0 && prefill.indicatorId !== undefined ? String(prefill.indicatorId) : '',
			})),
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const focusRows = fields.focus.getFieldList()
	const menteeHint = `${fields.menteeId.id}-hint`
	const mentorHint = `${fields.mentorId.id}-hint`
	const endsHint = `${fields.endsOn.id}-hint`
	const focusIntro = `${form.id}-focus-intro`
	const zh = locale.startsWith('zh')

	const mentorLabel = (m: MentorChoice) => {
		const region = zh ? m.regionZh : m.regionEn
		if (m.left <= 0) return region ? t('mentoringAdmin.form.mentorFull', { name: m.name, region }) : t('mentoringAdmin.form.mentorFullNoRegion', { name: m.name })
		return region
			? t('mentoringAdmin.form.mentorOption', { name: m.name, region, count: m.left })
			: t('mentoringAdmin.form.mentorOptionNoRegion', { name: m.name, count: m.left })
	}

	return (
		<Form method="post" className="space-y-6" {...getFormProps(form)}>
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<div className="grid gap-4 sm:grid-cols-2 *:min-w-0">
				<Select
					label={t('mentoringAdmin.form.mentee')}
					hint={isHr ? t('mentoringAdmin.form.menteeHintHr') : t('mentoringAdmin.form.menteeHintManager')}
					errors={tr(fields.menteeId.errors)}
					{...getSelectProps(fields.menteeId, { ariaDescribedBy: menteeHint })}
				>
					<option value="">{t('mentoringAdmin.form.menteeChoose')}</option>
					{mentees.map((m) => (
						<option key={m.id} value={m.id}>
							{m.paired ? t('mentoringAdmin.form.menteePaired', { name: m.name }) : m.name}
						</option>
					))}
				</Select>
				<Select
					label={t('mentoringAdmin.form.mentor')}
					hint={t('mentoringAdmin.form.mentorHint')}
					errors={tr(fields.mentorId.errors)}
					{...getSelectProps(fields.mentorId, { ariaDescribedBy: mentorHint })}
				>
					<option value="">{t('mentoringAdmin.form.mentorChoose')}</option>
					{mentors.map((m) => (
						<option key={m.id} value={m.id}>
							{mentorLabel(m)}
						</option>
					))}
				</Select>
				<Input label={t('mentoringAdmin.form.startsOn')} errors={tr(fields.startsOn.errors)} {...getInputProps(fields.startsOn, { type: 'date' })} key={fields.startsOn.key} />
				<Input
					label={t('mentoringAdmin.form.endsOn')}
					hint={t('mentoringAdmin.form.endsOnHint')}
					errors={tr(fields.endsOn.errors)}
					{...getInputProps(fields.endsOn, { type: 'date', ariaDescribedBy: endsHint })}
					key={fields.endsOn.key}
				/>
			</div>

			<div className="space-y-3">
				<h2 className="text-lg font-semibold text-slate-900">{t('mentoringAdmin.form.focusHeading')}</h2>
				<p id={focusIntro} className="max-w-prose text-sm text-slate-700">
					{t('mentoringAdmin.form.focusIntro')}
				</p>
				{focusRows.map((row, n) => {
					const focus = row.getFieldset()
					const legend = n === 0 ? t('mentoringAdmin.form.focusLegendRequired', { n: n + 1 }) : t('mentoringAdmin.form.focusLegend', { n: n + 1 })
					return (
						<fieldset key={row.key} className="min-w-0 rounded-lg border border-slate-200 p-4" aria-describedby={focusIntro}>
							<legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
							<div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 *:min-w-0">
								<Select label={t('mentoringAdmin.form.indicator')} errors={tr(focus.indicatorId.errors)} {...getSelectProps(focus.indicatorId)}>
									<option value="">{n === 0 ? t('mentoringAdmin.form.indicatorChoose') : t('mentoringAdmin.form.indicatorNone')}</option>
									{indicators.map((i) => (
										<option key={i.id} value={i.id}>
											{localName(i, locale)}
										</option>
									))}
								</Select>
								<Input
									label={t('mentoringAdmin.form.fromValue')}
									errors={tr(focus.fromValue.errors)}
									inputMode="decimal"
									autoComplete="off"
									{...getInputProps(focus.fromValue, { type: 'text' })}
									key={focus.fromValue.key}
								/>
								<Input
									label={t('mentoringAdmin.form.toValue')}
									errors={tr(focus.toValue.errors)}
									inputMode="decimal"
									autoComplete="off"
									{...getInputProps(focus.toValue, { type: 'text' })}
									key={focus.toValue.key}
								/>
								<Input label={t('mentoringAdmin.form.dueOn')} errors={tr(focus.dueOn.errors)} {...getInputProps(focus.dueOn, { type: 'date' })} key={focus.dueOn.key} />
							</div>
						</fieldset>
					)
				})}
			</div>

			<div className="flex flex-wrap gap-3">
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					{t('mentoringAdmin.form.submit')}
				</Button>
				<ButtonLink to="/mentoring" variant="secondary">
					{t('mentoringAdmin.form.cancel')}
				</ButtonLink>
			</div>
		</Form>
	)
}
