import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SessionForm, SpeakerSuggestions } from '#app/components/sharing/index.ts'
import { BackLink, Card } from '#app/components/ui/index.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { sessionSchema } from '#app/modules/sharing/rules.ts'
import { canOrganise, createSession, speakerOptions, speakerSuggestions } from '#app/modules/sharing/sessions.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { forbidden, requireUser } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'sharing.form.metaTitle')

/** HR and managers plan sessions; everyone else 403. */
async function requireOrganiser(request: Request) {
	const user = await requireUser(request)
	if (!canOrganise(user)) throw forbidden()
	return user
}

/** Indicators a session can be about: all but the raw counts behind a ratio (leads assigned / won). */
function sessionIndicators() {
	const all = listIndicators()
	const components = new Set(all.flatMap((i) => [i.numeratorCode, i.denominatorCode]).filter((code) => code !== null))
	return all.filter((i) => !components.has(i.code)).map((i) => ({ code: i.code, nameZh: i.nameZh, nameEn: i.nameEn }))
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireOrganiser(request)
	const indicators = sessionIndicators()
	const known = new Set(indicators.map((i) => i.code))
	const chosen = [...new Set(new URL(request.url).searchParams.getAll('indicators'))].filter((code) => known.has(code))
	// The people a session may name as speakers: active people in a sales-line position.
	const people = speakerOptions()
	const ids = new Set(people.map((p) => p.id))
	const speakers = [...new Set(new URL(request.url).searchParams.getAll('speakers').map(Number))].filter((id) => ids.has(id))
	return {
		indicators,
		people,
		chosen,
		speakers,
		suggestions: speakerSuggestions(chosen).map(({ code, nameZh, nameEn, unit, month, people: top }) => ({ code, nameZh, nameEn, unit, month, people: top })),
		defaultDate: businessDate(now()),
	}
}

/** The browser's schema again, then `createSession`; its refusals come back on their fields with 400, nothing written. */
export async function action({ request }: ActionFunctionArgs) {
	const user = await requireOrganiser(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: sessionSchema({ indicatorCodes: listIndicators().map((i) => i.code) }) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const created = createSession(submission.value, user)
	if (!created.ok) return data({ result: submission.reply({ fieldErrors: created.fieldErrors, formErrors: created.formErrors }) }, { status: 400 })
	return redirectWithToast(`/sessions/${created.sessionId}`, { key: 'sharing.form.created', values: { title: submission.value.title } })
}

export default function NewSessionPage() {
	const { indicators, people, chosen, speakers, suggestions, defaultDate } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<>
			<BackLink to="/sessions">{t('sharing.form.back')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('sharing.form.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('sharing.form.intro')}</p>
			<div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
				<Card aria-labelledby="session-form-title" className="min-w-0">
					<h2 id="session-form-title" className="sr-only">
						{t('sharing.form.title')}
					</h2>
					<SessionForm indicators={indicators} people={people} chosenIndicators={chosen} chosenSpeakers={speakers} defaultDate={defaultDate} lastResult={actionData?.result} />
				</Card>
				<Card aria-labelledby="suggest-title" className="min-w-0">
					<h2 id="suggest-title" className="mb-2 text-lg font-semibold text-slate-900">
						{t('sharing.form.suggestTitle')}
					</h2>
					<SpeakerSuggestions indicators={indicators} chosen={chosen} suggestions={suggestions} speakers={speakers} />
				</Card>
			</div>
		</>
	)
}
