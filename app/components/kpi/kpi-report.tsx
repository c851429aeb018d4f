import { useTranslation } from 'react-i18next'
import type { KpiAccess } from '#app/modules/performance/access.server.ts'
import type { KpiView } from '#app/modules/performance/scores.server.ts'
import { formatMonthShort } from '#app/modules/performance/format.ts'
import { BackLink, Badge, EmptyState, Table, Td, Th, Tr } from '../ui/index.ts'
import { CommissionPreview } from './commission-preview.tsx'
import { IndicatorProgress } from './indicator-progress.tsx'
import { PeriodSwitch, type PeriodChoice } from './period-switch.tsx'
import { RowHeader } from './row-header.tsx'
import { ScoreSummary } from './score-summary.tsx'
import { TrendChart } from './trend-chart.tsx'
import { useKpiFormat } from './use-kpi-format.ts'

export type KpiTrend = Array<{ indicatorId: number; points: Array<{ period: string; actual: number | null; target: number | null }> }>

export type KpiReportData = {
	person: { id: number; name: string }
	access: KpiAccess
	choice: PeriodChoice
	view: KpiView
	trend: KpiTrend
}

/** The charts' numbers in one table: a row per month, a column per indicator (actual, then target). */
function TrendTable({ view, series }: { view: KpiView; series: Map<number, KpiTrend[number]['points']> }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const shown = view.indicators.filter(({ indicator }) => series.has(indicator.id))
	const months = series.get(shown[0]?.indicator.id ?? -1)?.map((p) => p.period) ?? []
	return (
		<details className="mt-4">
			<summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-brand-700 underline">{t('kpi.trend.table')}</summary>
			<Table caption={t('kpi.trend.heading')}>
				<thead>
					<tr>
						<Th>{t('kpi.trend.month')}</Th>
						{shown.map(({ indicator }) => (
							<Th key={indicator.id}>{f.name(indicator)}</Th>
						))}
					</tr>
				</thead>
				<tbody>
					{months.map((month, row) => (
						<Tr key={month}>
							<RowHeader>{formatMonthShort(month, f.locale)}</RowHeader>
							{shown.map(({ indicator }) => {
								const point = series.get(indicator.id)?.[row]
								return (
									<Td key={indicator.id} className="whitespace-nowrap tabular-nums">
										{f.value(point?.actual ?? null, indicator.unit)}
										<span className="block text-xs text-slate-700">
											{t('kpi.trend.targetValue', { value: f.value(point?.target ?? null, indicator.unit) })}
										</span>
									</Td>
								)
							})}
						</Tr>
					))}
				</tbody>
			</Table>
		</details>
	)
}

/** What /kpi and /team/:userId/kpi show: one person's period, read-only. */
export function KpiReport({ person, access, choice, view, trend }: KpiReportData) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const self = access === 'self'
	const revenue = view.indicators.find((i) => i.indicator.code === 'revenue')
	const series = new Map(trend.map((s) => [s.indicatorId, s.points]))

	return (
		<>
			{access === 'manager' || access === 'hr' ? <BackLink to="/team">{t('kpi.backToTeam')}</BackLink> : null}
			<div className="mb-2 flex flex-wrap items-center gap-3">
				<h1 className="text-2xl font-bold text-slate-900">{self ? t('kpi.title') : t('kpi.personTitle', { name: person.name })}</h1>
				{self ? null : <Badge tone="brand">{t(`kpi.access.${access}`)}</Badge>}
			</div>
			<p className="mb-4 max-w-prose text-slate-700">{self ? t('kpi.intro') : t('kpi.personIntro', { name: person.name })}</p>
			<PeriodSwitch choice={choice} />

			{view.positionType === null ? (
				<EmptyState title={self ? t('kpi.noPosition.title') : t('kpi.noPosition.personTitle', { name: person.name })}>
					<p>{t('kpi.noPosition.body')}</p>
				</EmptyState>
			) : (
				<div className="space-y-8">
					<div className="grid gap-4 *:min-w-0 lg:grid-cols-2">
						<ScoreSummary view={view} />
						{revenue ? <CommissionPreview revenue={revenue} /> : null}
					</div>

					<section aria-labelledby="kpi-indicators-heading">
						<h2 id="kpi-indicators-heading" className="mb-3 text-xl font-semibold text-slate-900">
							{t('kpi.indicator.heading')}
						</h2>
						<ul className="grid gap-4 *:min-w-0 md:grid-cols-2">
							{view.indicators.map((item) => (
								<li key={item.indicator.id}>
									<IndicatorProgress item={item} />
								</li>
							))}
						</ul>
					</section>

					<section aria-labelledby="kpi-trend-heading">
						<h2 id="kpi-trend-heading" className="mb-1 text-xl font-semibold text-slate-900">
							{t('kpi.trend.heading')}
						</h2>
						<p className="mb-3 max-w-prose text-sm text-slate-700">{t('kpi.trend.intro')}</p>
						{trend.length === 0 ? (
							<EmptyState title={t('kpi.trend.empty')} />
						) : (
							<ul className="grid gap-4 *:min-w-0 md:grid-cols-2">
								{view.indicators.map(({ indicator }) => {
									const points = series.get(indicator.id)
									if (!points) return null
									const name = f.name(indicator)
									return (
										<li key={indicator.id} className="rounded-lg border border-slate-200 bg-white p-4">
											<h3 className="mb-2 text-base font-semibold text-slate-900">{name}</h3>
											<TrendChart
												title={t('kpi.trend.title', { name })}
												description={t('kpi.trend.description')}
												data={points.map((p) => ({ label: formatMonthShort(p.period, f.locale), actual: p.actual, target: p.target }))}
												categoryLabel={t('kpi.trend.month')}
												actualLabel={t('kpi.trend.actual')}
												targetLabel={t('kpi.trend.target')}
												tableLabel={t('kpi.trend.table')}
												formatValue={(v) => f.value(v, indicator.unit)}
												formatTick={(v) => f.axis(v, indicator.unit)}
												table={false}
											/>
										</li>
									)
								})}
							</ul>
						)}
						{trend.length > 0 ? <TrendTable view={view} series={series} /> : null}
					</section>
				</div>
			)}
		</>
	)
}
