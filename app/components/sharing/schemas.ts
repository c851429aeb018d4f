import { z } from 'zod'
import { NOTES_MAX } from '#app/modules/sharing/rules.ts'

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

/** Same limit as `REVIEW_NOTE_MAX` in publish.server.ts. */
export const REVIEW_NOTE_MAX = 500

/** The organiser's notes (Markdown) and recording link (https only); both optional, empty clears. */
export const notesSchema = z.object({
	notes: z.string().max(NOTES_MAX, { error: 'sharing.errors.tooLong' }).optional(),
	recordingUrl: z
		.string()
		.trim()
		.optional()
		.refine((v) => !v || /^https:\/\/\S+$/.test(v), { error: 'sharing.errors.recordingUrl' }),
})

/** "Publish as knowledge": the article type. */
export const draftSchema = z.object({
	type: z.enum(['case', 'method'], { error: 'sharing.errors.articleType' }),
})

/** HR publishes a draft, with optional edits of its type, title, summary and body. */
export const publishSchema = z.object({
	draftId: z.coerce.number().int().positive(),
	type: z.enum(['case', 'method'], { error: 'sharing.errors.articleType' }).optional(),
	title: z.string().optional(),
	titleEn: z.string().optional(),
	summary: z.string().optional(),
	summaryEn: z.string().optional(),
	body: z.string().optional(),
})

/** HR sends a draft back with a note. */
export const rejectSchema = z.object({
	draftId: z.coerce.number().int().positive(),
	note: z.string({ error: 'sharing.errors.required' }).trim().min(1, { error: 'sharing.errors.required' }).max(REVIEW_NOTE_MAX, { error: 'sharing.errors.tooLong' }),
})
