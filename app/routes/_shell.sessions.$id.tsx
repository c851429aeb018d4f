import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
	CancelSessionForm,
	cancelSchema,
	CheckInForm,
	draftSchema,
	DraftState,
	FeedbackForm,
	FeedbackSummary,
	formatSessionWhen,
	MarkAttendanceForm,
	markSchema,
	MyStateBadges,
	NotesForm,
	notesSchema,
	PublishAsKnowledgeForm,
	RsvpForm,
	rsvpSchema,
	SessionFacts,
	type PersonView,
} from '#app/components/sharing/index.ts'
import { BackLink, ButtonLink, Card } from '#app/components/ui/index.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { draftFromSession, draftOfSession } from '#app/modules/sharing/publish.server.ts'
import { checkInSchema, feedbackSchema } from '#app/modules/sharing/rules.ts'
import { checkIn, leaveFeedback, markAttendance, respond } from '#app/modules/sharing/rsvp.server.ts'
import { cancelSession, canManage, getSession, saveNotes, sessionDetail } from '#app/modules/sharing/sessions.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { forbidden, requireUser } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data ? pageTitle(matches, 'sharing.detail.metaTitle', { title: data.detail.title }) : pageTitle(matches, 'errors.notFoundTitle')

// The organiser's view carries the check-in code: never cache it.
export const headers: HeadersFunction = () => NO_STORE

function sessionIdOf(param: string | undefined) {
	const id = /^\d{1,15}$/.test(param ?? '') ? Number(param) : NaN
	if (!Number.isSafeInteger(id) || id <= 0 || !getSession(id)) throw new Response('No such sharing session', { status: 404, statusText: 'Not Found', headers: NO_STORE })
	return id
}

/** Anyone signed in sees a session; the module leaves the code, roster and feedback out for those who may not. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const id = sessionIdOf(params.id)
	const at = now()
	const detail = sessionDetail(id, user, at)
	if (!detail) throw new Response('No such sharing session', { status: 404, statusText: 'Not Found', headers: NO_STORE })
	const draft = draftOfSession(id)
	return data(
		{
			detail,
			// The organiser and HR follow the draft through review; everyone else sees only a published article.
			draft: draft && (detail.canManage || draft.status === 'published') ? { status: draft.status, type: draft.type, title: draft.title, slug: draft.slug, reviewNote: detail.canManage ? draft.reviewNote : null } : null,
			started: at.getTime() >= detail.startsAt.getTime(),
			indicatorNames: Object.fromEntries(listIndicators().map((i) => [i.code, { nameZh: i.nameZh, nameEn: i.nameEn }])),
		},
		{ headers: NO_STORE },
	)
}

type Intent = 'rsvp' | 'checkIn' | 'feedback' | 'mark' | 'cancel' | 'notes' | 'draft'

function refused(intent: Intent, result: SubmissionResult<string[]>) {
	return data({ intent, result }, { status: 400, headers: NO_STORE })
}

/**
 * One action per form, told apart by `intent`. `rsvp`, `checkIn` and `feedback` are the signed-in
 * person's own (the module refuses what the session does not allow: closed check-in, a wrong code,
 * feedback without attending); `mark`, `cancel`, `notes` (notes and recording link) and `draft`
 * ("publish as knowledge": a KB draft from the notes, for HR to review) are for the organiser or HR
 * only (403 otherwise).
 */
export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const id = sessionIdOf(params.id)
	const formData = await readFormData(request)
	const back = `/sessions/${id}`
	const intent = formData.get('intent')
	switch (intent) {
		case 'rsvp': {
			const submission = parseWithZod(formData, { schema: rsvpSchema })
			if (submission.status !== 'success') return refused(intent, submission.reply())
			const answered = respond(id, user.id, submission.value.answer)
			if (!answered.ok) return refused(intent, submission.reply({ fieldErrors: answered.fieldErrors, formErrors: answered.formErrors }))
			if (answered.status === 'waitlisted')
				return redirectWithToast(back, { kind: 'info', key: 'sharing.toast.waitlisted', values: { position: answered.waitlistPosition ?? 0 } })
			return redirectWithToast(back, { key: answered.status === 'going' ? 'sharing.toast.going' : 'sharing.toast.declined' })
		}
		case 'checkIn': {
			const submission = parseWithZod(formData, { schema: checkInSchema })
			if (submission.status !== 'success') return refused(intent, submission.reply())
			const checked = checkIn(id, user.id, submission.value.code)
			if (!checked.ok) return refused(intent, submission.reply({ fieldErrors: checked.fieldErrors, formErrors: checked.formErrors }))
			return redirectWithToast(back, { key: 'sharing.toast.checkedIn' })
		}
		case 'feedback': {
			const submission = parseWithZod(formData, { schema: feedbackSchema })
			if (submission.status !== 'success') return refused(intent, submission.reply())
			const given = leaveFeedback(id, user.id, submission.value)
			if (!given.ok) return refused(intent, submission.reply({ fieldErrors: given.fieldErrors, formErrors: given.formErrors }))
			return redirectWithToast(back, { key: 'sharing.toast.feedback' })
		}
		case 'mark': {
			if (!canManage(user, getSession(id)!)) throw forbidden()
			const submission = parseWithZod(formData, { schema: markSchema })
			if (submission.status !== 'success') return refused(intent, submission.reply())
			const marked = markAttendance(id, submission.value.userIds, user)
			if (!marked.ok) return refused(intent, submission.reply({ fieldErrors: marked.fieldErrors, formErrors: marked.formErrors }))
			return redirectWithToast(back, { key: 'sharing.toast.marked', values: { count: marked.marked.length } })
		}
		case 'cancel': {
			if (!canManage(user, getSession(id)!)) throw forbidden()
			const submission = parseWithZod(formData, { schema: cancelSchema })
			if (submission.status !== 'success') return refused(intent, submission.reply())
			const cancelled = cancelSession(id, submission.value.reason, user)
			if (!cancelled.ok) return refused(intent, submission.reply({ fieldErrors: cancelled.fieldErrors, formErrors: cancelled.formErrors }))
			return redirectWithToast(back, { key: 'sharing.toast.cancelled' })
		}
		case 'notes': {
			if (!canManage(user, getSession(id)!)) throw forbidden()
			const submission = parseWithZod(formData, { schema: notesSchema })
			if (submission.status !== 'success') return refused(intent, submission.reply())
			const saved = saveNotes(id, { notes: submission.value.notes ?? null, recordingUrl: submission.value.recordingUrl ?? null }, user)
			if (!saved.ok) return refused(intent, submission.reply({ fieldErrors: saved.fieldErrors, formErrors: saved.formErrors }))
			return redirectWithToast(back, saved.changed ? { key: 'sharing.notes.saved' } : { kind: 'info', key: 'sharing.notes.unchanged' })
		}
		case 'draft': {
			if (!canManage(user, getSession(id)!)) throw forbidden()
			const submission = parseWithZod(formData, { schema: draftSchema })
			if (submission.status !== 'success') return refused(intent, submission.reply())
			const drafted = draftFromSession(id, submission.value.type, user)
			// "Write the notes first" belongs to the notes, which are another form: shown on this one.
			if (!drafted.ok) return refused(intent, submission.reply({ formErrors: [...drafted.formErrors, ...Object.values(drafted.fieldErrors).flat()] }))
			return redirectWithToast(back, { key: 'sharing.notes.drafted' })
		}
		default:
			throw badRequest('Unknown intent')
	}
}

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

function PeopleList({ heading, people, note }: { heading: string; people: readonly PersonView[]; note?: (person: PersonView, index: number) => string | null }) {
	const { t } = useTranslation()
	return (
		<div className="min-w-0">
			<h3 className="mb-1 text-sm font-semibold text-slate-900">{heading}</h3>
			{people.length === 0 ? (
				<p className="text-sm text-slate-700">{t('sharing.organiser.nobody')}</p>
			) : (
				<ol className="list-decimal space-y-0.5 pl-5 text-sm text-slate-900">
					{people.map((p, i) => {
						const extra = note?.(p, i)
						return (
							<li key={p.id} className="break-words">
								{p.name}
								{extra ? <span className="text-slate-700"> · {extra}</span> : null}
							</li>
						)
					})}
				</ol>
			)}
		</div>
	)
}

export default function SessionPage() {
	const { detail, draft, started, indicatorNames } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const last = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined)
	const rsvpErrors = last('rsvp')?.error ? Object.values(last('rsvp')!.error!).flatMap((e) => e ?? []) : undefined
	const roster = detail.roster
	const attendedIds = new Set(roster?.attendance.map((a) => a.id) ?? [])
	const markable = roster ? [...roster.going, ...roster.waitlisted, ...roster.declined].filter((p) => !attendedIds.has(p.id)) : []
	const ended = !detail.mayRespond && !detail.cancelledAt
	return (
		<>
			<BackLink to="/sessions">{t('sharing.detail.back')}</BackLink>
			<div className="mb-6 space-y-2">
				<h1 className="min-w-0 text-2xl font-bold break-words text-slate-900">{detail.title}</h1>
				<p className="text-sm text-slate-700 tabular-nums">
					{formatSessionWhen(detail.startsAt, detail.endsAt, i18n.language)} {t('sharing.shanghaiTime')}
				</p>
				<MyStateBadges session={detail} />
				{detail.cancelledAt ? (
					<p role="note" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm break-words text-red-900">
						{t('sharing.detail.cancelledBanner', { reason: detail.cancelReason ?? '' })}
					</p>
				) : null}
			</div>
			<div className="space-y-6">
				<Section id="about" title={t('sharing.detail.topic')}>
					<p className="mb-4 max-w-prose text-sm break-words whitespace-pre-line text-slate-900">{detail.topic}</p>
					<SessionFacts session={detail} indicatorNames={indicatorNames} showOrganizer />
					<p className="mt-4 flex flex-wrap gap-x-6">
						<a href={`/sessions/${detail.id}.ics`} download className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
							{t('sharing.detail.download')}
						</a>
						{detail.recordingUrl ? (
							<a href={detail.recordingUrl} target="_blank" rel="noopener noreferrer" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
								{t('sharing.notes.recording')}
							</a>
						) : null}
						{draft?.status === 'published' ? (
							<Link to={`/kb/${draft.slug}`} className="inline-flex min-h-11 items-center text-sm break-words text-brand-700 underline">
								{t('sharing.notes.article', { title: draft.title })}
							</Link>
						) : null}
					</p>
					{detail.canManage && !detail.cancelledAt ? (
						<p className="mt-2">
							<ButtonLink to={`/sessions/${detail.id}/edit`} variant="secondary">
								{t('sharing.edit.link')}
							</ButtonLink>
						</p>
					) : null}
				</Section>

				{detail.canManage && roster ? (
					<Section id="organiser" title={t('sharing.organiser.title')}>
						<div className="space-y-6">
							{detail.checkInOpen && detail.checkInCode ? (
								<div className="rounded-lg border-2 border-brand-700 bg-brand-50 p-4 text-center">
									<p className="text-sm font-medium text-slate-900">{t('sharing.organiser.code')}</p>
									<p className="font-mono text-5xl font-bold tracking-[0.2em] text-slate-900 tabular-nums sm:text-7xl" data-testid="organiser-code">
										{detail.checkInCode}
									</p>
									<p className="mt-1 text-sm text-slate-700">{t('sharing.organiser.codeHint')}</p>
								</div>
							) : detail.checkInCode && !detail.cancelledAt && !ended ? (
								<p className="text-sm text-slate-700">{t('sharing.organiser.codeLater', { code: detail.checkInCode })}</p>
							) : null}
							<div className="grid gap-4 sm:grid-cols-2">
								<PeopleList heading={t('sharing.organiser.going', { count: roster.going.length })} people={roster.going} note={(p) => (roster.going.find((g) => g.id === p.id)?.promotedAt ? t('sharing.organiser.promoted') : null)} />
								<PeopleList heading={t('sharing.organiser.waitlist', { count: roster.waitlisted.length })} people={roster.waitlisted} />
								<PeopleList
									heading={t('sharing.organiser.attendance', { count: roster.attendance.length })}
									people={roster.attendance}
									note={(_, i) => {
										const a = roster.attendance[i]!
										const how = a.method === 'code' ? t('sharing.organiser.byCode') : t('sharing.organiser.byOrganiser')
										return a.rsvp === 'going' ? how : `${how} · ${t('sharing.organiser.walkIn')}`
									}}
								/>
								<PeopleList heading={t('sharing.organiser.declined', { count: roster.declined.length })} people={roster.declined} />
							</div>
							{started && !detail.cancelledAt ? <MarkAttendanceForm people={markable} lastResult={last('mark')} /> : null}
						</div>
					</Section>
				) : null}

				{detail.canManage ? (
					<Section id="notes" title={t('sharing.notes.title')} intro={t('sharing.notes.intro')}>
						<div className="space-y-6">
							<NotesForm notes={detail.notes} recordingUrl={detail.recordingUrl} lastResult={last('notes')} />
							{detail.notes?.trim() || draft ? (
								<div className="space-y-3 border-t border-slate-200 pt-4">
									<h3 className="text-base font-semibold text-slate-900">{t('sharing.notes.publishTitle')}</h3>
									<p className="max-w-prose text-sm text-slate-700">{t('sharing.notes.publishIntro')}</p>
									{draft ? <DraftState draft={draft} /> : null}
									{draft?.status !== 'published' && detail.notes?.trim() ? <PublishAsKnowledgeForm draft={draft} lastResult={last('draft')} /> : null}
								</div>
							) : null}
						</div>
					</Section>
				) : null}

				{detail.canSeeFeedback && detail.feedback ? (
					<Section id="feedback-summary" title={t('sharing.feedbackSummary.title')}>
						<FeedbackSummary summary={detail.feedback} />
					</Section>
				) : null}

				<Section id="rsvp" title={t('sharing.detail.rsvpTitle')}>
					{detail.mayRespond ? <RsvpForm session={detail} errors={rsvpErrors} /> : <p className="text-sm text-slate-700">{t('sharing.rsvp.closed')}</p>}
				</Section>

				{detail.checkInOpen || detail.mine.attended ? (
					<Section id="check-in" title={t('sharing.detail.checkInTitle')} intro={detail.mine.attended ? undefined : t('sharing.detail.checkInIntro')}>
						{detail.mine.attended ? <p className="text-sm text-slate-900">{t('sharing.detail.checkedIn')}</p> : <CheckInForm lastResult={last('checkIn')} />}
					</Section>
				) : null}

				{detail.mayGiveFeedback ? (
					<Section id="feedback" title={t('sharing.detail.feedbackTitle')} intro={t('sharing.detail.feedbackIntro')}>
						<FeedbackForm lastResult={last('feedback')} previous={detail.myFeedback} />
					</Section>
				) : null}

				{detail.canManage && !detail.cancelledAt && detail.mayRespond ? (
					<Section id="cancel" title={t('sharing.organiser.cancelTitle')} intro={t('sharing.organiser.cancelIntro')}>
						<CancelSessionForm lastResult={last('cancel')} />
					</Section>
				) : null}
			</div>
		</>
	)
}
