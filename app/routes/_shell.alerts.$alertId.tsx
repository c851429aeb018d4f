import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { AlertNoteSchema } from '#app/components/kpi/index.ts'
import { acknowledgeAlert, resolveAlert } from '#app/modules/performance/alerts.server.ts'
import { forbidden, requireUser, safeRedirect } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

function notFound() {
	return new Response('No such alert', { status: 404, statusText: 'Not Found', headers: { 'Cache-Control': 'no-store' } })
}

/** Nothing to show here: alerts are listed on /team, the home page and /mentoring. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	throw notFound()
}

/**
 * Acknowledge or resolve one alert with a note, from any page (AlertList with `redirectTo`), then go
 * back there with a toast. The person's mentor, manager or HR may; anyone else gets 403. A note that
 * is too short or too long (only possible without JavaScript) comes back as an error toast.
 */
export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireUser(request)
	const alertId = Number(params.alertId)
	if (!Number.isSafeInteger(alertId) || alertId <= 0) throw notFound()
	const formData = await readFormData(request)
	const back = safeRedirect(formData.get('redirectTo'), '/')
	const submission = parseWithZod(formData, { schema: AlertNoteSchema })
	if (submission.status !== 'success') return redirectWithToast(back, { kind: 'error', key: 'kpi.alerts.invalidNote' })
	const { intent, note } = submission.value
	const decided = (intent === 'acknowledge' ? acknowledgeAlert : resolveAlert)(alertId, note, actor)
	if (!decided.ok) {
		if (decided.reason === 'forbidden') throw forbidden()
		if (decided.reason === 'notFound') throw notFound()
		return redirectWithToast(back, { kind: 'info', key: 'kpi.alerts.alreadyResolved' })
	}
	return redirectWithToast(back, { key: intent === 'acknowledge' ? 'kpi.alerts.acknowledged' : 'kpi.alerts.resolved' })
}
