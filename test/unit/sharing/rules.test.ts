import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import {
	checkInOpen,
	checkInSchema,
	feedbackSchema,
	mayGiveFeedback,
	ratingSummary,
	rsvpOutcome,
	sessionSchema,
	shanghaiInstant,
	shanghaiParts,
} from '#app/modules/sharing/rules.ts'

const form = (entries: Record<string, string | string[]>) => {
	const data = new FormData()
	for (const [key, value] of Object.entries(entries)) for (const v of [value].flat()) data.append(key, v)
	return data
}

describe('Shanghai times', () => {
	test('a wall-clock time in Shanghai is 8 hours ahead of UTC, across the date line too', () => {
		expect(shanghaiInstant('2026-12-10', '19:00').toISOString()).toBe('2026-12-10T11:00:00.000Z')
		expect(shanghaiInstant('2026-12-10', '07:30').toISOString()).toBe('2026-12-09T23:30:00.000Z')
		expect(shanghaiParts(new Date('2026-12-09T23:30:00Z'))).toEqual({ date: '2026-12-10', time: '07:30' })
	})
})

describe('what an RSVP becomes', () => {
	test.each([
		['going', null, 0, 2, 'going'],
		['going', null, 1, 2, 'going'],
		['going', null, 2, 2, 'waitlisted'],
		['going', 'declined', 2, 2, 'waitlisted'],
		['going', 'going', 2, 2, 'going'],
		['going', 'waitlisted', 1, 2, 'waitlisted'],
		['declined', 'going', 2, 2, 'declined'],
	] as const)('%s (was %s, %i of %i going) → %s', (answer, current, going, capacity, expected) => {
		expect(rsvpOutcome(answer, { current, going, capacity })).toBe(expected)
	})
})

describe('check-in window and feedback', () => {
	const session = { startsAt: new Date('2026-12-10T11:00:00Z'), endsAt: new Date('2026-12-10T12:30:00Z'), cancelledAt: null }
	test.each([
		['2026-12-10T10:44:59Z', false],
		['2026-12-10T10:45:00Z', true],
		['2026-12-10T12:30:00Z', true],
		['2026-12-10T12:30:01Z', false],
	])('at %s check-in open: %s', (at, open) => {
		expect(checkInOpen(session, new Date(at))).toBe(open)
	})
	test('a cancelled session never opens check-in', () => {
		expect(checkInOpen({ ...session, cancelledAt: new Date('2026-12-01T00:00:00Z') }, new Date('2026-12-10T11:30:00Z'))).toBe(false)
	})
	test('feedback needs attendance, from the start on', () => {
		expect(mayGiveFeedback({ attended: true, startsAt: session.startsAt }, new Date('2026-12-10T11:00:00Z'))).toBe(true)
		expect(mayGiveFeedback({ attended: true, startsAt: session.startsAt }, new Date('2026-12-10T10:59:00Z'))).toBe(false)
		expect(mayGiveFeedback({ attended: false, startsAt: session.startsAt }, new Date('2026-12-11T00:00:00Z'))).toBe(false)
	})
	test('the rating summary: mean to one decimal, a 1–5 distribution, no mean without feedback', () => {
		expect(ratingSummary([5, 4, 4, 2])).toEqual({ count: 4, average: 3.8, distribution: [0, 1, 0, 2, 1] })
		expect(ratingSummary([])).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] })
	})
})

describe('the session form', () => {
	const codes = ['lead_conversion', 'weekly_visits']
	const valid = {
		title: '如何用朋友圈运营提升客户触达率',
		topic: '刘洋分享内容日历与互动话术',
		date: '2026-12-10',
		startTime: '19:00',
		endTime: '20:30',
		place: '上海总部 3 楼大会议室',
		capacity: '30',
		indicators: ['lead_conversion'],
		tags: '朋友圈, 触达率，内容运营',
	}
	const parse = (entries: Record<string, string | string[]>, going = 0) => parseWithZod(form(entries), { schema: sessionSchema({ going, indicatorCodes: codes }) })

	test('a valid session: instants in UTC, tags split on Chinese and English separators', () => {
		const submission = parse(valid)
		expect(submission.status).toBe('success')
		if (submission.status !== 'success') return
		expect(submission.value.startsAt.toISOString()).toBe('2026-12-10T11:00:00.000Z')
		expect(submission.value.endsAt.toISOString()).toBe('2026-12-10T12:30:00.000Z')
		expect(submission.value.tags).toEqual(['朋友圈', '触达率', '内容运营'])
		expect(submission.value.meetingUrl).toBeNull()
	})

	test.each([
		[{ endTime: '18:00' }, 'endTime', 'sharing.errors.endBeforeStart'],
		[{ endTime: '19:00' }, 'endTime', 'sharing.errors.endBeforeStart'],
		[{ place: '' }, 'place', 'sharing.errors.placeOrLink'],
		[{ meetingUrl: 'http://meeting.example.com/x' }, 'meetingUrl', 'sharing.errors.url'],
		[{ capacity: '0' }, 'capacity', 'sharing.errors.capacity'],
		[{ capacity: '2.5' }, 'capacity', 'sharing.errors.capacity'],
		[{ startTime: '25:00' }, 'startTime', 'sharing.errors.time'],
		[{ date: '2026-02-30' }, 'date', 'sharing.errors.date'],
		[{ indicators: ['made_up'] }, 'indicators', 'sharing.errors.indicator'],
	])('%j is refused on %s', (change, field, key) => {
		const submission = parse({ ...valid, ...change })
		expect(submission.status).toBe('error')
		expect(submission.reply().error?.[field]).toEqual([key])
	})

	test('capacity below the number already going is refused, naming that number', () => {
		expect(parse({ ...valid, capacity: '10' }, 12).reply().error?.capacity).toEqual(['sharing.errors.capacityBelowGoing?going=12'])
		expect(parse({ ...valid, capacity: '12' }, 12).status).toBe('success')
	})
})

describe('feedback and check-in forms', () => {
	test.each(['0', '6', '3.5', 'x'])('a rating of %j is refused', (rating) => {
		expect(parseWithZod(form({ rating }), { schema: feedbackSchema }).reply().error?.rating).toEqual(['sharing.errors.rating'])
	})
	test('a rating with a trimmed comment, or none', () => {
		const submission = parseWithZod(form({ rating: '4', comment: '  案例很实用  ' }), { schema: feedbackSchema })
		expect(submission.status === 'success' && submission.value).toEqual({ rating: 4, comment: '案例很实用' })
	})
	test.each(['12345', '1234567', 'abcdef', ''])('a check-in code %j is refused', (code) => {
		expect(parseWithZod(form({ code }), { schema: checkInSchema }).reply().error?.code).toEqual(['sharing.errors.code'])
	})
})
