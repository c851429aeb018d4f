import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PairingForm } from '#app/components/mentoring-admin/index.ts'
import { BackLink, Card } from '#app/components/ui/index.ts'
import { canPairAnyone, createPairing, listPairings, menteeOptions, mentorOptions, today } from '#app/modules/mentoring/pairings.server.ts'
import { pairingSchema } from '#app/modules/mentoring/rules.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { forbidden, hasRole, requireUser } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'mentoringAdmin.form.title')

/** HR pairs anyone, a manager the people of their team; everyone else 403. */
async function requirePairer(request: Request) {
	const user = await requireUser(request)
	if (!canPairAnyone(user)) throw forbidden()
	return user
}

/** Indicators a pairing can focus on: all but the raw counts behind a ratio (leads assigned / won). */
function focusIndicators() {
	const all = listIndicators()
	const components = new Set(all.flatMap((i) => [i.numeratorCode, i.denominatorCode]).filter((code) => code !== null))
	return all.filter((i) => !components.has(i.code)).map((i) => ({ id: i.id, nameZh: i.nameZh, nameEn: i.nameEn }))
}

/** A `?mentee=` / `?mentor=` / `?indicator=` id from a suggestion link, kept only when it is one of the options. */
function prefillId(params: URLSearchParams, name: string, options: readonly { id: number }[]) {
	const raw = params.get(name) ?? ''
	if (!/^[1-9]\d{0,9}$/.test(raw)) return undefined
	const id = Number(raw)
	return options.some((o) => o.id === id) ? id : undefined
}

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requirePairer(request)
	const day = today()
	const mentees = menteeOptions(user, day).map((m) => ({ id: m.id, name: m.name, paired: m.paired }))
	const mentors = mentorOptions(day).map((m) => ({ id: m.id, name: m.name, regionZh: m.regionZh, regionEn: m.regionEn, left: m.left }))
	const indicators = focusIndicators()
	const params = new URL(request.url).searchParams
	return {
		mentees,
		mentors,
		indicators,
		prefill: {
			menteeId: prefillId(params, 'mentee', mentees),
			mentorId: prefillId(params, 'mentor', mentors),
			indicatorId: prefillId(params, 'indicator', indicators),
		},
		today: day,
		isHr: hasRole(user, 'hr_admin'),
	}
}

/**
 * Creates the pairing: the same schema as the browser, then `createPairing`, whose refusals (not your
 * team, already paired, mentor full, …) come back as field errors with status 400 and nothing written.
 */
export async function action({ request }: ActionFunctionArgs) {
	const user = await requirePairer(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: pairingSchema({ today: today() }) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const created = createPairing(submission.value, user)
	if (!created.ok) return data({ result: submission.reply({ fieldErrors: created.fieldErrors, formErrors: created.formErrors }) }, { status: 400 })
	const pairing = listPairings({ id: created.pairingId })[0]
	return redirectWithToast(`/mentoring/${created.pairingId}`, {
		key: 'mentoringAdmin.form.created',
		values: { mentee: pairing?.menteeName ?? '', mentor: pairing?.mentorName ?? '' },
	})
}

export default function NewPairingPage() {
	const { mentees, mentors, indicators, prefill, today, isHr } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<>
			<BackLink to="/mentoring">{t('mentoringAdmin.form.back')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('mentoringAdmin.form.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('mentoringAdmin.form.intro')}</p>
			<Card className="max-w-5xl">
				<PairingForm
					mentees={mentees}
					mentors={mentors}
					indicators={indicators}
					prefill={prefill}
					today={today}
					isHr={isHr}
					lastResult={actionData?.result}
				/>
			</Card>
		</>
	)
}
