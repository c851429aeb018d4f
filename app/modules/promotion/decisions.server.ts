import { eq } from 'drizzle-orm'
import { getDb } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { promotionDecisions } from '#db/schema/gamification.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { ensureFresh } from '#app/modules/performance/scores.server.ts'
import { isHr, problem, refusal, type Actor, type Refusal } from '#app/modules/performance/targets.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { checklistFor, closedQuarters } from './eligibility.server.ts'
import { DECISION_REASON_MIN, TITLE_MAX, type DecisionInput } from './rules.ts'
import { loadRules } from './rules.server.ts'

export type DecideResult = { ok: true; decisionId: number; name: string } | Refusal | { ok: false; reason: 'forbidden' | 'notFound' }

/**
 * HR's decision on a person, in one transaction: the decision row with the checklist as it stood, on
 * approval the person's new title, and an audit row (`promotion.approve` / `promotion.reject`) with the
 * title before and after. Approving someone who is not eligible is refused with the rules they miss (HR
 * sees why, nothing is written); so is deciding on oneself. A reject carries its reason.
 */
export function decide(viewer: Actor, userId: number, input: DecisionInput): DecideResult {
	if (!isHr(viewer)) return { ok: false, reason: 'forbidden' }
	if (viewer.id === userId) return refusal({}, ['promotion.errors.self'])
	if (input.decision === 'approved' && (input.newTitle.trim() === '' || input.newTitle.trim().length > TITLE_MAX))
		return refusal({ newTitle: [problem('promotion.errors.title', { max: TITLE_MAX })] })
	if (input.decision === 'rejected' && input.reason.trim().length < DECISION_REASON_MIN)
		return refusal({ reason: [problem('promotion.errors.reasonRequired', { min: DECISION_REASON_MIN })] })
	const today = businessDate(now())
	// Scores are brought up to date before the write lock is taken; the checklist is read again inside it.
	for (const quarter of closedQuarters(today, loadRules().consecutiveQuarters)) ensureFresh(quarter)
	return getDb().transaction(
		(tx) => {
			const found = checklistFor(userId, today, tx)
			if (!found || found.person.positionType === null) return { ok: false, reason: 'notFound' } as const
			const { checklist, person } = found
			if (input.decision === 'approved' && checklist.status !== 'eligible')
				return refusal({ decision: [problem('promotion.errors.notEligible', { count: checklist.unmet.length })] })
			const at = now()
			const newTitle = input.decision === 'approved' ? input.newTitle.trim() : null
			const reason = input.decision === 'rejected' ? input.reason.trim() : null
			const row = tx
				.insert(promotionDecisions)
				.values({ userId, decision: input.decision, newTitle, reason, checklist, decidedById: viewer.id, decidedAt: at })
				.returning({ id: promotionDecisions.id })
				.get()
			if (newTitle !== null) tx.update(users).set({ title: newTitle, updatedAt: at }).where(eq(users.id, userId)).run()
			recordAudit(tx, {
				actorId: viewer.id,
				actorRole: 'hr_admin',
				action: input.decision === 'approved' ? 'promotion.approve' : 'promotion.reject',
				entity: 'user',
				entityId: userId,
				reason,
				data: {
					decisionId: row.id,
					status: checklist.status,
					unmet: checklist.unmet,
					before: { title: person.title },
					after: { title: newTitle ?? person.title },
				},
			})
			return { ok: true, decisionId: row.id, name: person.name } as const
		},
		{ behavior: 'immediate' },
	)
}
