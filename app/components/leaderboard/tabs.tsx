import { useTranslation } from 'react-i18next'
import { Tabs } from '../ui/index.ts'

/** The boards and the honours wall, as link tabs. */
export function LeaderboardTabs() {
	const { t } = useTranslation()
	return (
		<Tabs
			label={t('leaderboard.tabs.label')}
			tabs={[
				{ to: '/leaderboard', label: t('leaderboard.tabs.board'), end: true },
				{ to: '/leaderboard/honours', label: t('leaderboard.tabs.honours') },
			]}
		/>
	)
}
