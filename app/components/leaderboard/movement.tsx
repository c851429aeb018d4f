import { useTranslation } from 'react-i18next'

/**
 * Places moved since the previous period: an arrow and a number for the eye, words for screen readers.
 * Null means the person was not on the same board (same position type and stage) last period.
 */
export function Movement({ movement }: { movement: number | null }) {
	const { t } = useTranslation()
	if (movement === null)
		return <span className="text-xs font-medium whitespace-nowrap text-brand-800">{t('leaderboard.movement.new')}</span>
	if (movement === 0)
		return (
			<span className="text-slate-700">
				<span aria-hidden="true">–</span>
				<span className="sr-only">{t('leaderboard.movement.same')}</span>
			</span>
		)
	const up = movement > 0
	const count = Math.abs(movement)
	return (
		<span className={up ? 'font-medium whitespace-nowrap text-green-800' : 'whitespace-nowrap text-slate-700'}>
			<span aria-hidden="true">
				{up ? '↑' : '↓'} {count}
			</span>
			<span className="sr-only">{t(up ? 'leaderboard.movement.up' : 'leaderboard.movement.down', { count })}</span>
		</span>
	)
}
