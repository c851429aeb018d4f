import { z } from 'zod'
import { isIsoDate } from '#app/utils/dates.ts'

/** `method` (方法): a way of working, written up from a sharing session's notes (or a file in kb/methods/). */
export const articleTypes = ['case', 'objection', 'faq', 'method'] as const
export type ArticleType = (typeof articleTypes)[number]

export const salesStages = ['lead', 'qualify', 'propose', 'negotiate', 'close', 'renew'] as const
export type SalesStage = (typeof salesStages)[number]

export const objectionCategories = [
	'price',
	'budget',
	'competitor',
	'timing',
	'authority',
	'need',
	'trust',
	'contract',
	'security',
	'implementation',
	'incumbent',
	'stall',
] as const
export type ObjectionCategory = (typeof objectionCategories)[number]

// Mirrors db/schema/auth.ts positionTypes; pure rules may not import the schema.
export const articlePositions = ['sales_rep', 'marketing', 'customer_success'] as const

/** KPI indicator codes (GLOSSARY); later issues recommend content for a weak indicator through these. */
export const indicatorCodes = [
	'revenue',
	'new_customers',
	'lead_conversion',
	'weekly_visits',
	'complaint_satisfaction',
	'leads',
	'campaign_conversion',
	'content_reach',
	'channel_engagement',
	'report_quality',
	'renewal_rate',
	'expansion_revenue',
	'followup_frequency',
	'resolution_time',
	'training_coverage',
	'product_knowledge_score',
] as const

const date = z
	.string({ error: 'must be a date written YYYY-MM-DD' })
	.refine(isIsoDate, { error: 'must be a date written YYYY-MM-DD' })

const nonEmpty = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`)

/** The frontmatter of content/kb/{cases,objections,faq,methods}/<slug>.mdx. Documented in content/README.md. */
export const kbFrontmatterSchema = z
	.object({
		title: nonEmpty(80),
		title_en: nonEmpty(140),
		summary: nonEmpty(200),
		summary_en: nonEmpty(400),
		type: z.enum(articleTypes),
		tags: z.array(nonEmpty(20)).min(1, 'needs at least one tag').max(12),
		products: z.array(nonEmpty(40)).default([]),
		stage: z.enum(salesStages).optional(),
		objection_category: z.enum(objectionCategories).optional(),
		positions: z.array(z.enum(articlePositions)).min(1, 'name at least one position type'),
		indicators: z.array(z.enum(indicatorCodes)).default([]),
		related: z.array(z.string().regex(/^[a-z0-9-]+$/, 'slugs are lower-case letters, digits and dashes')).default([]),
		author: nonEmpty(40),
		updated: date,
		verified_by: nonEmpty(40).optional(),
		verified_at: date.optional(),
	})
	.strict()
	.superRefine((fm, ctx) => {
		if (fm.type === 'objection' && !fm.objection_category)
			ctx.addIssue({ code: 'custom', path: ['objection_category'], message: 'an objection script needs objection_category' })
		if (Boolean(fm.verified_by) !== Boolean(fm.verified_at))
			ctx.addIssue({ code: 'custom', path: ['verified_at'], message: 'verified_by and verified_at go together' })
	})

export type KbFrontmatter = z.output<typeof kbFrontmatterSchema>
