import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { MenteeCard as MenteeCardData } from '#app/modules/mentoring/dashboard.server.ts'
import { formatPeriod } from '#app/modules/performance/format.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { LevelBadge } from '../kpi/level-badge.tsx'
import { useKpiFormat } from '../kpi/use-kpi-format.ts'
import { Badge, ProgressBar } from '../ui/index.ts'

const reasonTones = {
	alerts: 'danger',
	cooldown: 'warning',
	belowBaseline: 'warning',
	coachingOverdue: 'neutral',
	neverCoached: 'neutral',
} as const

/**
 * One running mentee on the mentor's dashboard: tier, track, exams, this quarter's score, the weakest
 * indicators, open alerts and coaching, with the reasons they are where they are in the order.
 */
export function MenteeCard({ card }: { card: MenteeCardData }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const { pairing } = card
	const name = pairing.menteeName
	const headingId = `mentee-${pairing.id}`
	const href = `/mentoring/${pairing.id}`
	const coaching =
		card.lastCoachingOn === null || card.daysSinceCoaching === null
			? t('mentoring.card.never')
			: card.daysSinceCoaching === 0
			? t('mentoring.card.coachedToday')
			: t('mentoring.card.daysAgo', {
					count: card.daysSinceCoaching,
					date: card.lastCoachingOn,
			  })
	const separator = t('mentoring.listSeparator')
	return (
		<article aria-labelledby={headingId} className="flex h-full min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<h3 id={headingId} className="min-w-0 text-lg font-semibold break-words">
					<Link to={href} className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
						{name}
					</Link>
				</h3>
				<Badge>{t('mentoring.card.tier', { tier: t(`tiers.${card.tier}`) })}</Badge>
			</div>
			{card.reasons.length > 0 ? (
				<p className="mt-2 flex flex-wrap gap-1">
					<span className="sr-only">{t('mentoring.card.attention')}</span>
					{card.reasons.map((reason) => (
						<Badge key={reason} tone={reasonTones[reason]}>
							{t(`mentoring.reasons.${reason}`)}
						</Badge>
					))}
				</p>
			) : null}
			<dl className="mt-3 space-y-3 text-sm">
				<div>
					<dt className="font-medium text-slate-800">{t('mentoring.card.trackTitle')}</dt>
					<dd className="space-y-1">
						<ProgressBar
							value={card.trackPercent}
							label={t('mentoring.card.trackLabel', {
								name,
								percent: card.trackPercent,
							})}
						/>
						<span className="block text-slate-700">{t('mentoring.card.track', { percent: card.trackPercent })}</span>
					</dd>
				</div>
				<div>
					<dt className="font-medium text-slate-800">{t('learning.home.clearance')}</dt>
					<dd className="text-slate-900">
						{card.clearedOn ? t('learning.home.cleared', { date: card.clearedOn }) : t('learning.home.notCleared')}
						{card.cooldownUntil ? (
							<span className="mt-1 block">
								<Badge tone="warning">
									{t('learning.examState.cooldown', {
										time: formatDateTime(card.cooldownUntil, f.locale),
									})}
								</Badge>
							</span>
						) : null}
					</dd>
				</div>
				<div>
					<dt className="font-medium text-slate-800">
						{t('mentoring.card.score', {
							period: formatPeriod(card.quarter, f.locale),
						})}
					</dt>
					<dd className="flex flex-wrap items-center gap-2 text-slate-900">
						{card.score === null ? (
							t('mentoring.card.noScore')
						) : (
							<>
								<span className="text-xl font-bold tabular-nums">{f.score(card.score)}</span>
								{card.level ? <LevelBadge level={card.level} /> : null}
							</>
						)}
					</dd>
				</div>
				<div>
					<dt className="font-medium text-slate-800">{t('mentoring.card.weakest')}</dt>
					<dd className="text-slate-900">
						{card.weakest.length === 0 ? (
							t('mentoring.card.noWeakest')
						) : (
							<ul className="space-y-0.5">
								{card.weakest.map((w) => (
									<li key={w.code} className="flex flex-wrap items-center gap-2">
										<span>
											{t('mentoring.card.achievement', {
												name: f.name(w),
												percent: f.percent(w.achievement),
											})}
										</span>
										{w.level ? <LevelBadge level={w.level} /> : null}
									</li>
								))}
							</ul>
						)}
					</dd>
				</div>
				<div>
					<dt className="font-medium text-slate-800">{t('mentoring.alerts.title')}</dt>
					<dd className="text-slate-900">
						{card.alerts.length === 0 ? (
							t('mentoring.card.noAlerts')
						) : (
							<>
								<span className="block break-words text-red-800">
									{t('mentoring.card.alerts', {
										count: card.alerts.length,
										names: [...new Set(card.alerts.map((a) => f.name(a.indicator)))].join(separator),
									})}
								</span>
								<Link to={`${href}#alerts`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
									{t('mentoring.card.viewAlerts', { name })}
								</Link>
							</>
						)}
					</dd>
				</div>
				<div>
					<dt className="font-medium text-slate-800">{t('mentoring.card.lastCoaching')}</dt>
					<dd className="text-slate-900">{coaching}</dd>
				</div>
				<div>
					<dt className="font-medium text-slate-800">{t('mentoring.card.focus')}</dt>
					<dd className="break-words text-slate-900">
						{pairing.focus.length === 0 ? t('mentoring.card.noFocus') : pairing.focus.map((item) => f.name(item)).join(separator)}
					</dd>
				</div>
			</dl>
		</article>
	)
}
