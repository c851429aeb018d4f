import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { Badge, Card, CardTitle, EmptyState, ProgressBar, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { clearanceOverview, examOverview, scopeFor } from '#app/modules/exams/stats.server.ts'
import { asPercent, oneDecimal } from '#app/modules/exams/stats.ts'
import { hasRole, requireRole } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

/** Per-person exam results and focus signals: not for shared caches. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'examAdmin.title')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, 'hr_admin', 'manager')
	const scope = scopeFor(user)
	return {
		isHr: hasRole(user, 'hr_admin'),
		teamSize: scope?.length ?? null,
		exams: examOverview(scope),
		clearance: clearanceOverview(scope),
	}
}

export default function ExamAnalytics() {
	const { isHr, teamSize, exams, clearance } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const none = t('examAdmin.none')
	return (
		<>
			{isHr ? <AdminTabs /> : null}
			<h1 className="text-2xl font-bold text-slate-900">{t('examAdmin.title')}</h1>
			<p className="mt-1 text-sm text-slate-700">{t('examAdmin.intro')}</p>
			<p className="mt-1 mb-6 text-sm text-slate-700">
				{teamSize === null ? t('examAdmin.scopeAll') : t('examAdmin.scopeTeam', { count: teamSize })}
			</p>

			{exams.length === 0 ? (
				<EmptyState title={t('examAdmin.noExams')}>
					<p>{t('examAdmin.noExamsBody')}</p>
				</EmptyState>
			) : (
				<Table caption={t('examAdmin.examsCaption')}>
					<thead>
						<tr>
							<Th>{t('examAdmin.exam')}</Th>
							<Th>{t('examAdmin.tier')}</Th>
							<Th className="text-right">{t('examAdmin.attempts')}</Th>
							<Th className="text-right">{t('examAdmin.people')}</Th>
							<Th className="text-right">{t('examAdmin.passRate')}</Th>
							<Th className="text-right">{t('examAdmin.meanScore')}</Th>
						</tr>
					</thead>
					<tbody>
						{exams.map((exam) => {
							const title = en ? exam.titleEn : exam.title
							return (
								<Tr key={exam.slug}>
									<Td className="min-w-48">
										<Link
											to={`/admin/exams/${exam.slug}`}
											className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
											aria-label={t('examAdmin.viewExam', { title })}
										>
											{title}
										</Link>
										<span className="ml-2 inline-flex gap-1">
											{exam.required ? <Badge tone="brand">{t('examAdmin.required')}</Badge> : null}
											{exam.retired ? <Badge>{t('examAdmin.retired')}</Badge> : null}
										</span>
									</Td>
									<Td className="whitespace-nowrap">{t(`tiers.${exam.tier}`)}</Td>
									<Td className="text-right tabular-nums">{exam.attempts}</Td>
									<Td className="text-right tabular-nums">{exam.people}</Td>
									<Td className="text-right tabular-nums">
										{exam.passRate === null ? none : t('examAdmin.percent', { value: asPercent(exam.passRate) })}
									</Td>
									<Td className="text-right tabular-nums">
										{exam.meanScore === null ? none : t('examAdmin.points', { value: oneDecimal(exam.meanScore) })}
									</Td>
								</Tr>
							)
						})}
					</tbody>
				</Table>
			)}

			<Card className="mt-6">
				<CardTitle>{t('examAdmin.clearanceTitle')}</CardTitle>
				<p className="mb-2 text-sm text-slate-700">{t('examAdmin.clearanceIntro')}</p>
				<p className="mb-2 font-medium text-slate-900">
					{t('examAdmin.clearanceSummary', { cleared: clearance.cleared, people: clearance.people })}
				</p>
				<ProgressBar
					value={clearance.cleared}
					max={clearance.people}
					label={t('examAdmin.clearanceSummary', { cleared: clearance.cleared, people: clearance.people })}
				/>
			</Card>
		</>
	)
}
