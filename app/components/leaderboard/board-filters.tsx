import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
	BOARDS,
	COHORTS,
	POSITION_TYPES,
	SCOPES,
	type BoardFilters as Filters,
} from '#app/modules/gamification/leaderboard-filters.ts'
import { formatPeriod, localName } from '#app/modules/performance/format.ts'
import { Button, Select } from '../ui/index.ts'

type Named = { id: number; nameZh: string; nameEn: string }

export type BoardFiltersProps = {
	filters: Filters
	periods: { months: readonly string[]; quarters: readonly string[] }
	/** HR picks any team or region; everyone else sees their own. */
	scopeOptions: { teams: readonly Named[]; regions: readonly Named[] } | null
}

/** The board's filters as a GET form: every choice is a URL, and it works without JavaScript. */
export function BoardFilters({ filters, periods, scopeOptions }: BoardFiltersProps) {
	const { t, i18n } = useTranslation()
	const scopeLabels = scopeOptions ? 'leaderboard.scopesHr' : 'leaderboard.scopes'
	return (
		<Form method="get" aria-labelledby="board-filters-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
			<h2 id="board-filters-heading" className="mb-3 text-base font-semibold text-slate-900">
				{t('leaderboard.filters.heading')}
			</h2>
			<div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
				<Select label={t('leaderboard.filters.board')} name="board" defaultValue={filters.board}>
					{BOARDS.map((board) => (
						<option key={board} value={board}>
							{t(`leaderboard.boards.${board}`)}
						</option>
					))}
				</Select>
				<Select label={t('leaderboard.filters.period')} name="period" defaultValue={filters.period}>
					{(['months', 'quarters'] as const).map((kind) => (
						<optgroup key={kind} label={t(`leaderboard.filters.${kind}`)}>
							{periods[kind].map((period) => (
								<option key={period} value={period}>
									{formatPeriod(period, i18n.language)}
								</option>
							))}
						</optgroup>
					))}
				</Select>
				<Select label={t('leaderboard.filters.scope')} name="scope" defaultValue={filters.scope}>
					{SCOPES.map((scope) => (
						<option key={scope} value={scope}>
							{t(`${scopeLabels}.${scope}`)}
						</option>
					))}
				</Select>
				{scopeOptions ? (
					<>
						<Select label={t('leaderboard.filters.team')} name="team" defaultValue={filters.scope === 'team' ? (filters.scopeId ?? '') : ''}>
							<option value="">{t('leaderboard.filters.choose')}</option>
							{scopeOptions.teams.map((team) => (
								<option key={team.id} value={team.id}>
									{localName(team, i18n.language)}
								</option>
							))}
						</Select>
						<Select label={t('leaderboard.filters.region')} name="region" defaultValue={filters.scope === 'region' ? (filters.scopeId ?? '') : ''}>
							<option value="">{t('leaderboard.filters.choose')}</option>
							{scopeOptions.regions.map((region) => (
								<option key={region.id} value={region.id}>
									{localName(region, i18n.language)}
								</option>
							))}
						</Select>
					</>
				) : null}
				<Select label={t('leaderboard.filters.type')} name="type" defaultValue={filters.positionType}>
					<option value="all">{t('leaderboard.filters.allTypes')}</option>
					{POSITION_TYPES.map((type) => (
						<option key={type} value={type}>
							{t(`positions.${type}`)}
						</option>
					))}
				</Select>
				<Select label={t('leaderboard.filters.cohort')} name="cohort" defaultValue={filters.cohort}>
					<option value="all">{t('leaderboard.filters.allCohorts')}</option>
					{COHORTS.map((cohort) => (
						<option key={cohort} value={cohort}>
							{t(`leaderboard.cohorts.${cohort}`)}
						</option>
					))}
				</Select>
			</div>
			<div className="mt-4">
				<Button type="submit">{t('leaderboard.filters.submit')}</Button>
			</div>
		</Form>
	)
}
