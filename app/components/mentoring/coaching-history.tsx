import { useTranslation } from 'react-i18next'
import type { CoachingEntry } from '#app/modules/mentoring/coaching.server.ts'
import { RUBRIC_CRITERIA } from '#app/modules/mentoring/rules.ts'
import { useKpiFormat } from '../kpi/use-kpi-format.ts'
import { Badge } from '../ui/index.ts'
import { formatRubricScore } from './pairing-bits.tsx'

/** The coaching log, newest first: kind and day, who logged it, notes, next steps and the rubric with its mean. */
export function CoachingHistory({ entries }: { entries: readonly CoachingEntry[] }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	if (entries.length === 0) return <p className="text-sm text-slate-700">{t('mentoring.coaching.empty')}</p>
	return (
		<ol className="space-y-3">
			{entries.map((entry) => {
				const headingId = `coaching-${entry.id}`
				return (
					<li key={entry.id}>
						<article aria-labelledby={headingId} className="rounded-md border border-slate-200 p-3 sm:p-4">
							<div className="flex flex-wrap items-start justify-between gap-2">
								<h3 id={headingId} className="font-semibold text-slate-900">
									{t('mentoring.coaching.entry', {
										kind: t(`mentoring.kinds.${entry.kind}`),
										date: entry.occurredOn,
									})}
								</h3>
								{entry.score !== null ? (
									<Badge tone="brand">
										{t('mentoring.coaching.score', {
											score: formatRubricScore(entry.score, f.locale),
										})}
									</Badge>
								) : null}
							</div>
							<p className="mt-1 text-sm text-slate-700">{t('mentoring.coaching.loggedBy', { name: entry.loggedBy })}</p>
							<dl className="mt-2 space-y-2 text-sm">
								<div>
									<dt className="font-medium text-slate-800">{t('mentoring.coaching.notes')}</dt>
									<dd className="break-words whitespace-pre-line text-slate-900">{entry.notes}</dd>
								</div>
								{entry.nextSteps ? (
									<div>
										<dt className="font-medium text-slate-800">{t('mentoring.coaching.nextSteps')}</dt>
										<dd className="break-words whitespace-pre-line text-slate-900">{entry.nextSteps}</dd>
									</div>
								) : null}
								{entry.rubric ? (
									<div>
										<dt className="font-medium text-slate-800">{t('mentoring.coaching.rubricScores')}</dt>
										<dd>
											<ul className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3 *:min-w-0">
												{RUBRIC_CRITERIA.map((criterion) => (
													<li key={criterion} className="flex justify-between gap-2 border-b border-slate-100 py-0.5">
														<span className="text-slate-700">{t(`mentoring.rubric.${criterion}`)}</span>
														<span className="font-medium text-slate-900 tabular-nums">{entry.rubric![criterion]}</span>
													</li>
												))}
												<li className="flex justify-between gap-2 py-0.5 font-semibold">
													<span className="text-slate-900">{t('mentoring.rubric.mean')}</span>
													<span className="text-slate-900 tabular-nums">{formatRubricScore(entry.score, f.locale)}</span>
												</li>
											</ul>
										</dd>
									</div>
								) : null}
							</dl>
						</article>
					</li>
				)
			})}
		</ol>
	)
}
