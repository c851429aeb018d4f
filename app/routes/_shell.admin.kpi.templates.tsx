import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { positionTypes, type PositionType } from '#db/schema/auth.ts'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { CellInput, ReasonSubmit, useProblemTexts } from '#app/components/kpi/index.ts'
import { BackLink, Badge, Card, FormErrors, Input, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { formatIndicatorValue, localName } from '#app/modules/performance/format.ts'
import { shiftPeriod } from '#app/modules/performance/periods.ts'
import type { Direction } from '#app/modules/performance/scoring.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { goalErrors, parseAmount, problem, REASON_MAX, REASON_MIN } from '#app/modules/performance/targets.ts'
import { saveTemplateVersion, templateFor, templateHistory, type TemplateVersion } from '#app/modules/performance/templates.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate, formatDateTime } from '#app/utils/dates.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const GOALS = ['baseline', 'target', 'challenge'] as const

const reason = z
	.string({ error: 'kpiAdmin.errors.reasonTooShort' })
	.trim()
	.min(REASON_MIN, { error: 'kpiAdmin.errors.reasonTooShort' })
	.max(REASON_MAX, { error: 'kpiAdmin.errors.reasonTooLong' })
const cell = z.string().trim().max(40, { error: 'kpiAdmin.errors.notNumber' }).optional()

/**
 * The edit form: one row per indicator (a blank weight leaves it out of the template, so adding and
 * removing indicators needs no script). Checked in the browser as well as on the server, so the
 * "合计必须为 100（当前 95）" message appears as soon as the weights are changed.
 */
function templateSchema(directions: ReadonlyMap<number, Direction>) {
	return z.object({
		positionType: z.enum(positionTypes, { error: 'kpiAdmin.errors.position' }),
		effectiveFrom: z.string({ error: 'kpiAdmin.errors.month' }).trim().regex(MONTH, { error: 'kpiAdmin.errors.month' }),
		reason,
		weights: z
			.array(z.object({ indicatorId: z.number().int().positive(), weight: cell, baseline: cell, target: cell, challenge: cell }))
			.superRefine((rows, ctx) => {
				let sum = 0
				let counted = 0
				rows.forEach((row, i) => {
					const goal: Record<string, number | null> = {}
					let goalsOk = true
					for (const f of GOALS) {
						const text = row[f]
						const value = text ? parseAmount(text) : null
						if (text && value === null) {
							ctx.addIssue({ code: 'custom', path: [i, f], message: 'kpiAdmin.errors.notNumber' })
							goalsOk = false
						}
						goal[f] = value
					}
					if (!row.weight) {
						if (GOALS.some((f) => row[f])) ctx.addIssue({ code: 'custom', path: [i, 'weight'], message: 'kpiAdmin.errors.weightMissing' })
						return
					}
					const weight = parseAmount(row.weight)
					if (weight === null || !Number.isInteger(weight) || weight < 0 || weight > 100)
						ctx.addIssue({ code: 'custom', path: [i, 'weight'], message: 'kpiAdmin.errors.weightInteger' })
					else {
						sum += weight
						counted++
					}
					const direction = directions.get(row.indicatorId)
					if (goalsOk && direction)
						for (const [path, messages] of Object.entries(goalErrors(goal, direction, { optional: true })))
							ctx.addIssue({ code: 'custom', path: [i, path], message: messages[0]! })
				})
				if (counted === 0 && !rows.some((r) => r.weight)) ctx.addIssue({ code: 'custom', message: 'kpiAdmin.errors.weightsEmpty' })
				else if (counted > 0 && sum !== 100) ctx.addIssue({ code: 'custom', message: problem('kpiAdmin.errors.weightSum', { sum }) })
			}),
	})
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'kpiAdmin.templates.title')

function indicatorDirections() {
	return new Map(listIndicators().map((i) => [i.id, i.direction]))
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const currentMonth = businessDate(now()).slice(0, 7)
	const indicators = listIndicators().map(({ id, code, nameZh, nameEn, category, unit, direction, rollup }) => ({
		id,
		code,
		nameZh,
		nameEn,
		category,
		unit,
		direction,
		rollup,
	}))
	const positions = positionTypes.map((positionType) => ({
		positionType,
		current: templateFor(positionType, currentMonth),
		history: templateHistory(positionType),
	}))
	return { currentMonth, nextMonth: shiftPeriod(currentMonth, -1), indicators, positions }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	const schema = templateSchema(indicatorDirections())
	const submission = parseWithZod(formData, { schema })
	const raw = formData.get('positionType')
	const positionType = typeof raw === 'string' && (positionTypes as readonly string[]).includes(raw) ? (raw as PositionType) : null
	if (submission.status !== 'success') return data({ positionType, result: submission.reply() }, { status: 400 })

	const { weights, ...rest } = submission.value
	// Only rows with a weight are in the template; remember where each came from in the form.
	const formIndex: number[] = []
	const rows = weights.flatMap((row, i) => {
		if (!row.weight) return []
		formIndex.push(i)
		const amount = (text: string | undefined) => (text ? parseAmount(text) : null)
		return [{ indicatorId: row.indicatorId, weight: parseAmount(row.weight) ?? Number.NaN, baseline: amount(row.baseline), target: amount(row.target), challenge: amount(row.challenge) }]
	})
	const saved = saveTemplateVersion({ ...rest, weights: rows }, actor)
	if (!saved.ok) {
		const fieldErrors = Object.fromEntries(
			Object.entries(saved.fieldErrors).map(([path, errors]) => [
				path.replace(/^weights\[(\d+)\]/, (_, k: string) => `weights[${formIndex[Number(k)] ?? k}]`),
				errors,
			]),
		)
		return data({ positionType, result: submission.reply({ fieldErrors, formErrors: saved.formErrors }) }, { status: 400 })
	}
	return redirectWithToast('/admin/kpi/templates', {
		key: saved.replaced ? 'kpiAdmin.templates.replaced' : 'kpiAdmin.templates.saved',
		values: { version: saved.version, month: rest.effectiveFrom },
	})
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type IndicatorRow = LoaderData['indicators'][number]
type Version = LoaderData['positions'][number]['current']

function WeightsTable({ version, caption }: { version: NonNullable<Version>; caption: string }) {
	const { t, i18n } = useTranslation()
	return (
		<Table caption={caption}>
			<thead>
				<tr>
					<Th>{t('kpiAdmin.common.indicator')}</Th>
					<Th>{t('kpiAdmin.common.category')}</Th>
					<Th className="text-right">{t('kpiAdmin.common.weight')}</Th>
					<Th className="text-right">{t('kpiAdmin.templates.defaultBaseline')}</Th>
					<Th className="text-right">{t('kpiAdmin.templates.defaultTarget')}</Th>
					<Th className="text-right">{t('kpiAdmin.templates.defaultChallenge')}</Th>
				</tr>
			</thead>
			<tbody>
				{version.weights.map((w) => (
					<Tr key={w.indicatorId}>
						<Th scope="row" className="bg-white font-medium text-slate-900">
							{localName(w, i18n.language)}
						</Th>
						<Td className="whitespace-nowrap">{t(`kpiTerms.category.${w.category}`)}</Td>
						<Td className="text-right tabular-nums">{w.weight}%</Td>
						{GOALS.map((f) => (
							<Td key={f} className="text-right whitespace-nowrap tabular-nums">
								{formatIndicatorValue(w[f], w.unit, i18n.language)}
							</Td>
						))}
					</Tr>
				))}
			</tbody>
			<tfoot>
				<Tr>
					<Th scope="row" className="bg-white">
						{t('kpiAdmin.templates.total')}
					</Th>
					<Td />
					<Td className="text-right font-semibold tabular-nums">{version.weights.reduce((a, w) => a + w.weight, 0)}%</Td>
					<Td colSpan={3} />
				</Tr>
			</tfoot>
		</Table>
	)
}

function EditForm({ positionType, base, indicators, nextMonth, currentMonth }: { positionType: PositionType; base: TemplateVersion | null; indicators: IndicatorRow[]; nextMonth: string; currentMonth: string }) {
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const problems = useProblemTexts()
	const directions = new Map(indicators.map((i) => [i.id, i.direction]))
	const byId = new Map(base?.weights.map((w) => [w.indicatorId, w]))
	const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value))
	const [form, fields] = useForm<z.input<ReturnType<typeof templateSchema>>>({
		id: `template-${positionType}`,
		lastResult: actionData?.positionType === positionType ? actionData.result : undefined,
		defaultValue: {
			positionType,
			effectiveFrom: nextMonth,
			reason: '',
			weights: indicators.map((i) => {
				const w = byId.get(i.id)
				return { indicatorId: i.id, weight: text(w?.weight), baseline: text(w?.baseline), target: text(w?.target), challenge: text(w?.challenge) }
			}),
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: templateSchema(directions) }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const rows = fields.weights.getFieldList()
	const sumErrors = problems(fields.weights.errors)
	const position = t(`positions.${positionType}`)
	return (
		<Form method="post" className="space-y-4" {...getFormProps(form)}>
			<input type="hidden" name="positionType" value={positionType} />
			<FormErrors id={form.errorId} errors={problems(form.errors)} />
			<p id={`${form.id}-hint`} className="max-w-prose text-sm text-slate-700">
				{t('kpiAdmin.templates.editHint')}
			</p>
			{sumErrors?.length ? (
				<div id={fields.weights.errorId} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800">
					{sumErrors.join(' ')}
				</div>
			) : null}
			<Table caption={t('kpiAdmin.templates.editCaption', { position })}>
				<thead>
					<tr>
						<Th>{t('kpiAdmin.common.indicator')}</Th>
						<Th>{t('kpiAdmin.templates.weightPercent')}</Th>
						<Th>{t('kpiAdmin.templates.defaultBaseline')}</Th>
						<Th>{t('kpiAdmin.templates.defaultTarget')}</Th>
						<Th>{t('kpiAdmin.templates.defaultChallenge')}</Th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row, i) => {
						const indicator = indicators[i]!
						const cells = row.getFieldset()
						const name = localName(indicator, i18n.language)
						return (
							<Tr key={row.key}>
								<Th scope="row" className="bg-white align-top font-medium whitespace-normal text-slate-900">
									<input type="hidden" name={cells.indicatorId.name} value={indicator.id} />
									<span className="block">{name}</span>
									<span className="block text-xs font-normal text-slate-600">
										{t(`kpiTerms.unit.${indicator.unit}`)} · {t(`kpiTerms.direction.${indicator.direction}`)}
									</span>
								</Th>
								<Td>
									<CellInput field={cells.weight} label={t('kpiAdmin.templates.weightOf', { name })} inputMode="numeric" />
								</Td>
								{GOALS.map((f) => (
									<Td key={f}>
										<CellInput field={cells[f]} label={t(`kpiAdmin.templates.${f}Of`, { name })} />
									</Td>
								))}
							</Tr>
						)
					})}
				</tbody>
			</Table>
			<div className="grid gap-4 sm:grid-cols-2">
				<Input
					label={t('kpiAdmin.templates.effectiveFrom')}
					hint={t('kpiAdmin.templates.effectiveFromHint', { month: currentMonth })}
					errors={problems(fields.effectiveFrom.errors)}
					min={currentMonth}
					placeholder="YYYY-MM"
					{...getInputProps(fields.effectiveFrom, { type: 'month', ariaDescribedBy: `${fields.effectiveFrom.id}-hint` })}
					key={fields.effectiveFrom.key}
				/>
			</div>
			<ReasonSubmit field={fields.reason} hintId={`${form.id}-reason-hint`} hint={t('kpiAdmin.templates.reasonHint')} submit={t('kpiAdmin.templates.submit', { position })} />
		</Form>
	)
}

function History({ history, currentMonth, currentId }: { history: TemplateVersion[]; currentMonth: string; currentId: number | null }) {
	const { t, i18n } = useTranslation()
	return (
		<ol className="space-y-3">
			{history.map((v) => (
				<li key={v.id} className="rounded-md border border-slate-200 p-3 text-sm">
					<p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
						{t('kpiAdmin.templates.versionLabel', { version: v.version, month: v.effectiveFrom })}
						{v.id === currentId ? (
							<Badge tone="success">{t('kpiAdmin.templates.inForce')}</Badge>
						) : v.effectiveFrom > currentMonth ? (
							<Badge tone="warning">{t('kpiAdmin.templates.upcoming')}</Badge>
						) : (
							<Badge>{t('kpiAdmin.templates.superseded')}</Badge>
						)}
					</p>
					<p className="mt-1 text-slate-700">
						{v.createdByName
							? t('kpiAdmin.templates.savedBy', { name: v.createdByName, time: formatDateTime(new Date(v.createdAt), i18n.language) })
							: t('kpiAdmin.templates.seeded')}
					</p>
					{v.reason ? <p className="mt-1 break-words text-slate-800">{t('kpiAdmin.common.reasonIs', { reason: v.reason })}</p> : null}
					<p className="mt-1 text-slate-800">
						{v.weights.map((w) => `${localName(w, i18n.language)} ${w.weight}%`).join(t('kpiAdmin.common.listSeparator'))}
					</p>
				</li>
			))}
		</ol>
	)
}

export default function TemplatesPage() {
	const { positions, indicators, currentMonth, nextMonth } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<>
			<AdminTabs />
			<BackLink to="/admin/kpi">{t('kpiAdmin.backToKpi')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('kpiAdmin.templates.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('kpiAdmin.templates.intro')}</p>
			<div className="space-y-8">
				{positions.map(({ positionType, current, history }) => {
					const position = t(`positions.${positionType}`)
					const latest = (history[0] ?? current) as TemplateVersion | null
					const headingId = `template-${positionType}-heading`
					return (
						<Card key={positionType} aria-labelledby={headingId}>
							<h2 id={headingId} className="mb-1 text-xl font-semibold text-slate-900">
								{position}
							</h2>
							{current ? (
								<>
									<p className="mb-3 text-sm text-slate-700">
										{t('kpiAdmin.templates.currentVersion', { version: current.version, month: current.effectiveFrom })}
									</p>
									<WeightsTable version={current} caption={t('kpiAdmin.templates.currentCaption', { position })} />
								</>
							) : (
								<p className="text-sm text-slate-700">{t('kpiAdmin.templates.noneInForce')}</p>
							)}
							<details className="mt-4">
								<summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700 underline underline-offset-2">
									{t('kpiAdmin.templates.historyHeading', { count: history.length })}
								</summary>
								<div className="mt-2">
									<History history={history as TemplateVersion[]} currentMonth={currentMonth} currentId={current?.id ?? null} />
								</div>
							</details>
							<details className="mt-2" open={actionData?.positionType === positionType}>
								<summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700 underline underline-offset-2">
									{t('kpiAdmin.templates.editHeading', { position })}
								</summary>
								<div className="mt-3">
									<EditForm positionType={positionType} base={latest} indicators={indicators} nextMonth={nextMonth} currentMonth={currentMonth} />
								</div>
							</details>
						</Card>
					)
				})}
			</div>
		</>
	)
}
