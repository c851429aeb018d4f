import { parse } from 'yaml'
import { describe, expect, test } from 'vitest'
import { examBankSchema, normaliseQuestions } from '#app/modules/exams/bank.ts'

const valid = `
title: 测试考试
title_en: Test exam
description: 说明
description_en: Description
tier: new
closed_book: true
required: true
time_limit_minutes: 10
pass_mark: 80
max_attempts: 3
cooldown_hours: 24
review: after_pass_or_exhausted
topics:
  - { code: alpha, name: 甲, name_en: Alpha, draw: 2 }
questions:
  - { id: q1, topic: alpha, type: single, prompt: 一, options: { a: 甲, b: 乙 }, answer: b, explanation: 因为乙。 }
  - { id: q2, topic: alpha, type: multiple, prompt: 二, options: { a: 甲, b: 乙, c: 丙 }, answer: [c, a], explanation: 甲和丙。 }
  - { id: q3, topic: alpha, type: true_false, prompt: 三, answer: false, explanation: 错。 }
`

function problems(yaml: string) {
	const result = examBankSchema.safeParse(parse(yaml))
	return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('exam bank validation', () => {
	test('a valid bank parses and normalises answers to option keys', () => {
		const bank = examBankSchema.parse(parse(valid))
		expect(normaliseQuestions(bank).map((q) => [q.key, q.answer, q.options.map((o) => o.key)])).toEqual([
			['q1', ['b'], ['a', 'b']],
			['q2', ['a', 'c'], ['a', 'b', 'c']],
			['q3', ['false'], ['true', 'false']],
		])
	})

	test('an answer that is not among the options', () => {
		expect(problems(valid.replace('answer: b,', 'answer: d,'))).toEqual(['questions.0.answer: answer "d" is not among the options'])
	})

	test('fewer questions in a topic than it draws', () => {
		expect(problems(valid.replace('draw: 2', 'draw: 4'))).toEqual(['topics.0.draw: draws 4 questions but topic "alpha" has 3'])
	})

	test('an unknown topic', () => {
		expect(problems(valid.replace('id: q3, topic: alpha', 'id: q3, topic: gamma'))).toContain('questions.2.topic: unknown topic "gamma"')
	})

	test('a single-choice question with a list answer, a multiple-choice with one key', () => {
		expect(problems(valid.replace('answer: b,', 'answer: [b],'))).toEqual(['questions.0.answer: a single-choice answer is one option key'])
		expect(problems(valid.replace('answer: [c, a]', 'answer: [c]'))).toEqual([
			'questions.1.answer: a multiple-choice answer lists at least 2 option keys',
		])
	})

	test('true/false with options or a letter answer', () => {
		expect(problems(valid.replace('answer: false,', 'answer: a,'))).toEqual(['questions.2.answer: a true_false answer is true or false'])
	})

	test('duplicate ids and unknown fields', () => {
		expect(problems(valid.replace('id: q2', 'id: q1'))).toEqual(['questions.1.id: question id "q1" is used twice'])
		expect(problems(`${valid}\nshuffle: false\n`)[0]).toMatch(/Unrecognized key/)
	})
})
