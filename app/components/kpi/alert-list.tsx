import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import type { AlertView } from '#app/modules/performance/alerts.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { ReasonField } from '../reason-field.tsx'
import { Badge, Button, FormErrors, useErrorText } from '../ui/index.ts'
import { useKpiFormat } from './use-kpi-format.ts'

export const alertIntents = ['acknowledge', 'resolve'] as const
export type AlertIntent = (typeof alertIntents)[number]

const note = z
	.string({ error: 'kpi.alerts.noteTooShort' })
	.trim()
	.min(2, { error: 'kpi.alerts.noteTooShort' })
	.max(500, { error: 'kpi.alerts.noteTooLong' })

/** What an acknowledge / resolve form posts to /alerts/:alertId (the id is in the URL). */
export const AlertNoteSchema = z.object({ intent: z.enum(alertIntents), note })

/** What it posts to a page's own action (/team): the alert's id too. */
export const AlertActionSchema = AlertNoteSchema.extend({ alertId: z.number().int().positive() })

export type AlertActionResult = { alertId: number; result: SubmissionResult<string[]> }

export type AlertListProps = {
	alerts: readonly AlertView[]
	/** Whether the viewer may acknowledge / resolve (their mentor, manager or HR; never the person). */
	canAct: boolean | ((alert: AlertView) => boolean)
	/**
	 * Post to the resource route /alerts/:id, which sends the browser back here (home, mentoring).
	 * Without it the forms post to the current route's action, which must accept AlertActionSchema.
	 */
	redirectTo?: string
	/** The current route's action result, for field errors under the right alert. */
	lastResult?: AlertActionResult | null
	/** Link each alert to the person's KPI page (not on their own home). */
	linkToPerson?: boolean
	headingLevel?: 'h2' | 'h3' | 'h4'
}

function AlertForm({
	alert,
	titleId,
	redirectTo,
	lastResult,
}: {
	alert: AlertView
	titleId: string
	redirectTo?: string
	lastResult?: SubmissionResult<string[]>
}) {
	const { t } = useTranslation()
	const tr = useErrorText()
	const [form, fields] = useForm<z.input<typeof AlertActionSchema>>({
		id: `alert-${alert.id}`,
		lastResult,
		// The hidden alertId is in both kinds of form, so one schema checks both.
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AlertActionSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form
			method="post"
			action={redirectTo ? `/alerts/${alert.id}` : undefined}
			// The resource route answers with a redirect only; let the browser follow it.
			reloadDocument={Boolean(redirectTo)}
			className="mt-3 space-y-3"
			{...getFormProps(form)}
		>
			<input type="hidden" name="alertId" value={alert.id} />
			{redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<ReasonField
				field={fields.note}
				hintId={`alert-${alert.id}-note-hint`}
				label={t('kpi.alerts.note')}
				hint={t('kpi.alerts.noteHint')}
				rows={2}
			/>
			<div className="flex flex-wrap gap-2">
				{alert.status === 'open' ? (
					<Button type="submit" name="intent" value="acknowledge" variant="secondary" aria-describedby={titleId}>
						{t('kpi.alerts.acknowledge')}
					</Button>
				) : null}
				<Button type="submit" name="intent" value="resolve" aria-describedby={titleId}>
					{t('kpi.alerts.resolve')}
				</Button>
			</div>
		</Form>
	)
}

/**
 * Open and acknowledged alerts as cards: who, which rule was broken over which run, the values, and —
 * for the person's mentor, manager or HR — a note with 确认 / 已解决. Works without JavaScript.
 */
export function AlertList({ alerts, canAct, redirectTo, lastResult, linkToPerson = true, headingLevel: Heading = 'h3' }: AlertListProps) {
	const { t, i18n } = useTranslation()
	const f = useKpiFormat()
	if (alerts.length === 0) return <p className="text-sm text-slate-700">{t('kpi.alerts.empty')}</p>
	return (
		<ul className="space-y-3">
			{alerts.map((alert) => {
				const titleId = `alert-${alert.id}-title`
				const indicator = f.name(alert.indicator)
				const mayAct = typeof canAct === 'function' ? canAct(alert) : canAct
				return (
					<li key={alert.id}>
						<article aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4">
							<div className="flex flex-wrap items-start justify-between gap-2">
								<Heading id={titleId} className="text-base font-semibold text-slate-900">
									{t('kpi.alerts.title', { name: alert.userName, indicator })}
								</Heading>
								<Badge tone={alert.status === 'open' ? 'danger' : 'warning'}>{t(`kpi.alerts.status.${alert.status}`)}</Badge>
							</div>
							<p className="mt-1 text-sm text-slate-900">
								{t('kpi.alerts.rule', {
									indicator,
									count: alert.consecutive,
									grain: t(`kpi.alerts.grains.${alert.grain}`),
									comparison: t(`kpi.alerts.comparisons.${alert.comparison}`),
									threshold: f.value(alert.threshold, alert.indicator.unit),
								})}
							</p>
							<p className="mt-1 text-sm text-slate-700">
								{t('kpi.alerts.range', { from: alert.fromDate, to: alert.toDate })} ·{' '}
								{t('kpi.alerts.values', { values: alert.values.map((v) => f.value(v, alert.indicator.unit)).join(t('kpi.alerts.separator')) })}
							</p>
							<p className="mt-1 text-sm text-slate-700">{t('kpi.alerts.opened', { time: formatDateTime(alert.openedAt, f.locale) })}</p>
							{alert.acknowledgedAt ? (
								<p className="mt-1 text-sm break-words text-slate-800">
									{t('kpi.alerts.acknowledgedNote', { time: formatDateTime(alert.acknowledgedAt, f.locale), note: alert.acknowledgeNote ?? '' })}
								</p>
							) : null}
							{alert.recommended.length > 0 ? (
								<div className="mt-2 text-sm">
									<p className="text-slate-800">{t('kpi.alerts.recommended')}</p>
									<ul className="mt-1 list-disc space-y-0.5 pl-5">
										{alert.recommended.map((article) => (
											<li key={article.slug}>
												<Link to={`/kb/${article.slug}`} className="text-brand-700 underline underline-offset-2">
													{i18n.language.startsWith('zh') ? article.title : article.titleEn}
												</Link>
											</li>
										))}
									</ul>
								</div>
							) : null}
							{linkToPerson ? (
								<p className="mt-1 text-sm">
									<Link to={`/team/${alert.userId}/kpi`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
										{t('kpi.alerts.viewKpi', { name: alert.userName })}
									</Link>
								</p>
							) : null}
							{mayAct ? (
								<AlertForm
									// A new status (acknowledged) starts an empty note.
									key={alert.status}
									alert={alert}
									titleId={titleId}
									redirectTo={redirectTo}
									lastResult={lastResult?.alertId === alert.id ? lastResult.result : undefined}
								/>
							) : (
								<p className="mt-2 text-sm text-slate-700">{t('kpi.alerts.readOnly')}</p>
							)}
						</article>
					</li>
				)
			})}
		</ul>
	)
}
