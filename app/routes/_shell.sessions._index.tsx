import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
	FeedSubscription,
	formatRating,
	MyStateBadges,
	RsvpForm,
	rsvpSchema,
	SessionFacts,
	type IndicatorNames,
	type SessionCardView,
} from '#app/components/sharing/index.ts'
import { ButtonLink, Card, EmptyState } from '#app/components/ui/index.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { freshFeedHeader, hasFeedToken, issueFeedToken, popFreshFeed, revokeFeedToken } from '#app/modules/sharing/feed-tokens.server.ts'
import { respond } from '#app/modules/sharing/rsvp.server.ts'
import { attendedCounts, canOrganise, feedbackSummary, listSessions } from '#app/modules/sharing/sessions.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { requestProtocol } from '#app/utils/request.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'sharing.list.metaTitle')

// The page can show a freshly issued feed address: never cache it.
export const headers: HeadersFunction = () => NO_STORE

function indicatorNames(): IndicatorNames {
	return Object.fromEntries(listIndicators().map((i) => [i.code, { nameZh: i.nameZh, nameEn: i.nameEn }]))
}

/** Anyone signed in: upcoming and past sessions with their own state, and their calendar subscription. */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const { upcoming, past } = listSessions({ viewerId: user.id })
	const attended = attendedCounts(past.map((s) => s.id))
	const fresh = await popFreshFeed(request)
	const headers = new Headers(NO_STORE)
	if (fresh.setCookie) headers.append('Set-Cookie', fresh.setCookie)
	return data(
		{
			upcoming,
			// Everyone sees a past session's average and count; the comments stay with its speakers, organiser and HR.
			past: past.map((session) => {
				const { count, average } = feedbackSummary(session.id)
				return { ...session, rating: { count, average }, attended: attended.get(session.id) ?? 0 }
			}),
			indicatorNames: indicatorNames(),
			canOrganise: canOrganise(user),
			hasFeed: hasFeedToken(user.id),
			feedUrl: fresh.feedUrl,
		},
		{ headers },
	)
}

/**
 * `rsvp` answers for one session (anyone signed in, for themselves); `feed-issue` makes a new
 * subscription address and redirects to the page, which shows it once; `feed-revoke`
 * turns the subscription off. Each acts only on the signed-in person's own data.
 */
export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const formData = await readFormData(request)
	switch (formData.get('intent')) {
		case 'rsvp': {
			const sessionId = Number(formData.get('sessionId'))
			if (!Number.isSafeInteger(sessionId) || sessionId <= 0) throw badRequest('Expected a sessionId')
			const submission = parseWithZod(formData, { schema: rsvpSchema })
			if (submission.status !== 'success') return data({ intent: 'rsvp' as const, sessionId, errors: ['sharing.errors.required'] }, { status: 400, headers: NO_STORE })
			const answered = respond(sessionId, user.id, submission.value.answer)
			if (!answered.ok) {
				const errors = [...answered.formErrors, ...Object.values(answered.fieldErrors).flat()]
				return data({ intent: 'rsvp' as const, sessionId, errors }, { status: 400, headers: NO_STORE })
			}
			return redirectWithToast('/sessions', rsvpToast(answered.status, answered.waitlistPosition))
		}
		case 'feed-issue': {
			const token = issueFeedToken(user.id)
			const origin = `${requestProtocol(request)}://${new URL(request.url).host}`
			const headers = new Headers({ 'Set-Cookie': await freshFeedHeader(`${origin}/calendar/${token}.ics`) })
			return redirectWithToast('/sessions', { key: 'sharing.toast.feedIssued' }, { headers })
		}
		case 'feed-revoke': {
			revokeFeedToken(user.id)
			return redirectWithToast('/sessions', { key: 'sharing.toast.feedRevoked' })
		}
		default:
			throw badRequest('Unknown intent')
	}
}

function rsvpToast(status: 'going' | 'waitlisted' | 'declined', position: number | null) {
	if (status === 'waitlisted') return { kind: 'info' as const, key: 'sharing.toast.waitlisted', values: { position: position ?? 0 } }
	return { key: status === 'going' ? 'sharing.toast.going' : 'sharing.toast.declined' }
}

function SessionItem({ session, names, errors, children }: { session: SessionCardView; names: IndicatorNames; errors?: string[]; children?: ReactNode }) {
	const { t } = useTranslation()
	const open = !session.cancelledAt
	return (
		<li>
			<article aria-labelledby={`session-${session.id}-title`} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
				<div className="flex flex-wrap items-start justify-between gap-2">
					<h3 id={`session-${session.id}-title`} className="min-w-0 text-base font-semibold break-words text-slate-900">
						<Link to={`/sessions/${session.id}`} className="text-brand-700 underline">
							{session.title}
						</Link>
					</h3>
					<MyStateBadges session={session} />
				</div>
				{session.cancelledAt && session.cancelReason ? <p className="text-sm break-words text-red-800">{t('sharing.cancelledOn', { reason: session.cancelReason })}</p> : null}
				<SessionFacts session={session} indicatorNames={names} />
				{children}
				{open && !children ? <RsvpForm session={session} errors={errors} withSessionId /> : null}
			</article>
		</li>
	)
}

export default function SessionsPage() {
	const { upcoming, past, indicatorNames: names, canOrganise: organiser, hasFeed, feedUrl } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	return (
		<>
			<div className="mb-6 flex flex-wrap items-start justify-between gap-3">
				<div className="min-w-0">
					<h1 className="text-2xl font-bold text-slate-900">{t('sharing.list.title')}</h1>
					<p className="mt-1 max-w-prose text-sm text-slate-700">{t('sharing.list.intro')}</p>
				</div>
				{organiser ? <ButtonLink to="/sessions/new">{t('sharing.list.create')}</ButtonLink> : null}
			</div>
			<div className="space-y-6">
				<Card aria-labelledby="upcoming-title">
					<h2 id="upcoming-title" className="mb-3 text-lg font-semibold text-slate-900">
						{t('sharing.list.upcoming')}
					</h2>
					{upcoming.length === 0 ? (
						<EmptyState title={t('sharing.list.upcomingEmpty')} />
					) : (
						<ul className="space-y-4">
							{upcoming.map((s) => (
								<SessionItem key={s.id} session={s} names={names} errors={actionData?.intent === 'rsvp' && actionData.sessionId === s.id ? actionData.errors : undefined} />
							))}
						</ul>
					)}
				</Card>
				<Card aria-labelledby="feed-title">
					<h2 id="feed-title" className="mb-2 text-lg font-semibold text-slate-900">
						{t('sharing.feed.title')}
					</h2>
					<FeedSubscription active={hasFeed || feedUrl !== null} newUrl={feedUrl} />
				</Card>
				<Card aria-labelledby="past-title">
					<h2 id="past-title" className="mb-3 text-lg font-semibold text-slate-900">
						{t('sharing.list.past')}
					</h2>
					{past.length === 0 ? (
						<EmptyState title={t('sharing.list.pastEmpty')} />
					) : (
						<ul className="space-y-4">
							{past.map((s) => (
								<SessionItem key={s.id} session={s} names={names}>
									<p className="text-sm text-slate-900">
										{s.cancelledAt ? null : `${t('sharing.list.attendance', { count: s.attended })} · `}
										{s.rating.average === null
											? t('sharing.list.noRating')
											: t('sharing.list.rating', { average: formatRating(s.rating.average, i18n.language), count: s.rating.count })}
									</p>
								</SessionItem>
							))}
						</ul>
					)}
				</Card>
			</div>
		</>
	)
}
