import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { coachingKindOptions, coachingSchema, NEXT_STEPS_MAX, NOTES_MAX, RUBRIC_CRITERIA, RUBRIC_MAX, RUBRIC_MIN } from '#app/modules/mentoring/rules.ts'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { Button, FormErrors, Input } from '../ui/index.ts'
import { RadioGroup } from './radio-group.tsx'
import { TextareaField } from '../textarea-field.tsx'

const SCORES = Array.from({ length: RUBRIC_MAX - RUBRIC_MIN + 1 }, (_, i) => String(RUBRIC_MIN + i))

/**
 * The mentor's coaching log: kind, day, notes, next steps and, for drills and role-plays, the rubric
 * (six criteria, 1–5 each). The same schema checks it here and in the action; without JavaScript the
 * action's field errors come back under each field.
 */
export function CoachingForm({ today, startsOn, lastResult }: { today: string; startsOn: string; lastResult?: SubmissionResult<string[]> }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const navigation = useNavigation()
	const schema = coachingSchema({ today, startsOn })
	const [form, fields] = useForm<z.input<typeof schema>, z.output<typeof schema>>({
		id: 'coaching-form',
		lastResult,
		defaultValue: { occurredOn: today },
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldRevalidate: 'onInput',
	})
	const scaleId = `${form.id}-scale`
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'coach'
	return (
		<Form method="post" className="space-y-5" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="coach" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<RadioGroup
				field={fields.kind}
				legend={t('mentoring.coachForm.kind')}
				options={coachingKindOptions}
				optionLabel={(kind) => t(`mentoring.kinds.${kind as (typeof coachingKindOptions)[number]}`)}
				errors={tr(fields.kind.errors)}
			/>
			<Input
				label={t('mentoring.coachForm.occurredOn')}
				hint={t('mentoring.coachForm.occurredOnHint', { start: startsOn })}
				errors={tr(fields.occurredOn.errors)}
				min={startsOn}
				max={today}
				className="max-w-xs"
				{...getInputProps(fields.occurredOn, {
					type: 'date',
					ariaDescribedBy: `${fields.occurredOn.id}-hint`,
				})}
				key={fields.occurredOn.key}
			/>
			<TextareaField
				field={fields.notes}
				label={t('mentoring.coachForm.notes')}
				hint={t('mentoring.coachForm.notesHint')}
				errors={tr(fields.notes.errors)}
				rows={4}
				maxLength={NOTES_MAX}
			/>
			<TextareaField
				field={fields.nextSteps}
				label={t('mentoring.coachForm.nextSteps')}
				hint={t('mentoring.coachForm.nextStepsHint')}
				errors={tr(fields.nextSteps.errors)}
				rows={2}
				maxLength={NEXT_STEPS_MAX}
			/>
			<fieldset className="min-w-0 space-y-3 rounded-md border border-slate-200 p-3 sm:p-4" aria-describedby={scaleId}>
				<legend className="px-1 text-base font-semibold text-slate-900">{t('mentoring.coachForm.rubric')}</legend>
				<div id={scaleId} className="space-y-1 text-sm text-slate-700">
					<p>{t('mentoring.coachForm.rubricHint')}</p>
					<p>{t('mentoring.coachForm.scale')}</p>
				</div>
				<div className="grid gap-4 lg:grid-cols-2 *:min-w-0">
					{RUBRIC_CRITERIA.map((criterion) => (
						<RadioGroup
							key={criterion}
							field={fields[criterion]}
							legend={t(`mentoring.rubric.${criterion}`)}
							options={SCORES}
							optionLabel={(score) => score}
							compact
							errors={tr(fields[criterion].errors)}
						/>
					))}
				</div>
			</fieldset>
			<Button type="submit" disabled={busy}>
				{t('mentoring.coachForm.submit')}
			</Button>
		</Form>
	)
}
