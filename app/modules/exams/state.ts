import type { Tier } from '#app/modules/learning/tier.ts'

/** Where a person stands with one exam, and so what its page offers: start, resume or the result. */
export type ExamState =
	| { kind: 'ready'; attemptsLeft: number }
	| { kind: 'open'; attemptId: number; endsAt: Date }
	/** Another exam's attempt is open: one exam at a time. */
	| { kind: 'busy'; href: string; title: string; titleEn: string }
	| { kind: 'passed'; bestScore: number; passedAt: Date; attemptId: number }
	| { kind: 'cooldown'; until: Date; attemptsLeft: number; lastAttemptId: number }
	| { kind: 'no_attempts_left'; lastAttemptId: number }
	| { kind: 'tier_locked'; tier: Tier; opensOn: string | null; missing: string[] }
