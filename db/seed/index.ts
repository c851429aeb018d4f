import { sql } from 'drizzle-orm'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { getDb, type Db } from '../client.server.ts'
import { backfillPoints } from '#app/modules/gamification/backfill.server.ts'
import { evaluateAlerts } from '#app/modules/performance/alerts.server.ts'
import { closeDuePeriods } from '#app/modules/gamification/period-close.server.ts'
import { monthOf, previousPeriod } from '#app/modules/performance/periods.ts'
import { currentPeriods, ensureFresh } from '#app/modules/performance/scores.server.ts'
import { publishDraft } from '#app/modules/sharing/publish.server.ts'
import { users } from '../schema/auth.ts'
import { seedRecertification, seedStarNominations } from './gamification.ts'
import { seedKnowledge } from './knowledge.ts'
import { seedLearning } from './learning.ts'
import { seedMentoring } from './mentoring.ts'
import { seedPerformance } from './performance.ts'
import { seedSharing } from './sharing.ts'
import { DEMO_PASSWORD, seedOrg } from './org.ts'
import { createRandom } from './random.ts'

/**
 * The demo company 示例科技, deterministic for a given "today". Each domain adds its own part here,
 * in dependency order, all in one transaction. Content must be synced first (articles are linked).
 */
export async function seedDemo(db: Db, { now }: { now: Date }) {
	const random = createRandom(20260101)
	const today = businessDate(now)
	// One hash for everyone: the same demo password, and seeding stays fast.
	const passwordHash = await hashPassword(DEMO_PASSWORD)
	const seeded = db.transaction((tx) => {
		const org = seedOrg(tx, { random, today, passwordHash })
		const knowledge = seedKnowledge(tx, {
			random,
			today,
			now,
			userIds: [...org.ids.values()],
			repId: org.ids.get('rep@example.com')!,
		})
		const learning = seedLearning(tx, { random, now, roster: org.roster })
		const performance = seedPerformance(tx, {
			random: createRandom(20261127),
			today,
			roster: org.roster,
			hrId: org.ids.get('hr@example.com')!,
			managerId: org.ids.get('manager@example.com')!,
		})
		const mentoring = seedMentoring(tx, { random: createRandom(20260606), today, roster: org.roster, hrId: org.ids.get('hr@example.com')! })
		const sharing = seedSharing(tx, { random: createRandom(20260808), today, now, roster: org.roster })
		const recertification = seedRecertification(tx, { learning, roster: org.roster, today })
		return {
			people: org.people,
			kbViews: knowledge.views,
			examAttempts: learning.attempts,
			kpiRecords: performance.records,
			pairings: mentoring.pairings,
			coachingSessions: mentoring.coachingSessions,
			mentoringAssignments: mentoring.assignments,
			sharingSessions: sharing.sessions,
			sessionRsvps: sharing.rsvps,
			sessionAttendance: sharing.attendance,
			sessionFeedback: sharing.feedback,
			articleDraft: sharing.articleDraft,
			productRetests: recertification.retests,
			hrId: org.ids.get('hr@example.com')!,
			ids: org.ids,
		}
	})
	const { articleDraft, hrId, ids, ...counts } = seeded
	// Points and badges for the history just seeded, paid through the same hooks as live events (ADR 010).
	const points = backfillPoints(db)
	// What the server would do next: open the alerts the history breaks and store this and last quarter's
	// scores; and HR publishes the sharing session's article, the app's way (publishing compiles MDX, which
	// is async, so it cannot run inside the seed's synchronous transaction).
	if (db === getDb()) {
		const alerts = evaluateAlerts({ today })
		const periods = currentPeriods(today)
		for (const period of [periods.quarter, periods.previousQuarter, ...periods.months.filter((m) => m <= periods.month)]) ensureFresh(period)
		// The hourly upkeep's period close, now: points for indicators on target and the period badges.
		const closed = closeDuePeriods(today)
		const stars = seedStarNominations({ ids, today, previousMonth: previousPeriod(monthOf(today)) })
		let sessionArticles = 0
		if (articleDraft) {
			const published = await publishDraft(articleDraft.draftId, { id: hrId, roles: ['hr_admin'] })
			if (!published.ok) throw new Error(`The demo's sharing article did not publish: ${JSON.stringify(published)}`)
			sessionArticles++
		}
		return { ...counts, sessionArticles, alerts: alerts.length, pointsBackfilled: points.ledgerRows, badges: points.badges, periodsClosed: closed.length, starNominations: stars.nominations }
	}
	return { ...counts, sessionArticles: 0, alerts: 0, pointsBackfilled: points.ledgerRows, badges: points.badges, periodsClosed: 0, starNominations: 0 }
}

export function isEmpty(db: Db) {
	return (db.get<{ n: number }>(sql`select count(*) as n from ${users}`)?.n ?? 0) === 0
}
