import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { capacitySchema, MENTOR_CAPACITY_MAX } from '#app/modules/mentoring/rules.ts'
import { useProblemTexts } from '../kpi/index.ts'
import { Badge, Button, FormErrors, Input } from '../ui/index.ts'

export type CapacityMentor = {
	id: number
	name: string
	regionZh: string | null
	regionEn: string | null
	capacity: number
	running: number
	left: number
}

/**
 * One mentor's load and the form that sets their capacity (intent `capacity`). Checked in the browser
 * with the schema the action uses; without JavaScript the action's reply brings the same field error.
 */
export function CapacityForm({ mentor, lastResult }: { mentor: CapacityMentor; lastResult?: SubmissionResult<string[]> }) {
	const { t, i18n } = useTranslation()
	const tr = useProblemTexts()
	const navigation = useNavigation()
	const [form, fields] = useForm<z.input<typeof capacitySchema>, z.output<typeof capacitySchema>>({
		id: `capacity-${mentor.id}`,
		lastResult,
		defaultValue: { mentorId: String(mentor.id), capacity: String(mentor.capacity) },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: capacitySchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const headingId = `${form.id}-heading`
	const region = i18n.language.startsWith('zh') ? mentor.regionZh : mentor.regionEn
	const busy = navigation.state === 'submitting' && navigation.formData?.get('mentorId') === String(mentor.id)
	return (
		<div className="h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
			<h3 id={headingId} className="text-base font-semibold text-slate-900">
				{mentor.name}
			</h3>
			<p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
				{region ? <span>{region}</span> : null}
				<span>{t('mentoringAdmin.capacity.load', { running: mentor.running, capacity: mentor.capacity })}</span>
				{mentor.left === 0 ? <Badge tone="warning">{t('mentoringAdmin.capacity.full')}</Badge> : null}
			</p>
			<Form method="post" className="mt-3 flex flex-wrap items-end gap-3" aria-labelledby={headingId} {...getFormProps(form)}>
				<input type="hidden" name="intent" value="capacity" />
				<input type="hidden" name="mentorId" value={mentor.id} />
				<FormErrors id={form.errorId} errors={tr([...(form.errors ?? []), ...(fields.mentorId.errors ?? [])])} />
				<Input
					label={t('mentoringAdmin.capacity.label')}
					errors={tr(fields.capacity.errors)}
					className="w-40"
					inputMode="numeric"
					hint={t('mentoringAdmin.capacity.hint', { max: MENTOR_CAPACITY_MAX })}
					{...getInputProps(fields.capacity, { type: 'number', ariaDescribedBy: `${fields.capacity.id}-hint` })}
					key={fields.capacity.key}
				/>
				<Button type="submit" variant="secondary" disabled={busy}>
					{t('mentoringAdmin.capacity.submit')}
				</Button>
			</Form>
		</div>
	)
}
