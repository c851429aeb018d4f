import { eq } from 'drizzle-orm'
import { getDb, type Tx } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { tierOverrides } from '#db/schema/learning.ts'
import { recordAudit } from '#app/modules/audit/audit.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { examTitles } from './progress.server.ts'
import { tierStateFor } from './tier-state.server.ts'
import type { Tier, TierLock } from './tier.ts'

function currentOverride(tx: Tx, userId: number) {
	const row = tx.select({ tier: tierOverrides.tier, reason: tierOverrides.reason }).from(tierOverrides).where(eq(tierOverrides.userId, userId)).get()
	return row ?? null
}

/** Opens a person's tiers up to `tier` and locks the ones above, whatever tenure and exams say; audited with the reason. */
export function setTierOverride(actorId: number, userId: number, tier: Tier, reason: string, at: Date = now()) {
	getDb().transaction((tx) => {
		const before = currentOverride(tx, userId)
		const values = { tier, reason, setBy: actorId, setAt: at }
		tx.insert(tierOverrides)
			.values({ userId, ...values })
			.onConflictDoUpdate({ target: tierOverrides.userId, set: values })
			.run()
		recordAudit(tx, {
			actorId,
			action: 'learning.tier_override_set',
			entity: 'user',
			entityId: userId,
			data: { before, after: { tier, reason }, reason },
		})
	})
}

/** Returns the person to the computed tier (tenure and exams); false when there was no override. */
export function clearTierOverride(actorId: number, userId: number, reason: string): boolean {
	return getDb().transaction((tx) => {
		const before = currentOverride(tx, userId)
		if (!before) return false
		tx.delete(tierOverrides).where(eq(tierOverrides.userId, userId)).run()
		recordAudit(tx, {
			actorId,
			action: 'learning.tier_override_cleared',
			entity: 'user',
			entityId: userId,
			data: { before, after: null, reason },
		})
		return true
	})
}

/** What the override page shows about a person: tier states, the override in force and who set it. */
export function tierOverridePage(userId: number, at: Date = now(), tx: Tx = getDb()) {
	const person = tx.select({ id: users.id, name: users.name, hireDate: users.hireDate }).from(users).where(eq(users.id, userId)).get()
	if (!person) return null
	const state = tierStateFor(userId, tx, at)
	const setBy = state.override
		? (tx.select({ name: users.name }).from(users).where(eq(users.id, state.override.setBy)).get()?.name ?? '')
		: null
	const slugs = state.tiers.flatMap((s) => s.locks.flatMap((l: TierLock) => (l.kind === 'exams' ? l.missing : [])))
	return {
		person,
		current: state.current,
		tiers: state.tiers,
		override: state.override
			? { tier: state.override.tier, reason: state.override.reason, setAt: state.override.setAt, setByName: setBy ?? '' }
			: null,
		examTitles: examTitles(slugs, tx),
	}
}
