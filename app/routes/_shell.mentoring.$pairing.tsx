import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AlertList } from '#app/components/kpi/index.ts'
import {
	AssignmentList,
	CoachingForm,
	CoachingHistory,
	EndPairingForm,
	GoalList,
	ImpactList,
	pairingStatus,
	PairingStatusBadge,
	Recommendations,
	Timeline,
	usePairingDates,
	type IndicatorNames,
} from '#app/components/mentoring/index.ts'
import { BackLink, Card } from '#app/components/ui/index.ts'
import { assignItem, completeAssignment } from '#app/modules/mentoring/assignments.server.ts'
import { logCoaching } from '#app/modules/mentoring/coaching.server.ts'
import { pairingDetail, pairingRow } from '#app/modules/mentoring/dashboard.server.ts'
import { canPair, endPairing, pairingAccess, today } from '#app/modules/mentoring/pairings.server.ts'
import { assignSchema, coachingSchema, endSchema, rubricMean } from '#app/modules/mentoring/rules.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { addDays } from '#app/modules/performance/periods.ts'
import { forbidden, requireUser, safeRedirect } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data
		? pageTitle(matches, 'mentoring.pairing.metaTitle', {
				mentee: data.detail.pairing.menteeName,
		  })
		: pageTitle(matches, 'errors.notFoundTitle')

export const headers: HeadersFunction = () => NO_STORE

/** Due a week from today by default, but not after the pairing's end. */
const ASSIGN_DAYS = 7

function findPairing(param: string | undefined) {
	const row = pairingRow(Number(param))
	if (!row)
		throw new Response('No such pairing', {
			status: 404,
			statusText: 'Not Found',
			headers: NO_STORE,
		})
	return row
}

/** The pairing's mentor, its mentee, the mentee's manager or HR; anyone else gets 403. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const row = findPairing(params.pairing)
	const access = pairingAccess(user, row)
	if (!access) throw forbidden()
	const day = today()
	const due = addDays(day, ASSIGN_DAYS)
	return data(
		{
			detail: pairingDetail(row, access),
			today: day,
			defaultDue: row.endsOn !== null && row.endsOn < due ? row.endsOn : due,
			// HR or the mentee's manager, while the pairing has not ended.
			canEnd: (row.endsOn === null || row.endsOn > day) && canPair(user, row.menteeId),
		},
		{ headers: NO_STORE }
	)
}

type Intent = 'coach' | 'assign' | 'end'

/** A form's refusal back to the page: which form (and, for 布置, which item) it belongs to. */
function refused(intent: Intent, result: SubmissionResult<string[]>, item: string | null = null) {
	return data({ intent, item, result }, { status: 400, headers: NO_STORE })
}

/**
 * One action for the page's forms, told apart by `intent`; each branch checks who may: `coach` and
 * `assign` the mentor, `complete` the mentee, `end` HR or the mentee's manager.
 */
export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const row = findPairing(params.pairing)
	const formData = await readFormData(request)
	const back = `/mentoring/${row.id}`
	const intent = formData.get('intent')
	switch (intent) {
		case 'coach': {
			if (pairingAccess(user, row) !== 'mentor') throw forbidden()
			const submission = parseWithZod(formData, {
				schema: coachingSchema({ today: today(), startsOn: row.startsOn }),
			})
			if (submission.status !== 'success') return refused('coach', submission.reply())
			const logged = logCoaching(row.id, submission.value, user)
			if (!logged.ok) {
				if (logged.reason === 'forbidden') throw forbidden()
				return refused('coach', submission.reply({ formErrors: ['mentoring.errors.ended'] }))
			}
			const { rubric } = submission.value
			return redirectWithToast(
				back,
				rubric && logged.recordId !== null
					? {
							key: 'mentoring.toast.coachedScored',
							values: { score: rubricMean(rubric) },
					  }
					: { key: 'mentoring.toast.coached' }
			)
		}
		case 'assign': {
			if (pairingAccess(user, row) !== 'mentor') throw forbidden()
			const item = typeof formData.get('item') === 'string' ? String(formData.get('item')) : null
			const submission = parseWithZod(formData, {
				schema: assignSchema({ today: today() }),
			})
			if (submission.status !== 'success') return refused('assign', submission.reply(), item)
			const assigned = assignItem(row.id, submission.value, user)
			if (!assigned.ok)
				return refused(
					'assign',
					submission.reply({
						fieldErrors: assigned.fieldErrors,
						formErrors: assigned.formErrors,
					}),
					item
				)
			return redirectWithToast(back, { key: 'mentoring.toast.assigned' })
		}
		case 'complete': {
			if (pairingAccess(user, row) !== 'mentee') throw forbidden()
			const assignmentId = Number(formData.get('assignmentId'))
			if (!Number.isSafeInteger(assignmentId) || assignmentId <= 0) throw badRequest('Expected an assignmentId')
			const to = safeRedirect(formData.get('redirectTo'), back)
			const done = completeAssignment(assignmentId, user)
			if (!done.ok) {
				if (done.reason === 'forbidden') throw forbidden()
				return redirectWithToast(to, {
					kind: 'info',
					key: 'mentoring.toast.lessonOnTrack',
				})
			}
			return redirectWithToast(to, { key: 'mentoring.toast.completed' })
		}
		case 'end': {
			if (!canPair(user, row.menteeId)) throw forbidden()
			const submission = parseWithZod(formData, { schema: endSchema })
			if (submission.status !== 'success') return refused('end', submission.reply())
			const ended = endPairing(row.id, submission.value.reason, user)
			if (!ended.ok) {
				if (ended.reason === 'forbidden') throw forbidden()
				return refused('end', submission.reply({ formErrors: ['mentoring.errors.alreadyEnded'] }))
			}
			return redirectWithToast(back, { key: 'mentoring.toast.ended' })
		}
		default:
			throw badRequest('Unknown intent')
	}
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
	return (
		<Card aria-labelledby={`${id}-title`} id={id} className="min-w-0 scroll-mt-4">
			<h2 id={`${id}-title`} className="mb-1 text-lg font-semibold text-slate-900">
				{title}
			</h2>
			{intro ? <p className="mb-3 max-w-prose text-sm text-slate-700">{intro}</p> : <div className="mb-2" />}
			{children}
		</Card>
	)
}

/** Code → name of every indicator the page mentions (focus, alerts, weakest), for the recommendations' "matches". */
function indicatorNames(detail: LoaderData['detail']): IndicatorNames {
	const names: IndicatorNames = {}
	for (const f of detail.pairing.focus) names[f.code] = f
	for (const a of detail.alerts) names[a.indicator.code] = a.indicator
	for (const w of detail.weakest) names[w.code] = w
	return names
}

export default function PairingPage() {
	const { detail, today, defaultDue, canEnd } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const dates = usePairingDates()
	const { pairing, access } = detail
	const status = pairingStatus(pairing, today)
	const canActOnAlerts = access === 'manager' || access === 'hr' || (access === 'mentor' && pairing.active)
	return (
		<>
			<BackLink to="/mentoring">{t('mentoring.backToList')}</BackLink>
			<div className="mb-6 space-y-2">
				<div className="flex flex-wrap items-center gap-3">
					<h1 className="min-w-0 text-2xl font-bold break-words text-slate-900">
						{t('mentoring.pairing.title', {
							mentor: pairing.mentorName,
							mentee: pairing.menteeName,
						})}
					</h1>
					<PairingStatusBadge status={status} />
				</div>
				<dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
					<dt className="text-slate-700">{t('mentoring.pairing.mentor')}</dt>
					<dd className="break-words text-slate-900">{pairing.mentorName}</dd>
					<dt className="text-slate-700">{t('mentoring.pairing.mentee')}</dt>
					<dd className="break-words text-slate-900">{pairing.menteeName}</dd>
					<dt className="text-slate-700">{t('mentoring.pairing.dates')}</dt>
					<dd className="text-slate-900 tabular-nums">{dates(pairing)}</dd>
					{pairing.endReason ? (
						<>
							<dt className="text-slate-700">{t('mentoring.pairing.endReason')}</dt>
							<dd className="break-words text-slate-900">{pairing.endReason}</dd>
						</>
					) : null}
				</dl>
				<p className="text-sm text-slate-700">{t(`mentoring.access.${access}`)}</p>
			</div>
			<div className="space-y-6">
				<Section id="goals" title={t('mentoring.goals.title')}>
					<GoalList goals={detail.goals} />
				</Section>
				<Section id="impact" title={t('mentoring.impact.title')}>
					<ImpactList impacts={detail.impact} />
				</Section>
				<Section id="alerts" title={t('mentoring.alerts.title')}>
					<AlertList
						alerts={detail.alerts}
						canAct={canActOnAlerts}
						redirectTo={`/mentoring/${pairing.id}`}
						linkToPerson={access !== 'mentee'}
						headingLevel="h3"
					/>
				</Section>
				<Section id="assignments" title={t('mentoring.assignments.title')}>
					{detail.assignments.length === 0 ? (
						<p className="text-sm text-slate-700">{t('mentoring.assignments.empty')}</p>
					) : (
						<AssignmentList assignments={detail.assignments} canComplete={access === 'mentee'} redirectTo={`/mentoring/${pairing.id}`} />
					)}
				</Section>
				{detail.canCoach ? (
					<>
						<Section id="recommendations" title={t('mentoring.recommendations.title')} intro={t('mentoring.recommendations.intro')}>
							<Recommendations
								items={detail.recommendations}
								names={indicatorNames(detail)}
								today={today}
								defaultDue={defaultDue}
								lastResult={actionData?.intent === 'assign' ? actionData : undefined}
							/>
						</Section>
						<Section id="log-coaching" title={t('mentoring.coachForm.title')}>
							<CoachingForm
								// A saved session starts an empty form.
								key={detail.coaching.length}
								today={today}
								startsOn={pairing.startsOn}
								lastResult={actionData?.intent === 'coach' ? actionData.result : undefined}
							/>
						</Section>
					</>
				) : null}
				<Section id="coaching" title={t('mentoring.coaching.title')}>
					<CoachingHistory entries={detail.coaching} />
				</Section>
				<Section id="timeline" title={t('mentoring.timeline.title')} intro={t('mentoring.timeline.intro')}>
					<Timeline entries={detail.timeline} />
				</Section>
				{canEnd ? (
					<Section id="end" title={t('mentoring.endForm.title')} intro={t('mentoring.endForm.intro')}>
						<EndPairingForm lastResult={actionData?.intent === 'end' ? actionData.result : undefined} />
					</Section>
				) : null}
			</div>
		</>
	)
}
