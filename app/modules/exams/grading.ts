/** Right only when the chosen options are exactly the answer's (no partial credit). */
export function isCorrect(answer: readonly string[], chosen: readonly string[] | null): boolean {
	if (!chosen || chosen.length !== answer.length) return false
	const want = new Set(answer)
	return new Set(chosen).size === chosen.length && chosen.every((key) => want.has(key))
}

export type GradedItem = { topic: string; correct: boolean }
export type TopicResult = { topic: string; correct: number; total: number }
export type Grade = { correctCount: number; questionCount: number; score: number; passed: boolean; topics: TopicResult[] }

/** Score is the percent correct, rounded down (16 of 20 is 80, 15 of 19 is 78); pass at ≥ pass mark. */
export function gradeAttempt(items: readonly GradedItem[], passMark: number): Grade {
	const topics = new Map<string, TopicResult>()
	let correctCount = 0
	for (const item of items) {
		const topic = topics.get(item.topic) ?? { topic: item.topic, correct: 0, total: 0 }
		topic.total++
		if (item.correct) {
			topic.correct++
			correctCount++
		}
		topics.set(item.topic, topic)
	}
	const questionCount = items.length
	const score = questionCount === 0 ? 0 : Math.floor((correctCount * 100) / questionCount)
	return { correctCount, questionCount, score, passed: score >= passMark, topics: [...topics.values()] }
}
