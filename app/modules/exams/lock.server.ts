import { data } from '@remix-run/node'
import { openClosedBookAttempt } from './attempts.server.ts'

export type ExamLock = { href: string; title: string; titleEn: string; endsAt: string }

/** The lock, if the person has a closed-book attempt open now. */
export function examLockFor(userId: number): ExamLock | null {
	const open = openClosedBookAttempt(userId)
	if (!open) return null
	return {
		href: `/exams/${open.slug}/attempts/${open.attemptId}`,
		title: open.title,
		titleEn: open.titleEn,
		endsAt: open.endsAt.toISOString(),
	}
}

/**
 * Closed book: while a closed-book attempt is open, knowledge-base pages, search, API calls and
 * lessons answer 423 Locked with the exam to go back to. Call it in every such loader and action.
 */
export function requireKnowledgeUnlocked(userId: number) {
	const lock = examLockFor(userId)
	if (lock) throw data({ examLock: lock }, { status: 423, headers: { 'Cache-Control': 'no-store' } })
}
