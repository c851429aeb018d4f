import { parseWithZod } from '@conform-to/zod/v4'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	assignSchema,
	capacityLeft,
	capacitySchema,
	coachingSchema,
	dayScore,
	endSchema,
	isScoredKind,
	MENTOR_CAPACITY_MAX,
	NEXT_STEPS_MAX,
	NOTES_MAX,
	pairingSchema,
	RUBRIC_CRITERIA,
	rubricMean,
	type Rubric,
} from '#app/modules/mentoring/rules.ts'

const today = '2026-06-15'

/** A FormData as the browser sends it: every value a string, nested names in Conform's dotted form. */
function formData(entries: Record<string, string>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(entries)) data.append(name, value)
	return data
}

const rubric = (n: number, overrides: Partial<Rubric> = {}): Rubric => ({
	fabeFeature: n,
	fabeAdvantage: n,
	fabeBenefit: n,
	fabeEvidence: n,
	objectionHandling: n,
	closing: n,
	...overrides,
})

describe('the rubric', () => {
	test('all fives is 5, all ones is 1', () => {
		expect(rubricMean(rubric(5))).toBe(5)
		expect(rubricMean(rubric(1))).toBe(1)
	})

	test('the mean of the six criteria, to two decimals: 3,4,5,3,4,4 → 23/6 = 3.83', () => {
		expect(rubricMean({ fabeFeature: 3, fabeAdvantage: 4, fabeBenefit: 5, fabeEvidence: 3, objectionHandling: 4, closing: 4 })).toBe(3.83)
	})

	test('every criterion counts (closing alone moving moves the mean by 1/6)', () => {
		expect(rubricMean(rubric(3, { closing: 5 }))).toBe(3.33)
		expect(rubricMean(rubric(3, { fabeFeature: 1 }))).toBe(2.67)
	})

	test('no scored session that day gives no record rather than 0', () => {
		expect(dayScore([])).toBeNull()
	})

	test('one session: the day is its mean', () => {
		expect(dayScore([rubric(4, { closing: 5 })])).toBe(4.17)
	})

	test('several sessions on one day: the mean of their (rounded) means, to two decimals', () => {
		// 2.17 and 2.5 → 2.335 → 2.34 (half up), not 2.33 from the raw 28/12
		expect(dayScore([rubric(2, { closing: 3 }), rubric(2.5)])).toBe(2.34)
		expect(dayScore([rubric(2), rubric(4), rubric(5)])).toBe(3.67)
	})

	test('a day score stays within 1–5 and has at most two decimals', () => {
		const score = fc.integer({ min: 1, max: 5 })
		const oneRubric = fc.record({
			fabeFeature: score,
			fabeAdvantage: score,
			fabeBenefit: score,
			fabeEvidence: score,
			objectionHandling: score,
			closing: score,
		})
		fc.assert(
			fc.property(fc.array(oneRubric, { minLength: 1, maxLength: 6 }), (rubrics) => {
				const day = dayScore(rubrics)!
				expect(day).toBeGreaterThanOrEqual(1)
				expect(day).toBeLessThanOrEqual(5)
				expect(Math.abs(day * 100 - Math.round(day * 100))).toBeLessThan(1e-6)
			}),
		)
	})
})

describe('capacity left', () => {
	test.each([
		['none active', 3, 0, 3],
		['two of three taken', 3, 2, 1],
		['full', 3, 3, 0],
		['capacity lowered below the active count', 1, 3, 0],
		['zero capacity', 0, 0, 0],
	] as const)('%s (capacity %i, active %i) → %i left', (_, capacity, active, left) => {
		expect(capacityLeft(capacity, active)).toBe(left)
	})
})

describe('scored kinds', () => {
	test.each([
		['script_drill', true],
		['role_play', true],
		['ride_along', false],
		['something_else', false],
		['', false],
	] as const)('%s → %s', (kind, scored) => expect(isScoredKind(kind)).toBe(scored))
})

describe('the pairing form', () => {
	const schema = pairingSchema({ today })
	const base = { menteeId: '11', mentorId: '22', startsOn: '2026-06-01', 'focus[0].indicatorId': '5', 'focus[1].indicatorId': '', 'focus[2].indicatorId': '' }
	const parse = (entries: Record<string, string>) => parseWithZod(formData(entries), { schema })
	const errorsOf = (entries: Record<string, string>) => {
		const submission = parse(entries)
		expect(submission.status).toBe('error')
		return submission.reply().error
	}
	const goal = (from: string, to: string, due: string) => ({ 'focus[0].fromValue': from, 'focus[0].toValue': to, 'focus[0].dueOn': due })

	test('a valid pairing: ids as numbers, no end, empty focus rows dropped', () => {
		const submission = parse(base)
		expect(submission.status).toBe('success')
		expect(submission.status === 'success' && submission.value).toEqual({
			menteeId: 11,
			mentorId: 22,
			startsOn: '2026-06-01',
			endsOn: null,
			focus: [{ indicatorId: 5, fromValue: null, toValue: null, dueOn: null }],
		})
	})

	test('a full goal is kept, with thousands separators and spaces read as a number', () => {
		const submission = parse({
			...base,
			endsOn: '2026-12-31',
			...goal('1,000', '1 200', '2026-09-30'),
			'focus[2].indicatorId': '7',
			'focus[2].fromValue': '0.8',
			'focus[2].toValue': '0.9',
			'focus[2].dueOn': '2026-12-31',
		})
		expect(submission.status === 'success' && submission.value).toEqual({
			menteeId: 11,
			mentorId: 22,
			startsOn: '2026-06-01',
			endsOn: '2026-12-31',
			focus: [
				{ indicatorId: 5, fromValue: 1000, toValue: 1200, dueOn: '2026-09-30' },
				{ indicatorId: 7, fromValue: 0.8, toValue: 0.9, dueOn: '2026-12-31' },
			],
		})
	})

	test('a lower-is-better goal (from above to) is accepted', () => {
		const submission = parse({ ...base, ...goal('48', '24', '2026-08-01') })
		expect(submission.status === 'success' && submission.value.focus).toEqual([{ indicatorId: 5, fromValue: 48, toValue: 24, dueOn: '2026-08-01' }])
	})

	test('nobody mentors themselves', () => {
		expect(errorsOf({ ...base, mentorId: '11' })).toEqual({ mentorId: ['mentoring.errors.self'] })
	})

	test('an empty form names each missing field', () => {
		expect(errorsOf({})).toEqual({
			menteeId: ['mentoring.errors.mentee'],
			mentorId: ['mentoring.errors.mentor'],
			startsOn: ['mentoring.errors.required'],
		})
	})

	test.each([
		['not a number', 'x'],
		['zero', '0'],
		['negative', '-3'],
		['a fraction', '1.5'],
	])('a mentee or mentor id that is %s is refused', (_, value) => {
		expect(errorsOf({ ...base, menteeId: value })).toEqual({ menteeId: ['mentoring.errors.mentee'] })
		expect(errorsOf({ ...base, mentorId: value })).toEqual({ mentorId: ['mentoring.errors.mentor'] })
	})

	test('a start date that is no date is refused', () => {
		expect(errorsOf({ ...base, startsOn: '2026-06-31' })).toEqual({ startsOn: ['mentoring.errors.date'] })
		// A malformed start is also compared as text with the one-year limit, so it may get a second message.
		expect(errorsOf({ ...base, startsOn: '1/6/2026' })?.startsOn).toContain('mentoring.errors.date')
	})

	test('a start may go back one year, not more', () => {
		expect(parse({ ...base, startsOn: '2025-06-15' }).status).toBe('success')
		expect(errorsOf({ ...base, startsOn: '2025-06-14' })).toEqual({ startsOn: ['mentoring.errors.startTooEarly'] })
	})

	test('an end before the start, or on it, is refused', () => {
		expect(errorsOf({ ...base, startsOn: '2026-07-01', endsOn: '2026-06-30' })).toEqual({ endsOn: ['mentoring.errors.endBeforeStart'] })
		expect(errorsOf({ ...base, startsOn: '2026-07-01', endsOn: '2026-07-01' })).toEqual({ endsOn: ['mentoring.errors.endBeforeStart'] })
	})

	test('an end that has already passed (today included) is refused', () => {
		expect(errorsOf({ ...base, endsOn: '2026-06-10' })).toEqual({ endsOn: ['mentoring.errors.endInPast'] })
		expect(errorsOf({ ...base, endsOn: today })).toEqual({ endsOn: ['mentoring.errors.endInPast'] })
		expect(parse({ ...base, endsOn: '2026-06-16' }).status).toBe('success')
	})

	test('an end that is no date is refused', () => {
		expect(errorsOf({ ...base, endsOn: '2026-02-30' })).toEqual({ endsOn: ['mentoring.errors.date'] })
	})

	test('at least one focus indicator, reported on the first row', () => {
		const noFocus = { ...base, 'focus[0].indicatorId': '' }
		expect(errorsOf(noFocus)).toEqual({ 'focus[0].indicatorId': ['mentoring.errors.focusRequired'] })
		expect(errorsOf({ menteeId: '11', mentorId: '22', startsOn: '2026-06-01' })).toEqual({
			'focus[0].indicatorId': ['mentoring.errors.focusRequired'],
		})
	})

	test('the same indicator twice is refused on the second row', () => {
		expect(errorsOf({ ...base, 'focus[1].indicatorId': '6', 'focus[2].indicatorId': '5' })).toEqual({
			'focus[2].indicatorId': ['mentoring.errors.focusTwice'],
		})
	})

	test('a goal on a row without an indicator asks for the indicator', () => {
		expect(errorsOf({ ...base, 'focus[1].dueOn': '2026-09-30' })).toEqual({ 'focus[1].indicatorId': ['mentoring.errors.focusIndicator'] })
		expect(errorsOf({ ...base, 'focus[1].fromValue': '3' })).toEqual({ 'focus[1].indicatorId': ['mentoring.errors.focusIndicator'] })
	})

	test('a half-filled goal (from without to or due) marks each missing part', () => {
		expect(errorsOf({ ...base, ...goal('10', '', '') })).toEqual({
			'focus[0].toValue': ['mentoring.errors.goalIncomplete'],
			'focus[0].dueOn': ['mentoring.errors.goalIncomplete'],
		})
		expect(errorsOf({ ...base, ...goal('', '12', '2026-09-30') })).toEqual({ 'focus[0].fromValue': ['mentoring.errors.goalIncomplete'] })
		expect(errorsOf({ ...base, ...goal('10', '12', '') })).toEqual({ 'focus[0].dueOn': ['mentoring.errors.goalIncomplete'] })
	})

	test('a goal date before the start, or on it, is refused', () => {
		expect(errorsOf({ ...base, ...goal('10', '12', '2026-05-31') })).toEqual({ 'focus[0].dueOn': ['mentoring.errors.goalBeforeStart'] })
		expect(errorsOf({ ...base, ...goal('10', '12', '2026-06-01') })).toEqual({ 'focus[0].dueOn': ['mentoring.errors.goalBeforeStart'] })
	})

	test('a goal date after the end is refused; on the end is fine', () => {
		const ended = { ...base, endsOn: '2026-09-30' }
		expect(errorsOf({ ...ended, ...goal('10', '12', '2026-10-01') })).toEqual({ 'focus[0].dueOn': ['mentoring.errors.goalAfterEnd'] })
		expect(parse({ ...ended, ...goal('10', '12', '2026-09-30') }).status).toBe('success')
	})

	test('a goal date that is no date is refused', () => {
		expect(errorsOf({ ...base, ...goal('10', '12', '2026-09-31') })).toEqual({ 'focus[0].dueOn': ['mentoring.errors.date'] })
	})

	test('a goal value that is no number is refused on that value', () => {
		expect(errorsOf({ ...base, ...goal('abc', '12', '2026-09-30') })).toEqual({ 'focus[0].fromValue': ['mentoring.errors.number'] })
	})

	test('a negative goal value is refused', () => {
		expect(errorsOf({ ...base, ...goal('-5', '12', '2026-09-30') })).toEqual({ 'focus[0].toValue': ['mentoring.errors.number'] })
	})

	test('a goal from a value to the same value is no goal', () => {
		expect(errorsOf({ ...base, ...goal('12', '12.0', '2026-09-30') })).toEqual({ 'focus[0].toValue': ['mentoring.errors.goalSame'] })
	})

	test('errors on several rows are reported together, each on its own path', () => {
		expect(
			errorsOf({
				...base,
				mentorId: '11',
				...goal('10', '', '2026-09-30'),
				'focus[1].indicatorId': '5',
				'focus[2].toValue': '3',
			}),
		).toEqual({
			mentorId: ['mentoring.errors.self'],
			'focus[0].toValue': ['mentoring.errors.goalIncomplete'],
			'focus[1].indicatorId': ['mentoring.errors.focusTwice'],
			'focus[2].indicatorId': ['mentoring.errors.focusIndicator'],
		})
	})
})

describe('the coaching log', () => {
	const schema = coachingSchema({ today, startsOn: '2026-06-01' })
	const parse = (entries: Record<string, string>) => parseWithZod(formData(entries), { schema })
	const errorsOf = (entries: Record<string, string>) => {
		const submission = parse(entries)
		expect(submission.status).toBe('error')
		return submission.reply().error
	}
	const scores = (n: string, overrides: Record<string, string> = {}) => ({
		...Object.fromEntries(RUBRIC_CRITERIA.map((c) => [c, n])),
		...overrides,
	})
	const rideAlong = { kind: 'ride_along', occurredOn: '2026-06-10', notes: '  Visited two dealers.  ', nextSteps: '' }
	const rolePlay = { kind: 'role_play', occurredOn: '2026-06-10', notes: 'Price objection drill', nextSteps: 'Repeat Friday' }

	test('a ride-along has notes only: trimmed notes, no next steps, no rubric', () => {
		const submission = parse(rideAlong)
		expect(submission.status === 'success' && submission.value).toEqual({
			kind: 'ride_along',
			occurredOn: '2026-06-10',
			notes: 'Visited two dealers.',
			nextSteps: null,
			rubric: null,
		})
	})

	test('a ride-along drops stray rubric scores', () => {
		const submission = parse({ ...rideAlong, ...scores('3') })
		expect(submission.status === 'success' && submission.value.rubric).toBeNull()
	})

	test('a score outside 1–5 is refused on its criterion whatever the kind, with the other field errors', () => {
		expect(errorsOf({ ...rideAlong, closing: '9' })).toEqual({ closing: ['mentoring.errors.rubric'] })
		expect(errorsOf({ ...rolePlay, notes: '', ...scores('3', { closing: '6' }) })).toEqual({
			notes: ['mentoring.errors.required'],
			closing: ['mentoring.errors.rubric'],
		})
	})

	test('a role-play keeps its rubric as numbers', () => {
		const submission = parse({ ...rolePlay, ...scores('4', { closing: '2', fabeFeature: '5' }) })
		expect(submission.status === 'success' && submission.value).toEqual({
			kind: 'role_play',
			occurredOn: '2026-06-10',
			notes: 'Price objection drill',
			nextSteps: 'Repeat Friday',
			rubric: { fabeFeature: 5, fabeAdvantage: 4, fabeBenefit: 4, fabeEvidence: 4, objectionHandling: 4, closing: 2 },
		})
	})

	test('a script drill is scored too', () => {
		const submission = parse({ ...rolePlay, kind: 'script_drill', ...scores('1') })
		expect(submission.status === 'success' && submission.value.rubric).toEqual(rubric(1))
	})

	test.each(['0', '6', '2.5', 'x', '-1'])('a rubric score of %j is outside 1–5 and refused on that criterion', (bad) => {
		expect(errorsOf({ ...rolePlay, ...scores('3', { objectionHandling: bad }) })).toEqual({ objectionHandling: ['mentoring.errors.rubric'] })
	})

	test('the edges 1 and 5 are accepted', () => {
		const submission = parse({ ...rolePlay, ...scores('1', { closing: '5' }) })
		expect(submission.status === 'success' && submission.value.rubric).toEqual(rubric(1, { closing: 5 }))
	})

	test('a role-play missing one criterion is refused on that criterion', () => {
		const { closing: _, ...fiveOfSix } = scores('3')
		expect(errorsOf({ ...rolePlay, ...fiveOfSix })).toEqual({ closing: ['mentoring.errors.rubric'] })
		expect(errorsOf({ ...rolePlay, ...scores('3', { fabeEvidence: '' }) })).toEqual({ fabeEvidence: ['mentoring.errors.rubric'] })
	})

	test('a role-play with no rubric at all marks all six criteria', () => {
		expect(errorsOf(rolePlay)).toEqual(Object.fromEntries(RUBRIC_CRITERIA.map((c) => [c, ['mentoring.errors.rubric']])))
	})

	test('a coaching date in the future is refused; today is fine', () => {
		expect(errorsOf({ ...rideAlong, occurredOn: '2026-06-16' })).toEqual({ occurredOn: ['mentoring.errors.future'] })
		expect(parse({ ...rideAlong, occurredOn: today }).status).toBe('success')
	})

	test('a coaching date before the pairing started is refused; the start day is fine', () => {
		expect(errorsOf({ ...rideAlong, occurredOn: '2026-05-31' })).toEqual({ occurredOn: ['mentoring.errors.beforePairing'] })
		expect(parse({ ...rideAlong, occurredOn: '2026-06-01' }).status).toBe('success')
	})

	test('a missing date is required; a malformed one is no date', () => {
		const { occurredOn: _, ...noDate } = rideAlong
		expect(errorsOf(noDate)).toEqual({ occurredOn: ['mentoring.errors.required'] })
		expect(errorsOf({ ...rideAlong, occurredOn: '2026-6-10' })).toHaveProperty('occurredOn', expect.arrayContaining(['mentoring.errors.date']))
	})

	test('an unknown kind is refused', () => {
		expect(errorsOf({ ...rideAlong, kind: 'lunch' })).toEqual({ kind: ['mentoring.errors.kind'] })
		const { kind: _, ...noKind } = rideAlong
		expect(errorsOf(noKind)).toEqual({ kind: ['mentoring.errors.kind'] })
	})

	test('notes are required (blank counts as missing) and limited in length', () => {
		expect(errorsOf({ ...rideAlong, notes: '   ' })).toEqual({ notes: ['mentoring.errors.required'] })
		expect(errorsOf({ ...rideAlong, notes: 'x'.repeat(NOTES_MAX + 1) })).toEqual({ notes: ['mentoring.errors.tooLong'] })
		expect(parse({ ...rideAlong, notes: 'x'.repeat(NOTES_MAX) }).status).toBe('success')
	})

	test('next steps are limited in length', () => {
		expect(errorsOf({ ...rideAlong, nextSteps: 'x'.repeat(NEXT_STEPS_MAX + 1) })).toEqual({ nextSteps: ['mentoring.errors.tooLong'] })
	})
})

describe('assigning a recommended item', () => {
	const schema = assignSchema({ today })
	const parse = (entries: Record<string, string>) => parseWithZod(formData(entries), { schema })

	test.each([
		['article:7', { kind: 'article', id: 7 }],
		['lesson:120', { kind: 'lesson', id: 120 }],
	] as const)('%s → %o', (item, expected) => {
		const submission = parse({ item, dueOn: '2026-07-01' })
		expect(submission.status === 'success' && submission.value).toEqual({ item: expected, dueOn: '2026-07-01' })
	})

	test('due today is fine', () => {
		expect(parse({ item: 'article:7', dueOn: today }).status).toBe('success')
	})

	test('a due date in the past is refused', () => {
		expect(parse({ item: 'article:7', dueOn: '2026-06-14' }).reply().error).toEqual({ dueOn: ['mentoring.errors.dueInPast'] })
	})

	test('a due date that is no date, or none, is refused', () => {
		expect(parse({ item: 'article:7', dueOn: '2026-13-01' }).reply().error).toEqual({ dueOn: ['mentoring.errors.date'] })
		expect(parse({ item: 'article:7' }).reply().error).toEqual({ dueOn: ['mentoring.errors.required'] })
	})

	test.each(['exam:3', 'article:0', 'article:007', 'lesson:', 'lesson:1.5', 'article:-1', 'Article:3', ' article:3'])('item %j is refused', (item) => {
		expect(parse({ item, dueOn: '2026-07-01' }).reply().error).toEqual({ item: ['mentoring.errors.item'] })
	})

	test('no item is refused', () => {
		expect(parse({ dueOn: '2026-07-01' }).reply().error).toEqual({ item: ['mentoring.errors.item'] })
	})
})

describe('ending a pairing', () => {
	const parse = (entries: Record<string, string>) => parseWithZod(formData(entries), { schema: endSchema })

	test('a reason is kept, trimmed', () => {
		const submission = parse({ reason: '  Moved to another region  ' })
		expect(submission.status === 'success' && submission.value).toEqual({ reason: 'Moved to another region' })
	})

	test.each([
		['no reason', {}],
		['a blank reason', { reason: '   ' }],
		['a one-letter reason', { reason: ' a ' }],
	])('%s is refused', (_, entries) => {
		expect(parse(entries).reply().error).toEqual({ reason: ['mentoring.errors.required'] })
	})

	test('a reason of two characters is enough, 501 is too long', () => {
		expect(parse({ reason: '调岗' }).status).toBe('success')
		expect(parse({ reason: 'x'.repeat(501) }).reply().error).toEqual({ reason: ['mentoring.errors.tooLong'] })
	})
})

describe('setting a mentor capacity', () => {
	const parse = (entries: Record<string, string>) => parseWithZod(formData(entries), { schema: capacitySchema })

	test.each([0, 3, MENTOR_CAPACITY_MAX])('capacity %i is accepted', (capacity) => {
		const submission = parse({ mentorId: '4', capacity: String(capacity) })
		expect(submission.status === 'success' && submission.value).toEqual({ mentorId: 4, capacity })
	})

	test.each(['-1', '21', '2.5', 'x', ''])('capacity %j is refused', (capacity) => {
		expect(parse({ mentorId: '4', capacity }).reply().error).toEqual({ capacity: ['mentoring.errors.capacity'] })
	})

	test('a capacity without a mentor is refused', () => {
		expect(parse({ capacity: '3' }).reply().error).toEqual({ mentorId: ['mentoring.errors.mentor'] })
	})
})
