import { z } from 'zod'

/**
 * The page-level forms that `rules.ts` has no schema for (the RSVP answer, marking attendance,
 * cancelling). Shared by the forms and the actions.
 */

/** Same limit as `CANCEL_REASON_MAX` in sessions.server.ts (which the browser bundle cannot import). */
export const CANCEL_REASON_MAX = 500

export const rsvpSchema = z.object({
	answer: z.enum(['going', 'declined'], { error: 'sharing.errors.required' }),
})

export const markSchema = z.object({
	userIds: z.array(z.coerce.number().int().positive(), { error: 'sharing.errors.person' }).min(1, { error: 'sharing.errors.required' }),
})

export const cancelSchema = z.object({
	reason: z.string({ error: 'sharing.errors.required' }).trim().min(1, { error: 'sharing.errors.required' }).max(CANCEL_REASON_MAX, { error: 'sharing.errors.tooLong' }),
})
