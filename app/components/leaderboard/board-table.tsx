import { useTranslation } from 'react-i18next'
import type { BoardOption } from '#app/modules/gamification/leaderboard-filters.ts'
import { localName } from '#app/modules/performance/format.ts'
import { Badge, cn, Table, Td, Th } from '../ui/index.ts'
import { Movement } from './movement.tsx'
import { useBoardValue } from './use-board-value.ts'

export type BoardRowView = {
	userId: number
	name: string
	teamZh: string | null
	teamEn: string | null
	value: number
	rank: number
	movement: number | null
}

function Row({ row, board, isViewer }: { row: BoardRowView; board: BoardOption; isViewer: boolean }) {
	const { t, i18n } = useTranslation()
	const format = useBoardValue()
	const team = row.teamZh && row.teamEn ? localName({ nameZh: row.teamZh, nameEn: row.teamEn }, i18n.language) : t('leaderboard.noTeam')
	return (
		<tr className={cn('border-t border-slate-100', isViewer && 'bg-brand-50')} aria-current={isViewer ? 'true' : undefined}>
			<Td className="font-semibold whitespace-nowrap tabular-nums">
				<span aria-hidden="true">{row.rank}</span>
				<span className="sr-only">{t('leaderboard.rankOf', { rank: row.rank })}</span>
			</Td>
			<Td>
				<Movement movement={row.movement} />
			</Td>
			<th scope="row" className={cn('px-3 py-2 text-left align-top whitespace-nowrap text-slate-900', isViewer ? 'font-semibold' : 'font-normal')}>
				{row.name}
				{isViewer ? (
					<span className="ml-2">
						<Badge tone="brand">{t('leaderboard.you')}</Badge>
					</span>
				) : null}
			</th>
			<Td className="whitespace-nowrap">{team}</Td>
			<Td className="text-right font-medium whitespace-nowrap tabular-nums">{format(board, row.value)}</Td>
		</tr>
	)
}

/**
 * The ranked rows: the top N, then — when the viewer is below it — a labelled gap and the viewer with
 * their neighbours. There is no "bottom of the board" view: only the top and your own neighbourhood.
 */
export function BoardTable({ board, caption, head, tail, viewerId }: { board: BoardOption; caption: string; head: readonly BoardRowView[]; tail: readonly BoardRowView[]; viewerId: number }) {
	const { t } = useTranslation()
	return (
		<Table caption={caption}>
			<thead>
				<tr>
					<Th>{t('leaderboard.columns.rank')}</Th>
					<Th>{t('leaderboard.columns.movement')}</Th>
					<Th>{t('leaderboard.columns.name')}</Th>
					<Th>{t('leaderboard.columns.team')}</Th>
					<Th className="text-right">{t(`leaderboard.columns.value.${board}`)}</Th>
				</tr>
			</thead>
			<tbody>
				{head.map((row) => (
					<Row key={row.userId} row={row} board={board} isViewer={row.userId === viewerId} />
				))}
			</tbody>
			{tail.length > 0 ? (
				<tbody>
					<tr className="border-t-2 border-dashed border-slate-300">
						<th scope="rowgroup" colSpan={5} className="bg-slate-50 px-3 py-2 text-left text-sm font-medium text-slate-700">
							{t('leaderboard.near')}
						</th>
					</tr>
					{tail.map((row) => (
						<Row key={row.userId} row={row} board={board} isViewer={row.userId === viewerId} />
					))}
				</tbody>
			) : null}
		</Table>
	)
}
