/**
 * Exam analytics for HR and managers: score distribution, pass rate and item analysis of a bank.
 * Pure: the caller (stats.server.ts) loads graded attempts and passes them in.
 */

/** Below this many graded attempts a per-question rate or index says more about chance than the question. */
export const MIN_ATTEMPTS = 10
/** Kelley's classic share for the upper and lower groups of item analysis. */
export const GROUP_SHARE = 0.27
export const TOO_EASY_AT = 0.95
export const TOO_HARD_AT = 0.3
export const POOR_DISCRIMINATION_BELOW = 0.2
export const OVER_EXPOSED_ABOVE = 0.8

export type StatsQuestion = { id: number; key: string; topic: string; retired: boolean }
export type StatsAttempt = {
	id: number
	userId: number
	/** Percent, as graded. */
	score: number
	passed: boolean
	/** The questions this attempt drew and whether each was answered correctly. */
	answers: ReadonlyArray<{ questionId: number; correct: boolean }>
}
export type TopicQuota = { code: string; draw: number }

export type ScoreBin = { from: number; to: number; count: number }

/** Ten 10-point bins, 0–9 … 80–89 and 90–100 (a perfect score joins the last bin). */
export function scoreDistribution(scores: readonly number[]): ScoreBin[] {
	const bins = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, count: 0 }))
	for (const score of scores) {
		const i = Math.min(9, Math.max(0, Math.floor(score / 10)))
		bins[i]!.count++
	}
	return bins
}

export function mean(values: readonly number[]): number | null {
	if (!values.length) return null
	return values.reduce((sum, v) => sum + v, 0) / values.length
}

export function median(values: readonly number[]): number | null {
	if (!values.length) return null
	const sorted = [...values].sort((a, b) => a - b)
	const mid = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export type ExamSummary = {
	attempts: number
	people: number
	passed: number
	/** 0–1; null without attempts. */
	passRate: number | null
	meanScore: number | null
	medianScore: number | null
}

export function summarize(attempts: ReadonlyArray<Pick<StatsAttempt, 'userId' | 'score' | 'passed'>>): ExamSummary {
	const scores = attempts.map((a) => a.score)
	const passed = attempts.filter((a) => a.passed).length
	return {
		attempts: attempts.length,
		people: new Set(attempts.map((a) => a.userId)).size,
		passed,
		passRate: attempts.length ? passed / attempts.length : null,
		meanScore: mean(scores),
		medianScore: median(scores),
	}
}

/**
 * Discrimination index of one question, D = p(upper) − p(lower), in [−1, 1].
 *
 * Method: take the graded attempts that drew the question (N of them; fewer than MIN_ATTEMPTS →
 * null, "not enough data"). Rank them by the attempt's overall score, highest first; equal scores
 * keep the earlier attempt (lower id) first, so the result is reproducible. The upper group is the
 * first g = round(0.27 × N) attempts, the lower group the last g. p(group) is the share of that
 * group answering this question correctly. Groups are formed among the question's own takers (not
 * exam-wide) because random draws mean an exam-wide top 27 % may barely contain the question.
 */
export function discriminationIndex(takers: ReadonlyArray<{ attemptId: number; score: number; correct: boolean }>): number | null {
	if (takers.length < MIN_ATTEMPTS) return null
	const ranked = [...takers].sort((a, b) => b.score - a.score || a.attemptId - b.attemptId)
	const g = Math.round(GROUP_SHARE * ranked.length)
	const rate = (group: typeof ranked) => group.filter((t) => t.correct).length / group.length
	return rate(ranked.slice(0, g)) - rate(ranked.slice(ranked.length - g))
}

export const questionFlags = ['too_easy', 'too_hard', 'poor_discrimination', 'over_exposed'] as const
export type QuestionFlag = (typeof questionFlags)[number]

export type QuestionStats = StatsQuestion & {
	/** Graded attempts that drew the question. */
	shown: number
	correct: number
	/** 0–1; null when never shown. */
	correctRate: number | null
	/** Share of all graded attempts that drew the question, 0–1; null without attempts. */
	exposureRate: number | null
	discrimination: number | null
	flags: QuestionFlag[]
}

/**
 * Per-question item analysis with flags:
 * - too_easy: ≥ 95 % correct, too_hard: ≤ 30 % correct — both only once shown ≥ MIN_ATTEMPTS times;
 * - poor_discrimination: index < 0.2 (only when the index exists);
 * - over_exposed: drawn by > 80 % of graded attempts (≥ MIN_ATTEMPTS of them) although its topic's
 *   live pool is larger than the topic's quota. Draws are per topic, so a topic whose pool equals
 *   its quota shows every question to everyone by design; that is the bank's shape, not a question
 *   leaking. Retired questions are no longer drawn and are never over-exposed.
 */
export function questionStats(
	bank: readonly StatsQuestion[],
	topics: readonly TopicQuota[],
	attempts: readonly StatsAttempt[],
): QuestionStats[] {
	const takersOf = new Map<number, Array<{ attemptId: number; score: number; correct: boolean }>>()
	for (const attempt of attempts)
		for (const answer of attempt.answers) {
			const list = takersOf.get(answer.questionId) ?? []
			list.push({ attemptId: attempt.id, score: attempt.score, correct: answer.correct })
			takersOf.set(answer.questionId, list)
		}
	const poolSize = new Map<string, number>()
	for (const q of bank) if (!q.retired) poolSize.set(q.topic, (poolSize.get(q.topic) ?? 0) + 1)
	const quotaOf = new Map(topics.map((t) => [t.code, t.draw]))

	return bank.map((question) => {
		const takers = takersOf.get(question.id) ?? []
		const shown = takers.length
		const correct = takers.filter((t) => t.correct).length
		const correctRate = shown ? correct / shown : null
		const exposureRate = attempts.length ? shown / attempts.length : null
		const discrimination = discriminationIndex(takers)
		const flags: QuestionFlag[] = []
		if (shown >= MIN_ATTEMPTS && correctRate !== null) {
			if (correctRate >= TOO_EASY_AT) flags.push('too_easy')
			if (correctRate <= TOO_HARD_AT) flags.push('too_hard')
		}
		if (discrimination !== null && discrimination < POOR_DISCRIMINATION_BELOW) flags.push('poor_discrimination')
		const rotates = (poolSize.get(question.topic) ?? 0) > (quotaOf.get(question.topic) ?? Infinity)
		if (!question.retired && attempts.length >= MIN_ATTEMPTS && rotates && exposureRate !== null && exposureRate > OVER_EXPOSED_ABOVE)
			flags.push('over_exposed')
		return { ...question, shown, correct, correctRate, exposureRate, discrimination, flags }
	})
}

/** The start of a prompt for a table cell: whole characters (not UTF-16 halves), with an ellipsis when cut. */
export function promptExcerpt(prompt: string, max = 40): string {
	const chars = Array.from(prompt.replace(/\s+/g, ' ').trim())
	return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`
}

/** A 0–1 rate as a whole percent, for display. */
export function asPercent(rate: number): number {
	return Math.round(rate * 100)
}

/** A mean or median for display: one decimal place, trailing zero dropped (72, 72.5). */
export function oneDecimal(value: number): number {
	return Math.round(value * 10) / 10
}
