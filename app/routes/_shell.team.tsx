import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NO_STORE, teamAlerts, teamPage, type TeamColumn, type TeamSort } from '#app/modules/performance/kpi-pages.server.ts'
import { AlertActionSchema, AlertList, Heatmap, LevelBadge, PeriodSwitch, RowHeader, useKpiFormat } from '#app/components/kpi/index.ts'
import { SuggestionList } from '#app/components/mentoring-admin/index.ts'
import { Button, buttonClass, Card, EmptyState, Select, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { pairingSuggestions } from '#app/modules/mentoring/suggestions.server.ts'
import { acknowledgeAlert, resolveAlert } from '#app/modules/performance/alerts.server.ts'
import { formatPeriod, localName } from '#app/modules/performance/format.ts'
import { LEVELS, type Level } from '#app/modules/performance/scoring.ts'
import { forbidden, hasRole, requireRole } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'kpi.team.title')

export const headers: HeadersFunction = () => NO_STORE

/** Managers see the teams they lead, HR any team (chosen with `?team=`); everyone else 403. */
export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await requireRole(request, 'manager', 'hr_admin')
	const page = teamPage(viewer, new URL(request.url).searchParams)
	return data(
		{
			...page,
			alerts: teamAlerts(page.rows),
			// Who in this team needs a mentor, and whom to ask (people already paired are left out).
			suggestions: page.team ? pairingSuggestions(page.rows.map((r) => r.id)) : [],
			viewerId: viewer.id,
			// The targets page is the manager's; HR sets targets under KPI administration.
			showTargets: hasRole(viewer, 'manager') && page.team?.managerId === viewer.id,
		},
		{ headers: NO_STORE },
	)
}

/** Acknowledge or resolve an alert with a note. Whether the viewer may is decided per alert (403 otherwise). */
export async function action({ request }: ActionFunctionArgs) {
	const viewer = await requireRole(request, 'manager', 'hr_admin')
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: AlertActionSchema })
	const alertId = Number(formData.get('alertId'))
	if (submission.status !== 'success') return data({ alertId, result: submission.reply() }, { status: 400, headers: NO_STORE })
	const { intent, note } = submission.value
	const decided = (intent === 'acknowledge' ? acknowledgeAlert : resolveAlert)(submission.value.alertId, note, viewer)
	if (!decided.ok) {
		if (decided.reason === 'forbidden') throw forbidden()
		if (decided.reason === 'notFound') throw new Response('No such alert', { status: 404, statusText: 'Not Found' })
		return data(
			{ alertId, result: submission.reply({ formErrors: ['kpi.alerts.alreadyResolved'] }) },
			{ status: 409, headers: NO_STORE },
		)
	}
	const url = new URL(request.url)
	return redirectWithToast(`/team${url.search}`, { key: intent === 'acknowledge' ? 'kpi.alerts.acknowledged' : 'kpi.alerts.resolved' })
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

/** The current query with some parameters replaced, as a search string. */
function useHref(base: { team?: number | null; period: string; sort: TeamSort }) {
	return (changes: Partial<Record<'team' | 'period' | 'sort' | 'dir', string>>) => {
		const params = new URLSearchParams()
		if (base.team) params.set('team', String(base.team))
		params.set('period', base.period)
		params.set('sort', base.sort.key)
		params.set('dir', base.sort.dir)
		for (const [k, v] of Object.entries(changes)) if (v !== undefined) params.set(k, v)
		return `?${params}`
	}
}

function SortHeader({
	label,
	sortKey,
	sort,
	href,
	className,
}: {
	label: string
	sortKey: string
	sort: TeamSort
	href: ReturnType<typeof useHref>
	className?: string
}) {
	const active = sort.key === sortKey
	const firstDir = sortKey === 'name' ? 'asc' : 'desc'
	const next = active ? (sort.dir === 'asc' ? 'desc' : 'asc') : firstDir
	return (
		<Th className={className} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
			<Link to={href({ sort: sortKey, dir: next })} className="inline-flex min-h-11 items-center gap-1 text-brand-700 underline underline-offset-2">
				{label}
				<span aria-hidden="true">{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
			</Link>
		</Th>
	)
}

function TeamTable({ data, href }: { data: LoaderData; href: ReturnType<typeof useHref> }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const { rows, columns, sort, team, choice, showTargets, viewerId } = data
	const teamName = team ? localName(team, f.locale) : ''
	const links = (row: LoaderData['rows'][number]) =>
		[
			{ to: `/team/${row.id}/kpi`, page: t('kpi.team.kpiLink') },
			// Nobody changes their own tier or grants themselves attempts: those pages refuse.
			...(row.id === viewerId
				? []
				: [
						{ to: `/team/${row.id}/tier`, page: t('kpi.team.tierLink') },
						{ to: `/team/${row.id}/exams`, page: t('kpi.team.examsLink') },
						...(showTargets ? [{ to: `/team/${row.id}/targets`, page: t('kpi.team.targetsLink') }] : []),
					]),
		] as const
	return (
		<Table caption={t('kpi.team.caption', { team: teamName, period: formatPeriod(choice.period, f.locale) })}>
			<thead>
				<tr>
					<SortHeader label={t('kpi.team.name')} sortKey="name" sort={sort} href={href} />
					<Th>{t('kpi.team.position')}</Th>
					<SortHeader label={t('kpi.team.score')} sortKey="score" sort={sort} href={href} />
					<Th>{t('kpi.team.level')}</Th>
					{columns.map((c: TeamColumn) => (
						<SortHeader key={c.code} label={f.name(c)} sortKey={c.code} sort={sort} href={href} />
					))}
					<Th>{t('kpi.team.links')}</Th>
				</tr>
			</thead>
			<tbody>
				{rows.map((row) => (
					<Tr key={row.id}>
						<RowHeader className="font-medium">
							<Link to={`/team/${row.id}/kpi`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
								{row.name}
							</Link>
						</RowHeader>
						<Td className="whitespace-nowrap">{t(`positions.${row.positionType}`)}</Td>
						<Td className="text-base font-semibold tabular-nums">{f.score(row.score)}</Td>
						<Td>{row.level ? <LevelBadge level={row.level} /> : <span className="text-slate-700">{t('kpi.team.notScored')}</span>}</Td>
						{row.cells.map((cell, i) => {
							const column = columns[i]!
							return (
								<Td key={column.code} className="whitespace-nowrap tabular-nums">
									{cell ? (
										<>
											<span className="block font-medium">{f.percent(cell.achievement)}</span>
											<span className="block text-xs text-slate-700">{f.value(cell.actual, column.unit)}</span>
										</>
									) : (
										'—'
									)}
								</Td>
							)
						})}
						<Td>
							<ul className="flex gap-x-3 whitespace-nowrap">
								{links(row).map((link) => (
									<li key={link.to}>
										<Link
											to={link.to}
											aria-label={t('kpi.team.linkLabel', { name: row.name, page: link.page })}
											className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
										>
											{link.page}
										</Link>
									</li>
								))}
							</ul>
						</Td>
					</Tr>
				))}
			</tbody>
		</Table>
	)
}

export default function TeamPage() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const f = useKpiFormat()
	const { teams, team, choice, sort, rows, columns, alerts } = loaderData
	const href = useHref({ team: team?.id, period: choice.period, sort })
	const teamName = team ? localName(team, f.locale) : ''
	const levelLabels = Object.fromEntries(LEVELS.map((l) => [l, t(`kpiTerms.level.${l}`)])) as Record<Level, string>
	const exportQuery = new URLSearchParams({ ...(team ? { team: String(team.id) } : {}), period: choice.period })

	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('kpi.team.title')}</h1>
			<p className="mb-4 max-w-prose text-slate-700">{t('kpi.team.intro')}</p>

			{teams.length > 1 ? (
				<Form method="get" className="mb-4 flex flex-wrap items-end gap-2">
					<input type="hidden" name="period" value={choice.period} />
					<Select label={t('kpi.team.teamLabel')} name="team" defaultValue={team?.id} className="min-w-48">
						{teams.map((option) => (
							<option key={option.id} value={option.id}>
								{localName(option, f.locale)}
							</option>
						))}
					</Select>
					<Button type="submit" variant="secondary">
						{t('kpi.team.teamSubmit')}
					</Button>
				</Form>
			) : null}

			{!team ? (
				<EmptyState title={t('kpi.team.noTeam')} />
			) : (
				<>
					<PeriodSwitch choice={choice} hrefFor={(period) => href({ period })} />
					<div className="space-y-8">
						<section aria-labelledby="team-table-heading">
							<div className="mb-3 flex flex-wrap items-center justify-between gap-2">
								<h2 id="team-table-heading" className="text-xl font-semibold text-slate-900">
									{teamName}
								</h2>
								<div className="flex flex-wrap gap-2">
									{loaderData.showTargets ? (
										<Link to="/team/targets" className={buttonClass('secondary')}>
											{t('kpi.team.teamTargets')}
										</Link>
									) : null}
									<a href={`/team/export.xlsx?${exportQuery}`} download className={buttonClass('secondary')}>
										{t('kpi.team.export')}
									</a>
								</div>
							</div>
							{rows.length === 0 ? (
								<EmptyState title={t('kpi.team.empty')} />
							) : (
								<>
									<p className="mb-2 text-sm text-slate-700">
										{t('kpi.team.sortHint')} · {t('kpi.team.exportHint')}
									</p>
									<TeamTable data={loaderData} href={href} />
								</>
							)}
						</section>

						{rows.length > 0 && columns.length > 0 ? (
							<section aria-labelledby="team-heatmap-heading">
								<h2 id="team-heatmap-heading" className="mb-1 text-xl font-semibold text-slate-900">
									{t('kpi.team.heatmap')}
								</h2>
								<p className="mb-3 max-w-prose text-sm text-slate-700">{t('kpi.team.heatmapIntro')}</p>
								<Heatmap
									caption={t('kpi.team.heatmapCaption', { team: teamName, period: formatPeriod(choice.period, f.locale) })}
									rowHeader={t('kpi.team.name')}
									columns={columns.map((c) => ({ key: c.code, label: f.name(c) }))}
									rows={rows.map((row) => ({
										key: row.id,
										label: row.name,
										cells: row.cells.map((cell) => ({ value: cell?.achievement ?? null, level: cell?.level ?? null })),
									}))}
									formatValue={(v) => f.percent(v)}
									levelLabels={levelLabels}
									legendLabel={t('kpi.team.legend')}
								/>
							</section>
						) : null}

						<Card aria-labelledby="team-alerts-heading">
							<h2 id="team-alerts-heading" className="mb-3 text-xl font-semibold text-slate-900">
								{t('kpi.team.alerts')}
							</h2>
							<AlertList alerts={alerts} canAct lastResult={actionData ?? null} />
						</Card>

						<section aria-labelledby="team-suggestions-heading">
							<h2 id="team-suggestions-heading" className="mb-1 text-xl font-semibold text-slate-900">
								{t('mentoringAdmin.suggestions.title')}
							</h2>
							<p className="mb-3 max-w-prose text-sm text-slate-700">{t('mentoringAdmin.suggestions.intro')}</p>
							<SuggestionList rows={loaderData.suggestions} />
						</section>
					</div>
				</>
			)}
		</>
	)
}
