import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TrackProgress, useLocalTitle } from '#app/components/learning.tsx'
import { Badge, ButtonLink, Card, CardTitle, ProgressBar } from '#app/components/ui/index.ts'
import { getProfile } from '#app/modules/auth/users.server.ts'
import { homeSummary } from '#app/modules/learning/progress.server.ts'
import { tenureMonths, tierByTenure, tierTenureProgress } from '#app/modules/learning/tier.ts'
import { AlertList, LevelBadge } from '#app/components/kpi/index.ts'
import { AssignmentList } from '#app/components/mentoring/index.ts'
import { LevelCard } from '#app/components/gamification/index.ts'
import { RankCard } from '#app/components/leaderboard/index.ts'
import { myRanks, type MyRank } from '#app/modules/gamification/leaderboard.server.ts'
import { pointsSummary } from '#app/modules/gamification/points.server.ts'
import { MyStateBadges, WhenAndWhere } from '#app/components/sharing/index.ts'
import { assignmentsOf } from '#app/modules/mentoring/assignments.server.ts'
import { listPairings } from '#app/modules/mentoring/pairings.server.ts'
import { alertsVisibleTo } from '#app/modules/performance/alerts.server.ts'
import { formatPeriod, formatScore } from '#app/modules/performance/format.ts'
import { currentPeriods, teamScores } from '#app/modules/performance/scores.server.ts'
import { nextSessionFor } from '#app/modules/sharing/sessions.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate, formatDateTime } from '#app/utils/dates.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home.title')

const rankList = (ranks: { kpi: MyRank | null; points: MyRank | null }) =>
	[ranks.kpi, ranks.points].filter((r) => r !== null).map(({ board, period, rank, total, movement }) => ({ board, period, rank, total, movement }))

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const profile = getProfile(user.id)
	if (!profile) throw new Response('Not found', { status: 404 })
	const at = now()
	const months = tenureMonths(profile.hireDate, businessDate(at))
	const summary = homeSummary(user.id, at)
	const quarter = currentPeriods(businessDate(at)).quarter
	const kpi = profile.positionType ? (teamScores([user.id], quarter)[0] ?? null) : null
	// A running pairing as mentee (one at most) and what its mentor assigned that is still open.
	const mentorship = listPairings({ menteeId: user.id }).find((p) => p.active)
	// The next sharing session they are going to or queued for (else one they have not answered): only what the card shows.
	const session = nextSessionFor(user.id, at)
	return {
		userId: user.id,
		kpi: kpi ? { quarter, score: kpi.score, level: kpi.level } : null,
		// Points and level for the sales line (everyone with a position type).
		points: profile.positionType ? pointsSummary(user.id) : null,
		// Their stored places (never computed from records per request), for the sales line.
		ranks: profile.positionType ? rankList(myRanks(user.id)) : [],
		// Their own, their mentees' and (managers) their team's unresolved alerts.
		alerts: alertsVisibleTo(user),
		profile,
		roles: user.roles,
		tenure: months,
		tenureTier: tierByTenure(months),
		tierProgress: tierTenureProgress(months),
		current: summary.current,
		trackProgress: summary.track.progress,
		exams: summary.exams,
		clearance: summary.clearance,
		next: summary.next,
		mentoring: mentorship
			? {
					pairingId: mentorship.id,
					mentorName: mentorship.mentorName,
					assignments: assignmentsOf([mentorship.id]).filter((a) => a.doneAt === null),
				}
			: null,
		nextSession: session
			? {
					id: session.id,
					title: session.title,
					startsAt: session.startsAt,
					endsAt: session.endsAt,
					place: session.place,
					meetingUrl: session.meetingUrl,
					cancelledAt: session.cancelledAt,
					mine: session.mine,
				}
			: null,
	}
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function NextStepCard({ next, current }: Pick<LoaderData, 'next' | 'current'>) {
	const { t, i18n } = useTranslation()
	const title = useLocalTitle()
	const time = (date: Date) => formatDateTime(date, i18n.language)
	const tier = t(`tiers.${current}`)
	const content = (() => {
		switch (next.kind) {
			case 'resume':
				return {
					heading: t('learning.next.resumeTitle', { title: title(next.exam) }),
					body: t('learning.next.resumeBody', { time: time(next.endsAt) }),
					action: { to: `/exams/${next.exam.slug}/attempts/${next.attemptId}`, label: t('learning.next.resumeAction') },
				}
			case 'lesson':
				return {
					heading: t('learning.next.lessonTitle', { title: title(next.lesson) }),
					body: t('learning.next.lessonBody', { tier, count: next.lesson.minutes }),
					action: { to: `/tracks/${current}/${next.lesson.slug}`, label: t('learning.next.lessonAction') },
				}
			case 'exam':
				return {
					heading: t('learning.next.examTitle', { title: title(next.exam) }),
					body: t('learning.next.examBody', { used: next.exam.attemptsUsed, max: next.exam.maxAttempts }),
					action: { to: `/exams/${next.exam.slug}`, label: t('learning.next.examAction') },
				}
			case 'cooldown':
				return {
					heading: t('learning.next.cooldownTitle', { title: title(next.exam), time: time(next.until) }),
					body: t('learning.next.cooldownBody'),
					action: { to: `/exams/${next.exam.slug}`, label: t('learning.next.cooldownAction') },
				}
			case 'optional':
				return {
					heading: t('learning.next.optionalTitle', { title: title(next.lesson) }),
					body: t('learning.next.optionalBody'),
					action: { to: `/tracks/${current}/${next.lesson.slug}`, label: t('learning.next.lessonAction') },
				}
			case 'exhausted':
				return {
					heading: t('learning.next.exhaustedTitle'),
					body: t('learning.next.exhaustedBody'),
					action: null,
					notes: next.exams.map((exam) => title(exam)),
				}
			case 'done':
				return { heading: t('learning.next.doneTitle', { tier }), body: t('learning.next.doneBody'), action: null }
		}
	})()
	return (
		<Card aria-labelledby="next-step">
			<h2 id="next-step" className="mb-3 text-lg font-semibold text-slate-900">
				{t('home.nextStep')}
			</h2>
			<p className="font-medium text-slate-900">{content.heading}</p>
			<p className="mt-1 text-sm text-slate-700">{content.body}</p>
			{'notes' in content && content.notes?.length ? (
				<ul className="mt-2 space-y-1 text-sm text-amber-900">
					{content.notes.map((note) => (
						<li key={note}>{note}</li>
					))}
				</ul>
			) : null}
			{content.action ? (
				<div className="mt-4">
					<ButtonLink to={content.action.to}>{content.action.label}</ButtonLink>
				</div>
			) : null}
		</Card>
	)
}

function TrackCard({ current, trackProgress, tenureTier, tierProgress }: Pick<LoaderData, 'current' | 'trackProgress' | 'tenureTier' | 'tierProgress'>) {
	const { t } = useTranslation()
	const tierName = t(`tiers.${current}`)
	const name = t('learning.tierTrack', { tier: tierName })
	const tenureLabel = current === 'core' ? t('home.coreReached') : t('home.tierProgressLabel', { tier: tierName, percent: tierProgress })
	return (
		<Card aria-labelledby="current-track">
			<h2 id="current-track" className="mb-3 text-lg font-semibold text-slate-900">
				{name}
			</h2>
			<TrackProgress progress={trackProgress} name={name} />
			{/* Tenure alone would say a different tier when exams or an override hold it; then it would only confuse. */}
			{tenureTier === current ? (
				<div className="mt-4 space-y-2">
					<p className="text-sm font-medium text-slate-800">{t('home.tierProgress')}</p>
					<ProgressBar value={tierProgress} label={tenureLabel} />
					<p className="text-sm text-slate-700">{tenureLabel}</p>
				</div>
			) : null}
			<div className="mt-4">
				<ButtonLink to={`/tracks/${current}`} variant="secondary">
					{t('learning.home.trackAction')}
				</ButtonLink>
			</div>
		</Card>
	)
}

function ClearanceCard({ clearance }: Pick<LoaderData, 'clearance'>) {
	const { t } = useTranslation()
	const title = useLocalTitle()
	const cleared = clearance.clearedOn !== null
	return (
		<Card aria-labelledby="clearance">
			<div className="mb-3 flex flex-wrap items-center justify-between gap-2">
				<h2 id="clearance" className="text-lg font-semibold text-slate-900">
					{t('learning.home.clearance')}
				</h2>
				<Badge tone={cleared ? 'success' : 'warning'}>{cleared ? t('learning.home.badgeCleared') : t('learning.home.badgeNotCleared')}</Badge>
			</div>
			<p className="text-slate-900">
				{clearance.clearedOn ? t('learning.home.cleared', { date: clearance.clearedOn }) : t('learning.home.notCleared')}
			</p>
			{!cleared && clearance.missing.length ? (
				<>
					<p className="mt-2 text-sm text-slate-700">{t('learning.home.missing')}</p>
					<ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
						{clearance.missing.map((exam) => (
							<li key={exam.slug}>
								<Link to={`/exams/${exam.slug}`} className="text-brand-700 underline">
									{title(exam)}
								</Link>
							</li>
						))}
					</ul>
				</>
			) : null}
		</Card>
	)
}

function ExamsCard({ exams }: Pick<LoaderData, 'exams'>) {
	const { t, i18n } = useTranslation()
	const title = useLocalTitle()
	const stateBadge = (state: LoaderData['exams'][number]['state']) => {
		switch (state.kind) {
			case 'passed':
				return <Badge tone="success">{t('learning.examState.passed')}</Badge>
			case 'open':
				return <Badge tone="brand">{t('learning.examState.open')}</Badge>
			case 'ready':
				return <Badge tone="brand">{t('learning.examState.ready')}</Badge>
			case 'cooldown':
				return <Badge tone="warning">{t('learning.examState.cooldown', { time: formatDateTime(state.until, i18n.language) })}</Badge>
			case 'exhausted':
				return <Badge tone="danger">{t('learning.examState.exhausted')}</Badge>
			case 'tier_locked':
				return <Badge>{t('learning.examState.tier_locked')}</Badge>
		}
	}
	return (
		<Card aria-labelledby="my-exams">
			<h2 id="my-exams" className="mb-3 text-lg font-semibold text-slate-900">
				{t('learning.home.examsHeading')}
			</h2>
			{exams.length === 0 ? (
				<p className="text-sm text-slate-700">{t('learning.home.noExams')}</p>
			) : (
				<ul className="divide-y divide-slate-100">
					{exams.map((exam) => (
						<li key={exam.slug} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
							<Link to={`/exams/${exam.slug}`} className="min-w-0 flex-1 basis-40 font-medium text-brand-700 underline">
								{title(exam)}
							</Link>
							<span className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
								{exam.required ? <Badge>{t('learning.home.requiredExam')}</Badge> : null}
								<span>{t('learning.home.attemptsUsed', { used: exam.attemptsUsed, max: exam.maxAttempts })}</span>
								{stateBadge(exam.state)}
							</span>
						</li>
					))}
				</ul>
			)}
		</Card>
	)
}

function KpiCard({ kpi }: { kpi: NonNullable<LoaderData['kpi']> }) {
	const { t, i18n } = useTranslation()
	return (
		<Card aria-labelledby="my-kpi">
			<h2 id="my-kpi" className="mb-3 text-lg font-semibold text-slate-900">
				{t('home.kpiTitle', { period: formatPeriod(kpi.quarter, i18n.language) })}
			</h2>
			{kpi.score === null ? (
				<p className="text-sm text-slate-700">{t('home.kpiNoScore')}</p>
			) : (
				<p className="flex flex-wrap items-baseline gap-3">
					<span className="text-3xl font-bold text-slate-900">{formatScore(kpi.score, i18n.language)}</span>
					<span className="text-sm text-slate-700">{t('home.kpiScoreLabel')}</span>
					{kpi.level ? <LevelBadge level={kpi.level} /> : null}
				</p>
			)}
			<div className="mt-4">
				<ButtonLink to="/kpi" variant="secondary">
					{t('home.kpiAction')}
				</ButtonLink>
			</div>
		</Card>
	)
}

/** A mentee's mentor and what they assigned that is still open; an article is marked done right here. */
function MentoringCard({ mentoring }: { mentoring: NonNullable<LoaderData['mentoring']> }) {
	const { t } = useTranslation()
	return (
		<Card aria-labelledby="my-mentoring">
			<h2 id="my-mentoring" className="mb-3 text-lg font-semibold text-slate-900">
				{t('mentoring.home.title')}
			</h2>
			<p className="text-slate-900">
				<Link to={`/mentoring/${mentoring.pairingId}`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
					{t('mentoring.home.mentor', { name: mentoring.mentorName })}
				</Link>
			</p>
			<h3 className="mt-2 text-sm font-semibold text-slate-800">{t('mentoring.home.assignments')}</h3>
			{mentoring.assignments.length === 0 ? (
				<p className="mt-1 text-sm text-slate-700">{t('mentoring.home.empty')}</p>
			) : (
				<AssignmentList assignments={mentoring.assignments} canComplete redirectTo="/" headingLevel="h4" />
			)}
		</Card>
	)
}

/** 下一场分享会: when (Shanghai time, the reader's locale), where, the reader's state, and the way to the session. */
function NextSessionCard({ session }: { session: NonNullable<LoaderData['nextSession']> }) {
	const { t } = useTranslation()
	return (
		<Card aria-labelledby="next-session">
			<h2 id="next-session" className="mb-3 text-lg font-semibold text-slate-900">
				{t('sharing.home.title')}
			</h2>
			<p className="font-medium text-slate-900">
				<Link to={`/sessions/${session.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
					{session.title}
				</Link>
			</p>
			<dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
				<WhenAndWhere session={session} />
				<dt className="font-medium text-slate-700">{t('sharing.home.yourState')}</dt>
				<dd>
					<MyStateBadges session={session} />
				</dd>
			</dl>
			{session.mine.status === null ? <p className="mt-2 text-sm text-slate-700">{t('sharing.home.invited')}</p> : null}
			<div className="mt-4">
				<ButtonLink to={`/sessions/${session.id}`} variant="secondary">
					{t('sharing.home.open')}
				</ButtonLink>
			</div>
		</Card>
	)
}

function AlertsCard({ alerts, userId }: Pick<LoaderData, 'alerts' | 'userId'>) {
	const { t } = useTranslation()
	return (
		<Card aria-labelledby="kpi-alerts" className="md:col-span-2">
			<h2 id="kpi-alerts" className="mb-3 text-lg font-semibold text-slate-900">
				{t('home.alertsTitle', { count: alerts.length })}
			</h2>
			<AlertList alerts={alerts} canAct={(alert) => alert.userId !== userId} redirectTo="/" linkToPerson headingLevel="h3" />
		</Card>
	)
}

export default function Home() {
	const data = useLoaderData<typeof loader>()
	const { profile, roles, tenure } = data
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const team = (en ? profile.teamEn : profile.teamZh) ?? t('home.noTeam')
	const region = (en ? profile.regionEn : profile.regionZh) ?? t('home.noTeam')
	const rows: Array<[string, React.ReactNode]> = [
		[t('home.position'), t(`positions.${profile.positionType ?? 'none'}`)],
		[t('home.team'), team],
		[t('home.region'), region],
		[t('home.tier'), t(`tiers.${data.current}`)],
		[
			t('learning.home.clearance'),
			data.clearance.clearedOn ? t('learning.home.clearedOn', { date: data.clearance.clearedOn }) : t('learning.home.badgeNotCleared'),
		],
		[t('home.hireDate'), profile.hireDate],
		[t('home.tenure'), t('home.tenureMonths', { count: tenure })],
		[
			t('home.roles'),
			<span key="roles" className="flex flex-wrap gap-1">
				{roles.map((r) => (
					<Badge key={r}>{t(`roles.${r}`)}</Badge>
				))}
			</span>,
		],
	]
	return (
		<>
			<h1 className="mb-6 text-2xl font-bold text-slate-900">{t('home.greeting', { name: profile.name })}</h1>
			<div className="grid gap-4 md:grid-cols-2">
				<NextStepCard next={data.next} current={data.current} />
				<TrackCard current={data.current} trackProgress={data.trackProgress} tenureTier={data.tenureTier} tierProgress={data.tierProgress} />
				{data.points ? <LevelCard level={data.points} /> : null}
				{data.ranks.length > 0 ? <RankCard ranks={data.ranks} /> : null}
				{data.mentoring ? <MentoringCard mentoring={data.mentoring} /> : null}
				{data.nextSession ? <NextSessionCard session={data.nextSession} /> : null}
				{data.alerts.length > 0 ? <AlertsCard alerts={data.alerts} userId={data.userId} /> : null}
				<ClearanceCard clearance={data.clearance} />
				{data.kpi ? <KpiCard kpi={data.kpi} /> : null}
				<Card>
					<CardTitle>{t('home.profile')}</CardTitle>
					<dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
						{rows.map(([label, value]) => (
							<div key={label} className="contents">
								<dt className="text-slate-600">{label}</dt>
								<dd className="text-slate-900">{value}</dd>
							</div>
						))}
					</dl>
				</Card>
				<div className="md:col-span-2">
					<ExamsCard exams={data.exams} />
				</div>
			</div>
		</>
	)
}
