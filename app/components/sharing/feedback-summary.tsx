import { useTranslation } from 'react-i18next'
import { formatRating, type Instant } from './format.ts'

export type FeedbackSummaryView = {
	count: number
	average: number | null
	distribution: number[]
	comments: Array<{ rating: number; comment: string; createdAt: Instant }>
}

/** The aggregate for speakers, the organiser and HR: average, a 1–5 distribution as a table, anonymous comments. */
export function FeedbackSummary({ summary }: { summary: FeedbackSummaryView }) {
	const { t, i18n } = useTranslation()
	if (summary.count === 0 || summary.average === null) return <p className="text-sm text-slate-700">{t('sharing.feedbackSummary.none')}</p>
	return (
		<div className="space-y-4">
			<p className="text-base font-semibold text-slate-900">{t('sharing.feedbackSummary.average', { average: formatRating(summary.average, i18n.language), count: summary.count })}</p>
			<table className="text-sm">
				<caption className="mb-1 text-left font-medium text-slate-800">{t('sharing.feedbackSummary.distribution')}</caption>
				<tbody>
					{[5, 4, 3, 2, 1].map((n) => {
						const votes = summary.distribution[n - 1] ?? 0
						return (
							<tr key={n}>
								<th scope="row" className="pr-3 text-left font-normal whitespace-nowrap text-slate-700">
									{t('sharing.feedbackSummary.stars', { n })}
								</th>
								<td className="w-40 max-w-[40vw] py-0.5">
									<div className="h-3 rounded bg-slate-100" aria-hidden="true">
										<div className="h-3 rounded bg-brand-600" style={{ width: `${(votes / summary.count) * 100}%` }} />
									</div>
								</td>
								<td className="pl-3 text-right tabular-nums text-slate-900">{votes}</td>
							</tr>
						)
					})}
				</tbody>
			</table>
			<div>
				<h3 className="mb-1 text-sm font-semibold text-slate-900">{t('sharing.feedbackSummary.comments')}</h3>
				{summary.comments.length === 0 ? (
					<p className="text-sm text-slate-700">{t('sharing.feedbackSummary.noComments')}</p>
				) : (
					<ul className="space-y-2">
						{summary.comments.map((c, i) => (
							<li key={i} className="rounded-md border border-slate-200 p-2 text-sm break-words text-slate-900">
								<span className="mr-2 font-medium text-slate-700">{t('sharing.feedbackSummary.stars', { n: c.rating })}</span>
								{c.comment}
							</li>
						))}
					</ul>
				)}
			</div>
		</div>
	)
}
