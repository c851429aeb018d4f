import { getDb } from '#db/client.server.ts'
import { examAttempts, exams } from '#db/schema/exams.ts'
import { integrityViolations } from '#db/schema/performance.ts'
import { periodRange } from '#app/modules/performance/periods.ts'
import { markStale } from '#app/modules/performance/stale.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { insertRecord, insertTarget } from '../performance/helpers.ts'

/** The demo's "today": Saturday 28 November 2026 in Shanghai; closed quarters are 2026-Q3 and before. */
export const TODAY = '2026-11-28'
export const atToday = () => setClock(new Date('2026-11-28T02:00:00Z'))

/**
 * A quarter scored `score` (100 = on target) from one weighted indicator: a revenue target of 1,000,000
 * and a record of score × 10,000 (the other indicators have no target, so they are left out).
 */
export function quarterScore(userId: number, quarter: string, score: number, { code = 'revenue', target = 1_000_000 } = {}) {
	insertTarget(userId, code, quarter, target * 0.8, target, target * 1.3)
	const { from } = periodRange(quarter)
	const date = `${from.slice(0, 8)}15`
	insertRecord(userId, code, date, (score / 100) * target)
	markStale(getDb(), [date])
}

/** 产品知识测试得分 of a closed quarter (an assessment record in its middle month). */
export function knowledgeScore(userId: number, value: number, date = '2026-08-15') {
	insertRecord(userId, 'product_knowledge_score', date, value)
	markStale(getDb(), [date])
}

let examCount = 0

/** A required exam of the core track (as the content sync writes it); its id. */
export function coreExam(title = '骨干：团队管理', titleEn = 'Core: team management', { required = true, retired = false } = {}) {
	examCount++
	return getDb()
		.insert(exams)
		.values({
			slug: `core-${examCount}`,
			title,
			titleEn,
			description: '',
			descriptionEn: '',
			tier: 'core',
			closedBook: true,
			required,
			timeLimitSeconds: 1800,
			passMark: 80,
			maxAttempts: 3,
			cooldownMinutes: 0,
			review: 'after_submit',
			topics: [],
			questionsPerAttempt: 10,
			contentHash: 'x',
			sourcePath: 'content/exams/core.yaml',
			syncedAt: new Date('2026-01-01T00:00:00Z'),
			retiredAt: retired ? new Date('2026-02-01T00:00:00Z') : null,
		})
		.returning({ id: exams.id })
		.get().id
}

/** A graded attempt closed at `closedAt`, passed or not; the number counts up per person and exam. */
export function gradedAttempt(userId: number, examId: number, { passed, closedAt, number = 1 }: { passed: boolean; closedAt: string; number?: number }) {
	const closed = new Date(closedAt)
	getDb()
		.insert(examAttempts)
		.values({
			examId,
			userId,
			number,
			seed: 1,
			status: 'graded',
			closedBy: 'submit',
			startedAt: new Date(closed.getTime() - 600_000),
			deadlineAt: new Date(closed.getTime() + 600_000),
			endsAt: closed,
			closedAt: closed,
			questionCount: 10,
			correctCount: passed ? 9 : 3,
			score: passed ? 90 : 30,
			passed,
		})
		.run()
}

/** An integrity violation recorded by `recordedById` on `occurredOn`. */
export function violation(userId: number, occurredOn: string, recordedById: number, ordinal = 1) {
	getDb()
		.insert(integrityViolations)
		.values({
			userId,
			occurredOn,
			note: '虚假拜访',
			ordinal,
			outcome: ordinal === 1 ? 'warning' : 'dismissal',
			deduction: 10,
			recordedById,
			recordedAt: new Date(`${occurredOn}T04:00:00Z`),
		})
		.run()
	markStale(getDb(), [occurredOn])
}

/**
 * Everything the default rules ask for: 3 closed quarters at `scores`, the core exam passed, 产品知识
 * 90 in 2026-Q3 (hired well over a year ago by the caller).
 */
export function promotable(userId: number, examId: number, scores: [number, number, number] = [112, 105, 110], indicator?: { code: string; target: number }) {
	;(['2026-Q3', '2026-Q2', '2026-Q1'] as const).forEach((quarter, i) => quarterScore(userId, quarter, scores[i]!, indicator))
	gradedAttempt(userId, examId, { passed: true, closedAt: '2026-05-10T03:00:00Z' })
	knowledgeScore(userId, 90)
}
