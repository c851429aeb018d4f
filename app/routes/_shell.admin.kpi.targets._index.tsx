import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { positionTypes, type PositionType } from '#db/schema/auth.ts'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { PeriodOptions, useProblemTexts } from '#app/components/kpi/index.ts'
import { BackLink, Badge, Button, Card, EmptyState, FormErrors, Input, Select, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { listTeams } from '#app/modules/auth/users.server.ts'
import { formatIndicatorValue, localName, formatPeriod } from '#app/modules/performance/format.ts'
import { isPeriod, quarterOf, type Period } from '#app/modules/performance/periods.ts'
import { periodChoices, TARGET_COLUMNS, type TargetImportProblem } from '#app/modules/performance/targets.ts'
import { applyTemplateDefaults, importTargets, targetGrid } from '#app/modules/performance/targets.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { isMultipart, readFormData, readUploadedFile } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const ApplySchema = z.object({
	intent: z.literal('apply'),
	period: z.string({ error: 'kpiAdmin.errors.period' }).refine(isPeriod, { error: 'kpiAdmin.errors.period' }),
	positionType: z.enum(positionTypes, { error: 'kpiAdmin.errors.position' }).optional(),
	teamId: z.number({ error: 'kpiAdmin.errors.team' }).int().positive({ error: 'kpiAdmin.errors.team' }).optional(),
	overwrite: z.boolean().optional(),
})

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'kpiAdmin.targets.title')

type Filter = { period: Period; teamId: number | null; positionType: PositionType | null; page: number }

function readFilter(url: URL, today: string, teamIds: readonly number[]): Filter {
	const period = url.searchParams.get('period') ?? ''
	const team = Number(url.searchParams.get('team'))
	const position = url.searchParams.get('position') ?? ''
	return {
		period: isPeriod(period) ? period : quarterOf(today),
		teamId: teamIds.includes(team) ? team : null,
		positionType: (positionTypes as readonly string[]).includes(position) ? (position as PositionType) : null,
		page: Math.max(1, Number(url.searchParams.get('page')) || 1),
	}
}

function filterQuery({ period, teamId, positionType }: Pick<Filter, 'period' | 'teamId' | 'positionType'>, page?: number) {
	const params = new URLSearchParams({ period })
	if (teamId) params.set('team', String(teamId))
	if (positionType) params.set('position', positionType)
	if (page && page > 1) params.set('page', String(page))
	return `?${params}`
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const today = businessDate(now())
	const teams = listTeams()
	const filter = readFilter(new URL(request.url), today, teams.map((t) => t.id))
	const grid = targetGrid(filter)
	return {
		filter,
		choices: periodChoices(today, filter.period),
		teams: teams.map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn })),
		grid,
		columns: TARGET_COLUMNS,
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const url = new URL(request.url)
	if (isMultipart(request)) {
		const { bytes, fileName } = await readUploadedFile(request)
		const outcome = await importTargets(bytes, fileName ?? 'targets', actor)
		if (!outcome.ok) return data({ intent: 'import' as const, problems: outcome.problems, result: undefined }, { status: 400 })
		// Back to the table the file was uploaded from (Remix adds `?index` to an index route's form action).
		url.searchParams.delete('index')
		return redirectWithToast(`/admin/kpi/targets${url.searchParams.size > 0 ? `?${url.searchParams}` : ''}`, {
			key: 'kpiAdmin.targets.imported',
			values: { rows: outcome.rows, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged },
		})
	}
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: ApplySchema })
	if (submission.status !== 'success') return data({ intent: 'apply' as const, problems: [], result: submission.reply() }, { status: 400 })
	const { period, positionType = null, teamId = null, overwrite = false } = submission.value
	const outcome = applyTemplateDefaults({ period, positionType, teamId, overwrite }, actor)
	if (!outcome.ok)
		return data(
			{ intent: 'apply' as const, problems: [], result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) },
			{ status: 400 },
		)
	return redirectWithToast(`/admin/kpi/targets${filterQuery({ period, teamId, positionType })}`, {
		key: 'kpiAdmin.targets.applied',
		values: { people: outcome.people, created: outcome.created, updated: outcome.updated, skipped: outcome.skipped },
	})
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

/** "All positions", then each position. */
function PositionOptions() {
	const { t } = useTranslation()
	return (
		<>
			<option value="">{t('kpiAdmin.common.allPositions')}</option>
			{positionTypes.map((p) => (
				<option key={p} value={p}>
					{t(`positions.${p}`)}
				</option>
			))}
		</>
	)
}

/** "All teams", then each team by its name in the reader's language. */
function TeamOptions({ teams }: { teams: LoaderData['teams'] }) {
	const { i18n, t } = useTranslation()
	return (
		<>
			<option value="">{t('kpiAdmin.common.allTeams')}</option>
			{teams.map((team) => (
				<option key={team.id} value={team.id}>
					{localName(team, i18n.language)}
				</option>
			))}
		</>
	)
}

function ApplyForm({ filter, choices, teams }: Pick<LoaderData, 'filter' | 'choices' | 'teams'>) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const [form, fields] = useForm<z.input<typeof ApplySchema>>({
		id: 'apply-defaults',
		lastResult: actionData?.intent === 'apply' ? actionData.result : undefined,
		defaultValue: {
			intent: 'apply',
			period: filter.period,
			positionType: filter.positionType ?? undefined,
			teamId: filter.teamId ?? undefined,
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplySchema }),
		shouldRevalidate: 'onInput',
	})
	const overwriteHint = `${fields.overwrite.id}-hint`
	return (
		<Card aria-labelledby="apply-heading">
			<h2 id="apply-heading" className="mb-1 text-lg font-semibold text-slate-900">
				{t('kpiAdmin.targets.applyHeading')}
			</h2>
			<p className="mb-3 max-w-prose text-sm text-slate-700">{t('kpiAdmin.targets.applyIntro')}</p>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="apply" />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<div className="grid gap-4 sm:grid-cols-3">
					<Select label={t('kpiAdmin.common.period')} errors={tr(fields.period.errors)} {...getSelectProps(fields.period)} key={fields.period.key}>
						<PeriodOptions choices={choices} />
					</Select>
					<Select label={t('kpiAdmin.common.position')} errors={tr(fields.positionType.errors)} {...getSelectProps(fields.positionType)} key={fields.positionType.key}>
						<PositionOptions />
					</Select>
					<Select label={t('kpiAdmin.common.team')} errors={tr(fields.teamId.errors)} {...getSelectProps(fields.teamId)} key={fields.teamId.key}>
						<TeamOptions teams={teams} />
					</Select>
				</div>
				<div className="flex items-start gap-3">
					<input
						{...getInputProps(fields.overwrite, { type: 'checkbox', ariaDescribedBy: overwriteHint })}
						key={fields.overwrite.key}
						className="mt-1 size-5 shrink-0 rounded border-slate-400"
					/>
					<div>
						<label htmlFor={fields.overwrite.id} className="text-sm font-medium text-slate-900">
							{t('kpiAdmin.targets.overwrite')}
						</label>
						<p id={overwriteHint} className="text-sm text-slate-700">
							{t('kpiAdmin.targets.overwriteHint')}
						</p>
					</div>
				</div>
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					{t('kpiAdmin.targets.applySubmit')}
				</Button>
			</Form>
		</Card>
	)
}

function ImportCard({ problems, columns }: { problems: TargetImportProblem[]; columns: LoaderData['columns'] }) {
	const navigation = useNavigation()
	const { t } = useTranslation()
	return (
		<Card aria-labelledby="import-heading">
			<h2 id="import-heading" className="mb-1 text-lg font-semibold text-slate-900">
				{t('kpiAdmin.targets.importHeading')}
			</h2>
			<p className="mb-3 max-w-prose text-sm text-slate-700">{t('kpiAdmin.targets.importIntro')}</p>
			{problems.length > 0 ? (
				<div className="mb-4 space-y-3">
					<div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
						<h3 className="font-semibold">{t('kpiAdmin.targets.importFailed', { count: problems.length })}</h3>
					</div>
					<Table caption={t('kpiAdmin.targets.problemsCaption')}>
						<thead>
							<tr>
								<Th>{t('kpiAdmin.targets.line')}</Th>
								<Th>{t('kpiAdmin.targets.column')}</Th>
								<Th>{t('kpiAdmin.targets.problem')}</Th>
							</tr>
						</thead>
						<tbody>
							{problems.map((p, i) => (
								<Tr key={`${p.line}-${p.column}-${i}`}>
									<Td className="tabular-nums">{p.line > 0 ? p.line : t('kpiAdmin.targets.wholeFile')}</Td>
									<Td className="whitespace-nowrap">{p.column || '—'}</Td>
									<Td>{String(t(p.key as never, p.values as never))}</Td>
								</Tr>
							))}
						</tbody>
					</Table>
				</div>
			) : null}
			<Form method="post" encType="multipart/form-data" className="space-y-4">
				<Input
					label={t('kpiAdmin.targets.file')}
					hint={t('kpiAdmin.targets.fileHint')}
					type="file"
					name="file"
					accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
					required
				/>
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					{t('kpiAdmin.targets.importSubmit')}
				</Button>
			</Form>
			<details className="mt-4 text-sm">
				<summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700 underline underline-offset-2">
					{t('kpiAdmin.targets.columnsHeading')}
				</summary>
				<ul className="mt-2 space-y-1 text-slate-800">
					{columns.map((c) => (
						<li key={c.field}>
							<span lang="zh-CN" className="font-medium">
								{c.zh}
							</span>{' '}
							/ <code lang="en">{c.en}</code>: {t(`kpiAdmin.targets.columnNotes.${c.field}`)}
						</li>
					))}
				</ul>
			</details>
		</Card>
	)
}

export default function TargetsPage() {
	const { filter, choices, teams, grid, columns } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	const problems = actionData?.intent === 'import' ? actionData.problems : []
	return (
		<>
			<AdminTabs />
			<BackLink to="/admin/kpi">{t('kpiAdmin.backToKpi')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('kpiAdmin.targets.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('kpiAdmin.targets.intro')}</p>

			<Card className="mb-6" aria-labelledby="filter-heading">
				<h2 id="filter-heading" className="sr-only">
					{t('kpiAdmin.targets.filterHeading')}
				</h2>
				<Form method="get" className="grid gap-4 sm:grid-cols-4 sm:items-end">
					<Select label={t('kpiAdmin.common.period')} name="period" defaultValue={filter.period}>
						<PeriodOptions choices={choices} />
					</Select>
					<Select label={t('kpiAdmin.common.team')} name="team" defaultValue={filter.teamId ?? ''}>
						<TeamOptions teams={teams} />
					</Select>
					<Select label={t('kpiAdmin.common.position')} name="position" defaultValue={filter.positionType ?? ''}>
						<PositionOptions />
					</Select>
					<Button type="submit">{t('kpiAdmin.targets.show')}</Button>
				</Form>
			</Card>

			<div className="mb-8">
				<h2 id="grid-heading" className="mb-1 text-lg font-semibold text-slate-900">
					{t('kpiAdmin.targets.gridHeading', { period: formatPeriod(grid.period, i18n.language) })}
				</h2>
				<p className="mb-3 text-sm text-slate-700">{t('kpiAdmin.targets.gridHint', { count: grid.total })}</p>
				{grid.people.length === 0 ? (
					<EmptyState title={t('kpiAdmin.targets.nobody')} />
				) : (
					<Table caption={t('kpiAdmin.targets.gridHeading', { period: formatPeriod(grid.period, i18n.language) })}>
						<thead>
							<tr>
								<Th>{t('kpiAdmin.common.person')}</Th>
								<Th>{t('kpiAdmin.common.position')}</Th>
								{grid.columns.map((c) => (
									<Th key={c.indicatorId} className="text-right">
										{localName(c, lang)}
									</Th>
								))}
							</tr>
						</thead>
						<tbody>
							{grid.people.map((person) => (
								<Tr key={person.id}>
									<Th scope="row" className="bg-white font-medium">
										<Link
											to={`/admin/kpi/targets/${person.id}?period=${grid.period}`}
											className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
										>
											{person.name}
										</Link>
									</Th>
									<Td className="whitespace-nowrap">{t(`positions.${person.positionType}`)}</Td>
									{grid.columns.map((c) => {
										const cell = person.targets[c.indicatorId]
										return (
											<Td key={c.indicatorId} className="text-right whitespace-nowrap tabular-nums">
												{cell === undefined ? (
													<span className="text-slate-500">{t('kpiAdmin.targets.notInTemplate')}</span>
												) : cell === null ? (
													<Badge tone="warning">{t('kpiAdmin.targets.notSet')}</Badge>
												) : (
													<>
														{formatIndicatorValue(cell.target, c.unit, lang)}
														{cell.pending ? (
															<span className="ml-1">
																<Badge tone="brand">{t('kpiAdmin.status.pending')}</Badge>
															</span>
														) : null}
													</>
												)}
											</Td>
										)
									})}
								</Tr>
							))}
						</tbody>
					</Table>
				)}
				{grid.pages > 1 ? (
					<nav aria-label={t('kpiAdmin.targets.pages')} className="mt-3 flex flex-wrap items-center gap-3 text-sm">
						{grid.page > 1 ? (
							<Link to={filterQuery(filter, grid.page - 1)} className="inline-flex min-h-11 items-center text-brand-700 underline">
								{t('kpiAdmin.targets.previousPage')}
							</Link>
						) : null}
						<span>{t('kpiAdmin.targets.pageOf', { page: grid.page, pages: grid.pages })}</span>
						{grid.page < grid.pages ? (
							<Link to={filterQuery(filter, grid.page + 1)} className="inline-flex min-h-11 items-center text-brand-700 underline">
								{t('kpiAdmin.targets.nextPage')}
							</Link>
						) : null}
					</nav>
				) : null}
			</div>

			<div className="grid gap-6 lg:grid-cols-2">
				<ApplyForm filter={filter} choices={choices} teams={teams} />
				<ImportCard problems={problems} columns={columns} />
			</div>
		</>
	)
}
