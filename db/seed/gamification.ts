import { and, eq } from 'drizzle-orm'
import { tenureMonths, tierByTenure } from '#app/modules/learning/tier.ts'
import { decideNomination, nominateStar } from '#app/modules/gamification/badges.server.ts'
import { monthsOf, periodRange, previousPeriod, quarterOf } from '#app/modules/performance/periods.ts'
import type { Tx } from '../client.server.ts'
import type { PositionType } from '../schema/auth.ts'
import { examAttempts } from '../schema/exams.ts'
import type { seedLearning } from './learning.ts'

type Person = { id: number; email: string; hireDate: string; position: PositionType | null }
type Learning = ReturnType<typeof seedLearning>

/** Who the demo's promotion list shows (ADR 010): one eligible login and one person one quarter short. */
export const PROMOTION_DEMO = { eligible: 'mentor@example.com', quarterShort: 'yang.ting@example.com' } as const

const noonOf = (date: string) => new Date(`${date}T10:00:00+08:00`)

/**
 * Inside the seed transaction, after learning and performance: 示例科技 re-tests its core staff on the
 * product line every quarter (季度产品复测), so capability values exist for the last closed quarter, as
 * promotion reads them. The two promotion demo people have the core track's required exams passed
 * (the learning seed passes them for about half the core staff at random).
 */
export function seedRecertification(tx: Tx, { learning, roster, today }: { learning: Learning; roster: Person[]; today: string }) {
	const lastClosed = previousPeriod(quarterOf(today))
	const product = learning.required('new').find((e) => e.slug === 'product-knowledge')
	let retests = 0
	if (!product) return { retests }
	const core = roster.filter((p) => p.position && tierByTenure(tenureMonths(p.hireDate, periodRange(lastClosed).to)) === 'core')
	for (const [i, person] of core.entries()) {
		// Spread over the quarter's middle month, a few a day.
		learning.take(person.id, product, noonOf(`${monthsOf(lastClosed)[1]}-${String(3 + (i % 20)).padStart(2, '0')}`), true)
		retests++
	}
	for (const email of Object.values(PROMOTION_DEMO)) {
		const person = roster.find((p) => p.email === email)
		if (!person) continue
		const missing = learning.required('core').filter(
			(exam) => !tx.select({ id: examAttempts.id }).from(examAttempts).where(and(eq(examAttempts.userId, person.id), eq(examAttempts.examId, exam.id), eq(examAttempts.passed, true))).get(),
		)
		if (missing.length > 0) learning.passTier(person.id, 'core', noonOf(`${monthsOf(lastClosed)[0]}-10`))
	}
	return { retests }
}

/**
 * After the seed transaction, through the app's own functions: the 华东 manager nominated 李娜 as
 * last month's 月度之星 and HR confirmed it; a nomination for this month waits for HR.
 */
export function seedStarNominations({ ids, today, previousMonth }: { ids: Map<string, number>; today: string; previousMonth: string }) {
	const manager = { id: ids.get('manager@example.com')!, roles: ['staff', 'manager'] }
	const hr = { id: ids.get('hr@example.com')!, roles: ['staff', 'hr_admin'] }
	const confirmed = nominateStar(manager, ids.get('rep@example.com')!, previousMonth, '主动跟进沉睡客户，月内重新激活 6 家')
	if (confirmed.ok) decideNomination(hr, confirmed.id, 'confirmed', '数据核实无误')
	const pending = nominateStar(manager, ids.get('mentor@example.com')!, today.slice(0, 7), '带教两名新人并保持个人业绩达标')
	return { nominations: (confirmed.ok ? 1 : 0) + (pending.ok ? 1 : 0) }
}
