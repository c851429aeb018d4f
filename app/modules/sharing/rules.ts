/**
 * Pure rules of sharing sessions (经验分享会): session times in Asia/Shanghai, the session form, what an
 * RSVP becomes, when check-in is open and who may leave feedback. No database here.
 */
import { z } from 'zod'
import { isIsoDate } from '#app/utils/dates.ts'

export const TITLE_MAX = 120
export const TOPIC_MAX = 2000
export const PLACE_MAX = 200
export const CAPACITY_MAX = 1000
export const COMMENT_MAX = 1000
export const NOTES_MAX = 50_000
/** Check-in opens this long before the start and closes at the end. */
export const CHECK_IN_EARLY_MS = 15 * 60_000
export const CHECK_IN_CODE_LENGTH = 6

/** Sessions are planned in Shanghai time (UTC+8 all year: China has no daylight saving). */
const SHANGHAI_OFFSET = '+08:00'

/** The instant of a Shanghai wall-clock date (YYYY-MM-DD) and time (HH:MM). */
export function shanghaiInstant(date: string, time: string): Date {
	return new Date(`${date}T${time}:00${SHANGHAI_OFFSET}`)
}

/** The Shanghai wall-clock date and time (HH:MM) of an instant. */
export function shanghaiParts(instant: Date): { date: string; time: string } {
	const shifted = new Date(instant.getTime() + 8 * 3_600_000).toISOString()
	return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

export type RsvpAnswer = 'going' | 'declined'
export type RsvpState = 'going' | 'waitlisted' | 'declined'

/**
 * What an answer becomes: "going" takes a seat while there is one, else a place on the waitlist; a
 * person already going or waitlisted keeps their place when they answer "going" again.
 */
export function rsvpOutcome(answer: RsvpAnswer, { current, going, capacity }: { current: RsvpState | null; going: number; capacity: number }): RsvpState {
	if (answer === 'declined') return 'declined'
	if (current === 'going' || current === 'waitlisted') return current
	return going < capacity ? 'going' : 'waitlisted'
}

/** Check-in is open from CHECK_IN_EARLY_MS before the start until the end, unless the session was cancelled. */
export function checkInOpen(session: { startsAt: Date; endsAt: Date; cancelledAt: Date | null }, at: Date): boolean {
	if (session.cancelledAt) return false
	return at.getTime() >= session.startsAt.getTime() - CHECK_IN_EARLY_MS && at.getTime() <= session.endsAt.getTime()
}

/** Feedback comes from someone who attended, once the session has started. */
export function mayGiveFeedback({ attended, startsAt }: { attended: boolean; startsAt: Date }, at: Date): boolean {
	return attended && at.getTime() >= startsAt.getTime()
}

/** A session's average rating and count (null average without feedback). */
export function ratingSummary(ratings: readonly number[]): { count: number; average: number | null; distribution: number[] } {
	const distribution = [0, 0, 0, 0, 0]
	for (const r of ratings) distribution[r - 1]!++
	const average = ratings.length === 0 ? null : Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10
	return { count: ratings.length, average, distribution }
}

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: 'sharing.errors.tooLong' })
		.optional()
		.transform((v) => v || null)

/**
 * The session form: title, topic, a Shanghai date with start and end times, a place or a meeting link
 * (at least one), capacity, related indicators and tags, speakers. `going` is how many are already
 * going (capacity may not drop below it).
 */
export function sessionSchema({ going = 0, indicatorCodes }: { going?: number; indicatorCodes: readonly string[] }) {
	return z
		.object({
			title: z.string({ error: 'sharing.errors.required' }).trim().min(1, { error: 'sharing.errors.required' }).max(TITLE_MAX, { error: 'sharing.errors.tooLong' }),
			topic: z.string({ error: 'sharing.errors.required' }).trim().min(1, { error: 'sharing.errors.required' }).max(TOPIC_MAX, { error: 'sharing.errors.tooLong' }),
			date: z.string({ error: 'sharing.errors.required' }).trim().refine(isIsoDate, { error: 'sharing.errors.date' }),
			startTime: z.string({ error: 'sharing.errors.required' }).trim().regex(TIME, { error: 'sharing.errors.time' }),
			endTime: z.string({ error: 'sharing.errors.required' }).trim().regex(TIME, { error: 'sharing.errors.time' }),
			place: optionalText(PLACE_MAX),
			meetingUrl: z
				.string()
				.trim()
				.optional()
				.transform((v) => v || null)
				.refine((v) => v === null || /^https:\/\/\S+$/.test(v), { error: 'sharing.errors.url' }),
			capacity: z.coerce
				.number({ error: 'sharing.errors.capacity' })
				.int({ error: 'sharing.errors.capacity' })
				.min(1, { error: 'sharing.errors.capacity' })
				.max(CAPACITY_MAX, { error: 'sharing.errors.capacity' }),
			indicators: z
				.array(z.string())
				.default([])
				.refine((codes) => codes.every((c) => indicatorCodes.includes(c)), { error: 'sharing.errors.indicator' })
				.transform((codes) => [...new Set(codes)]),
			tags: z
				.string()
				.optional()
				.transform((v) =>
					[
						...new Set(
							(v ?? '')
								.split(/[,，、\s]+/)
								.map((t) => t.trim())
								.filter(Boolean),
						),
					].slice(0, 10),
				),
			speakerIds: z.array(z.coerce.number().int().positive()).default([]),
		})
		.superRefine((value, ctx) => {
			if (isIsoDate(value.date) && TIME.test(value.startTime) && TIME.test(value.endTime) && value.endTime <= value.startTime)
				ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'sharing.errors.endBeforeStart' })
			if (value.place === null && value.meetingUrl === null) ctx.addIssue({ code: 'custom', path: ['place'], message: 'sharing.errors.placeOrLink' })
			if (value.capacity < going) ctx.addIssue({ code: 'custom', path: ['capacity'], message: `sharing.errors.capacityBelowGoing?going=${going}` })
		})
		.transform((value) => ({
			...value,
			startsAt: shanghaiInstant(value.date, value.startTime),
			endsAt: shanghaiInstant(value.date, value.endTime),
		}))
}
export type SessionInput = z.output<ReturnType<typeof sessionSchema>>

export const feedbackSchema = z.object({
	rating: z.coerce.number({ error: 'sharing.errors.rating' }).int({ error: 'sharing.errors.rating' }).min(1, { error: 'sharing.errors.rating' }).max(5, { error: 'sharing.errors.rating' }),
	comment: optionalText(COMMENT_MAX),
})

export const checkInSchema = z.object({
	code: z
		.string({ error: 'sharing.errors.code' })
		.trim()
		.regex(new RegExp(`^\\d{${CHECK_IN_CODE_LENGTH}}$`), { error: 'sharing.errors.code' }),
})
