import { useTranslation } from 'react-i18next'
import type { KpiIndicatorView } from '#app/modules/performance/scores.server.ts'
import { cn } from '../ui/index.ts'
import { LevelBadge } from './level-badge.tsx'
import { useKpiFormat } from './use-kpi-format.ts'

export type IndicatorProgressProps = {
	item: KpiIndicatorView
	/** The heading level of the indicator's name (h3 under a section's h2 by default). */
	headingLevel?: 'h3' | 'h4'
}

const MARKS = {
	baseline: 'border-l-2 border-dashed border-slate-600',
	target: 'border-l-[3px] border-solid border-slate-900',
	challenge: 'border-l-4 border-double border-slate-900',
} as const

/** What it takes to reach target and challenge, in words; null when there is nothing to say. */
function useGapText(item: KpiIndicatorView) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	if (!item.goal || !item.gap) return null
	// Lower is better and nothing recorded: "还需降低" has nothing to start from.
	if (item.indicator.direction === 'lower' && item.actual === null) return null
	const lower = item.indicator.direction === 'lower'
	const unit = item.indicator.unit
	if (item.gap.challenge <= 0) return t('kpi.indicator.reachedChallenge')
	const toTarget =
		item.gap.target > 0
			? t(lower ? 'kpi.indicator.gapTargetLower' : 'kpi.indicator.gapTarget', { value: f.delta(item.gap.target, unit) })
			: t('kpi.indicator.reachedTarget')
	const toChallenge = t(lower ? 'kpi.indicator.gapChallengeLower' : 'kpi.indicator.gapChallenge', {
		value: f.delta(item.gap.challenge, unit),
	})
	return `${toTarget} · ${toChallenge}`
}

/**
 * One indicator against its baseline / target / challenge: the actual, the achievement, a bar with the
 * three marks (decoration: every number is also written out), the level in words, and the gaps.
 */
export function IndicatorProgress({ item, headingLevel: Heading = 'h3' }: IndicatorProgressProps) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const { indicator, goal, actual } = item
	const unit = indicator.unit
	const gapText = useGapText(item)
	const scaleMax = goal ? Math.max(goal.baseline, goal.target, goal.challenge, actual ?? 0) * 1.1 || 1 : 1
	const at = (v: number) => `${Math.min(100, Math.max(0, (v / scaleMax) * 100))}%`
	const cappedBelow = item.achievement !== null && item.capped !== null && item.achievement > item.capped + 1e-9

	return (
		<article aria-labelledby={`indicator-${indicator.code}`} className="rounded-lg border border-slate-200 bg-white p-4">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<div className="min-w-0">
					<Heading id={`indicator-${indicator.code}`} className="text-base font-semibold text-slate-900">
						{f.name(indicator)}
					</Heading>
					<p className="text-sm text-slate-700">
						{t(`kpiTerms.category.${indicator.category}`)} ·{' '}
						{item.weight > 0 ? t('kpi.indicator.weight', { weight: item.weight }) : t('kpi.indicator.unweighted')}
					</p>
				</div>
				{goal && item.level ? <LevelBadge level={item.level} /> : null}
			</div>

			<p className="mt-2 flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm text-slate-800">
				<span>
					{t('kpi.indicator.actual')}{' '}
					<strong className="text-lg font-semibold text-slate-900 tabular-nums">{f.value(actual, unit)}</strong>
				</span>
				{goal ? (
					<span>
						{t('kpi.indicator.achievement')} <strong className="font-semibold tabular-nums">{f.percent(item.achievement)}</strong>
					</span>
				) : null}
			</p>

			{goal ? (
				<>
					<div aria-hidden="true" className="relative mt-3 h-4 w-full rounded-full bg-slate-200">
						{actual !== null ? (
							<div className="absolute inset-y-0 left-0 rounded-full bg-brand-600" style={{ width: at(actual) }} />
						) : null}
						{(['baseline', 'target', 'challenge'] as const).map((mark) => (
							<span key={mark} className={cn('absolute -inset-y-1', MARKS[mark])} style={{ left: at(goal[mark]) }} />
						))}
					</div>
					<dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
						{(['baseline', 'target', 'challenge'] as const).map((mark) => (
							<div key={mark}>
								<dt className="flex items-center gap-1.5 text-slate-700">
									<span aria-hidden="true" className={cn('inline-block h-3.5', MARKS[mark])} />
									{t(`kpi.indicator.${mark}`)}
								</dt>
								<dd className="font-medium text-slate-900 tabular-nums">{f.value(goal[mark], unit)}</dd>
							</div>
						))}
					</dl>
				</>
			) : (
				<p className="mt-2 text-sm text-slate-700">{t('kpi.indicator.noGoal')}</p>
			)}

			{goal && actual === null ? <p className="mt-2 text-sm text-slate-700">{t('kpi.indicator.noActual')}</p> : null}
			{gapText ? <p className="mt-2 text-sm font-medium text-slate-900">{gapText}</p> : null}
			{cappedBelow ? <p className="mt-1 text-sm text-slate-700">{t('kpi.indicator.capped', { value: f.percent(item.capped) })}</p> : null}
			{indicator.direction === 'lower' ? <p className="mt-1 text-sm text-slate-700">{t('kpi.indicator.lowerBetter')}</p> : null}
		</article>
	)
}
