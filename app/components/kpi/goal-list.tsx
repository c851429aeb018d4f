import { useTranslation } from 'react-i18next'
import { formatIndicatorValue } from '#app/modules/performance/format.ts'

export type GoalValues = { baseline: number; target: number; challenge: number; originalTarget: number }

/** A target's baseline, target and challenge, and the target as first set, in the indicator's unit. */
export function GoalList({ goal, unit }: { goal: GoalValues; unit: string }) {
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	return (
		<dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
			{[
				...(['baseline', 'target', 'challenge'] as const).map((f) => [t(`kpiAdmin.common.${f}`), goal[f]] as const),
				[t('kpiAdmin.common.originalTarget'), goal.originalTarget] as const,
			].map(([label, value]) => (
				<div key={label} className="contents">
					<dt className="text-slate-700">{label}</dt>
					<dd className="text-slate-900 tabular-nums">{formatIndicatorValue(value, unit, lang)}</dd>
				</div>
			))}
		</dl>
	)
}
