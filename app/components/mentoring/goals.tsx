import { useTranslation } from 'react-i18next'
import type { GoalView } from '#app/modules/mentoring/dashboard.server.ts'
import { formatPeriod } from '#app/modules/performance/format.ts'
import { useKpiFormat } from '../kpi/use-kpi-format.ts'
import { ProgressBar } from '../ui/index.ts'

/** Each focus indicator: its goal (from → to by a date), where the mentee is now and in which month, and how far the goal has come. */
export function GoalList({ goals }: { goals: readonly GoalView[] }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	if (goals.length === 0) return <p className="text-sm text-slate-700">{t('mentoring.goals.empty')}</p>
	return (
		<ul className="grid gap-3 md:grid-cols-2 *:min-w-0">
			{goals.map((goal) => {
				const name = f.name(goal)
				const hasGoal = goal.fromValue !== null && goal.toValue !== null && goal.dueOn !== null
				const percent = goal.progress === null ? null : f.percent(goal.progress)
				return (
					<li key={goal.indicatorId} className="rounded-md border border-slate-200 p-3">
						<h3 className="font-semibold break-words text-slate-900">{name}</h3>
						<p className="mt-1 text-sm text-slate-800">
							{hasGoal
								? t('mentoring.goals.goal', {
										from: f.value(goal.fromValue, goal.unit),
										to: f.value(goal.toValue, goal.unit),
										due: goal.dueOn,
								  })
								: t('mentoring.goals.noGoal')}
						</p>
						<p className="mt-1 text-sm text-slate-700">
							{goal.current === null
								? t('mentoring.goals.noCurrent')
								: t('mentoring.goals.current', {
										value: f.value(goal.current, goal.unit),
										month: formatPeriod(goal.currentMonth, f.locale),
								  })}
						</p>
						{percent !== null && goal.progress !== null ? (
							<div className="mt-2 space-y-1">
								<ProgressBar value={Math.round(goal.progress * 100)} label={t('mentoring.goals.progress', { name, percent })} />
								<p className="text-sm text-slate-700">{t('mentoring.goals.progressText', { percent })}</p>
							</div>
						) : null}
					</li>
				)
			})}
		</ul>
	)
}
