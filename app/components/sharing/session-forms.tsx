import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { CHECK_IN_CODE_LENGTH, checkInSchema, COMMENT_MAX, feedbackSchema } from '#app/modules/sharing/rules.ts'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { RadioGroup } from '../mentoring/radio-group.tsx'
import { TextareaField } from '../textarea-field.tsx'
import { Button, FormErrors, Input } from '../ui/index.ts'
import { cancelSchema, CANCEL_REASON_MAX, markSchema } from './schemas.ts'
import type { PersonView } from './types.ts'

type Last = SubmissionResult<string[]> | undefined

/** The 6-digit code the organiser shows in the room. */
export function CheckInForm({ lastResult }: { lastResult: Last }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof checkInSchema>>({
		id: 'check-in-form',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: checkInSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="checkIn" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<div className="max-w-48">
				<Input
					label={t('sharing.detail.checkInCode')}
					errors={tr(fields.code.errors)}
					inputMode="numeric"
					autoComplete="one-time-code"
					maxLength={CHECK_IN_CODE_LENGTH}
					pattern={`\\d{${CHECK_IN_CODE_LENGTH}}`}
					{...getInputProps(fields.code, { type: 'text' })}
					id={fields.code.id}
					key={fields.code.key}
				/>
			</div>
			<Button type="submit">{t('sharing.detail.checkInSubmit')}</Button>
		</Form>
	)
}

const RATINGS = ['1', '2', '3', '4', '5'] as const

/** 1–5 in a fieldset of radio buttons, and an optional comment; an earlier answer is the default (sending again replaces it). */
export function FeedbackForm({ lastResult, previous }: { lastResult: Last; previous: { rating: number; comment: string | null } | null }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof feedbackSchema>, z.output<typeof feedbackSchema>>({
		id: 'feedback-form',
		lastResult,
		defaultValue: previous ? { rating: String(previous.rating), comment: previous.comment ?? '' } : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: feedbackSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-4" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="feedback" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<RadioGroup
				field={fields.rating as never}
				legend={t('sharing.detail.rating')}
				options={RATINGS}
				optionLabel={(n) => t('sharing.detail.ratingOption', { n })}
				errors={tr(fields.rating.errors)}
				compact
			/>
			<TextareaField field={fields.comment} label={t('sharing.detail.comment')} hint={t('sharing.detail.commentHint')} errors={tr(fields.comment.errors)} maxLength={COMMENT_MAX} />
			<Button type="submit">{previous ? t('sharing.detail.feedbackUpdate') : t('sharing.detail.feedbackSubmit')}</Button>
		</Form>
	)
}

/** The organiser marks people present: one checkbox per person not yet recorded. */
export function MarkAttendanceForm({ people, lastResult }: { people: PersonView[]; lastResult: Last }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof markSchema>>({
		id: 'mark-form',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: markSchema }),
		shouldValidate: 'onSubmit',
	})
	if (people.length === 0) return <p className="text-sm text-slate-700">{t('sharing.organiser.markNone')}</p>
	const hintId = 'mark-form-hint'
	const errors = tr(fields.userIds.errors)
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="mark" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<fieldset className="min-w-0" aria-describedby={[hintId, errors?.length ? fields.userIds.errorId : null].filter(Boolean).join(' ')}>
				<legend className="text-sm font-medium text-slate-800">{t('sharing.organiser.markLegend')}</legend>
				<p id={hintId} className="text-sm text-slate-700">
					{t('sharing.organiser.markHint')}
				</p>
				<div className="mt-2 grid gap-1 sm:grid-cols-2">
					{people.map((p) => (
						<label key={p.id} className="flex min-h-11 items-center gap-2 rounded-md px-2 text-sm text-slate-900 hover:bg-slate-50">
							<input type="checkbox" name={fields.userIds.name} value={p.id} className="size-5 accent-brand-700" />
							<span className="min-w-0 break-words">{p.name}</span>
						</label>
					))}
				</div>
				{errors?.length ? (
					<ul id={fields.userIds.errorId} className="mt-1 text-sm text-red-700">
						{errors.map((e) => (
							<li key={e}>{e}</li>
						))}
					</ul>
				) : null}
			</fieldset>
			<Button type="submit">{t('sharing.organiser.markSubmit')}</Button>
		</Form>
	)
}

/** Cancels the session with a reason everyone sees. */
export function CancelSessionForm({ lastResult }: { lastResult: Last }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof cancelSchema>>({
		id: 'cancel-form',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="cancel" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<TextareaField
				field={fields.reason}
				label={t('sharing.organiser.cancelReason')}
				hint={t('sharing.organiser.cancelHint')}
				errors={tr(fields.reason.errors)}
				maxLength={CANCEL_REASON_MAX}
				rows={2}
			/>
			<Button type="submit" variant="danger">
				{t('sharing.organiser.cancelSubmit')}
			</Button>
		</Form>
	)
}
