import type { Instant } from './format.ts'

export type PersonView = { id: number; name: string }
export type RsvpStatusView = 'going' | 'waitlisted' | 'declined'

/** A session as the pages get it from the loader (dates may be ISO strings after serialisation). */
export type SessionCardView = {
	id: number
	title: string
	topic: string
	startsAt: Instant
	endsAt: Instant
	place: string | null
	meetingUrl: string | null
	capacity: number
	indicators: string[]
	tags: string[]
	cancelledAt: Instant | null
	cancelReason: string | null
	organizer: PersonView
	speakers: PersonView[]
	going: number
	waitlisted: number
	seatsLeft: number
	mine: { status: RsvpStatusView | null; waitlistPosition: number | null; attended: boolean }
}

/** Code → names of the indicators a page mentions. */
export type IndicatorNames = Record<string, { nameZh: string; nameEn: string }>
