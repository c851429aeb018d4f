import { useTranslation } from 'react-i18next'
import type { FocusImpact } from '#app/modules/mentoring/impact.server.ts'
import { IMPACT_MONTHS_BEFORE } from '#app/modules/mentoring/impact.ts'
import { formatPeriod } from '#app/modules/performance/format.ts'
import { useKpiFormat } from '../kpi/use-kpi-format.ts'
import { Badge } from '../ui/index.ts'
import { ImpactChart } from './impact-chart.tsx'

/** "+3 个百分点（+20%）": signed, in the indicator's unit, with the share of the starting value when there is one. */
function useSigned() {
	const { t } = useTranslation()
	const f = useKpiFormat()
	return (value: number, unit: string, ratio: number | null) => {
		const sign = value > 0 ? '+' : ''
		const amount = `${sign}${f.delta(value, unit)}`
		if (ratio === null) return amount
		return t('mentoring.impact.changeValue', {
			value: amount,
			percent: `${ratio > 0 ? '+' : ''}${f.percent(ratio)}`,
		})
	}
}

function FocusImpactView({ item }: { item: FocusImpact }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const signed = useSigned()
	const { impact, indicator } = item
	const unit = indicator.unit
	const name = f.name(indicator)
	const start = formatPeriod(item.startMonth, f.locale)
	const title = t('mentoring.impact.chartTitle', { indicator: name })
	const hasData = [...item.mentee, ...item.peers].some((v) => v !== null)
	const description =
		impact.status === 'ok'
			? t('mentoring.impact.chartDescOk', {
					start,
					before: f.value(impact.before, unit),
					since: f.value(impact.since, unit),
					peerBefore: f.value(impact.peerBefore, unit),
					peerSince: f.value(impact.peerSince, unit),
					effect: signed(impact.effect, unit, impact.effectRatio),
			  })
			: t('mentoring.impact.chartDescInsufficient', { start })
	return (
		<li className="min-w-0 rounded-md border border-slate-200 p-3 sm:p-4">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<h3 className="font-semibold break-words text-slate-900">{name}</h3>
				{impact.status === 'ok' ? (
					<Badge tone={impact.improved ? 'success' : 'warning'}>{impact.improved ? t('mentoring.impact.improved') : t('mentoring.impact.notImproved')}</Badge>
				) : null}
			</div>
			{impact.status === 'ok' ? (
				<dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
					<dt className="text-slate-700">
						{t('mentoring.impact.before', {
							count: impact.monthsBefore.length,
						})}
					</dt>
					<dd className="text-slate-900 tabular-nums">{f.value(impact.before, unit)}</dd>
					<dt className="text-slate-700">{t('mentoring.impact.since', { count: impact.monthsSince.length })}</dt>
					<dd className="text-slate-900 tabular-nums">{f.value(impact.since, unit)}</dd>
					<dt className="text-slate-700">{t('mentoring.impact.change')}</dt>
					<dd className="text-slate-900 tabular-nums">{signed(impact.change, unit, impact.changeRatio)}</dd>
					<dt className="text-slate-700">{t('mentoring.impact.peers', { count: item.peerCount })}</dt>
					<dd className="text-slate-900 tabular-nums">
						{t('mentoring.impact.peerRange', {
							from: f.value(impact.peerBefore, unit),
							to: f.value(impact.peerSince, unit),
							change: signed(impact.peerChange, unit, null),
						})}
					</dd>
					<dt className="font-semibold text-slate-900">{t('mentoring.impact.effect')}</dt>
					<dd className="font-semibold text-slate-900 tabular-nums">{signed(impact.effect, unit, impact.effectRatio)}</dd>
				</dl>
			) : (
				<p className="mt-2 text-sm text-slate-800">
					{impact.missing === 'peers' && item.peerCount === 0
						? t('mentoring.impact.insufficient.noPeers')
						: t(`mentoring.impact.insufficient.${impact.missing}`, {
								have: impact.have,
								need: impact.need,
								months: impact.monthsBefore.length,
						  })}
				</p>
			)}
			{impact.status === 'ok' ? <p className="mt-1 text-sm text-slate-700">{t('mentoring.impact.effectHint')}</p> : null}
			{/* Nothing to draw without a single value; the sentence above says why. */}
			{hasData ? (
				<div className="mt-3">
					<ImpactChart
						title={title}
						description={description}
						months={item.months}
						mentee={item.mentee}
						peers={item.peers}
						startMonth={item.startMonth}
						unit={unit}
					/>
				</div>
			) : null}
		</li>
	)
}

/** Per focus indicator: the before/since means, the peers' change and the net effect, or which side lacks data; and the chart. */
export function ImpactList({ impacts }: { impacts: readonly FocusImpact[] }) {
	const { t } = useTranslation()
	return (
		<>
			<p className="mb-3 max-w-prose text-sm text-slate-700">{t('mentoring.impact.intro', { months: IMPACT_MONTHS_BEFORE })}</p>
			{impacts.length === 0 ? (
				<p className="text-sm text-slate-700">{t('mentoring.impact.empty')}</p>
			) : (
				<ul className="grid gap-4 xl:grid-cols-2 *:min-w-0">
					{impacts.map((item) => (
						<FocusImpactView key={item.indicator.id} item={item} />
					))}
				</ul>
			)}
		</>
	)
}
