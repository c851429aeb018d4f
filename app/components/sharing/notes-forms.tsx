import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { NOTES_MAX } from '#app/modules/sharing/rules.ts'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { RadioGroup } from '../mentoring/radio-group.tsx'
import { TextareaField } from '../textarea-field.tsx'
import { Button, FormErrors, Input } from '../ui/index.ts'
import { draftSchema, notesSchema } from './schemas.ts'

type Last = SubmissionResult<string[]> | undefined

/** The organiser's (or HR's) notes and recording link for a session (intent `notes`). */
export function NotesForm({ notes, recordingUrl, lastResult }: { notes: string | null; recordingUrl: string | null; lastResult: Last }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof notesSchema>>({
		id: 'notes-form',
		lastResult,
		defaultValue: { notes: notes ?? '', recordingUrl: recordingUrl ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: notesSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-4" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="notes" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<TextareaField field={fields.notes} label={t('sharing.notes.notesLabel')} hint={t('sharing.notes.notesHint')} errors={tr(fields.notes.errors)} maxLength={NOTES_MAX} rows={12} />
			<Input
				label={t('sharing.notes.recordingLabel')}
				hint={t('sharing.notes.recordingHint')}
				errors={tr(fields.recordingUrl.errors)}
				{...getInputProps(fields.recordingUrl, { type: 'url', ariaDescribedBy: `${fields.recordingUrl.id}-hint` })}
				id={fields.recordingUrl.id}
				key={fields.recordingUrl.key}
			/>
			<Button type="submit">{t('sharing.notes.submit')}</Button>
		</Form>
	)
}

export type DraftStateView = {
	status: 'draft' | 'published' | 'rejected'
	type: 'case' | 'method'
	title: string
	slug: string
	reviewNote: string | null
}

const TYPES = ['case', 'method'] as const

/** Where the session's article stands: waiting for review, published (with its link) or sent back (with the note). */
export function DraftState({ draft }: { draft: DraftStateView }) {
	const { t } = useTranslation()
	if (draft.status === 'published')
		return (
			<p role="status" className="text-sm text-slate-900">
				{t('sharing.notes.statePublished')}
				<Link to={`/kb/${draft.slug}`} className="break-words text-brand-700 underline">
					{draft.title}
				</Link>
			</p>
		)
	if (draft.status === 'rejected')
		return (
			<p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm break-words whitespace-pre-line text-amber-950">
				{t('sharing.notes.stateRejected', { note: draft.reviewNote ?? '' })}
			</p>
		)
	return (
		<p role="status" className="text-sm break-words text-slate-900">
			{t('sharing.notes.stateDraft', { title: draft.title })}
		</p>
	)
}

/** "Publish as knowledge": choose case or method and (re)draft from the saved notes (intent `draft`). */
export function PublishAsKnowledgeForm({ draft, lastResult }: { draft: DraftStateView | null; lastResult: Last }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof draftSchema>>({
		id: 'draft-form',
		lastResult,
		defaultValue: { type: draft?.type ?? 'method' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: draftSchema }),
		shouldValidate: 'onSubmit',
	})
	return (
		<Form method="post" className="space-y-4" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="draft" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<RadioGroup
				field={fields.type as never}
				legend={t('sharing.notes.typeLegend')}
				options={TYPES}
				optionLabel={(v) => (v === 'case' ? t('sharing.notes.typeCase') : t('sharing.notes.typeMethod'))}
				errors={tr(fields.type.errors)}
			/>
			<Button type="submit" variant={draft ? 'secondary' : 'primary'}>
				{draft ? t('sharing.notes.redraftSubmit') : t('sharing.notes.draftSubmit')}
			</Button>
		</Form>
	)
}
