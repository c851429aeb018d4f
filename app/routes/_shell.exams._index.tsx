import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ExamBadges, ExamFactsLine, ExamListAction, ExamStateText, stateTone } from '#app/components/exam-catalog.tsx'
import { Badge, ButtonLink, cn, EmptyState } from '#app/components/ui/index.ts'
import { examCatalogFor } from '#app/modules/exams/catalog.server.ts'
import { hasRole, requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'exams.title')

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const seesStatistics = hasRole(user, 'manager', 'hr_admin')
	return data({ tiers: examCatalogFor(user.id), seesStatistics }, { headers: { 'Cache-Control': 'no-store' } })
}

export default function ExamCatalog() {
	const { tiers, seesStatistics } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('exams.title')}</h1>
			<p className="mb-6 max-w-prose text-slate-700">{t('exams.intro')}</p>
			{seesStatistics ? (
				<p className="mb-6">
					{/* Managers and HR: how their people do, per exam and per question. */}
					<ButtonLink to="/admin/exams" variant="secondary">
						{t('exams.statistics')}
					</ButtonLink>
				</p>
			) : null}
			<div className="space-y-8">
				{tiers.map((group) => (
					<section key={group.tier} aria-labelledby={`tier-${group.tier}`}>
						<div className="mb-3 flex flex-wrap items-center gap-2">
							<h2 id={`tier-${group.tier}`} className="text-xl font-semibold text-slate-900">
								{t('exams.tierHeading', { tier: t(`tiers.${group.tier}`) })}
							</h2>
							{group.open ? null : <Badge>{t('exams.tierClosed')}</Badge>}
						</div>
						{group.exams.length === 0 ? (
							<EmptyState title={t('exams.tierEmpty')} />
						) : (
							<ul className="space-y-3">
								{group.exams.map((exam) => {
									const title = en ? exam.titleEn : exam.title
									return (
										<li key={exam.slug}>
											<article
												aria-labelledby={`exam-${exam.slug}`}
												className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-center sm:justify-between"
											>
												<div className="min-w-0 space-y-2">
													<h3 id={`exam-${exam.slug}`} className="text-lg font-semibold">
														<Link
															to={`/exams/${exam.slug}`}
															className="inline-flex min-h-11 items-center text-brand-700 underline-offset-2 hover:underline"
														>
															{title}
														</Link>
													</h3>
													<div className="flex flex-wrap gap-1">
														<ExamBadges exam={exam} />
													</div>
													<ExamFactsLine exam={exam} />
													<p className={cn('text-sm font-medium', stateTone(exam.state))}>
														<ExamStateText exam={exam} state={exam.state} />
													</p>
												</div>
												<div className="shrink-0">
													<ExamListAction exam={exam} title={title} state={exam.state} />
												</div>
											</article>
										</li>
									)
								})}
							</ul>
						)}
					</section>
				))}
			</div>
		</>
	)
}
