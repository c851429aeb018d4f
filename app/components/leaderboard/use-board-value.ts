import { useTranslation } from 'react-i18next'
import type { BoardOption } from '#app/modules/gamification/leaderboard-filters.ts'
import { formatMoney, formatScore } from '#app/modules/performance/format.ts'

/** A board's value in the reader's language: a weighted score, yuan, or points. */
export function useBoardValue() {
	const { t, i18n } = useTranslation()
	const locale = i18n.language || 'zh-CN'
	return (board: BoardOption, value: number) => {
		if (board === 'kpi') return formatScore(value, locale)
		if (board === 'revenue') return formatMoney(value, locale)
		return t('leaderboard.pointsValue', { count: Math.round(value) })
	}
}
