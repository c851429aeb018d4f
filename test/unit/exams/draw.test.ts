import { describe, expect, test } from 'vitest'
import { drawAttempt, type DrawableQuestion } from '#app/modules/exams/draw.ts'

const bank: DrawableQuestion[] = [
	...Array.from({ length: 10 }, (_, i) => ({ key: `p${i}`, topic: 'product', type: 'single', optionKeys: ['a', 'b', 'c', 'd'] })),
	...Array.from({ length: 6 }, (_, i) => ({ key: `f${i}`, topic: 'fabe', type: 'multiple', optionKeys: ['a', 'b', 'c'] })),
	...Array.from({ length: 4 }, (_, i) => ({ key: `t${i}`, topic: 'truth', type: 'true_false', optionKeys: ['true', 'false'] })),
]
const quotas = [
	{ code: 'product', draw: 5 },
	{ code: 'fabe', draw: 3 },
	{ code: 'truth', draw: 2 },
]
const topicOf = (key: string) => bank.find((q) => q.key === key)!.topic

describe('drawing an attempt', () => {
	test('the same seed gives the same questions, order, option order and option ids', () => {
		expect(drawAttempt(bank, quotas, 42)).toEqual(drawAttempt(bank, quotas, 42))
	})

	test('different seeds give different attempts', () => {
		const orders = new Set(Array.from({ length: 20 }, (_, seed) => drawAttempt(bank, quotas, seed).map((q) => q.key).join()))
		expect(orders.size).toBeGreaterThan(15)
	})

	test('each topic gives exactly its quota, with no question twice', () => {
		for (let seed = 0; seed < 50; seed++) {
			const drawn = drawAttempt(bank, quotas, seed)
			expect(drawn).toHaveLength(10)
			expect(new Set(drawn.map((q) => q.key)).size).toBe(10)
			const count = (topic: string) => drawn.filter((q) => topicOf(q.key) === topic).length
			expect([count('product'), count('fabe'), count('truth')]).toEqual([5, 3, 2])
		}
	})

	test('options are shuffled, keep every key once and get opaque ids unique in the attempt', () => {
		const drawn = drawAttempt(bank, quotas, 7)
		const ids = drawn.flatMap((q) => q.options.map((o) => o.id))
		expect(new Set(ids).size).toBe(ids.length)
		for (const id of ids) expect(id).toMatch(/^[a-z2-9]{8}$/)
		for (const q of drawn) {
			const keys = q.options.map((o) => o.key)
			expect([...keys].sort()).toEqual(bank.find((b) => b.key === q.key)!.optionKeys.slice().sort())
		}
		const orders = new Set(
			Array.from({ length: 30 }, (_, seed) =>
				drawAttempt(bank, quotas, seed)
					.filter((q) => topicOf(q.key) === 'product')
					.map((q) => q.options.map((o) => o.key).join(''))
					.join('|'),
			),
		)
		expect(orders.size).toBeGreaterThan(1)
	})

	test('true/false keeps 对 before 错', () => {
		for (const q of drawAttempt(bank, quotas, 3).filter((q) => topicOf(q.key) === 'truth'))
			expect(q.options.map((o) => o.key)).toEqual(['true', 'false'])
	})

	test('a retake prefers unseen questions but never draws fewer than the quota', () => {
		const seen = new Set(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'f0', 'f1', 'f2', 'f3', 'f4', 'f5'])
		const drawn = drawAttempt(bank, quotas, 11, seen)
		const product = drawn.filter((q) => topicOf(q.key) === 'product').map((q) => q.key)
		expect(product).toHaveLength(5)
		expect(product).toEqual(expect.arrayContaining(['p8', 'p9']))
		expect(drawn.filter((q) => topicOf(q.key) === 'fabe')).toHaveLength(3)
	})

	test('a quota larger than its topic is refused', () => {
		expect(() => drawAttempt(bank, [{ code: 'truth', draw: 5 }], 1)).toThrow(/truth/)
	})
})
