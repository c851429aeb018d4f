import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { endSchema } from '#app/modules/mentoring/rules.ts'
import { ReasonField } from '../reason-field.tsx'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { Button, FormErrors } from '../ui/index.ts'

/** HR or the mentee's manager ends a running pairing today, with a reason (audited). */
export function EndPairingForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof endSchema>>({
		id: 'end-pairing',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: endSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="end" />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<ReasonField
				field={fields.reason}
				hintId={`${form.id}-reason-hint`}
				label={t('mentoring.endForm.reason')}
				hint={t('mentoring.endForm.reasonHint')}
				rows={2}
			/>
			<Button type="submit" variant="danger">
				{t('mentoring.endForm.submit')}
			</Button>
		</Form>
	)
}
