import fs from 'node:fs'
import path from 'node:path'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { getDb, type Db } from '#db/client.server.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { kbFrontmatterSchema, type ArticleType } from '#app/modules/knowledge/frontmatter.ts'
import { deleteArticle, upsertArticle, type ArticleInput } from '#app/modules/knowledge/index.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { compileMdx, mdxToPlainText, readFrontmatter } from './mdx.server.ts'

const KB_FOLDERS: Record<string, ArticleType> = { objections: 'objection', cases: 'case', faq: 'faq' }
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export type ContentProblem = { file: string; field: string; reason: string }

export class ContentSyncError extends Error {
	constructor(readonly problems: ContentProblem[]) {
		super(`Content sync failed:\n${problems.map((p) => `  ${p.file}: ${p.field}: ${p.reason}`).join('\n')}`)
		this.name = 'ContentSyncError'
	}
}

export type SyncReport = { compiled: string[]; unchanged: number; removed: string[] }

function hashOf(text: string) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)))
}

/**
 * Validates and compiles content/kb; writes every change in one transaction, or nothing when any
 * file is wrong. Files whose hash is unchanged are not recompiled.
 */
export async function syncContent({ root = 'content', db = getDb() }: { root?: string; db?: Db } = {}): Promise<SyncReport> {
	const problems: ContentProblem[] = []
	const existing = new Map(
		db
			.select({ slug: kbArticles.slug, hash: kbArticles.contentHash })
			.from(kbArticles)
			.all()
			.map((r) => [r.slug, r.hash]),
	)
	const seen = new Map<string, string>()
	const changed: ArticleInput[] = []
	const relatedBySlug = new Map<string, string[]>()
	let unchanged = 0

	for (const [folder, type] of Object.entries(KB_FOLDERS)) {
		const dir = path.join(root, 'kb', folder)
		if (!fs.existsSync(dir)) continue
		for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.mdx')).sort()) {
			const file = path.join(dir, name)
			const shown = path.relative(process.cwd(), path.resolve(file))
			const slug = name.slice(0, -'.mdx'.length)
			if (!SLUG.test(slug)) {
				problems.push({ file: shown, field: '(file name)', reason: 'slug must be lower-case letters, digits and dashes' })
				continue
			}
			if (seen.has(slug)) {
				problems.push({ file: shown, field: '(file name)', reason: `slug "${slug}" is also used by ${seen.get(slug)}` })
				continue
			}
			seen.set(slug, shown)
			const source = fs.readFileSync(file, 'utf8')
			let fm: ReturnType<typeof readFrontmatter>
			try {
				fm = readFrontmatter(source)
			} catch (error) {
				problems.push({ file: shown, field: '(frontmatter)', reason: `YAML error: ${(error as Error).message.split('\n')[0]}` })
				continue
			}
			const parsed = kbFrontmatterSchema.safeParse(fm.data)
			if (!parsed.success) {
				for (const issue of parsed.error.issues)
					problems.push({ file: shown, field: issue.path.join('.') || '(frontmatter)', reason: issue.message })
				continue
			}
			const meta = parsed.data
			if (meta.type !== type) {
				problems.push({ file: shown, field: 'type', reason: `is "${meta.type}" but the file is in kb/${folder}/ (${type})` })
				continue
			}
			relatedBySlug.set(slug, meta.related)
			const hash = hashOf(source)
			if (existing.get(slug) === hash) {
				unchanged++
				continue
			}
			let code: string
			let bodyText: string
			try {
				code = await compileMdx(source, dir)
				bodyText = mdxToPlainText(fm.body)
			} catch (error) {
				problems.push({ file: shown, field: '(body)', reason: `MDX error: ${(error as Error).message.split('\n')[0]}` })
				continue
			}
			changed.push({
				slug,
				type: meta.type,
				title: meta.title,
				titleEn: meta.title_en,
				summary: meta.summary,
				summaryEn: meta.summary_en,
				tags: meta.tags,
				products: meta.products,
				stage: meta.stage ?? null,
				objectionCategory: meta.objection_category ?? null,
				positions: meta.positions,
				indicators: meta.indicators,
				related: meta.related,
				author: meta.author,
				updatedOn: meta.updated,
				verifiedBy: meta.verified_by ?? null,
				verifiedOn: meta.verified_at ?? null,
				code,
				bodyText,
				contentHash: hash,
				sourcePath: shown,
				syncedAt: now(),
			})
		}
	}
	for (const [slug, related] of relatedBySlug)
		for (const other of related)
			if (!seen.has(other)) problems.push({ file: seen.get(slug)!, field: 'related', reason: `no article with slug "${other}"` })

	if (problems.length) throw new ContentSyncError(problems)

	const removed = [...existing.keys()].filter((slug) => !seen.has(slug))
	db.transaction((tx) => {
		for (const article of changed) upsertArticle(tx, article)
		for (const slug of removed) deleteArticle(tx, slug)
	})
	return { compiled: changed.map((a) => a.slug), unchanged, removed }
}
