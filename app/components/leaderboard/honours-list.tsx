import { useTranslation } from 'react-i18next'
import type { BadgeCodeOption } from '#app/modules/gamification/badges.ts'
import { formatMoney, formatPeriod, formatScore, localName } from '#app/modules/performance/format.ts'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { Badge, Card } from '../ui/index.ts'

export type HonourView = {
	id: number
	badge: BadgeCodeOption
	userId: number
	name: string
	teamZh: string | null
	teamEn: string | null
	evidence: Record<string, string | number>
}

export type HonoursPeriodView = { period: string; honours: readonly HonourView[]; hidden: number }

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** The figures behind an award in words; null when the evidence is not the shape this badge records. */
function useEvidenceText() {
	const { t, i18n } = useTranslation()
	const locale = i18n.language || 'zh-CN'
	return (badge: BadgeCodeOption, e: Record<string, string | number>): string | null => {
		switch (badge) {
			case 'best_newcomer': {
				const [score, count, hireDate] = [num(e.score), num(e.newcomers), str(e.hireDate)]
				return score === null || count === null || hireDate === null
					? null
					: t('leaderboard.honours.evidence.best_newcomer', { count, hireDate, score: formatScore(score, locale) })
			}
			case 'fastest_improver': {
				const [score, previous, increase, count, previousPeriod] = [num(e.score), num(e.previousScore), num(e.increase), num(e.compared), str(e.previousPeriod)]
				return score === null || previous === null || increase === null || count === null || previousPeriod === null
					? null
					: t('leaderboard.honours.evidence.fastest_improver', {
							count,
							score: formatScore(score, locale),
							previous: formatScore(previous, locale),
							increase: formatScore(increase, locale),
							previousPeriod: formatPeriod(previousPeriod, locale),
						})
			}
			case 'high_value_account': {
				const [amount, threshold, date] = [num(e.amount), num(e.threshold), str(e.date)]
				return amount === null || threshold === null || date === null
					? null
					: t('leaderboard.honours.evidence.high_value_account', { date, amount: formatMoney(amount, locale), threshold: formatMoney(threshold, locale), count: num(e.deals) ?? 1 })
			}
			case 'visit_champion': {
				const [visits, count] = [num(e.visits), num(e.reps)]
				return visits === null || count === null ? null : t('leaderboard.honours.evidence.visit_champion', { visits, count })
			}
			case 'gold_mentor': {
				const [pairings, count, beatPeers, lastMonth] = [num(e.pairings), num(e.measured), num(e.beatPeers), str(e.lastMonth)]
				return pairings === null || count === null || beatPeers === null || lastMonth === null
					? null
					: t('leaderboard.honours.evidence.gold_mentor', { pairings, count, beatPeers, lastMonth: formatPeriod(lastMonth, locale) })
			}
			case 'monthly_star':
				return t('leaderboard.honours.evidence.monthly_star')
			default:
				return null
		}
	}
}

/** Each period's awards, newest period first, grouped by badge with its criteria; who, and the figures behind it. */
export function HonoursList({ periods, criteria }: { periods: readonly HonoursPeriodView[]; criteria: Record<string, string> }) {
	const { t, i18n } = useTranslation()
	const problems = useProblemTexts()
	const evidenceText = useEvidenceText()
	return (
		<div className="space-y-6">
			{periods.map(({ period, honours, hidden }) => {
				const badges = [...new Set(honours.map((h) => h.badge))]
				const headingId = `honours-${period}`
				return (
					<Card key={period} aria-labelledby={headingId}>
						<h2 id={headingId} className="mb-4 text-xl font-semibold text-slate-900">
							{t('leaderboard.honours.periodAwards', { period: formatPeriod(period, i18n.language) })}
						</h2>
						<div className="space-y-5">
							{badges.map((badge) => (
								<div key={badge}>
									<h3 id={`${headingId}-${badge}`} className="text-base font-semibold text-slate-900">
										<Badge tone="success">{t(`points.badges.${badge}.name`)}</Badge>
									</h3>
									{criteria[badge] ? (
										<p className="mt-1 text-sm text-slate-700">{t('leaderboard.honours.criteria', { criteria: problems([criteria[badge]])![0] })}</p>
									) : null}
									<ul className="mt-2 space-y-2">
										{honours
											.filter((h) => h.badge === badge)
											.map((h) => {
												const evidence = evidenceText(h.badge, h.evidence)
												return (
													<li key={h.id} className="min-w-0 text-sm break-words">
														<span className="font-medium text-slate-900">{h.name}</span>
														{h.teamZh && h.teamEn ? (
															<span className="text-slate-700">
																{t('leaderboard.honours.team', { team: localName({ nameZh: h.teamZh, nameEn: h.teamEn }, i18n.language) })}
															</span>
														) : null}
														{evidence ? <span className="block text-slate-700">{evidence}</span> : null}
													</li>
												)
											})}
									</ul>
								</div>
							))}
						</div>
						{hidden > 0 ? <p className="mt-4 text-sm text-slate-700">{t('leaderboard.honours.hidden', { count: hidden })}</p> : null}
					</Card>
				)
			})}
		</div>
	)
}
