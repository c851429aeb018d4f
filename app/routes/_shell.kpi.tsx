import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { kpiReportFor, NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { KpiReport } from '#app/components/kpi/index.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'kpi.title')

export const headers: HeadersFunction = () => NO_STORE

/** The signed-in person's own KPI for `?period=` (this quarter by default). */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const period = new URL(request.url).searchParams.get('period')
	return data(kpiReportFor({ id: user.id, name: user.name }, 'self', period), { headers: NO_STORE })
}

export default function KpiPage() {
	const report = useLoaderData<typeof loader>()
	return <KpiReport {...report} />
}
