import { z } from 'zod'

const schema = z.object({
	NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	DATABASE_PATH: z.string().min(1).default('data/ascent.db'),
	/** Extra origins allowed to post forms, comma-separated (e.g. the public URL behind a proxy). */
	ALLOWED_ORIGINS: z
		.string()
		.default('')
		.transform((s) =>
			s
				.split(',')
				.map((o) => o.trim())
				.filter(Boolean),
		)
		.pipe(z.array(z.url())),
	/** Trust X-Forwarded-For / X-Forwarded-Proto from one proxy hop. */
	TRUST_PROXY: z
		.enum(['true', 'false', '1', '0'])
		.default('false')
		.transform((v) => v === 'true' || v === '1'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	/** A fixed "now" (ISO 8601) for demos and end-to-end tests; real time when unset. */
	ASCENT_NOW: z.iso.datetime({ offset: true }).optional(),
})

export type Env = z.infer<typeof schema>

let cached: Env | undefined

/** Parses process.env once; a bad value stops start-up with every problem listed. */
export function getEnv(): Env {
	if (cached) return cached
	const parsed = schema.safeParse(process.env)
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
		throw new Error(`Invalid environment variables:\n${problems}`)
	}
	cached = parsed.data
	return cached
}
