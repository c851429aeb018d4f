import { z } from 'zod'

/** A one-time message carried across a redirect, as an i18n key plus its values. */
export const toastSchema = z.object({
	kind: z.enum(['success', 'error', 'info']).default('success'),
	key: z.string(),
	values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})
export type Toast = z.infer<typeof toastSchema>
