import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CellInput, ReasonSubmit, useProblemTexts } from '#app/components/kpi/index.ts'
import { Badge, Button, Card, EmptyState, FormErrors, Input, Select, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { managedTeams, proposeTeamAdjustment, teamIndicators, teamTargets } from '#app/modules/performance/adjustments.server.ts'
import { formatIndicatorValue, localName, formatPeriod } from '#app/modules/performance/format.ts'
import { quarterOf } from '#app/modules/performance/periods.ts'
import { parseAmount, rangeValues, REASON_MAX, REASON_MIN } from '#app/modules/performance/targets.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const reason = z
	.string({ error: 'kpiAdmin.errors.reasonTooShort' })
	.trim()
	.min(REASON_MIN, { error: 'kpiAdmin.errors.reasonTooShort' })
	.max(REASON_MAX, { error: 'kpiAdmin.errors.reasonTooLong' })
const context = { teamId: z.number().int().positive(), indicatorId: z.number().int().positive() }

const PercentSchema = z.object({
	intent: z.literal('percent'),
	...context,
	percent: z.string({ error: 'kpiAdmin.errors.required' }).transform((value, ctx) => {
		const n = parseAmount(value)
		if (n === null) {
			ctx.addIssue({ code: 'custom', message: 'kpiAdmin.errors.notNumber' })
			return z.NEVER
		}
		if (n === 0) ctx.addIssue({ code: 'custom', message: 'kpiAdmin.errors.noChange' })
		return n
	}),
	reason,
})

const EachSchema = z.object({
	intent: z.literal('each'),
	...context,
	targets: z
		.record(z.string(), z.string().optional())
		.optional()
		.superRefine((targets, ctx) => {
			let filled = 0
			for (const [userId, value] of Object.entries(targets ?? {})) {
				if (!value) continue
				filled++
				if (parseAmount(value) === null) ctx.addIssue({ code: 'custom', path: [userId], message: 'kpiAdmin.errors.notNumber' })
			}
			if (filled === 0) ctx.addIssue({ code: 'custom', message: 'kpiAdmin.errors.nothingProposed' })
		}),
	reason,
})

const ActionSchema = z.discriminatedUnion('intent', [PercentSchema, EachSchema])

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'kpiAdmin.team.title')

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'manager')
	const period = quarterOf(businessDate(now()))
	const teams = managedTeams(actor.id)
	const url = new URL(request.url)
	const team = teams.find((t) => t.id === Number(url.searchParams.get('team'))) ?? teams[0] ?? null
	const indicators = team ? teamIndicators(team.id, period, actor.id) : []
	const indicator = indicators.find((i) => i.id === Number(url.searchParams.get('indicator'))) ?? indicators[0] ?? null
	const members =
		team && indicator
			? teamTargets({ teamId: team.id, indicatorId: indicator.id, period, exceptUserId: actor.id }).map((m) => ({
					...m,
					range: rangeValues(m.originalTarget, indicator.unit),
				}))
			: []
	return { period, teams, team, indicators, indicator, members }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'manager')
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: ActionSchema })
	const intent = formData.get('intent') === 'each' ? 'each' : 'percent'
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	const value = submission.value
	const period = quarterOf(businessDate(now()))
	const targets =
		value.intent === 'each'
			? Object.fromEntries(
					Object.entries(value.targets ?? {}).flatMap(([userId, text]) => {
						const n = text ? parseAmount(text) : null
						return n === null ? [] : [[Number(userId), n]]
					}),
				)
			: null
	const proposed = proposeTeamAdjustment(
		{ teamId: value.teamId, indicatorId: value.indicatorId, period, percent: value.intent === 'percent' ? value.percent : null, targets, reason: value.reason },
		actor,
	)
	if (!proposed.ok)
		return data({ intent, result: submission.reply({ fieldErrors: proposed.fieldErrors, formErrors: proposed.formErrors }) }, { status: 400 })
	return redirectWithToast(`/team/targets?team=${value.teamId}&indicator=${value.indicatorId}`, {
		key: 'kpiAdmin.team.teamProposed',
		values: { count: proposed.count },
	})
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function PercentForm({ teamId, indicatorId }: { teamId: number; indicatorId: number }) {
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof PercentSchema>, z.output<typeof PercentSchema>>({
		id: 'team-percent',
		lastResult: actionData?.intent === 'percent' ? actionData.result : undefined,
		defaultValue: { intent: 'percent', teamId, indicatorId },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PercentSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const hint = `${fields.percent.id}-hint`
	return (
		<Card aria-labelledby="percent-heading">
			<h2 id="percent-heading" className="mb-1 text-lg font-semibold text-slate-900">
				{t('kpiAdmin.team.percentHeading')}
			</h2>
			<p className="mb-3 max-w-prose text-sm text-slate-700">{t('kpiAdmin.team.percentIntro')}</p>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="percent" />
				<input type="hidden" name="teamId" value={teamId} />
				<input type="hidden" name="indicatorId" value={indicatorId} />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<Input
					label={t('kpiAdmin.team.percent')}
					hint={t('kpiAdmin.team.percentHint')}
					errors={tr(fields.percent.errors)}
					inputMode="decimal"
					autoComplete="off"
					className="max-w-xs"
					{...getInputProps(fields.percent, { type: 'text', ariaDescribedBy: hint })}
					key={fields.percent.key}
				/>
				<ReasonSubmit field={fields.reason} hintId="team-percent-reason-hint" hint={t('kpiAdmin.team.reasonHint')} submit={t('kpiAdmin.team.proposeTeamSubmit')} />
			</Form>
		</Card>
	)
}

function EachForm({ teamId, indicator, members }: { teamId: number; indicator: NonNullable<LoaderData['indicator']>; members: LoaderData['members'] }) {
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof EachSchema>, z.output<typeof EachSchema>>({
		id: 'team-each',
		lastResult: actionData?.intent === 'each' ? actionData.result : undefined,
		defaultValue: { intent: 'each', teamId, indicatorId: indicator.id },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EachSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const cells = fields.targets.getFieldset()
	const unit = indicator.unit
	return (
		<Card aria-labelledby="each-heading">
			<h2 id="each-heading" className="mb-1 text-lg font-semibold text-slate-900">
				{t('kpiAdmin.team.eachHeading')}
			</h2>
			<p className="mb-3 max-w-prose text-sm text-slate-700">{t('kpiAdmin.team.eachIntro')}</p>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="each" />
				<input type="hidden" name="teamId" value={teamId} />
				<input type="hidden" name="indicatorId" value={indicator.id} />
				<FormErrors id={form.errorId} errors={tr([...(form.errors ?? []), ...(fields.targets.errors ?? [])])} />
				<Table caption={t('kpiAdmin.team.membersCaption', { indicator: localName(indicator, lang) })}>
					<thead>
						<tr>
							<Th>{t('kpiAdmin.common.person')}</Th>
							<Th className="text-right">{t('kpiAdmin.common.currentTarget')}</Th>
							<Th>{t('kpiAdmin.team.range')}</Th>
							<Th>{t('kpiAdmin.team.newTarget')}</Th>
						</tr>
					</thead>
					<tbody>
						{members.map((m) => {
							const field = cells[String(m.userId)]!
							const rangeId = `range-${m.userId}`
							return (
								<Tr key={m.userId}>
									<Th scope="row" className="bg-white font-medium text-slate-900">
										{m.name}
									</Th>
									<Td className="text-right whitespace-nowrap tabular-nums">{formatIndicatorValue(m.target, unit, lang)}</Td>
									<Td id={rangeId} className="whitespace-nowrap tabular-nums">
										{formatIndicatorValue(m.range.min, unit, lang)} – {formatIndicatorValue(m.range.max, unit, lang)}
									</Td>
									<Td>
										{m.pendingTo !== null ? (
											<Badge tone="warning">{t('kpiAdmin.team.pendingShort', { to: formatIndicatorValue(m.pendingTo, unit, lang) })}</Badge>
										) : (
											<CellInput field={field} label={t('kpiAdmin.team.newTargetOf', { name: m.name })} describedBy={rangeId} className="min-w-32" />
										)}
									</Td>
								</Tr>
							)
						})}
					</tbody>
				</Table>
				<ReasonSubmit field={fields.reason} hintId="team-each-reason-hint" hint={t('kpiAdmin.team.reasonHint')} submit={t('kpiAdmin.team.proposeEachSubmit')} />
			</Form>
		</Card>
	)
}

export default function TeamTargetsPage() {
	const { period, teams, team, indicators, indicator, members } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('kpiAdmin.team.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('kpiAdmin.team.intro', { period: formatPeriod(period, lang) })}</p>
			{!team ? (
				<EmptyState title={t('kpiAdmin.team.noTeam')} />
			) : (
				<>
					<Card className="mb-6" aria-labelledby="choose-heading">
						<h2 id="choose-heading" className="sr-only">
							{t('kpiAdmin.team.chooseHeading')}
						</h2>
						<Form method="get" className="grid gap-4 sm:grid-cols-3 sm:items-end">
							<Select label={t('kpiAdmin.common.team')} name="team" defaultValue={team.id}>
								{teams.map((option) => (
									<option key={option.id} value={option.id}>
										{localName(option, lang)}
									</option>
								))}
							</Select>
							<Select label={t('kpiAdmin.common.indicator')} name="indicator" defaultValue={indicator?.id ?? ''}>
								{indicators.map((option) => (
									<option key={option.id} value={option.id}>
										{localName(option, lang)}
									</option>
								))}
							</Select>
							<Button type="submit" variant="secondary">
								{t('kpiAdmin.targets.show')}
							</Button>
						</Form>
					</Card>
					{!indicator || members.length === 0 ? (
						<EmptyState title={t('kpiAdmin.team.noTeamTargets', { period: formatPeriod(period, lang) })} />
					) : (
						<div className="space-y-6">
							<PercentForm key={`percent-${team.id}-${indicator.id}`} teamId={team.id} indicatorId={indicator.id} />
							<EachForm key={`each-${team.id}-${indicator.id}`} teamId={team.id} indicator={indicator} members={members} />
						</div>
					)}
				</>
			)}
		</>
	)
}
