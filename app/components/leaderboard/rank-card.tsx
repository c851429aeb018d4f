import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatPeriod } from '#app/modules/performance/format.ts'
import { Card } from '../ui/index.ts'
import { Movement } from './movement.tsx'

type Rank = { board: 'kpi' | 'revenue' | 'points'; period: string; rank: number; total: number; movement: number | null }

/** Home: the person's stored places on the KPI and points boards, with movement, and the way to the board. */
export function RankCard({ ranks }: { ranks: readonly Rank[] }) {
	const { t, i18n } = useTranslation()
	return (
		<Card aria-labelledby="my-ranks">
			<h2 id="my-ranks" className="mb-3 text-lg font-semibold text-slate-900">
				{t('leaderboard.home.heading')}
			</h2>
			<ul className="space-y-1 text-sm text-slate-900">
				{ranks.map((r) => (
					<li key={r.board} className="flex flex-wrap items-baseline gap-x-2">
						<span>{t('leaderboard.home.line', { board: t(`leaderboard.boards.${r.board}`), period: formatPeriod(r.period, i18n.language), rank: r.rank, total: r.total })}</span>
						<Movement movement={r.movement} />
					</li>
				))}
			</ul>
			<p className="mt-2 text-sm text-slate-700">{t('leaderboard.home.cohortNote')}</p>
			<p className="mt-1">
				<Link to="/leaderboard" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
					{t('leaderboard.home.link')}
				</Link>
			</p>
		</Card>
	)
}
