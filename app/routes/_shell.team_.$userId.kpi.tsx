import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { kpiReportFor, NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { KpiReport } from '#app/components/kpi/index.ts'
import { getProfile } from '#app/modules/auth/users.server.ts'
import { kpiAccess } from '#app/modules/performance/access.server.ts'
import { forbidden, requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data ? pageTitle(matches, 'kpi.personTitle', { name: data.person.name }) : pageTitle(matches, 'errors.notFoundTitle')

export const headers: HeadersFunction = () => NO_STORE

/**
 * Another person's KPI: the person themselves, their manager, their active mentor (read-only — the page
 * has nothing to edit) or HR. Anyone else gets 403, whether or not the person exists.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const viewer = await requireUser(request)
	const userId = Number(params.userId)
	if (!Number.isSafeInteger(userId) || userId <= 0) throw new Response('No such person', { status: 404, statusText: 'Not Found' })
	const access = kpiAccess(viewer, userId)
	if (!access) throw forbidden()
	const person = getProfile(userId)
	if (!person) throw new Response('No such person', { status: 404, statusText: 'Not Found' })
	const period = new URL(request.url).searchParams.get('period')
	return data(kpiReportFor({ id: userId, name: person.name }, access, period), { headers: NO_STORE })
}

export default function PersonKpiPage() {
	const report = useLoaderData<typeof loader>()
	return <KpiReport {...report} />
}
