import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'
import { and, asc, eq, inArray } from 'drizzle-orm'
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator'
import { tzlib_get_ical_block } from 'timezones-ical-library'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { sessionRsvps, sessionSpeakers, sharingSessions, type SharingSession } from '#db/schema/sharing.ts'

/**
 * Sharing sessions as iCalendar (RFC 5545): one session's download and a person's subscription feed.
 * Each session is one VEVENT with a UID that never changes, wall-clock times in Asia/Shanghai with the
 * zone's VTIMEZONE in the calendar, and the row's SEQUENCE, so a calendar app updates the event it
 * already has (moved, renamed, cancelled) instead of adding a second one.
 */

dayjs.extend(utc)
dayjs.extend(timezone)

export const SESSION_TIME_ZONE = 'Asia/Shanghai'

export type CalendarSession = Pick<
	SharingSession,
	'id' | 'title' | 'topic' | 'startsAt' | 'endsAt' | 'place' | 'meetingUrl' | 'sequence' | 'cancelledAt' | 'createdAt' | 'updatedAt'
> & {
	organizer: { name: string; email: string }
	/** Names in speaking order. */
	speakers: string[]
}

function newCalendar(name?: string): ICalCalendar {
	const calendar = ical({
		prodId: { company: 'Ascent', product: 'Sharing sessions', language: 'ZH' },
		method: ICalCalendarMethod.PUBLISH,
	})
	if (name) calendar.name(name)
	// Named on the events, not on the calendar: with a calendar-wide zone ical-generator writes DTSTAMP
	// without its UTC "Z" and leaves TZID off DTSTART. The generator still adds one VTIMEZONE per zone used.
	calendar.timezone({ name: null, generator: (zone) => vtimezone(zone) })
	return calendar
}

function vtimezone(zone: string): string | null {
	const block = tzlib_get_ical_block(zone)
	return Array.isArray(block) ? (block[0] ?? null) : null
}

/** The session page; also the base of the UID's domain part. */
function sessionUrl(baseUrl: string, sessionId: number) {
	return `${baseUrl.replace(/\/+$/, '')}/sessions/${sessionId}`
}

/** Stable for the life of the session: every change is the same event with a higher SEQUENCE. */
export function sessionUid(sessionId: number, baseUrl: string) {
	return `session-${sessionId}@${new URL(baseUrl).hostname}`
}

/**
 * Adds one session to a calendar. Times go in as dayjs values in UTC: ical-generator formats a plain
 * Date in the server process's own zone, which would print 11:00 as "19:00 Shanghai" only on a server
 * that happens to run in Shanghai; dayjs converts to the event's zone explicitly.
 */
export function sessionEvent(calendar: ICalCalendar, session: CalendarSession, baseUrl: string) {
	const url = sessionUrl(baseUrl, session.id)
	const description = [session.topic, session.speakers.length ? `讲者 / Speakers: ${session.speakers.join('、')}` : null, url]
		.filter((part): part is string => Boolean(part))
		.join('\n\n')
	return calendar.createEvent({
		id: sessionUid(session.id, baseUrl),
		sequence: session.sequence,
		timezone: SESSION_TIME_ZONE,
		start: dayjs.utc(session.startsAt),
		end: dayjs.utc(session.endsAt),
		stamp: session.updatedAt,
		created: session.createdAt,
		lastModified: session.updatedAt,
		summary: session.title,
		description,
		location: [session.place, session.meetingUrl].filter(Boolean).join(' · ') || null,
		url,
		status: session.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		organizer: { name: session.organizer.name, email: session.organizer.email },
	})
}

/** Sessions with their organiser and speakers, in start order. */
function loadCalendarSessions(sessionIds: readonly number[], tx: Tx): CalendarSession[] {
	if (sessionIds.length === 0) return []
	const rows = tx
		.select({
			id: sharingSessions.id,
			title: sharingSessions.title,
			topic: sharingSessions.topic,
			startsAt: sharingSessions.startsAt,
			endsAt: sharingSessions.endsAt,
			place: sharingSessions.place,
			meetingUrl: sharingSessions.meetingUrl,
			sequence: sharingSessions.sequence,
			cancelledAt: sharingSessions.cancelledAt,
			createdAt: sharingSessions.createdAt,
			updatedAt: sharingSessions.updatedAt,
			organizerName: users.name,
			organizerEmail: users.email,
		})
		.from(sharingSessions)
		.innerJoin(users, eq(users.id, sharingSessions.organizerId))
		.where(inArray(sharingSessions.id, [...sessionIds]))
		.orderBy(asc(sharingSessions.startsAt), asc(sharingSessions.id))
		.all()
	const speakers = tx
		.select({ sessionId: sessionSpeakers.sessionId, name: users.name })
		.from(sessionSpeakers)
		.innerJoin(users, eq(users.id, sessionSpeakers.userId))
		.where(inArray(sessionSpeakers.sessionId, [...sessionIds]))
		.orderBy(asc(sessionSpeakers.position), asc(users.name))
		.all()
	return rows.map(({ organizerName, organizerEmail, ...row }) => ({
		...row,
		organizer: { name: organizerName, email: organizerEmail },
		speakers: speakers.filter((s) => s.sessionId === row.id).map((s) => s.name),
	}))
}

/** One session as a calendar file, or null when there is no such session. */
export function sessionIcs(sessionId: number, baseUrl: string, tx: Tx = getDb()): string | null {
	if (!Number.isSafeInteger(sessionId) || sessionId <= 0) return null
	const [session] = loadCalendarSessions([sessionId], tx)
	if (!session) return null
	const calendar = newCalendar()
	sessionEvent(calendar, session, baseUrl)
	return calendar.toString()
}

/**
 * A person's subscription feed: every session they are going to. A cancelled session stays in it
 * (cancelling leaves the answers as they were) so that its STATUS:CANCELLED reaches their calendar and
 * the app removes the event; a session they decline or only wait for is not in it.
 */
export function feedIcs(userId: number, baseUrl: string, tx: Tx = getDb()): string {
	const going = tx
		.select({ sessionId: sessionRsvps.sessionId })
		.from(sessionRsvps)
		.where(and(eq(sessionRsvps.userId, userId), eq(sessionRsvps.status, 'going')))
		.all()
		.map((r) => r.sessionId)
	// No REFRESH-INTERVAL: ical-generator writes it after the VTIMEZONE, and RFC 5545 wants every
	// calendar property before the first component. Calendar apps poll on their own schedule.
	const calendar = newCalendar('进阶 · 经验分享会 / Ascent sharing sessions')
	for (const session of loadCalendarSessions(going, tx)) sessionEvent(calendar, session, baseUrl)
	const text = calendar.toString()
	if (calendar.length() > 0) return text
	// RFC 5545 wants at least one component in a calendar; with no event to carry it, the zone's
	// VTIMEZONE is that component (ical-generator only writes zones its events use).
	const zone = vtimezone(SESSION_TIME_ZONE)
	return zone ? text.replace(/END:VCALENDAR$/, `${zone.trim().replace(/\r?\n/g, '\r\n')}\r\nEND:VCALENDAR`) : text
}
