import { useTranslation } from 'react-i18next'
import type { AdjustmentView } from '#app/modules/performance/adjustments.server.ts'
import { formatIndicatorValue } from '#app/modules/performance/format.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { Badge } from '../ui/index.ts'

/** A target's adjustments, newest first, folded away under a count. */
export function AdjustmentHistory({ history, unit }: { history: AdjustmentView[]; unit: string }) {
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	return (
		<details className="mt-4">
			<summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 underline underline-offset-2">
				{t('kpiAdmin.person.historyHeading', { count: history.length })}
			</summary>
			<div className="mt-2">
				{history.length === 0 ? (
					<p className="text-sm text-slate-700">{t('kpiAdmin.common.noAdjustments')}</p>
				) : (
					<ol className="space-y-2 text-sm">
						{history.map((a) => (
							<li key={a.id} className="rounded-md border border-slate-200 p-2">
								<p className="flex flex-wrap items-center gap-2 text-slate-900">
									<Badge tone={a.status === 'approved' ? 'success' : a.status === 'rejected' ? 'danger' : 'brand'}>{t(`kpiAdmin.status.${a.status}`)}</Badge>
									<span className="tabular-nums">
										{formatIndicatorValue(a.fromTarget, unit, lang)} → {formatIndicatorValue(a.toTarget, unit, lang)}
									</span>
								</p>
								<p className="mt-1 text-slate-700">
									{t('kpiAdmin.common.proposedBy', { name: a.proposedByName, time: formatDateTime(new Date(a.proposedAt), lang) })}
								</p>
								<p className="mt-1 break-words text-slate-800">{t('kpiAdmin.common.reasonIs', { reason: a.reason })}</p>
								{a.decidedAt ? (
									<p className="mt-1 break-words text-slate-700">
										{t('kpiAdmin.common.decidedBy', { name: a.decidedByName ?? '', time: formatDateTime(new Date(a.decidedAt), lang) })}
										{a.decisionNote ? ` ${t('kpiAdmin.common.noteIs', { note: a.decisionNote })}` : ''}
									</p>
								) : null}
							</li>
						))}
					</ol>
				)}
			</div>
		</details>
	)
}
