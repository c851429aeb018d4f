import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TierLockReasons, TrackProgress } from '#app/components/learning.tsx'
import { Badge, ButtonLink, Card, cn } from '#app/components/ui/index.ts'
import { tracksSummary } from '#app/modules/learning/progress.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'learning.title')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	return tracksSummary(user.id)
}

export default function Tracks() {
	const { tiers, examTitles } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('learning.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('learning.intro')}</p>
			<ol className="grid gap-4 md:grid-cols-3">
				{tiers.map((tier) => {
					const name = t('learning.tierTrack', { tier: t(`tiers.${tier.tier}`) })
					const headingId = `tier-${tier.tier}`
					const action = tier.open ? t('learning.openTrack') : t('learning.viewTrack')
					return (
						<li key={tier.tier} className="min-w-0">
							<Card
								aria-labelledby={headingId}
								className={cn('flex h-full flex-col gap-3', tier.current && 'border-brand-600 ring-1 ring-brand-600')}
							>
								<div className="flex flex-wrap items-center gap-2">
									<h2 id={headingId} className="text-lg font-semibold text-slate-900">
										{name}
									</h2>
									{tier.current ? <Badge tone="brand">{t('learning.currentTier')}</Badge> : null}
									{tier.open ? (
										tier.current ? null : <Badge tone="success">{t('learning.open')}</Badge>
									) : (
										<Badge tone="warning">
											<span aria-hidden="true">🔒&nbsp;</span>
											{t('learning.locked')}
										</Badge>
									)}
								</div>
								<p className="text-sm text-slate-700">
									{t('learning.moduleCount', { count: tier.moduleCount })} · {t('learning.lessonCount', { count: tier.progress.lessonCount })} ·{' '}
									{t('learning.minutes', { count: tier.progress.minutes })}
								</p>
								{tier.open ? (
									<TrackProgress progress={tier.progress} name={name} />
								) : (
									<div>
										<h3 className="mb-1 text-sm font-semibold text-slate-900">{t('learning.howItOpens')}</h3>
										<TierLockReasons tier={tier.tier} locks={tier.locks} examTitles={examTitles} />
									</div>
								)}
								<div className="mt-auto pt-2">
									<ButtonLink
										to={`/tracks/${tier.tier}`}
										variant={tier.current ? 'primary' : 'secondary'}
										aria-label={t('learning.named', { title: action, text: name })}
									>
										{action}
									</ButtonLink>
								</div>
							</Card>
						</li>
					)
				})}
			</ol>
		</>
	)
}
