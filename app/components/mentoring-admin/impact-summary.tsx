import { useTranslation } from 'react-i18next'
import type { Impact } from '#app/modules/mentoring/impact.ts'
import { useKpiFormat } from '../kpi/index.ts'
import { signed } from './format.ts'

/**
 * One pairing's measured impact in words: the mentee's mean before → since, the peers' change, and the
 * net effect in the indicator's unit and as a share of where the mentee started. With too little
 * data it says which side is short and by how many months, and gives no number.
 */
export function ImpactSummary({ impact, unit }: { impact: Impact; unit: string }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	if (impact.status === 'insufficient')
		return <p className="text-sm text-slate-700">{t(`mentoringAdmin.impact.insufficient.${impact.missing}`, { have: impact.have, need: impact.need })}</p>
	const effect = signed(f.delta(impact.effect, unit), impact.effect)
	return (
		<ul className="space-y-0.5 text-sm text-slate-800">
			<li>{t('mentoringAdmin.impact.beforeSince', { before: f.value(impact.before, unit), since: f.value(impact.since, unit) })}</li>
			<li>{t('mentoringAdmin.impact.peers', { change: signed(f.delta(impact.peerChange, unit), impact.peerChange) })}</li>
			<li className={impact.effect > 0 ? 'font-semibold text-green-800' : impact.effect < 0 ? 'font-semibold text-red-800' : 'font-semibold'}>
				{impact.effectRatio === null
					? t('mentoringAdmin.impact.effectNoRatio', { effect })
					: t('mentoringAdmin.impact.effect', { effect, ratio: signed(f.percent(impact.effectRatio), impact.effectRatio) })}
			</li>
		</ul>
	)
}
