import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FocusList, MenteeCard, pairingStatus, PairingStatusBadge, usePairingDates } from '#app/components/mentoring/index.ts'
import { ButtonLink, Card, EmptyState, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { RowHeader } from '#app/components/kpi/index.ts'
import { mentorDashboard } from '#app/modules/mentoring/dashboard.server.ts'
import { activePairingOfMentee, canPairAnyone, listPairings, today, type PairingRow } from '#app/modules/mentoring/pairings.server.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { hasRole, requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'mentoring.title')

export const headers: HeadersFunction = () => NO_STORE

/**
 * Whatever of mentoring concerns the viewer: their mentees (as a mentor) in attention order, their own
 * mentor, their team's pairings (managers), the way to all pairings (HR) and their ended pairings.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const day = today()
	const asMentor = listPairings({ mentorId: user.id })
	const mentees = asMentor.some((p) => p.active) ? mentorDashboard(user.id) : []
	const running = activePairingOfMentee(user.id)
	const myMentor = running ? listPairings({ menteeId: user.id }).find((p) => p.id === running.id) ?? null : null
	const isManager = hasRole(user, 'manager')
	return data(
		{
			today: day,
			isMentor: hasRole(user, 'mentor') || asMentor.length > 0,
			mentees,
			upcoming: asMentor.filter((p) => pairingStatus(p, day) === 'upcoming'),
			ended: asMentor.filter((p) => pairingStatus(p, day) === 'ended'),
			myMentor,
			teamPairings: isManager ? listPairings({ teamManagerId: user.id }) : null,
			isHr: hasRole(user, 'hr_admin'),
			canPair: canPairAnyone(user),
		},
		{ headers: NO_STORE }
	)
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function OtherPairings({ id, title, pairings }: { id: string; title: string; pairings: readonly PairingRow[] }) {
	const { t } = useTranslation()
	const dates = usePairingDates()
	return (
		<Card aria-labelledby={id}>
			<h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
				{title}
			</h2>
			<ul className="divide-y divide-slate-100">
				{pairings.map((p) => (
					<li key={p.id} className="py-2">
						<Link to={`/mentoring/${p.id}`} className="inline-flex min-h-11 items-center font-medium break-words text-brand-700 underline underline-offset-2">
							{p.menteeName}
						</Link>
						<p className="text-sm text-slate-700 tabular-nums">{dates(p)}</p>
						{p.endReason ? <p className="text-sm break-words text-slate-700">{t('mentoring.dashboard.endReason', { reason: p.endReason })}</p> : null}
					</li>
				))}
			</ul>
		</Card>
	)
}

function MyMentor({ pairing }: { pairing: PairingRow }) {
	const { t } = useTranslation()
	const dates = usePairingDates()
	return (
		<Card aria-labelledby="my-mentor">
			<h2 id="my-mentor" className="mb-3 text-lg font-semibold text-slate-900">
				{t('mentoring.dashboard.myMentor')}
			</h2>
			<p className="text-slate-900">
				{t('mentoring.dashboard.myMentorIntro', {
					mentor: pairing.mentorName,
					dates: dates(pairing),
				})}
			</p>
			<h3 className="mt-3 mb-1 text-sm font-semibold text-slate-800">{t('mentoring.card.focus')}</h3>
			<FocusList focus={pairing.focus} />
			<div className="mt-4">
				<ButtonLink to={`/mentoring/${pairing.id}`} variant="secondary">
					{t('mentoring.openPairing')}
				</ButtonLink>
			</div>
		</Card>
	)
}

function TeamPairings({ pairings, today }: { pairings: readonly PairingRow[]; today: string }) {
	const { t } = useTranslation()
	const dates = usePairingDates()
	return (
		<Card aria-labelledby="team-pairings">
			<h2 id="team-pairings" className="mb-3 text-lg font-semibold text-slate-900">
				{t('mentoring.dashboard.teamPairings')}
			</h2>
			{pairings.length === 0 ? (
				<p className="text-sm text-slate-700">{t('mentoring.dashboard.teamEmpty')}</p>
			) : (
				<Table caption={t('mentoring.dashboard.teamPairingsCaption')}>
					<thead>
						<tr>
							<Th>{t('mentoring.dashboard.columns.mentee')}</Th>
							<Th>{t('mentoring.dashboard.columns.mentor')}</Th>
							<Th>{t('mentoring.dashboard.columns.dates')}</Th>
							<Th>{t('mentoring.dashboard.columns.status')}</Th>
						</tr>
					</thead>
					<tbody>
						{pairings.map((p) => (
							<Tr key={p.id}>
								<RowHeader>
									<Link to={`/mentoring/${p.id}`} className="text-brand-700 underline underline-offset-2">
										{p.menteeName}
									</Link>
								</RowHeader>
								<Td>{p.mentorName}</Td>
								<Td className="whitespace-nowrap tabular-nums">{dates(p)}</Td>
								<Td>
									<PairingStatusBadge status={pairingStatus(p, today)} />
								</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			)}
		</Card>
	)
}

function Mentees({ mentees }: Pick<LoaderData, 'mentees'>) {
	const { t } = useTranslation()
	return (
		<section aria-labelledby="my-mentees">
			<h2 id="my-mentees" className="mb-1 text-lg font-semibold text-slate-900">
				{t('mentoring.dashboard.mentees')}
			</h2>
			{mentees.length === 0 ? (
				<EmptyState title={t('mentoring.dashboard.noMentees')}>{t('mentoring.dashboard.noMenteesBody')}</EmptyState>
			) : (
				<>
					<p className="mb-3 max-w-prose text-sm text-slate-700">{t('mentoring.dashboard.menteesIntro')}</p>
					<ol className="grid gap-4 md:grid-cols-2 xl:grid-cols-3 *:min-w-0">
						{mentees.map((card) => (
							<li key={card.pairing.id}>
								<MenteeCard card={card} />
							</li>
						))}
					</ol>
				</>
			)}
		</section>
	)
}

export default function MentoringPage() {
	const d = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const nothing = !d.isMentor && !d.myMentor && d.teamPairings === null && !d.isHr && d.ended.length === 0 && d.upcoming.length === 0
	return (
		<>
			<div className="mb-6 flex flex-wrap items-start justify-between gap-3">
				<div className="min-w-0">
					<h1 className="text-2xl font-bold text-slate-900">{t('mentoring.title')}</h1>
					<p className="mt-1 max-w-prose text-sm text-slate-700">{t('mentoring.intro')}</p>
				</div>
				{d.canPair ? <ButtonLink to="/mentoring/new">{t('mentoring.newPairing')}</ButtonLink> : null}
			</div>
			{nothing ? (
				<EmptyState title={t('mentoring.dashboard.emptyTitle')}>{t('mentoring.dashboard.emptyBody')}</EmptyState>
			) : (
				<div className="space-y-6">
					{d.isMentor ? <Mentees mentees={d.mentees} /> : null}
					{d.myMentor ? <MyMentor pairing={d.myMentor} /> : null}
					{d.teamPairings ? <TeamPairings pairings={d.teamPairings} today={d.today} /> : null}
					{d.isHr ? (
						<Card aria-labelledby="all-pairings">
							<h2 id="all-pairings" className="mb-2 text-lg font-semibold text-slate-900">
								{t('mentoring.dashboard.hrTitle')}
							</h2>
							<p className="mb-3 text-sm text-slate-700">{t('mentoring.dashboard.hrBody')}</p>
							<ButtonLink to="/admin/mentoring" variant="secondary">
								{t('mentoring.dashboard.hrLink')}
							</ButtonLink>
						</Card>
					) : null}
					{d.upcoming.length > 0 ? <OtherPairings id="upcoming-pairings" title={t('mentoring.dashboard.upcomingMentees')} pairings={d.upcoming} /> : null}
					{d.ended.length > 0 ? <OtherPairings id="ended-pairings" title={t('mentoring.dashboard.pastMentees')} pairings={d.ended} /> : null}
				</div>
			)}
		</>
	)
}
