import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { TimelineEntry } from '#app/modules/mentoring/dashboard.server.ts'
import { useLocalTitle } from '../learning.tsx'
import { useKpiFormat } from '../kpi/use-kpi-format.ts'
import { Badge } from '../ui/index.ts'
import { formatRubricScore } from './pairing-bits.tsx'

const alertTones = {
	open: 'danger',
	acknowledged: 'warning',
	resolved: 'success',
} as const

function Entry({ entry }: { entry: TimelineEntry }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const title = useLocalTitle()
	switch (entry.kind) {
		case 'lesson':
			return (
				<Link to={entry.href} className="text-brand-700 underline underline-offset-2">
					{t('mentoring.timeline.lesson', { title: title(entry) })}
				</Link>
			)
		case 'exam':
			return (
				<span className="flex flex-wrap items-center gap-2">
					<Link to={entry.href} className="text-brand-700 underline underline-offset-2">
						{t('mentoring.timeline.exam', { title: title(entry) })}
					</Link>
					{entry.score !== null ? (
						<span className="tabular-nums">
							{t('mentoring.timeline.examScore', {
								score: f.score(entry.score),
							})}
						</span>
					) : null}
					{entry.passed !== null ? (
						<Badge tone={entry.passed ? 'success' : 'danger'}>{entry.passed ? t('mentoring.timeline.passed') : t('mentoring.timeline.failed')}</Badge>
					) : null}
				</span>
			)
		case 'coaching':
			return (
				<span className="flex flex-wrap items-center gap-2">
					<span>
						{t('mentoring.timeline.coaching', {
							kind: t(`mentoring.kinds.${entry.coachingKind}`),
						})}
					</span>
					{entry.score !== null ? (
						<Badge tone="brand">
							{t('mentoring.timeline.coachingScore', {
								score: formatRubricScore(entry.score, f.locale),
							})}
						</Badge>
					) : null}
				</span>
			)
		case 'alert': {
			const status = entry.status in alertTones ? (entry.status as keyof typeof alertTones) : 'open'
			return (
				<span className="flex flex-wrap items-center gap-2">
					<span>{t('mentoring.timeline.alert', { indicator: f.name(entry) })}</span>
					<Badge tone={alertTones[status]}>{t(`mentoring.timeline.alertStatus.${status}`)}</Badge>
				</span>
			)
		}
	}
}

/** What happened to the mentee since the pairing began, newest first: a dated list. */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
	const { t } = useTranslation()
	if (entries.length === 0) return <p className="text-sm text-slate-700">{t('mentoring.timeline.empty')}</p>
	return (
		<ol className="divide-y divide-slate-100 text-sm">
			{entries.map((entry, n) => (
				<li key={`${entry.kind}-${entry.on}-${n}`} className="flex flex-col gap-1 py-2 sm:flex-row sm:gap-4">
					<span className="shrink-0 text-slate-700 tabular-nums sm:w-28">{entry.on}</span>
					<span className="min-w-0 break-words text-slate-900">
						<Entry entry={entry} />
					</span>
				</li>
			))}
		</ol>
	)
}
