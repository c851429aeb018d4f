import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { Recommendation } from '#app/modules/mentoring/assignments.server.ts'
import { assignSchema } from '#app/modules/mentoring/rules.ts'
import { useLocalTitle } from '../learning.tsx'
import { useKpiFormat } from '../kpi/use-kpi-format.ts'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { Badge, Button, FormErrors, Input } from '../ui/index.ts'

export type IndicatorNames = Record<string, { nameZh: string; nameEn: string }>

export const itemKey = (item: Pick<Recommendation, 'kind' | 'id'>) => `${item.kind}:${item.id}`

function AssignForm({
	item,
	today,
	defaultDue,
	lastResult,
	titleId,
}: {
	item: Recommendation
	today: string
	defaultDue: string
	lastResult?: SubmissionResult<string[]>
	titleId: string
}) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const schema = assignSchema({ today })
	const key = itemKey(item)
	const [form, fields] = useForm<z.input<typeof schema>, z.output<typeof schema>>({
		id: `assign-${item.kind}-${item.id}`,
		lastResult,
		defaultValue: { item: key, dueOn: defaultDue },
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldRevalidate: 'onInput',
	})
	// The item is a hidden field: its refusals (already assigned, gone) are the form's to show.
	const formErrors = [...(tr(form.errors) ?? []), ...(tr(fields.item.errors) ?? [])]
	return (
		<Form method="post" preventScrollReset className="mt-2 flex flex-wrap items-end gap-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="assign" />
			<input type="hidden" name="item" value={key} />
			<div className="w-full">
				<FormErrors id={form.errorId} errors={formErrors.length > 0 ? formErrors : undefined} />
			</div>
			<Input
				label={t('mentoring.recommendations.dueOn')}
				errors={tr(fields.dueOn.errors)}
				min={today}
				className="w-full max-w-48"
				{...getInputProps(fields.dueOn, {
					type: 'date',
					ariaDescribedBy: titleId,
				})}
				key={fields.dueOn.key}
			/>
			<Button type="submit" variant="secondary" aria-describedby={titleId}>
				{t('mentoring.recommendations.assign')}
			</Button>
		</Form>
	)
}

/** Articles and lessons for the mentee's weak indicators, each with a due date and 布置 (or 已布置). */
export function Recommendations({
	items,
	names,
	today,
	defaultDue,
	lastResult,
}: {
	items: readonly Recommendation[]
	names: IndicatorNames
	today: string
	defaultDue: string
	/** The action's reply and which item it was for. */
	lastResult?: { item: string | null; result: SubmissionResult<string[]> }
}) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const title = useLocalTitle()
	if (items.length === 0) return <p className="text-sm text-slate-700">{t('mentoring.recommendations.empty')}</p>
	const label = (item: Recommendation) =>
		item.kind === 'article'
			? t(`kb.types.${item.label as 'objection' | 'case' | 'faq'}`)
			: t('mentoring.recommendations.lessonLabel', {
					tier: t(`tiers.${item.label as 'new' | 'intermediate' | 'core'}`),
			  })
	return (
		<ul className="divide-y divide-slate-100">
			{items.map((item) => {
				const key = itemKey(item)
				const titleId = `recommendation-${item.kind}-${item.id}`
				const matched = item.matches.map((code) => (names[code] ? f.name(names[code]) : code)).join(t('mentoring.listSeparator'))
				return (
					<li key={key} className="py-3">
						<div className="flex flex-wrap items-start justify-between gap-2">
							<h3 id={titleId} className="min-w-0 font-medium break-words">
								<Link to={item.href} className="text-brand-700 underline underline-offset-2">
									{title(item)}
								</Link>
							</h3>
							<span className="flex flex-wrap gap-1">
								<Badge>{label(item)}</Badge>
								{item.assigned ? <Badge tone="success">{t('mentoring.recommendations.assigned')}</Badge> : null}
							</span>
						</div>
						<p className="mt-1 text-sm break-words text-slate-700">{t('mentoring.recommendations.matches', { names: matched })}</p>
						{item.assigned ? null : (
							<AssignForm
								item={item}
								today={today}
								defaultDue={defaultDue}
								titleId={titleId}
								lastResult={lastResult?.item === key ? lastResult.result : undefined}
							/>
						)}
					</li>
				)
			})}
		</ul>
	)
}
