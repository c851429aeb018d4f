import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { eq } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { getDb } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { AdjustmentHistory, GoalList, ReasonSubmit, useProblemTexts } from '#app/components/kpi/index.ts'
import { Card, EmptyState, FormErrors, Input } from '#app/components/ui/index.ts'
import { adjustmentHistories, proposeAdjustment, type AdjustmentView } from '#app/modules/performance/adjustments.server.ts'
import { formatIndicatorValue, localName, formatPeriod } from '#app/modules/performance/format.ts'
import { quarterOf } from '#app/modules/performance/periods.ts'
import { withinAdjustment } from '#app/modules/performance/scoring.ts'
import { parseAmount, problem, rangeValues, REASON_MAX, REASON_MIN } from '#app/modules/performance/targets.ts'
import { targetsFor } from '#app/modules/performance/targets.server.ts'
import { requireManagerOf } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

/** With the target's original value and unit known (in the browser), the ±20 % range is checked before sending. */
function proposeSchema(range?: { original: number; unit: string }) {
	return z.object({
		intent: z.literal('propose'),
		targetId: z.number().int().positive(),
		toTarget: z.string({ error: 'kpiAdmin.errors.required' }).transform((value, ctx) => {
			const n = parseAmount(value)
			if (n === null) {
				ctx.addIssue({ code: 'custom', message: 'kpiAdmin.errors.notNumber' })
				return z.NEVER
			}
			if (range && !withinAdjustment(range.original, n))
				ctx.addIssue({ code: 'custom', message: problem('kpiAdmin.errors.outOfRange', { ...rangeValues(range.original, range.unit), value: n }) })
			return n
		}),
		reason: z
			.string({ error: 'kpiAdmin.errors.reasonTooShort' })
			.trim()
			.min(REASON_MIN, { error: 'kpiAdmin.errors.reasonTooShort' })
			.max(REASON_MAX, { error: 'kpiAdmin.errors.reasonTooLong' }),
	})
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data ? pageTitle(matches, 'kpiAdmin.team.personTitle', { name: data.person.name }) : pageTitle(matches, 'errors.notFoundTitle')

function loadPerson(userId: number) {
	const person =
		Number.isSafeInteger(userId) && userId > 0
			? getDb().select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId)).get()
			: undefined
	if (!person) throw new Response('No such person', { status: 404, statusText: 'Not Found' })
	return person
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const userId = Number(params.userId)
	// The person's own manager or HR; nobody proposes their own targets.
	await requireManagerOf(request, userId)
	const person = loadPerson(userId)
	const period = quarterOf(businessDate(now()))
	const targets = targetsFor(person.id, period)
	const histories = adjustmentHistories(targets.map((t) => t.id))
	return {
		person,
		period,
		targets: targets.map((t) => ({
			id: t.id,
			indicator: { code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, unit: t.unit, direction: t.direction },
			baseline: t.baseline,
			target: t.target,
			challenge: t.challenge,
			originalTarget: t.originalTarget,
			range: rangeValues(t.originalTarget, t.unit),
			pending: t.pending,
			history: histories.get(t.id) ?? [],
		})),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const userId = Number(params.userId)
	const actor = await requireManagerOf(request, userId)
	const person = loadPerson(userId)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: proposeSchema() })
	const targetId = Number(formData.get('targetId'))
	if (submission.status !== 'success') return data({ targetId, result: submission.reply() }, { status: 400 })
	// Only this person's targets are proposed from this page.
	const period = quarterOf(businessDate(now()))
	if (!targetsFor(person.id, period).some((t) => t.id === submission.value.targetId))
		throw new Response('No such target', { status: 404, statusText: 'Not Found' })
	const proposed = proposeAdjustment({ targetId: submission.value.targetId, toTarget: submission.value.toTarget, reason: submission.value.reason }, actor)
	if (!proposed.ok)
		return data({ targetId, result: submission.reply({ fieldErrors: proposed.fieldErrors, formErrors: proposed.formErrors }) }, { status: 400 })
	return redirectWithToast(`/team/${person.id}/targets`, { key: 'kpiAdmin.team.proposed', values: { name: person.name } })
}

type TargetRow = ReturnType<typeof useLoaderData<typeof loader>>['targets'][number]

function ProposeForm({ row }: { row: TargetRow }) {
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	const tr = useProblemTexts()
	const unit = row.indicator.unit
	const schema = proposeSchema({ original: row.originalTarget, unit })
	const [form, fields] = useForm<z.input<typeof schema>, z.output<typeof schema>>({
		id: `propose-${row.id}`,
		lastResult: actionData?.targetId === row.id ? actionData.result : undefined,
		defaultValue: { intent: 'propose', targetId: row.id },
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const rangeHint = `${fields.toTarget.id}-hint`
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="propose" />
			<input type="hidden" name="targetId" value={row.id} />
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<Input
				label={t('kpiAdmin.team.newTarget')}
				hint={`${t('kpiAdmin.team.allowedRange', {
					min: formatIndicatorValue(row.range.min, unit, lang),
					max: formatIndicatorValue(row.range.max, unit, lang),
					original: formatIndicatorValue(row.originalTarget, unit, lang),
				})}${unit === 'cny' ? ` ${t('kpiAdmin.common.moneyHint')}` : ''}`}
				errors={tr(fields.toTarget.errors)}
				inputMode="decimal"
				autoComplete="off"
				{...getInputProps(fields.toTarget, { type: 'text', ariaDescribedBy: rangeHint })}
				key={fields.toTarget.key}
			/>
			<ReasonSubmit field={fields.reason} hintId={`${form.id}-reason-hint`} hint={t('kpiAdmin.team.reasonHint')} rows={2} submit={t('kpiAdmin.team.proposeSubmit')} />
		</Form>
	)
}

export default function TeamPersonTargetsPage() {
	const { person, period, targets } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('kpiAdmin.team.personTitle', { name: person.name })}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('kpiAdmin.team.personIntro', { period: formatPeriod(period, lang) })}</p>
			{targets.length === 0 ? (
				<EmptyState title={t('kpiAdmin.team.noTargets', { period: formatPeriod(period, lang) })} />
			) : (
				<div className="grid gap-4 lg:grid-cols-2">
					{targets.map((row) => {
						const unit = row.indicator.unit
						const headingId = `target-${row.id}-heading`
						return (
							<Card key={row.id} aria-labelledby={headingId}>
								<h2 id={headingId} className="mb-2 text-lg font-semibold text-slate-900">
									{localName(row.indicator, lang)}
								</h2>
								<GoalList goal={row} unit={unit} />
								{row.pending ? (
									<p className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
										{t('kpiAdmin.team.pendingNote', { to: formatIndicatorValue(row.pending.toTarget, unit, lang) })}
									</p>
								) : (
									<ProposeForm row={row} />
								)}
								<AdjustmentHistory history={row.history as AdjustmentView[]} unit={unit} />
							</Card>
						)
					})}
				</div>
			)}
		</>
	)
}
