import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { LevelProgress } from '#app/modules/gamification/points.ts'
import { Card, ProgressBar } from '../ui/index.ts'

/** The level's name in the reader's language ("Lv.3 熟练"). */
export function useLevelName() {
	const { t } = useTranslation()
	return (level: number) => t('points.level.name', { level, name: t(`points.levels.lv${level}` as 'points.levels.lv1') })
}

/**
 * A person's level: its name, total points, a progress bar through the level and how many points the
 * next one needs. `link` adds the way to the badge page.
 */
export function LevelCard({
	level,
	link = true,
	headingId = 'my-level',
	className,
}: {
	level: LevelProgress
	link?: boolean
	headingId?: string
	className?: string
}) {
	const { t, i18n } = useTranslation()
	const levelName = useLevelName()
	const number = (n: number) => n.toLocaleString(i18n.language)
	const progress = t('points.level.progress', { level: level.level, percent: level.percent })
	return (
		<Card aria-labelledby={headingId} className={className}>
			<h2 id={headingId} className="mb-3 text-lg font-semibold text-slate-900">
				{t('points.level.title')}
			</h2>
			<p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
				<span className="text-2xl font-bold text-slate-900">{levelName(level.level)}</span>
				<span className="text-sm text-slate-700">{t('points.level.total', { points: number(level.total) })}</span>
			</p>
			<div className="mt-3 space-y-2">
				<ProgressBar value={level.percent} label={progress} />
				<p className="text-sm text-slate-700">
					{level.next === null
						? t('points.level.top')
						: t('points.level.toNext', { points: number(level.next - level.total), level: level.level + 1 })}
				</p>
			</div>
			{link ? (
				<p className="mt-2">
					<Link to="/badges" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
						{t('points.level.more')}
					</Link>
				</p>
			) : null}
		</Card>
	)
}
