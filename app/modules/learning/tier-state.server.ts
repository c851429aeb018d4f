import { and, eq, isNull } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { examAttempts, exams } from '#db/schema/exams.ts'
import { tierOverrides } from '#db/schema/learning.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { tierStates, tiers, type Tier } from './tier.ts'

/** The slugs of each tier's required exams (live banks only) the person has not passed. */
export function missingRequiredExams(tx: Tx, userId: number): Record<Tier, string[]> {
	const required = tx
		.select({ id: exams.id, slug: exams.slug, tier: exams.tier })
		.from(exams)
		.where(and(eq(exams.required, true), isNull(exams.retiredAt)))
		.orderBy(exams.slug)
		.all()
	const passed = new Set(
		tx
			.selectDistinct({ examId: examAttempts.examId })
			.from(examAttempts)
			.where(and(eq(examAttempts.userId, userId), eq(examAttempts.passed, true)))
			.all()
			.map((r) => r.examId),
	)
	const missing = Object.fromEntries(tiers.map((t) => [t, [] as string[]])) as Record<Tier, string[]>
	for (const exam of required) if (!passed.has(exam.id)) missing[exam.tier].push(exam.slug)
	return missing
}

/** A person's open and locked tiers today (tenure, the previous tier's required exams, or a manager's override). */
export function tierStateFor(userId: number, tx: Tx = getDb(), at: Date = now()) {
	const person = tx.select({ hireDate: users.hireDate }).from(users).where(eq(users.id, userId)).get()
	if (!person) throw new Error(`No user ${userId}`)
	const override = tx.select().from(tierOverrides).where(eq(tierOverrides.userId, userId)).get()
	const state = tierStates({
		hireDate: person.hireDate,
		today: businessDate(at),
		missingRequired: missingRequiredExams(tx, userId),
		override: override?.tier ?? null,
	})
	return { ...state, hireDate: person.hireDate, override: override ?? null }
}

export function isTierOpen(state: ReturnType<typeof tierStateFor>, tier: Tier) {
	return state.tiers.find((t) => t.tier === tier)!.open
}
