import { describe, expect, test } from 'vitest'
import {
	discriminationIndex,
	mean,
	median,
	promptExcerpt,
	questionStats,
	scoreDistribution,
	summarize,
	type StatsAttempt,
	type StatsQuestion,
} from '#app/modules/exams/stats.ts'

/** Attempt `id` with `score`, having drawn the questions in `answers` (question id → correct). */
function attempt(id: number, score: number, answers: Record<number, boolean>, userId = id): StatsAttempt {
	return {
		id,
		userId,
		score,
		passed: score >= 60,
		answers: Object.entries(answers).map(([questionId, correct]) => ({ questionId: Number(questionId), correct })),
	}
}

const q = (id: number, topic = 'alpha', retired = false): StatsQuestion => ({ id, key: `q${id}`, topic, retired })

describe('score distribution', () => {
	test('ten 10-point bins; 100 joins the 90–100 bin', () => {
		const bins = scoreDistribution([0, 9, 10, 55, 89, 90, 99, 100])
		expect(bins.map((b) => `${b.from}–${b.to}`)).toEqual([
			'0–9',
			'10–19',
			'20–29',
			'30–39',
			'40–49',
			'50–59',
			'60–69',
			'70–79',
			'80–89',
			'90–100',
		])
		expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 1, 3])
	})

	test('no attempts: ten empty bins', () => {
		expect(scoreDistribution([]).every((b) => b.count === 0)).toBe(true)
	})
})

describe('summary', () => {
	test.each([
		[[70, 80, 90, 100], 85, 85],
		[[60, 75, 90], 75, 75],
		[[0, 100, 50, 25], 43.75, 37.5],
	])('scores %j → mean %d, median %d', (scores, m, med) => {
		expect(mean(scores)).toBe(m)
		expect(median(scores)).toBe(med)
	})

	test('no scores → no mean, no median', () => {
		expect(mean([])).toBeNull()
		expect(median([])).toBeNull()
	})

	test('pass rate over attempts; people counted once however often they tried', () => {
		const s = summarize([
			{ userId: 1, score: 50, passed: false },
			{ userId: 1, score: 80, passed: true },
			{ userId: 2, score: 90, passed: true },
			{ userId: 3, score: 40, passed: false },
		])
		expect(s).toEqual({ attempts: 4, people: 3, passed: 2, passRate: 0.5, meanScore: 65, medianScore: 65 })
		expect(summarize([]).passRate).toBeNull()
	})
})

describe('discrimination index (upper 27 % − lower 27 %)', () => {
	test('20 takers, hand-computed: g = round(5.4) = 5; upper 4/5 right, lower 1/5 → 0.6', () => {
		// Attempt i scores 100 − 5(i − 1): attempt 1 is best, attempt 20 worst.
		const right = new Set([1, 2, 3, 4, 9, 10, 12, 16])
		const takers = Array.from({ length: 20 }, (_, k) => ({ attemptId: k + 1, score: 100 - 5 * k, correct: right.has(k + 1) }))
		expect(discriminationIndex(takers)).toBeCloseTo(0.6, 10)
		// The middle 10 do not count: flipping all of them changes nothing.
		const flipped = takers.map((t) => (t.attemptId > 5 && t.attemptId <= 15 ? { ...t, correct: !t.correct } : t))
		expect(discriminationIndex(flipped)).toBeCloseTo(0.6, 10)
	})

	test('a question the weak get right and the strong get wrong is negative', () => {
		const takers = Array.from({ length: 10 }, (_, k) => ({ attemptId: k + 1, score: 100 - 10 * k, correct: k >= 7 }))
		expect(discriminationIndex(takers)).toBe(-1)
	})

	test('equal scores rank the earlier attempt first (reproducible groups)', () => {
		const takers = Array.from({ length: 10 }, (_, k) => ({ attemptId: 10 - k, score: 50, correct: 10 - k <= 3 }))
		// g = round(2.7) = 3: upper = attempts 1–3 (all right), lower = attempts 8–10 (all wrong).
		expect(discriminationIndex(takers)).toBe(1)
	})

	test('fewer than 10 takers → null (数据不足)', () => {
		const takers = Array.from({ length: 9 }, (_, k) => ({ attemptId: k + 1, score: 100 - 10 * k, correct: k < 3 }))
		expect(discriminationIndex(takers)).toBeNull()
		expect(discriminationIndex([])).toBeNull()
	})

	test('groups are formed among the attempts that drew the question, not exam-wide', () => {
		// 20 attempts; question 2 is drawn only by the even ones. Its takers: 2, 4, …, 20 (10 of them),
		// g = 3: upper = 2, 4, 6 (2 right), lower = 16, 18, 20 (1 right) → 2/3 − 1/3.
		const right = new Set([2, 4, 16])
		const attempts = Array.from({ length: 20 }, (_, k) => {
			const id = k + 1
			return attempt(id, 100 - 5 * k, id % 2 === 0 ? { 1: true, 2: right.has(id) } : { 1: true, 3: false })
		})
		const [, second] = questionStats([q(1), q(2), q(3)], [{ code: 'alpha', draw: 2 }], attempts)
		expect(second!.shown).toBe(10)
		expect(second!.discrimination).toBeCloseTo(1 / 3, 10)
	})
})

describe('question stats and flags', () => {
	/** `n` attempts, each drawing question 1 (right when `right(i)`), and question 2 for the first `drawsOf2`. */
	function bankRun(n: number, right: (i: number) => boolean, drawsOf2 = 0) {
		return Array.from({ length: n }, (_, i) => attempt(i + 1, 100 - i, i < drawsOf2 ? { 1: right(i), 2: true } : { 1: right(i) }))
	}
	const topicPool = [q(1), q(2), q(3)]
	const quota = [{ code: 'alpha', draw: 2 }]

	test('shown, correct rate and exposure', () => {
		const [first, second, third] = questionStats(topicPool, quota, bankRun(10, (i) => i < 7, 4))
		expect(first).toMatchObject({ key: 'q1', shown: 10, correct: 7, correctRate: 0.7, exposureRate: 1 })
		expect(second).toMatchObject({ shown: 4, correct: 4, correctRate: 1, exposureRate: 0.4, discrimination: null })
		expect(third).toMatchObject({ shown: 0, correct: 0, correctRate: null, exposureRate: 0, discrimination: null, flags: [] })
	})

	test.each([
		['all 10 right: too easy (and nobody is separated)', 10, () => true, ['too_easy', 'poor_discrimination']],
		['9 of 10 right (90 %): not too easy', 10, (i: number) => i !== 9, []],
		['3 of 10 right (30 %), the best three: too hard', 10, (i: number) => i < 3, ['too_hard']],
		['4 of 10 right (40 %): not too hard', 10, (i: number) => i < 4, []],
		['all 9 right: too few shown to judge', 9, () => true, []],
	])('%s', (_, n, right, flags) => {
		const stats = questionStats([q(1)], [{ code: 'alpha', draw: 1 }], bankRun(n, right))
		expect(stats[0]!.flags).toEqual(flags)
	})

	test('over-exposed: drawn by more than 80 % while its topic pool is larger than the quota', () => {
		const good = (i: number) => i < 5
		const nine = questionStats(topicPool, quota, bankRun(10, good, 9))
		expect(nine[1]!.exposureRate).toBe(0.9)
		expect(nine[1]!.flags).toContain('over_exposed')
		// Question 1 is in every attempt of this run, so it is over-exposed too.
		expect(nine[0]!.flags).toContain('over_exposed')

		const eight = questionStats(topicPool, quota, bankRun(10, good, 8))
		expect(eight[1]!.flags).not.toContain('over_exposed')

		// A topic whose pool equals its quota shows every question to everyone by design.
		const fullDraw = questionStats([q(1), q(2)], quota, bankRun(10, good, 10))
		expect(fullDraw.flatMap((s) => s.flags)).not.toContain('over_exposed')

		// Retired questions are no longer drawn; too few attempts say nothing.
		const retired = questionStats([q(1, 'alpha', true), q(2), q(3), q(4)], quota, bankRun(10, good, 10))
		expect(retired[0]!.flags).not.toContain('over_exposed')
		expect(retired[1]!.flags).toContain('over_exposed')
		expect(questionStats(topicPool, quota, bankRun(9, good, 9))[1]!.flags).not.toContain('over_exposed')
	})

	test('poor discrimination only when an index exists and is below 0.2', () => {
		// 10 takers, upper 3 = attempts 1–3, lower 3 = attempts 8–10.
		const mild = questionStats([q(1)], [{ code: 'alpha', draw: 1 }], bankRun(10, (i) => [0, 1, 7, 4].includes(i)))
		// upper 2/3, lower 1/3 → 0.33: fine.
		expect(mild[0]!.discrimination).toBeCloseTo(1 / 3, 10)
		expect(mild[0]!.flags).toEqual([])
		const flat = questionStats([q(1)], [{ code: 'alpha', draw: 1 }], bankRun(10, (i) => [0, 7, 4, 5].includes(i)))
		// upper 1/3, lower 1/3 → 0.
		expect(flat[0]!.discrimination).toBe(0)
		expect(flat[0]!.flags).toEqual(['poor_discrimination'])
	})
})

describe('prompt excerpt', () => {
	test('short prompts stay whole; long ones are cut at 40 characters with an ellipsis', () => {
		expect(promptExcerpt('甲类第一题：哪一个是正确选项？')).toBe('甲类第一题：哪一个是正确选项？')
		const long = '客户说“你们的价格比竞品贵了百分之三十”，按照 FABE 话术，第一步应当如何回应才能把话题拉回价值？'
		const cut = promptExcerpt(long)
		expect(cut.endsWith('…')).toBe(true)
		expect(Array.from(cut)).toHaveLength(41)
		expect(promptExcerpt('多行\n\n  题干')).toBe('多行 题干')
	})
})
