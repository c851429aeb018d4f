import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SessionForm } from '#app/components/sharing/index.ts'
import { BackLink, Card } from '#app/components/ui/index.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { shanghaiParts, sessionSchema } from '#app/modules/sharing/rules.ts'
import { goingCount } from '#app/modules/sharing/rsvp.server.ts'
import { canManage, getSession, sessionDetail, speakerOptions, updateSession } from '#app/modules/sharing/sessions.server.ts'
import { forbidden, requireUser } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data ? pageTitle(matches, 'sharing.edit.metaTitle', { title: data.title }) : pageTitle(matches, 'errors.notFoundTitle')

export const headers: HeadersFunction = () => NO_STORE

/** The session (404 when there is none) for its organiser or HR (403 for anyone else). */
async function requireManaged(request: Request, param: string | undefined) {
	const user = await requireUser(request)
	const id = /^\d{1,15}$/.test(param ?? '') ? Number(param) : NaN
	const session = Number.isSafeInteger(id) && id > 0 ? getSession(id) : undefined
	if (!session) throw new Response('No such sharing session', { status: 404, statusText: 'Not Found', headers: NO_STORE })
	if (!canManage(user, session)) throw forbidden()
	return { user, session }
}

/** Indicators a session can be about: all but the raw counts behind a ratio (as on the new-session page). */
function sessionIndicators() {
	const all = listIndicators()
	const components = new Set(all.flatMap((i) => [i.numeratorCode, i.denominatorCode]).filter((code) => code !== null))
	return all.filter((i) => !components.has(i.code)).map((i) => ({ code: i.code, nameZh: i.nameZh, nameEn: i.nameEn }))
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, session } = await requireManaged(request, params.id)
	const start = shanghaiParts(session.startsAt)
	const end = shanghaiParts(session.endsAt)
	const speakers = sessionDetail(session.id, user)?.speakers ?? []
	const people = speakerOptions()
	// A speaker no longer in a sales-line position stays choosable, so saving does not drop them silently.
	const known = new Set(people.map((p) => p.id))
	const current = speakers.filter((p) => !known.has(p.id))
	const indicators = sessionIndicators()
	const shown = new Set(indicators.map((i) => i.code))
	return data(
		{
			id: session.id,
			title: session.title,
			cancelled: session.cancelledAt !== null,
			going: goingCount(session.id),
			indicators: [...indicators, ...listIndicators().filter((i) => session.indicators.includes(i.code) && !shown.has(i.code)).map((i) => ({ code: i.code, nameZh: i.nameZh, nameEn: i.nameEn }))],
			people: [...people, ...current],
			initial: {
				title: session.title,
				topic: session.topic,
				date: start.date,
				startTime: start.time,
				endTime: end.time,
				place: session.place ?? '',
				meetingUrl: session.meetingUrl ?? '',
				capacity: String(session.capacity),
				indicators: session.indicators,
				tags: session.tags.join(', '),
				speakerIds: speakers.map((p) => String(p.id)),
			},
		},
		{ headers: NO_STORE },
	)
}

/** The session form again, then `updateSession`: seats below the number going are refused on the capacity field, 400, nothing written. */
export async function action({ request, params }: ActionFunctionArgs) {
	const { user, session } = await requireManaged(request, params.id)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: sessionSchema({ going: goingCount(session.id), indicatorCodes: listIndicators().map((i) => i.code) }) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400, headers: NO_STORE })
	const updated = updateSession(session.id, submission.value, user)
	if (!updated.ok) return data({ result: submission.reply({ fieldErrors: updated.fieldErrors, formErrors: updated.formErrors }) }, { status: 400, headers: NO_STORE })
	return redirectWithToast(`/sessions/${session.id}`, updated.changed ? { key: 'sharing.edit.saved' } : { kind: 'info', key: 'sharing.edit.unchanged' })
}

export default function EditSessionPage() {
	const { id, indicators, people, initial, going } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<>
			<BackLink to={`/sessions/${id}`}>{t('sharing.edit.back')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('sharing.edit.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('sharing.edit.intro')}</p>
			<Card aria-labelledby="session-edit-title" className="max-w-3xl min-w-0">
				<h2 id="session-edit-title" className="sr-only">
					{t('sharing.edit.title')}
				</h2>
				<SessionForm
					indicators={indicators}
					people={people}
					chosenIndicators={initial.indicators}
					defaultDate={initial.date}
					initial={initial}
					going={going}
					cancelTo={`/sessions/${id}`}
					lastResult={actionData?.result}
				/>
			</Card>
		</>
	)
}
