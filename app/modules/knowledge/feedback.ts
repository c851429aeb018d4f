import { z } from 'zod'

export const FEEDBACK_COMMENT_MAX = 500

/** "Was this helpful?" as the article page's form sends it; the browser and the action both check it. */
export const feedbackSchema = z.object({
	intent: z.literal('feedback'),
	helpful: z.enum(['yes', 'no'], { error: 'validation.required' }),
	comment: z.string().trim().max(FEEDBACK_COMMENT_MAX, { error: 'kb.commentTooLong' }).optional(),
})
