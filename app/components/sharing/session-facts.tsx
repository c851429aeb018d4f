import { useTranslation } from 'react-i18next'
import { localName } from '#app/modules/performance/format.ts'
import { Badge } from '../ui/index.ts'
import { formatSessionWhen } from './format.ts'
import type { IndicatorNames, SessionCardView } from './types.ts'

/** The viewer's own state: going, waitlist place, declined, no answer yet; checked in; or the cancellation. */
export function MyStateBadges({ session }: { session: Pick<SessionCardView, 'mine' | 'cancelledAt'> }) {
	const { t } = useTranslation()
	const { mine } = session
	return (
		<span className="flex flex-wrap gap-1.5">
			{session.cancelledAt ? <Badge tone="danger">{t('sharing.status.cancelled')}</Badge> : null}
			{mine.status === 'going' ? <Badge tone="success">{t('sharing.status.going')}</Badge> : null}
			{mine.status === 'waitlisted' ? <Badge tone="warning">{t('sharing.status.waitlisted', { position: mine.waitlistPosition ?? '?' })}</Badge> : null}
			{mine.status === 'declined' ? <Badge>{t('sharing.status.declined')}</Badge> : null}
			{mine.status === null && !session.cancelledAt ? <Badge>{t('sharing.status.none')}</Badge> : null}
			{mine.attended ? <Badge tone="brand">{t('sharing.status.attended')}</Badge> : null}
		</span>
	)
}

/** "3 of 20 seats left · 2 on the waitlist", or "Full". */
export function SeatsText({ session }: { session: Pick<SessionCardView, 'seatsLeft' | 'capacity' | 'waitlisted' | 'cancelledAt'> }) {
	const { t } = useTranslation()
	if (session.cancelledAt) return null
	const seats = session.seatsLeft > 0 ? t('sharing.seatsLeft', { left: session.seatsLeft, capacity: session.capacity }) : t('sharing.full', { capacity: session.capacity })
	return (
		<>
			{seats}
			{session.waitlisted > 0 ? ` · ${t('sharing.waitlistCount', { count: session.waitlisted })}` : ''}
		</>
	)
}

/** When (Shanghai time in the reader's locale), where, the link, speakers, organiser, seats, indicators and tags. */
export function SessionFacts({ session, indicatorNames, showOrganizer = false }: { session: SessionCardView; indicatorNames: IndicatorNames; showOrganizer?: boolean }) {
	const { t, i18n } = useTranslation()
	const locale = i18n.language
	const indicators = session.indicators.map((code) => (indicatorNames[code] ? localName(indicatorNames[code], locale) : code))
	return (
		<dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
			<WhenAndWhere session={session} />
			<dt className="font-medium text-slate-700">{t('sharing.speakers')}</dt>
			<dd className="break-words text-slate-900">{session.speakers.length ? session.speakers.map((s) => s.name).join(locale.startsWith('zh') ? '、' : ', ') : t('sharing.noSpeakers')}</dd>
			{showOrganizer ? (
				<>
					<dt className="font-medium text-slate-700">{t('sharing.organizer')}</dt>
					<dd className="break-words text-slate-900">{session.organizer.name}</dd>
				</>
			) : null}
			{session.cancelledAt ? null : (
				<>
					<dt className="font-medium text-slate-700">{t('sharing.seats')}</dt>
					<dd className="text-slate-900">
						<SeatsText session={session} />
					</dd>
				</>
			)}
			{indicators.length ? (
				<>
					<dt className="font-medium text-slate-700">{t('sharing.indicators')}</dt>
					<dd className="break-words text-slate-900">{indicators.join(locale.startsWith('zh') ? '、' : ', ')}</dd>
				</>
			) : null}
			{session.tags.length ? (
				<>
					<dt className="font-medium text-slate-700">{t('sharing.tags')}</dt>
					<dd className="flex flex-wrap gap-1">
						{session.tags.map((tag) => (
							<Badge key={tag}>{tag}</Badge>
						))}
					</dd>
				</>
			) : null}
		</dl>
	)
}

/** The when (Shanghai time), place and meeting-link rows of a session's <dl>, on the session pages and home. */
export function WhenAndWhere({ session }: { session: { startsAt: Date | string; endsAt: Date | string; place: string | null; meetingUrl: string | null } }) {
	const { t, i18n } = useTranslation()
	return (
		<>
			<dt className="font-medium text-slate-700">{t('sharing.when')}</dt>
			<dd className="text-slate-900 tabular-nums">
				{formatSessionWhen(session.startsAt, session.endsAt, i18n.language)} <span className="text-slate-700">{t('sharing.shanghaiTime')}</span>
			</dd>
			{session.place ? (
				<>
					<dt className="font-medium text-slate-700">{t('sharing.place')}</dt>
					<dd className="break-words text-slate-900">{session.place}</dd>
				</>
			) : null}
			{session.meetingUrl ? (
				<>
					<dt className="font-medium text-slate-700">{t('sharing.meetingLink')}</dt>
					<dd className="min-w-0 break-all">
						<a href={session.meetingUrl} className="text-brand-700 underline" rel="noopener noreferrer" target="_blank">
							{session.meetingUrl}
						</a>
					</dd>
				</>
			) : null}
		</>
	)
}
