import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatPeriod } from '#app/modules/performance/format.ts'
import type { Period } from '#app/modules/performance/periods.ts'
import type { PeriodChoice } from '#app/modules/performance/period-choice.ts'
import { cn } from '../ui/index.ts'

export type { CurrentPeriods, PeriodChoice } from '#app/modules/performance/period-choice.ts'

function PeriodLink({ to, current, children }: { to: string; current: boolean; children: string }) {
	return (
		<Link
			to={to}
			aria-current={current ? 'page' : undefined}
			className={cn(
				'inline-flex min-h-11 items-center rounded-md border px-3 py-2 text-sm font-medium whitespace-nowrap',
				current ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-300 bg-white text-slate-900 hover:bg-slate-100',
			)}
		>
			{children}
		</Link>
	)
}

export type PeriodSwitchProps = {
	choice: PeriodChoice
	/** The link for a period; keeps other query parameters when a page has them. */
	hrefFor?: (period: Period) => string
}

/** Current ↔ previous quarter and the months of the quarter, as plain links (no JavaScript needed). */
export function PeriodSwitch({ choice, hrefFor = (p) => `?period=${p}` }: PeriodSwitchProps) {
	const { t, i18n } = useTranslation()
	const label = (p: Period) => formatPeriod(p, i18n.language)
	const quarterName = (q: Period) =>
		q === choice.current.quarter
			? `${t('kpi.periods.current')} · ${label(q)}`
			: q === choice.current.previousQuarter
				? `${t('kpi.periods.previous')} · ${label(q)}`
				: label(q)
	return (
		<div className="mb-6 space-y-3">
			{choice.notice ? (
				<p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{t(choice.notice.kind === 'invalid' ? 'kpi.periods.invalid' : 'kpi.periods.future', { value: choice.notice.value })}
				</p>
			) : null}
			<nav aria-label={t('kpi.periods.label')} className="space-y-2">
				<div className="flex flex-wrap items-center gap-2">
					<span className="text-sm font-medium text-slate-800">{t('kpi.periods.quarters')}</span>
					<ul className="flex flex-wrap gap-2">
						{choice.quarters.map((q) => (
							<li key={q}>
								<PeriodLink to={hrefFor(q)} current={choice.period === q}>
									{quarterName(q)}
								</PeriodLink>
							</li>
						))}
					</ul>
				</div>
				{choice.months.length > 0 ? (
					<div className="flex flex-wrap items-center gap-2">
						<span className="text-sm font-medium text-slate-800">{t('kpi.periods.months')}</span>
						<ul className="flex flex-wrap gap-2">
							{choice.months.map((m) => (
								<li key={m}>
									<PeriodLink to={hrefFor(m)} current={choice.period === m}>
										{label(m)}
									</PeriodLink>
								</li>
							))}
						</ul>
					</div>
				) : null}
			</nav>
			<p className="text-sm text-slate-700">
				{t('kpi.periods.showing', { period: label(choice.period) })}
				{choice.inProgress ? ` ${t('kpi.periods.inProgress')}` : null}
			</p>
		</div>
	)
}
