import { z } from 'zod'
import { indicatorCodes } from '#app/modules/knowledge/frontmatter.ts'

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`)

/** content/tracks/<tier>/<module>/module.yaml, documented in content/README.md. */
export const moduleSchema = z
	.object({
		title: text(40),
		title_en: text(80),
		summary: text(200),
		summary_en: text(400),
		order: z.number().int().min(1).max(99),
	})
	.strict()

/** The frontmatter of content/tracks/<tier>/<module>/<lesson>.mdx, documented in content/README.md. */
export const lessonFrontmatterSchema = z
	.object({
		title: text(80),
		title_en: text(140),
		summary: text(200),
		summary_en: text(400),
		minutes: z.number().int().min(1).max(120),
		order: z.number().int().min(1).max(99),
		indicators: z.array(z.enum(indicatorCodes)).default([]),
		required: z.boolean(),
	})
	.strict()

export type ModuleMeta = z.output<typeof moduleSchema>
export type LessonFrontmatter = z.output<typeof lessonFrontmatterSchema>
