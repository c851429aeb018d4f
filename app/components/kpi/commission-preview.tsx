import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { KpiIndicatorView } from '#app/modules/performance/scores.server.ts'
import { commission, DEFAULT_COMMISSION, type CommissionRates } from '#app/modules/performance/scoring.ts'
import { Card, Table, Td, Th, Tr } from '../ui/index.ts'
import { RowHeader } from './row-header.tsx'
import { useKpiFormat } from './use-kpi-format.ts'

export type CommissionPreviewProps = {
	/** The revenue indicator of the chosen period (the only one the tiered commission applies to). */
	revenue: KpiIndicatorView
	rates?: CommissionRates
}

/**
 * The source document's tiered commission for the period: the tier reached and the amount now, and
 * what it would be exactly at target and at challenge (5 % at target, 8 % at challenge, 10 % on the excess).
 */
export function CommissionPreview({ revenue, rates = DEFAULT_COMMISSION }: CommissionPreviewProps) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const money = (v: number) => f.value(v, 'cny')
	const rate = (r: number) => f.percent(r)
	const goal = revenue.goal
	const actual = revenue.actual ?? 0
	const now = goal ? commission(actual, goal, rates) : null
	const atChallenge = goal ? commission(goal.challenge, goal, rates) : null

	return (
		<Card aria-labelledby="kpi-commission-heading">
			<h2 id="kpi-commission-heading" className="text-lg font-semibold text-slate-900">
				{t('kpi.commission.heading')}
			</h2>
			<p className="mt-1 text-sm font-medium text-slate-900">
				{t('kpi.commission.rule', { atTarget: rate(rates.atTarget), atChallenge: rate(rates.atChallenge), onExcess: rate(rates.onExcess) })}
			</p>
			<p className="mt-1 text-sm text-slate-700">{t('kpi.commission.intro')}</p>
			{!goal || !now || !atChallenge ? (
				<p className="mt-3 text-slate-800">{t('kpi.commission.noGoal')}</p>
			) : (
				<>
					<p className="mt-3 text-slate-900" data-testid="commission-now">
						{now.tier === 'none'
							? t('kpi.commission.none', { revenue: money(actual), target: money(goal.target) })
							: now.tier === 'target'
								? t('kpi.commission.target', { revenue: money(actual), rate: rate(rates.atTarget), amount: money(now.amount) })
								: t('kpi.commission.challenge', {
										revenue: money(actual),
										rate: rate(rates.atChallenge),
										excess: rate(rates.onExcess),
										amount: money(now.amount),
									})}
					</p>
					{now.tier !== 'challenge' ? (
						<p className="mt-1 text-sm text-slate-800">
							{t('kpi.commission.toChallenge', { gap: money(Math.max(0, goal.challenge - actual)), amount: money(atChallenge.amount) })}
						</p>
					) : null}
					<div className="mt-3">
						<Table caption={t('kpi.commission.caption')}>
							<thead>
								<tr>
									<Th>{t('kpi.commission.scenario')}</Th>
									<Th>{t('kpi.commission.revenue')}</Th>
									<Th>{t('kpi.commission.tier')}</Th>
									<Th>{t('kpi.commission.amount')}</Th>
								</tr>
							</thead>
							<tbody>
								{(
									[
										['now', actual],
										['atTarget', goal.target],
										['atChallenge', goal.challenge],
									] as const
								).map(([key, value]) => {
									const c = commission(value, goal, rates)
									return (
										<Tr key={key}>
											<RowHeader>{t(`kpi.commission.${key}`)}</RowHeader>
											<Td className="tabular-nums">{money(value)}</Td>
											<Td>{t(`kpi.commission.tiers.${c.tier}`)}</Td>
											<Td className="tabular-nums">{money(c.amount)}</Td>
										</Tr>
									)
								})}
							</tbody>
						</Table>
					</div>
				</>
			)}
			<p className="mt-2 text-sm">
				<Link to="/kb/tiered-commission" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
					{t('kpi.commission.learnMore')}
				</Link>
			</p>
		</Card>
	)
}
