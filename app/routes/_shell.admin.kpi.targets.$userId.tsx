import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { eq } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { getDb } from '#db/client.server.ts'
import { teams, users } from '#db/schema/auth.ts'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { AdjustmentHistory, GoalList, PeriodOptions, ReasonSubmit, useProblemTexts } from '#app/components/kpi/index.ts'
import { BackLink, Badge, Button, Card, EmptyState, FormErrors, Input, Select } from '#app/components/ui/index.ts'
import { adjustmentHistories, type AdjustmentView } from '#app/modules/performance/adjustments.server.ts'
import { formatIndicatorValue, localName } from '#app/modules/performance/format.ts'
import { isPeriod, quarterOf } from '#app/modules/performance/periods.ts'
import type { Direction } from '#app/modules/performance/scoring.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { defaultGoalFor, goalErrors, parseAmount, periodChoices, REASON_MAX, REASON_MIN } from '#app/modules/performance/targets.ts'
import { setTarget, targetsFor } from '#app/modules/performance/targets.server.ts'
import { templateFor } from '#app/modules/performance/templates.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const GOALS = ['baseline', 'target', 'challenge'] as const

const amount = z.string({ error: 'kpiAdmin.errors.required' }).transform((value, ctx) => {
	const n = parseAmount(value)
	if (n === null) {
		ctx.addIssue({ code: 'custom', message: 'kpiAdmin.errors.notNumber' })
		return z.NEVER
	}
	return n
})

/** One indicator's goal; the order rule is checked in the browser too when the direction is known. */
function setSchema(direction?: Direction) {
	return z
		.object({
			intent: z.literal('set'),
			indicatorId: z.number().int().positive(),
			period: z.string().refine(isPeriod, { error: 'kpiAdmin.errors.period' }),
			baseline: amount,
			target: amount,
			challenge: amount,
			reason: z
				.string({ error: 'kpiAdmin.errors.reasonTooShort' })
				.trim()
				.min(REASON_MIN, { error: 'kpiAdmin.errors.reasonTooShort' })
				.max(REASON_MAX, { error: 'kpiAdmin.errors.reasonTooLong' }),
		})
		.superRefine((value, ctx) => {
			if (!direction) return
			for (const [path, messages] of Object.entries(goalErrors(value, direction)))
				ctx.addIssue({ code: 'custom', path: [path], message: messages[0]! })
		})
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data ? pageTitle(matches, 'kpiAdmin.person.title', { name: data.person.name }) : pageTitle(matches, 'errors.notFoundTitle')

function loadPerson(userId: number) {
	const person = Number.isSafeInteger(userId) && userId > 0
		? getDb()
				.select({ id: users.id, name: users.name, email: users.email, positionType: users.positionType, teamZh: teams.nameZh, teamEn: teams.nameEn })
				.from(users)
				.leftJoin(teams, eq(teams.id, users.teamId))
				.where(eq(users.id, userId))
				.get()
		: undefined
	if (!person) throw new Response('No such person', { status: 404, statusText: 'Not Found' })
	return person
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const person = loadPerson(Number(params.userId))
	const today = businessDate(now())
	const asked = new URL(request.url).searchParams.get('period') ?? ''
	const period = isPeriod(asked) ? asked : quarterOf(today)
	const template = person.positionType ? templateFor(person.positionType, period) : null
	const targets = targetsFor(person.id, period)
	const histories = adjustmentHistories(targets.map((t) => t.id))
	const byIndicator = new Map(targets.map((t) => [t.indicatorId, t]))
	const weights = new Map(template?.weights.map((w) => [w.indicatorId, w]))
	const rows = listIndicators()
		.filter((i) => weights.has(i.id) || byIndicator.has(i.id))
		.map((i) => {
			const w = weights.get(i.id)
			const target = byIndicator.get(i.id) ?? null
			const defaults =
				w && w.baseline !== null && w.target !== null && w.challenge !== null
					? defaultGoalFor({ baseline: w.baseline, target: w.target, challenge: w.challenge }, i.rollup, period)
					: null
			return {
				indicator: { id: i.id, code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, unit: i.unit, direction: i.direction, category: i.category },
				weight: w?.weight ?? null,
				defaults,
				target,
				history: target ? (histories.get(target.id) ?? []) : [],
			}
		})
	return {
		person,
		period,
		self: actor.id === person.id,
		choices: periodChoices(today, period),
		templateVersion: template ? { version: template.version, effectiveFrom: template.effectiveFrom } : null,
		rows,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const person = loadPerson(Number(params.userId))
	const formData = await readFormData(request)
	const indicatorId = Number(formData.get('indicatorId'))
	const direction = listIndicators().find((i) => i.id === indicatorId)?.direction
	const submission = parseWithZod(formData, { schema: setSchema(direction) })
	if (submission.status !== 'success') return data({ indicatorId, result: submission.reply() }, { status: 400 })
	const { intent: _, ...input } = submission.value
	const saved = setTarget({ ...input, userId: person.id }, actor)
	if (!saved.ok)
		return data({ indicatorId, result: submission.reply({ fieldErrors: saved.fieldErrors, formErrors: saved.formErrors }) }, { status: 400 })
	return redirectWithToast(`/admin/kpi/targets/${person.id}?period=${input.period}`, {
		key: saved.changed ? 'kpiAdmin.person.saved' : 'kpiAdmin.person.unchanged',
		values: { name: person.name },
	})
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

function TargetForm({ row, period }: { row: Row; period: string }) {
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const { indicator } = row
	const start = row.target ?? row.defaults
	const [form, fields] = useForm<z.input<ReturnType<typeof setSchema>>, z.output<ReturnType<typeof setSchema>>>({
		id: `target-${indicator.id}`,
		lastResult: actionData?.indicatorId === indicator.id ? actionData.result : undefined,
		defaultValue: {
			intent: 'set',
			indicatorId: indicator.id,
			period,
			baseline: start ? String(start.baseline) : '',
			target: start ? String(start.target) : '',
			challenge: start ? String(start.challenge) : '',
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: setSchema(indicator.direction) }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const orderHint = `${form.id}-order`
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="set" />
			<input type="hidden" name="indicatorId" value={indicator.id} />
			<input type="hidden" name="period" value={period} />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<p id={orderHint} className="text-sm text-slate-700">
				{t(indicator.direction === 'higher' ? 'kpiAdmin.common.orderHigher' : 'kpiAdmin.common.orderLower')}
				{indicator.unit === 'cny' ? ` ${t('kpiAdmin.common.moneyHint')}` : null}
			</p>
			<div className="grid gap-3 sm:grid-cols-3">
				{GOALS.map((f) => (
					<Input
						label={t(`kpiAdmin.common.${f}`)}
						errors={tr(fields[f].errors)}
						inputMode="decimal"
						autoComplete="off"
						{...getInputProps(fields[f], { type: 'text', ariaDescribedBy: orderHint })}
						key={fields[f].key ?? f}
					/>
				))}
			</div>
			<ReasonSubmit
				field={fields.reason}
				hintId={`${form.id}-reason-hint`}
				hint={t('kpiAdmin.person.reasonHint')}
				rows={2}
				submit={t(row.target ? 'kpiAdmin.person.update' : 'kpiAdmin.person.create')}
			/>
		</Form>
	)
}

export default function PersonTargetsPage() {
	const { person, period, self, choices, rows, templateVersion } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	return (
		<>
			<AdminTabs />
			<BackLink to={`/admin/kpi/targets?period=${period}`}>{t('kpiAdmin.person.back')}</BackLink>
			<h1 className="mb-1 text-2xl font-bold text-slate-900">{t('kpiAdmin.person.title', { name: person.name })}</h1>
			<p className="mb-4 text-sm text-slate-700">
				{[
					person.email,
					person.positionType ? t(`positions.${person.positionType}`) : t('positions.none'),
					person.teamZh ? localName({ nameZh: person.teamZh, nameEn: person.teamEn ?? person.teamZh }, lang) : null,
				]
					.filter(Boolean)
					.join(' · ')}
			</p>
			<Form method="get" className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end">
				<Select label={t('kpiAdmin.common.period')} name="period" defaultValue={period} className="sm:w-56">
					<PeriodOptions choices={choices} />
				</Select>
				<Button type="submit" variant="secondary">
					{t('kpiAdmin.targets.show')}
				</Button>
			</Form>
			<p className="mb-4 text-sm text-slate-700">
				{templateVersion
					? t('kpiAdmin.person.templateNote', { version: templateVersion.version, month: templateVersion.effectiveFrom, period })
					: t('kpiAdmin.person.noTemplate')}
			</p>
			{self ? (
				<p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{t('kpiAdmin.person.selfNotice')}
				</p>
			) : null}
			{rows.length === 0 ? (
				<EmptyState title={t('kpiAdmin.person.nothing')} />
			) : (
				<div className="grid gap-4 lg:grid-cols-2">
					{rows.map((row) => {
						const headingId = `indicator-${row.indicator.id}`
						const unit = row.indicator.unit
						return (
							<Card key={row.indicator.id} aria-labelledby={headingId}>
								<h2 id={headingId} className="mb-1 flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
									{localName(row.indicator, lang)}
									{row.weight !== null ? <Badge tone="brand">{t('kpiAdmin.person.weight', { weight: row.weight })}</Badge> : <Badge>{t('kpiAdmin.person.unweighted')}</Badge>}
									{row.target?.pending ? <Badge tone="warning">{t('kpiAdmin.status.pending')}</Badge> : null}
								</h2>
								{row.target ? (
									<GoalList goal={row.target} unit={unit} />
								) : (
									<p className="mb-3 text-sm text-amber-900">{t('kpiAdmin.targets.notSet')}</p>
								)}
								{row.defaults ? (
									<p className="mb-3 text-sm text-slate-700">
										{t('kpiAdmin.person.defaults', {
											baseline: formatIndicatorValue(row.defaults.baseline, unit, lang),
											target: formatIndicatorValue(row.defaults.target, unit, lang),
											challenge: formatIndicatorValue(row.defaults.challenge, unit, lang),
										})}
									</p>
								) : null}
								{self ? null : row.target?.pending ? (
									<p className="mb-3 text-sm text-slate-800">{t('kpiAdmin.person.pendingNote')}</p>
								) : (
									<TargetForm row={row} period={period} />
								)}
								{row.target ? <AdjustmentHistory history={row.history as AdjustmentView[]} unit={unit} /> : null}
							</Card>
						)
					})}
				</div>
			)}
		</>
	)
}
