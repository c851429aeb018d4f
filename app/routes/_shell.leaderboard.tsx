import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BoardFilters, BoardTable, LeaderboardTabs, MyPlace } from '#app/components/leaderboard/index.ts'
import { EmptyState } from '#app/components/ui/index.ts'
import { leaderboardPage } from '#app/modules/gamification/leaderboard.server.ts'
import { formatPeriod, localName } from '#app/modules/performance/format.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'leaderboard.metaTitle')

// Other people's figures: never kept in a shared cache.
export const headers: HeadersFunction = () => NO_STORE

/** Anyone signed in: a stored board with GET filters; the viewer's own place is always shown. */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const page = leaderboardPage(user, new URL(request.url).searchParams)
	return data({ ...page, viewerId: user.id }, { headers: NO_STORE })
}

export default function LeaderboardPage() {
	const { filters, notice, view, top, periods, scopeOptions, scopeName, inProgress, viewerId, viewer } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const period = formatPeriod(filters.period, i18n.language)
	const scopeLabel = scopeName ? localName(scopeName, i18n.language) : t(`leaderboard.scopes.${filters.scope}`)
	const missingScope = filters.scope !== 'company' && filters.scopeId === null
	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('leaderboard.title')}</h1>
			<p className="mb-4 max-w-prose text-slate-700">{t('leaderboard.intro', { top })}</p>
			<LeaderboardTabs />
			{notice ? (
				<p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{t(notice.kind === 'invalid' ? 'leaderboard.notice.invalid' : 'leaderboard.notice.future', { value: notice.value })}
				</p>
			) : null}
			<BoardFilters filters={filters} periods={periods} scopeOptions={scopeOptions} />
			<MyPlace board={filters.board} mine={view.viewer} total={view.total} onBoard={view.viewerOnBoard} disputed={view.viewerDisputed} positionType={viewer.positionType} />
			<div>
				<h2 id="board-heading" className="mb-1 text-xl font-semibold text-slate-900">
					{t('leaderboard.caption', { board: t(`leaderboard.boards.${filters.board}`), period, scope: scopeLabel })}
				</h2>
				<p className="mb-1 max-w-prose text-sm text-slate-700">{t(`leaderboard.boardHints.${filters.board}`)}</p>
				<p className="mb-3 max-w-prose text-sm text-slate-700">
					{t('leaderboard.cohortNote')}
					{inProgress ? ` ${t('leaderboard.inProgress', { period })}` : null}
				</p>
				{missingScope ? (
					<EmptyState title={scopeOptions ? t('leaderboard.noScope.choose') : t(`leaderboard.noScope.${filters.scope as 'team' | 'region'}`)} />
				) : view.head.length === 0 ? (
					<EmptyState title={t('leaderboard.empty')}>
						<p>{t('leaderboard.emptyHint')}</p>
					</EmptyState>
				) : (
					<BoardTable
						board={filters.board}
						caption={t('leaderboard.caption', { board: t(`leaderboard.boards.${filters.board}`), period, scope: scopeLabel })}
						head={view.head}
						tail={view.tail}
						viewerId={viewerId}
					/>
				)}
			</div>
		</>
	)
}
