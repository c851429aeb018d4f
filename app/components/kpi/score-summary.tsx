import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { KpiView } from '#app/modules/performance/scores.server.ts'
import { Card } from '../ui/index.ts'
import { LevelBadge } from './level-badge.tsx'
import { useKpiFormat } from './use-kpi-format.ts'

export type ScoreSummaryProps = {
	view: Pick<KpiView, 'score' | 'level' | 'deduction' | 'atBaseline' | 'atChallenge' | 'disputedCount' | 'positionType' | 'templateVersion'>
}

/** The weighted score as a big number with its level in words, the scale, and any deduction or disputed records. */
export function ScoreSummary({ view }: ScoreSummaryProps) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	return (
		<Card aria-labelledby="kpi-score-heading">
			<h2 id="kpi-score-heading" className="text-lg font-semibold text-slate-900">
				{t('kpi.summary.heading')}
			</h2>
			{view.score === null ? (
				<p className="mt-2 text-slate-800">{t('kpi.summary.noScore')}</p>
			) : (
				<>
					<div className="mt-2 flex flex-wrap items-center gap-3">
						<p className="text-4xl font-bold text-slate-900 tabular-nums" data-testid="kpi-score">
							{f.score(view.score)}
						</p>
						{view.level ? (
							<p className="flex items-center gap-2 text-sm text-slate-700">
								<span>{t('kpi.summary.level')}</span>
								<LevelBadge level={view.level} />
							</p>
						) : null}
					</div>
					<p className="mt-2 text-sm text-slate-700">{t('kpi.summary.scale')}</p>
					{view.atBaseline !== null && view.atChallenge !== null ? (
						<p className="mt-1 text-sm text-slate-700">
							{t('kpi.summary.range', { baseline: f.score(view.atBaseline), challenge: f.score(view.atChallenge) })}
						</p>
					) : null}
				</>
			)}
			{view.deduction > 0 ? (
				<p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
					{t('kpi.summary.deduction', { points: f.score(view.deduction) })}
				</p>
			) : null}
			{view.disputedCount > 0 ? (
				<p className="mt-2 rounded-md border border-slate-300 bg-slate-50 p-2 text-sm text-slate-800">
					{t('kpi.summary.disputed', { count: view.disputedCount })}
				</p>
			) : null}
			{view.positionType && view.templateVersion !== null ? (
				<p className="mt-2 text-sm text-slate-700">
					{t('kpi.summary.template', { position: t(`positions.${view.positionType}`), version: view.templateVersion })}
				</p>
			) : null}
			<p className="mt-2 text-sm">
				<Link to="/kb/how-weighted-score-works" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
					{t('kpi.howScored')}
				</Link>
			</p>
		</Card>
	)
}
