import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { ARTICLE_SUMMARY_EN_MAX, ARTICLE_SUMMARY_MAX, ARTICLE_TITLE_EN_MAX, ARTICLE_TITLE_MAX } from '#app/modules/sharing/article.ts'
import { NOTES_MAX } from '#app/modules/sharing/rules.ts'
import { BUSINESS_TIME_ZONE } from '#app/utils/dates.ts'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { RadioGroup } from '../mentoring/radio-group.tsx'
import { TextareaField } from '../textarea-field.tsx'
import { Button, Card, FormErrors, Input } from '../ui/index.ts'
import type { Instant } from './format.ts'
import { publishSchema, rejectSchema, REVIEW_NOTE_MAX } from './schemas.ts'

type Last = SubmissionResult<string[]> | undefined

export type DraftReviewView = {
	id: number
	sessionId: number
	sessionTitle: string
	type: 'case' | 'method'
	title: string
	titleEn: string
	summary: string
	summaryEn: string
	body: string
	/** The whole MDX file as it would be published (frontmatter and body). */
	source: string
	authorName: string
	createdAt: Instant
	/** The viewer drafted it: they may not decide on it. */
	own: boolean
}

const TYPES = ['case', 'method'] as const

/** One draft: the MDX source, then publish (with optional edits) and send back with a note. */
export function DraftReview({ draft, publishResult, rejectResult, locale }: { draft: DraftReviewView; publishResult: Last; rejectResult: Last; locale: string }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [publishForm, fields] = useForm<z.input<typeof publishSchema>>({
		id: `publish-${draft.id}`,
		lastResult: publishResult,
		defaultValue: { draftId: String(draft.id), type: draft.type, title: draft.title, titleEn: draft.titleEn, summary: draft.summary, summaryEn: draft.summaryEn, body: draft.body },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: publishSchema }),
		shouldValidate: 'onSubmit',
	})
	const [rejectForm, rejectFields] = useForm<z.input<typeof rejectSchema>>({
		id: `reject-${draft.id}`,
		lastResult: rejectResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: rejectSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const headingId = `draft-${draft.id}-title`
	const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: BUSINESS_TIME_ZONE }).format(new Date(draft.createdAt))
	return (
		<Card aria-labelledby={headingId} className="min-w-0 space-y-4">
			<div>
				<h2 id={headingId} className="text-lg font-semibold break-words text-slate-900">
					{draft.title}
				</h2>
				<p className="text-sm break-words text-slate-700">
					<Link to={`/sessions/${draft.sessionId}`} className="text-brand-700 underline">
						{t('sharing.review.meta', { session: draft.sessionTitle, author: draft.authorName, date })}
					</Link>
				</p>
			</div>
			<div>
				<h3 className="mb-1 text-sm font-semibold text-slate-900">{t('sharing.review.source')}</h3>
				<pre className="rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-sm break-words whitespace-pre-wrap text-slate-900">{draft.source}</pre>
			</div>
			{draft.own ? (
				<p role="note" className="text-sm text-slate-700">
					{t('sharing.review.ownDraft')}
				</p>
			) : null}
			<Form method="post" className="space-y-4" {...getFormProps(publishForm)}>
				<input type="hidden" name="intent" value="publish" />
				<input type="hidden" name="draftId" value={draft.id} />
				<FormErrors id={publishForm.errorId} errors={tr(publishForm.errors)} />
				<RadioGroup
					field={fields.type as never}
					legend={t('sharing.review.typeLabel')}
					options={TYPES}
					optionLabel={(v) => (v === 'case' ? t('sharing.notes.typeCase') : t('sharing.notes.typeMethod'))}
					errors={tr(fields.type.errors)}
				/>
				<Input label={t('sharing.review.titleLabel')} errors={tr(fields.title.errors)} maxLength={ARTICLE_TITLE_MAX} {...getInputProps(fields.title, { type: 'text' })} id={fields.title.id} key={fields.title.key} />
				<Input
					label={t('sharing.review.titleEnLabel')}
					lang="en"
					errors={tr(fields.titleEn.errors)}
					maxLength={ARTICLE_TITLE_EN_MAX}
					{...getInputProps(fields.titleEn, { type: 'text' })}
					id={fields.titleEn.id}
					key={fields.titleEn.key}
				/>
				<TextareaField field={fields.summary} label={t('sharing.review.summaryLabel')} hint="" errors={tr(fields.summary.errors)} maxLength={ARTICLE_SUMMARY_MAX} rows={2} />
				<TextareaField field={fields.summaryEn} label={t('sharing.review.summaryEnLabel')} hint="" errors={tr(fields.summaryEn.errors)} maxLength={ARTICLE_SUMMARY_EN_MAX} rows={2} />
				<TextareaField field={fields.body} label={t('sharing.review.bodyLabel')} hint={t('sharing.review.bodyHint')} errors={tr(fields.body.errors)} maxLength={NOTES_MAX * 2} rows={10} />
				<Button type="submit" disabled={draft.own}>
					{t('sharing.review.publish')}
				</Button>
			</Form>
			<Form method="post" className="space-y-3 border-t border-slate-200 pt-4" {...getFormProps(rejectForm)}>
				<input type="hidden" name="intent" value="reject" />
				<input type="hidden" name="draftId" value={draft.id} />
				<FormErrors id={rejectForm.errorId} errors={tr(rejectForm.errors)} />
				<TextareaField
					field={rejectFields.note}
					label={t('sharing.review.noteLabel')}
					hint={t('sharing.review.noteHint')}
					errors={tr(rejectFields.note.errors)}
					maxLength={REVIEW_NOTE_MAX}
					rows={2}
				/>
				<Button type="submit" variant="danger" disabled={draft.own}>
					{t('sharing.review.reject')}
				</Button>
			</Form>
		</Card>
	)
}
