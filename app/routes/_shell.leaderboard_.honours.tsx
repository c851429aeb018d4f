import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { HonoursList, LeaderboardTabs } from '#app/components/leaderboard/index.ts'
import { EmptyState } from '#app/components/ui/index.ts'
import { badgeCriteriaTexts, honoursWall } from '#app/modules/gamification/honours.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'leaderboard.honours.metaTitle')

/** Anyone signed in: each period's awards, newest first, with the criteria and the figures behind them. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	return { periods: honoursWall(), criteria: badgeCriteriaTexts() }
}

export default function HonoursPage() {
	const { periods, criteria } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('leaderboard.honours.title')}</h1>
			<p className="mb-4 max-w-prose text-slate-700">{t('leaderboard.honours.intro')}</p>
			<LeaderboardTabs />
			{periods.length === 0 ? <EmptyState title={t('leaderboard.honours.empty')} /> : <HonoursList periods={periods} criteria={criteria} />}
		</>
	)
}
