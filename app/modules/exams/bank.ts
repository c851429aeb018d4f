import { z } from 'zod'

export const examTiers = ['new', 'intermediate', 'core'] as const
export const questionTypes = ['single', 'multiple', 'true_false'] as const
export type QuestionType = (typeof questionTypes)[number]
export const reviewPolicies = ['never', 'after_submit', 'after_pass_or_exhausted'] as const
export type ReviewPolicy = (typeof reviewPolicies)[number]

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const OPTION_KEYS = ['a', 'b', 'c', 'd', 'e', 'f'] as const
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`)
const code = z.string().regex(CODE, 'lower-case letters, digits and dashes')

const question = z
	.object({
		id: code,
		topic: code,
		type: z.enum(questionTypes),
		prompt: text(500),
		options: z.partialRecord(z.enum(OPTION_KEYS), text(200)).optional(),
		answer: z.union([z.boolean(), z.enum(OPTION_KEYS), z.array(z.enum(OPTION_KEYS))]),
		explanation: text(600),
	})
	.strict()

/** content/exams/<slug>.yaml, documented in content/README.md. */
export const examBankSchema = z
	.object({
		title: text(80),
		title_en: text(140),
		description: text(300),
		description_en: text(500),
		tier: z.enum(examTiers),
		closed_book: z.boolean(),
		required: z.boolean(),
		time_limit_minutes: z.number().int().min(1).max(240),
		pass_mark: z.number().int().min(1).max(100),
		max_attempts: z.number().int().min(1).max(20),
		cooldown_hours: z.number().min(0).max(24 * 30),
		review: z.enum(reviewPolicies),
		topics: z
			.array(z.object({ code, name: text(40), name_en: text(80), draw: z.number().int().min(1) }).strict())
			.min(1, 'needs at least one topic'),
		questions: z.array(question).min(1, 'needs at least one question'),
	})
	.strict()
	.superRefine((bank, ctx) => {
		const topics = new Map<string, number>()
		bank.topics.forEach((t, i) => {
			if (topics.has(t.code)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'code'], message: `topic "${t.code}" is listed twice` })
			topics.set(t.code, 0)
		})
		const ids = new Set<string>()
		bank.questions.forEach((q, i) => {
			const at = (...path: Array<string | number>) => ['questions', i, ...path]
			if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: `question id "${q.id}" is used twice` })
			ids.add(q.id)
			if (!topics.has(q.topic)) ctx.addIssue({ code: 'custom', path: at('topic'), message: `unknown topic "${q.topic}"` })
			else topics.set(q.topic, topics.get(q.topic)! + 1)
			const keys = Object.keys(q.options ?? {})
			if (q.type === 'true_false') {
				if (q.options) ctx.addIssue({ code: 'custom', path: at('options'), message: 'a true_false question has no options' })
				if (typeof q.answer !== 'boolean') ctx.addIssue({ code: 'custom', path: at('answer'), message: 'a true_false answer is true or false' })
				return
			}
			if (keys.length < 2) ctx.addIssue({ code: 'custom', path: at('options'), message: 'needs 2 to 6 options' })
			const answer = typeof q.answer === 'boolean' ? null : Array.isArray(q.answer) ? q.answer : [q.answer]
			if (!answer) return void ctx.addIssue({ code: 'custom', path: at('answer'), message: 'must name option keys' })
			if (q.type === 'single' && (Array.isArray(q.answer) || answer.length !== 1))
				ctx.addIssue({ code: 'custom', path: at('answer'), message: 'a single-choice answer is one option key' })
			if (q.type === 'multiple' && (!Array.isArray(q.answer) || new Set(answer).size < 2))
				ctx.addIssue({ code: 'custom', path: at('answer'), message: 'a multiple-choice answer lists at least 2 option keys' })
			for (const key of answer)
				if (!keys.includes(key)) ctx.addIssue({ code: 'custom', path: at('answer'), message: `answer "${key}" is not among the options` })
		})
		bank.topics.forEach((t, i) => {
			const count = topics.get(t.code) ?? 0
			if (t.draw > count)
				ctx.addIssue({
					code: 'custom',
					path: ['topics', i, 'draw'],
					message: `draws ${t.draw} questions but topic "${t.code}" has ${count}`,
				})
		})
	})

export type ExamBank = z.output<typeof examBankSchema>

export type BankQuestion = {
	key: string
	topic: string
	type: QuestionType
	prompt: string
	options: Array<{ key: string; text: string }>
	answer: string[]
	explanation: string
}

/** The bank's questions in the stored shape: true/false gets the options "true" and "false". */
export function normaliseQuestions(bank: ExamBank): BankQuestion[] {
	return bank.questions.map((q) => ({
		key: q.id,
		topic: q.topic,
		type: q.type,
		prompt: q.prompt,
		options:
			q.type === 'true_false'
				? [
						{ key: 'true', text: '' },
						{ key: 'false', text: '' },
					]
				: Object.entries(q.options ?? {}).map(([key, text]) => ({ key, text: text! })),
		answer: typeof q.answer === 'boolean' ? [String(q.answer)] : Array.isArray(q.answer) ? [...new Set(q.answer)].sort() : [q.answer],
		explanation: q.explanation,
	}))
}
