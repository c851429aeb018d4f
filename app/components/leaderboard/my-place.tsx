import { useTranslation } from 'react-i18next'
import type { BoardOption, PositionTypeOption } from '#app/modules/gamification/leaderboard-filters.ts'
import { Card } from '../ui/index.ts'

export type MyPlaceProps = {
	board: BoardOption
	/** The viewer's row under the current filters. */
	mine: { rank: number; movement: number | null } | null
	total: number
	onBoard: boolean
	disputed: number
	/** The viewer's position type: people outside the sales line, and non-reps on the revenue board, are not ranked. */
	positionType: PositionTypeOption | null
}

/** The viewer's own place in words, always shown (encouraging either way), and why they may be missing. */
export function MyPlace({ board, mine, total, onBoard, disputed, positionType }: MyPlaceProps) {
	const { t } = useTranslation()
	const movement = mine?.movement
	return (
		<Card aria-labelledby="my-place-heading" className="mb-6">
			<h2 id="my-place-heading" className="mb-2 text-lg font-semibold text-slate-900">
				{t('leaderboard.mine.heading')}
			</h2>
			{mine ? (
				<p className="text-slate-800">
					{t('leaderboard.mine.place', { rank: mine.rank, total })}{' '}
					{movement === null || movement === undefined
						? t('leaderboard.mine.first')
						: movement > 0
							? t('leaderboard.mine.up', { count: movement })
							: movement < 0
								? t('leaderboard.mine.down', { count: -movement })
								: t('leaderboard.mine.same')}
				</p>
			) : (
				<p className="text-slate-800">
					{onBoard
						? t('leaderboard.mine.notInFilter')
						: positionType === null
							? t('leaderboard.mine.notRanked')
							: board === 'revenue' && positionType !== 'sales_rep'
								? t('leaderboard.mine.repsOnly')
								: t(`leaderboard.mine.notOnBoard.${board}`)}
				</p>
			)}
			{disputed > 0 ? (
				<p role="note" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{t('leaderboard.mine.disputed', { count: disputed })}
				</p>
			) : null}
		</Card>
	)
}
