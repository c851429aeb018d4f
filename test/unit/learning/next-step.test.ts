import { describe, expect, test } from 'vitest'
import { decideStart } from '#app/modules/exams/rules.ts'
import { examStateOf, nextStep, type ExamState, type StepExam, type StepLesson } from '#app/modules/learning/next-step.ts'

const lesson = (slug: string, required: boolean, completed = false): StepLesson => ({ slug, required, completed })
const exam = (slug: string, state: ExamState, required = true): StepExam => ({ slug, required, state })
const at = (iso: string) => new Date(iso)

const lessons = [lesson('intro', true, true), lesson('pricing', false), lesson('process', true), lesson('fabe', true)]

describe('nextStep', () => {
	test('an open attempt comes first, even with lessons left', () => {
		const step = nextStep(lessons, [exam('processes', { kind: 'ready' }), exam('product', { kind: 'open', attemptId: 7, endsAt: at('2026-11-27T03:00:00Z') })])
		expect(step).toMatchObject({ kind: 'resume', exam: { slug: 'product' }, attemptId: 7, endsAt: at('2026-11-27T03:00:00Z') })
	})

	test('then the first incomplete required lesson in track order, skipping optional ones', () => {
		expect(nextStep(lessons, [exam('product', { kind: 'ready' })])).toMatchObject({ kind: 'lesson', lesson: { slug: 'process' } })
	})

	test('with the required lessons done, a required exam that can be taken now', () => {
		const done = lessons.map((l) => (l.required ? { ...l, completed: true } : l))
		const step = nextStep(done, [
			exam('passed-one', { kind: 'passed' }),
			exam('practice', { kind: 'ready' }, false),
			exam('product', { kind: 'ready' }),
		])
		expect(step).toMatchObject({ kind: 'exam', exam: { slug: 'product' } })
	})

	test('otherwise the required exam cooldown that ends first, with its time; an optional practice exam does not jump ahead', () => {
		const step = nextStep(lessons.map((l) => (l.required ? { ...l, completed: true } : l)), [
			exam('practice', { kind: 'ready' }, false),
			exam('a', { kind: 'cooldown', until: at('2026-11-28T02:00:00Z') }),
			exam('b', { kind: 'cooldown', until: at('2026-11-27T10:00:00Z') }),
			exam('c', { kind: 'tier_locked' }),
			exam('d', { kind: 'exhausted' }),
		])
		expect(step).toEqual({ kind: 'cooldown', exam: expect.objectContaining({ slug: 'b' }), until: at('2026-11-27T10:00:00Z') })
	})

	test('a required exam with no attempts left is named so the person knows to ask their manager', () => {
		const step = nextStep(lessons.map((l) => ({ ...l, completed: true })), [
			exam('product', { kind: 'exhausted' }),
			exam('quiz', { kind: 'exhausted' }, false),
			exam('processes', { kind: 'passed' }),
		])
		expect(step).toEqual({ kind: 'exhausted', exams: [expect.objectContaining({ slug: 'product' })] })
	})

	test('then optional lessons, then optional exams, then nothing', () => {
		const requiredDone = lessons.map((l) => (l.required ? { ...l, completed: true } : l))
		const exams = [exam('product', { kind: 'passed' }), exam('practice', { kind: 'ready' }, false)]
		expect(nextStep(requiredDone, exams)).toMatchObject({ kind: 'optional', lesson: { slug: 'pricing' } })
		const all = lessons.map((l) => ({ ...l, completed: true }))
		expect(nextStep(all, exams)).toMatchObject({ kind: 'exam', exam: { slug: 'practice' } })
		expect(nextStep(all, [exam('product', { kind: 'passed' }), exam('practice', { kind: 'cooldown', until: at('2026-11-28T00:00:00Z') }, false)])).toEqual({
			kind: 'done',
		})
		expect(nextStep([], [])).toEqual({ kind: 'done' })
	})
})

describe('examStateOf', () => {
	const rules = { maxAttempts: 2, cooldownMinutes: 60 }
	const now = at('2026-11-27T02:00:00Z')
	const failed = (closedAt: string) => ({ status: 'graded' as const, passed: false, closedAt: at(closedAt) })

	test.each([
		['no attempts yet', true, [], { kind: 'ready' }],
		['tier not open', false, [], { kind: 'tier_locked' }],
		['passed', true, [{ status: 'graded' as const, passed: true, closedAt: at('2026-11-20T02:00:00Z') }], { kind: 'passed' }],
		['failed 30 minutes ago', true, [failed('2026-11-27T01:30:00Z')], { kind: 'cooldown', until: at('2026-11-27T02:30:00Z') }],
		['failed 2 hours ago', true, [failed('2026-11-27T00:00:00Z')], { kind: 'ready' }],
		['both attempts used', true, [failed('2026-11-20T00:00:00Z'), failed('2026-11-21T00:00:00Z')], { kind: 'exhausted' }],
	] as const)('%s', (_, tierOpen, attempts, expected) => {
		expect(examStateOf(decideStart(rules, tierOpen, attempts, now), null)).toEqual(expected)
	})

	test('an open attempt carries its id and end', () => {
		const decision = decideStart(rules, true, [{ status: 'open', passed: null, closedAt: null }], now)
		expect(examStateOf(decision, { id: 3, endsAt: at('2026-11-27T02:10:00Z') })).toEqual({ kind: 'open', attemptId: 3, endsAt: at('2026-11-27T02:10:00Z') })
	})
})
