import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Checklist, DecisionText, formatDay, StatusBadge } from '#app/components/promotion/index.ts'
import { BackLink, Card, CardTitle, EmptyState } from '#app/components/ui/index.ts'
import { isManagerOf } from '#app/modules/auth/users.server.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { checklistFor } from '#app/modules/promotion/eligibility.server.ts'
import { forbidden, hasRole, requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'promotion.metaTitle')

export const headers: HeadersFunction = () => NO_STORE

function notFound() {
	return new Response('No such person', { status: 404, statusText: 'Not Found' })
}

/**
 * The signed-in person's promotion checklist. HR, and the person's own manager, may open someone
 * else's with `?user=<id>`; anyone else gets 403 (before learning whether the person exists).
 */
export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await requireUser(request)
	const asked = new URL(request.url).searchParams.get('user')
	let userId = viewer.id
	if (asked !== null && asked !== String(viewer.id)) {
		if (!/^[1-9]\d{0,9}$/.test(asked)) throw notFound()
		userId = Number(asked)
		const allowed = hasRole(viewer, 'hr_admin') || (hasRole(viewer, 'manager') && isManagerOf(viewer.id, userId))
		if (!allowed) throw forbidden()
	}
	const found = checklistFor(userId)
	if (!found) throw notFound()
	const { person, checklist, lastDecision } = found
	return data(
		{
			self: userId === viewer.id,
			viewerIsHr: hasRole(viewer, 'hr_admin'),
			person: { id: person.id, name: person.name, title: person.title, inSalesLine: person.positionType !== null },
			checklist,
			lastDecision: lastDecision && {
				decision: lastDecision.decision,
				newTitle: lastDecision.newTitle,
				reason: lastDecision.reason,
				decidedOn: lastDecision.decidedOn,
				decidedByName: lastDecision.decidedByName,
			},
		},
		{ headers: NO_STORE },
	)
}

export default function PromotionPage() {
	const { self, viewerIsHr, person, checklist, lastDecision } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const title = checklist.targetTitle
	const n = checklist.items.length
	return (
		<>
			{viewerIsHr && !self ? <BackLink to="/admin/promotion">{t('promotion.backToList')}</BackLink> : null}
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{self ? t('promotion.title') : t('promotion.titleFor', { name: person.name })}</h1>
			{!person.inSalesLine ? (
				<EmptyState title={t('promotion.notSalesLine', { name: person.name })} />
			) : (
				<>
					<p className="mb-4 max-w-prose text-slate-700">{self ? t('promotion.intro', { title }) : t('promotion.introFor', { name: person.name, title })}</p>
					<Card className="mb-6" aria-labelledby="status-heading">
						<h2 id="status-heading" className="sr-only">
							{t('promotion.checklist.statusHeading')}
						</h2>
						<div className="flex flex-wrap items-center gap-3">
							<StatusBadge status={checklist.status} />
							<p className="font-medium text-slate-900">
								{checklist.status === 'nearly'
									? t('promotion.summary.nearly')
									: t(`promotion.summary.${checklist.status}`, { n: checklist.status === 'eligible' ? n : checklist.unmet.length, title })}
							</p>
						</div>
						<p className="mt-2 text-sm text-slate-700">{t('promotion.asOf', { date: formatDay(checklist.today, i18n.language || 'zh-CN') })}</p>
					</Card>
					<section aria-labelledby="checklist-heading" className="mb-6">
						<h2 id="checklist-heading" className="mb-3 text-xl font-semibold text-slate-900">
							{t('promotion.checklist.heading')}
						</h2>
						<Checklist checklist={checklist} />
					</section>
				</>
			)}
			<Card>
				<CardTitle>{t('promotion.decision.heading')}</CardTitle>
				<p className="text-sm text-slate-800">
					<DecisionText decision={lastDecision} />
				</p>
			</Card>
		</>
	)
}
