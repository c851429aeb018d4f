import { useTranslation } from 'react-i18next'
import type { PairingRow } from '#app/modules/mentoring/pairings.server.ts'
import { NO_VALUE } from '#app/modules/performance/format.ts'
import { Badge } from '../ui/index.ts'
import { useKpiFormat } from '../kpi/use-kpi-format.ts'

export type PairingStatus = 'active' | 'upcoming' | 'ended'

/**
 * Running today, not started yet, or over (the end date is exclusive, so it is over on that day; a
 * pairing ended before its start never runs).
 */
export function pairingStatus(pairing: Pick<PairingRow, 'active' | 'startsOn' | 'endsOn'>, today: string): PairingStatus {
	if (pairing.active) return 'active'
	if (pairing.endsOn !== null && (pairing.endsOn <= today || pairing.endsOn <= pairing.startsOn)) return 'ended'
	return 'upcoming'
}

const tones = {
	active: 'success',
	upcoming: 'brand',
	ended: 'neutral',
} as const

export function PairingStatusBadge({ status }: { status: PairingStatus }) {
	const { t } = useTranslation()
	return <Badge tone={tones[status]}>{t(`mentoring.status.${status}`)}</Badge>
}

/** "2026-09-01 起" or "2026-09-01 至 2026-12-01". */
export function usePairingDates() {
	const { t } = useTranslation()
	return (pairing: Pick<PairingRow, 'startsOn' | 'endsOn'>) =>
		pairing.endsOn === null
			? t('mentoring.dates.since', { start: pairing.startsOn })
			: t('mentoring.dates.between', {
					start: pairing.startsOn,
					end: pairing.endsOn,
			  })
}

/** The focus indicators with their goals (from → to by a date), as the pairing set them. */
export function FocusList({ focus }: { focus: PairingRow['focus'] }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	if (focus.length === 0) return <p className="text-sm text-slate-700">{t('mentoring.card.noFocus')}</p>
	return (
		<ul className="space-y-1 text-sm">
			{focus.map((item) => (
				<li key={item.indicatorId} className="break-words">
					<span className="font-medium text-slate-900">{f.name(item)}</span>
					<span className="text-slate-700">
						{' · '}
						{item.fromValue !== null && item.toValue !== null && item.dueOn !== null
							? t('mentoring.goals.goal', {
									from: f.value(item.fromValue, item.unit),
									to: f.value(item.toValue, item.unit),
									due: item.dueOn,
							  })
							: t('mentoring.goals.noGoal')}
					</span>
				</li>
			))}
		</ul>
	)
}

const scoreFormats = new Map<string, Intl.NumberFormat>()

/** A rubric mean as stored (two decimals at most): 4.17, not a truncated 4.1. */
export function formatRubricScore(score: number | null, locale: string): string {
	if (score === null || !Number.isFinite(score)) return NO_VALUE
	let format = scoreFormats.get(locale)
	if (!format) scoreFormats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })))
	return format.format(score)
}
