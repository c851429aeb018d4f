import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Badge, Card, CardTitle, ProgressBar } from '#app/components/ui/index.ts'
import { tenureMonths, tierByTenure, tierTenureProgress } from '#app/modules/learning/tier.ts'
import { getProfile } from '#app/modules/auth/users.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home.title')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const profile = getProfile(user.id)
	if (!profile) throw new Response('Not found', { status: 404 })
	const months = tenureMonths(profile.hireDate, businessDate(now()))
	return {
		profile,
		roles: user.roles,
		tenure: months,
		tier: tierByTenure(months),
		tierProgress: tierTenureProgress(months),
	}
}

export default function Home() {
	const { profile, roles, tenure, tier, tierProgress } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const team = (en ? profile.teamEn : profile.teamZh) ?? t('home.noTeam')
	const region = (en ? profile.regionEn : profile.regionZh) ?? t('home.noTeam')
	const tierName = t(`tiers.${tier}`)
	const rows: Array<[string, React.ReactNode]> = [
		[t('home.position'), t(`positions.${profile.positionType ?? 'none'}`)],
		[t('home.team'), team],
		[t('home.region'), region],
		[t('home.hireDate'), profile.hireDate],
		[t('home.tenure'), t('home.tenureMonths', { count: tenure })],
		[
			t('home.roles'),
			<span key="roles" className="flex flex-wrap gap-1">
				{roles.map((r) => (
					<Badge key={r}>{t(`roles.${r}`)}</Badge>
				))}
			</span>,
		],
	]
	return (
		<>
			<h1 className="mb-6 text-2xl font-bold text-slate-900">{t('home.greeting', { name: profile.name })}</h1>
			<div className="grid gap-4 md:grid-cols-2">
				<Card aria-labelledby="next-step">
					<h2 id="next-step" className="mb-3 text-lg font-semibold text-slate-900">
						{t('home.nextStep')}
					</h2>
					<p className="text-sm text-slate-700">{t('home.nextStepBody')}</p>
					<div className="mt-4 space-y-2">
						<div className="flex items-center justify-between text-sm">
							<span className="font-medium text-slate-800">{t('home.tierProgress')}</span>
							<Badge tone="brand">{tierName}</Badge>
						</div>
						<ProgressBar
							value={tierProgress}
							label={
								tier === 'core' ? t('home.coreReached') : t('home.tierProgressLabel', { tier: tierName, percent: tierProgress })
							}
						/>
					</div>
				</Card>
				<Card>
					<CardTitle>{t('home.profile')}</CardTitle>
					<dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
						{rows.map(([label, value]) => (
							<div key={label} className="contents">
								<dt className="text-slate-600">{label}</dt>
								<dd className="text-slate-900">{value}</dd>
							</div>
						))}
					</dl>
				</Card>
			</div>
		</>
	)
}
