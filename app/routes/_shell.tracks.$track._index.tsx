import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LessonFacts, TierLockReasons, tierNameFor, TrackProgress, useLocalTitle } from '#app/components/learning.tsx'
import { BackLink, Badge, Card, EmptyState } from '#app/components/ui/index.ts'
import { trackPage } from '#app/modules/learning/progress.server.ts'
import { tiers } from '#app/modules/learning/tier.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

const TrackParam = z.enum(tiers)

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
	if (!data) return pageTitle(matches, 'errors.notFoundTitle')
	return pageTitle(matches, 'learning.tierTrack', { tier: tierNameFor(matches, data.tier) })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const tier = TrackParam.safeParse(params.track)
	if (!tier.success) throw new Response('No such track', { status: 404, statusText: 'Not Found' })
	return { tier: tier.data, ...trackPage(user.id, tier.data) }
}

export default function TrackPage() {
	const { tier, overview, open, locks, current, examTitles } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const title = useLocalTitle()
	const en = i18n.language === 'en'
	const name = t('learning.tierTrack', { tier: t(`tiers.${tier}`) })
	return (
		<>
			<BackLink to="/tracks">{t('learning.backToTracks')}</BackLink>
			<div className="mb-4 flex flex-wrap items-center gap-2">
				<h1 className="text-2xl font-bold text-slate-900">{name}</h1>
				{tier === current ? <Badge tone="brand">{t('learning.currentTier')}</Badge> : null}
				{open ? null : (
					<Badge tone="warning">
						<span aria-hidden="true">🔒&nbsp;</span>
						{t('learning.locked')}
					</Badge>
				)}
			</div>
			{open ? (
				overview.lessons.length ? (
					<div className="mb-6 max-w-xl">
						<TrackProgress progress={overview.progress} name={name} />
					</div>
				) : null
			) : (
				<div role="note" className="mb-6 max-w-prose rounded-md border border-amber-300 bg-amber-50 p-4">
					<p className="mb-2 text-sm text-slate-900">{t('learning.lockedNotice')}</p>
					<h2 className="mb-1 text-sm font-semibold text-slate-900">{t('learning.howItOpens')}</h2>
					<TierLockReasons tier={tier} locks={locks} examTitles={examTitles} />
				</div>
			)}
			{overview.modules.length === 0 ? (
				<EmptyState title={t('learning.emptyTrack')} />
			) : (
				<ol className="space-y-4">
					{overview.modules.map((module) => {
						const moduleTitle = title(module)
						return (
							<li key={module.slug}>
								<Card aria-labelledby={`module-${module.slug}`}>
									<h2 id={`module-${module.slug}`} className="text-lg font-semibold text-slate-900">
										{moduleTitle}
									</h2>
									<p className="mt-1 mb-3 max-w-prose text-sm text-slate-700">{en ? module.summaryEn : module.summary}</p>
									{open ? (
										<div className="mb-4 max-w-xl">
											<TrackProgress progress={module.progress} name={moduleTitle} />
										</div>
									) : null}
									<ol className="divide-y divide-slate-100 border-t border-slate-100">
										{module.lessons.map((lesson) => (
											<li key={lesson.slug} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3">
												<span className="min-w-0 flex-1 basis-48">
													{open ? (
														<Link to={`/tracks/${tier}/${lesson.slug}`} className="font-medium text-brand-700 underline">
															{title(lesson)}
														</Link>
													) : (
														<span className="font-medium text-slate-900">{title(lesson)}</span>
													)}
												</span>
												<span className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
													<LessonFacts lesson={lesson} markOpen={open} />
												</span>
											</li>
										))}
									</ol>
								</Card>
							</li>
						)
					})}
				</ol>
			)}
		</>
	)
}
