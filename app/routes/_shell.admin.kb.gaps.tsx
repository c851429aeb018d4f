import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { EmptyState, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { requireKnowledgeUnlocked } from '#app/modules/exams/lock.server.ts'
import { listSearchGaps } from '#app/modules/knowledge/search.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'kb.gapsTitle')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, 'hr_admin')
	requireKnowledgeUnlocked(user.id)
	return { gaps: listSearchGaps() }
}

export default function SearchGaps() {
	const { gaps } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<>
			<AdminTabs />
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('kb.gapsTitle')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('kb.gapsIntro')}</p>
			{gaps.length === 0 ? (
				<EmptyState title={t('kb.gapsEmpty')} />
			) : (
				<>
					<p className="mb-2 text-sm text-slate-700">{t('kb.gapsTotal', { count: gaps.length })}</p>
					<Table caption={t('kb.gapsTitle')}>
						<thead>
							<tr>
								<Th>{t('kb.gapsQuery')}</Th>
								<Th className="text-right">{t('kb.gapsCount')}</Th>
								<Th>{t('kb.gapsLastSeen')}</Th>
							</tr>
						</thead>
						<tbody>
							{gaps.map((gap) => (
								<Tr key={gap.query}>
									<Td className="min-w-48 break-all">
										{/* Lets HR check the gap is still a gap after content lands. */}
										<Link to={`/kb?${new URLSearchParams({ q: gap.query })}`} className="text-brand-700 underline">
											{gap.query}
										</Link>
									</Td>
									<Td className="text-right tabular-nums">{gap.count}</Td>
									<Td className="whitespace-nowrap">{formatDateTime(gap.lastSeenAt, i18n.language)}</Td>
								</Tr>
							))}
						</tbody>
					</Table>
				</>
			)}
		</>
	)
}
