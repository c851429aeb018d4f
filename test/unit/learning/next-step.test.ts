import { describe, expect, test } from 'vitest'
import type { ExamState as CatalogExamState } from '#app/modules/exams/state.ts'
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
	test.each([
		['ready', { kind: 'ready', attemptsLeft: 2 }, { kind: 'ready' }],
		['another exam open', { kind: 'busy', href: '/exams/x/attempts/1', title: 'x', titleEn: 'x' }, { kind: 'ready' }],
		['passed', { kind: 'passed', bestScore: 90, passedAt: at('2026-11-20T02:00:00Z'), attemptId: 1 }, { kind: 'passed' }],
		['cooldown', { kind: 'cooldown', until: at('2026-11-27T02:30:00Z'), attemptsLeft: 1, lastAttemptId: 2 }, { kind: 'cooldown', until: at('2026-11-27T02:30:00Z') }],
		['no attempts left', { kind: 'no_attempts_left', lastAttemptId: 2 }, { kind: 'exhausted' }],
		['tier locked', { kind: 'tier_locked', tier: 'intermediate', opensOn: '2027-02-01', missing: [] }, { kind: 'tier_locked' }],
		['open', { kind: 'open', attemptId: 3, endsAt: at('2026-11-27T02:10:00Z') }, { kind: 'open', attemptId: 3, endsAt: at('2026-11-27T02:10:00Z') }],
	] as Array<[string, CatalogExamState, ExamState]>)('%s', (_, state, expected) => {
		expect(examStateOf(state)).toEqual(expected)
	})
})
