import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { SuggestionRow } from '#app/modules/mentoring/suggestions.server.ts'
import { formatPeriod } from '#app/modules/performance/format.ts'
import { useKpiFormat } from '../kpi/index.ts'
import { Badge, EmptyState } from '../ui/index.ts'
import { pairingFormHref } from './format.ts'

const linkClass = 'inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800'

/**
 * Who needs a mentor and whom to ask: per need (a person below baseline last month, or with an open
 * alert, on one indicator) the reason with its value, and up to three mentors with why each fits —
 * achievement on that indicator, region, slots left — each a link to the prefilled pairing form.
 */
export function SuggestionList({ rows, heading: Heading = 'h3' }: { rows: readonly SuggestionRow[]; heading?: 'h3' | 'h4' }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	if (rows.length === 0) return <EmptyState title={t('mentoringAdmin.suggestions.empty')} />
	return (
		<ul className="grid gap-3 lg:grid-cols-2 *:min-w-0">
			{rows.map((row) => {
				const indicator = f.name(row.indicator)
				const value = f.value(row.value, row.indicator.unit)
				const why =
					row.reason === 'below'
						? row.value === null
							? t('mentoringAdmin.suggestions.belowNoValue', { month: formatPeriod(row.month, f.locale) })
							: t('mentoringAdmin.suggestions.below', { month: formatPeriod(row.month, f.locale), value })
						: row.value === null
							? t('mentoringAdmin.suggestions.alertNoValue')
							: t('mentoringAdmin.suggestions.alert', { value })
				return (
					<li key={`${row.menteeId}:${row.indicatorId}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
						<Heading className="text-base font-semibold text-slate-900">
							{t('mentoringAdmin.suggestions.needTitle', { name: row.menteeName, indicator })}
						</Heading>
						<p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
							<Badge tone={row.reason === 'alert' ? 'warning' : 'danger'}>
								{t(row.reason === 'alert' ? 'mentoringAdmin.suggestions.alertBadge' : 'mentoringAdmin.suggestions.belowBadge')}
							</Badge>
							<span>{why}</span>
						</p>
						{row.suggestions.length === 0 ? (
							<div className="mt-3 text-sm text-slate-700">
								<p>{t('mentoringAdmin.suggestions.none')}</p>
								<Link
									to={pairingFormHref({ mentee: row.menteeId, indicator: row.indicatorId })}
									aria-label={t('mentoringAdmin.suggestions.pairManuallyLabel', { mentee: row.menteeName, indicator })}
									className={linkClass}
								>
									{t('mentoringAdmin.suggestions.pairManually')}
								</Link>
							</div>
						) : (
							<ul aria-label={t('mentoringAdmin.suggestions.mentors')} className="mt-3 divide-y divide-slate-100">
								{row.suggestions.map((s) => {
									const region = f.locale.startsWith('zh') ? s.regionZh : s.regionEn
									const values = { name: s.mentorName, indicator, achievement: f.percent(s.achievement), region, count: s.capacityLeft }
									return (
										<li key={s.mentorId} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
											<span className="min-w-0 text-sm text-slate-800">
												{region
													? t('mentoringAdmin.suggestions.mentorReason', values)
													: t('mentoringAdmin.suggestions.mentorReasonNoRegion', values)}{' '}
												{s.sameRegion ? <Badge tone="success">{t('mentoringAdmin.suggestions.sameRegion')}</Badge> : null}
											</span>
											<Link
												to={pairingFormHref({ mentee: row.menteeId, mentor: s.mentorId, indicator: row.indicatorId })}
												aria-label={t('mentoringAdmin.suggestions.pairLabel', { mentee: row.menteeName, mentor: s.mentorName, indicator })}
												className={linkClass}
											>
												{t('mentoringAdmin.suggestions.pair')}
											</Link>
										</li>
									)
								})}
							</ul>
						)}
					</li>
				)
			})}
		</ul>
	)
}
