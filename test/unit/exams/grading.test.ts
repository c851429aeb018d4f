import { describe, expect, test } from 'vitest'
import { gradeAttempt, isCorrect } from '#app/modules/exams/grading.ts'

describe('grading one question', () => {
	test.each([
		['single, right', ['b'], ['b'], true],
		['single, wrong', ['b'], ['a'], false],
		['unanswered', ['b'], null, false],
		['empty answer', ['b'], [], false],
		['multiple, exact in any order', ['a', 'c'], ['c', 'a'], true],
		['multiple, one missing', ['a', 'c'], ['a'], false],
		['multiple, one extra', ['a', 'c'], ['a', 'b', 'c'], false],
		['multiple, a duplicate does not stand in for a missing key', ['a', 'c'], ['a', 'a'], false],
		['true/false, right', ['false'], ['false'], true],
		['true/false, wrong', ['false'], ['true'], false],
	])('%s', (_, answer, chosen, expected) => {
		expect(isCorrect(answer, chosen)).toBe(expected)
	})
})

describe('grading an attempt', () => {
	const items = (right: number, total: number, topic = 't') =>
		Array.from({ length: total }, (_, i) => ({ topic, correct: i < right }))

	test('16 of 20 is 80 % and passes a pass mark of 80', () => {
		expect(gradeAttempt(items(16, 20), 80)).toMatchObject({ correctCount: 16, questionCount: 20, score: 80, passed: true })
	})

	test('15 of 20 is 75 % and fails a pass mark of 80', () => {
		expect(gradeAttempt(items(15, 20), 80)).toMatchObject({ score: 75, passed: false })
	})

	test('the score is rounded down, so a pass is never rounded into existence', () => {
		// 2 of 3 = 66.67 %: 66, below a pass mark of 67.
		expect(gradeAttempt(items(2, 3), 67)).toMatchObject({ score: 66, passed: false })
	})

	test('per-topic breakdown', () => {
		const grade = gradeAttempt([...items(3, 4, 'product'), ...items(1, 2, 'fabe')], 60)
		expect(grade.topics).toEqual([
			{ topic: 'product', correct: 3, total: 4 },
			{ topic: 'fabe', correct: 1, total: 2 },
		])
		expect(grade.score).toBe(66)
	})

	test('nothing drawn scores 0', () => {
		expect(gradeAttempt([], 50)).toMatchObject({ score: 0, passed: false })
	})
})
