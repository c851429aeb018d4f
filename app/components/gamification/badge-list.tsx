import { useTranslation } from 'react-i18next'
import { formatPeriod } from '#app/modules/performance/format.ts'
import { businessDate } from '#app/utils/dates.ts'
import type { BadgeCodeOption } from '#app/modules/gamification/badges.ts'
import { Badge } from '../ui/index.ts'

export type BadgeItem = {
	id: number
	badge: BadgeCodeOption
	period: string | null
	awardedAt: Date | string | number
	evidence: Record<string, string | number>
	exam: { title: string; titleEn: string } | null
}

/**
 * Badges a person earned, newest first: the badge, the period or exam that earned it, and when.
 * `empty` is what to say (already translated) when there is none.
 */
export function BadgeList({ badges, empty }: { badges: readonly BadgeItem[]; empty: string }) {
	const { t, i18n } = useTranslation()
	if (badges.length === 0) return <p className="text-sm text-slate-700">{empty}</p>
	const en = i18n.language === 'en'
	return (
		<ul className="divide-y divide-slate-100" aria-label={t('points.badge.listLabel')}>
			{badges.map((b) => {
				const details = [
					b.period ? formatPeriod(b.period, i18n.language) : null,
					b.exam ? t('points.badge.exam', { title: en ? b.exam.titleEn : b.exam.title }) : null,
					b.badge === 'sharing_star' && typeof b.evidence.sessions === 'number' ? t('points.badge.sessions', { sessions: b.evidence.sessions }) : null,
					t('points.badge.awardedOn', { date: businessDate(new Date(b.awardedAt)) }),
				].filter((d): d is string => d !== null)
				return (
					<li key={b.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
						<Badge tone="success">{t(`points.badges.${b.badge}.name`)}</Badge>
						<span className="min-w-0 text-sm text-slate-700">{details.join(' · ')}</span>
					</li>
				)
			})}
		</ul>
	)
}
