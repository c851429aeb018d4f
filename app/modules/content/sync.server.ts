import fs from 'node:fs'
import path from 'node:path'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { getDb, type Db } from '#db/client.server.ts'
import { exams } from '#db/schema/exams.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { lessons, trackModules } from '#db/schema/learning.ts'
import { examBankSchema, normaliseQuestions, type BankQuestion } from '#app/modules/exams/bank.ts'
import { removeExam, upsertExam, type ExamInput } from '#app/modules/exams/bank.server.ts'
import { lessonFrontmatterSchema, moduleSchema } from '#app/modules/learning/content.ts'
import { replaceTrack, type LessonInput, type ModuleInput } from '#app/modules/learning/content.server.ts'
import { tiers, type Tier } from '#app/modules/learning/tier.ts'
import { kbFrontmatterSchema, type ArticleType, type KbFrontmatter } from '#app/modules/knowledge/frontmatter.ts'
import { deleteArticle, upsertArticle, type ArticleInput } from '#app/modules/knowledge/index.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { compileMdx, mdxToPlainText, readFrontmatter } from './mdx.server.ts'

const KB_FOLDERS: Record<string, ArticleType> = { objections: 'objection', cases: 'case', faq: 'faq', methods: 'method' }
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export type ContentProblem = { file: string; field: string; reason: string }

export class ContentSyncError extends Error {
	constructor(readonly problems: ContentProblem[]) {
		super(`Content sync failed:\n${problems.map((p) => `  ${p.file}: ${p.field}: ${p.reason}`).join('\n')}`)
		this.name = 'ContentSyncError'
	}
}

/**
 * Articles HR published from a sharing session's notes carry `sessions/<sessionId>` as their source:
 * they live only in the database, so the sync neither removes them nor lets a file overwrite them.
 */
export const SESSION_SOURCE_PREFIX = 'sessions/'

export function isSessionArticle(sourcePath: string) {
	return sourcePath.startsWith(SESSION_SOURCE_PREFIX)
}

/** A file skipped because its slug belongs to an article published from a sharing session. */
export type SkippedFile = { file: string; slug: string; reason: string }

type Counts = { compiled: string[]; unchanged: number; removed: string[] }
/** The top-level counts are the knowledge base's; `skipped` lists KB files that clash with a session article. */
export type SyncReport = Counts & { skipped: SkippedFile[]; lessons: Counts; exams: Counts }

function hashOf(text: string) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)))
}

/** Validates and compiles content/kb/**; unchanged files (by hash) are not recompiled. */
async function collectKb(root: string, db: Db, problems: ContentProblem[]) {
	const rows = db.select({ slug: kbArticles.slug, hash: kbArticles.contentHash, sourcePath: kbArticles.sourcePath }).from(kbArticles).all()
	const existing = new Map(rows.filter((r) => !isSessionArticle(r.sourcePath)).map((r) => [r.slug, r.hash]))
	const fromSessions = new Map(rows.filter((r) => isSessionArticle(r.sourcePath)).map((r) => [r.slug, r.sourcePath]))
	const seen = new Map<string, string>()
	const changed: ArticleInput[] = []
	const skipped: SkippedFile[] = []
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
			if (fromSessions.has(slug)) {
				// Skipped, not failed: the clash comes from the database, and a deploy's sync must not stop on it.
				skipped.push({ file: shown, slug, reason: `slug "${slug}" belongs to the article published from ${fromSessions.get(slug)}` })
				continue
			}
			seen.set(slug, shown)
			const read = readMdx(file, shown, kbFrontmatterSchema, problems)
			if (!read) continue
			const { source, body, meta } = read
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
			try {
				changed.push(await kbArticleInput({ source, body, meta, slug, sourcePath: shown, cwd: dir }))
			} catch (error) {
				problems.push({ file: shown, field: '(body)', reason: `MDX error: ${(error as Error).message.split('\n')[0]}` })
				continue
			}
		}
	}
	for (const [slug, related] of relatedBySlug)
		for (const other of related)
			if (!seen.has(other) && !fromSessions.has(other))
				problems.push({ file: seen.get(slug)!, field: 'related', reason: `no article with slug "${other}"` })

	const removed = [...existing.keys()].filter((slug) => !seen.has(slug))
	return { changed, unchanged, removed, skipped }
}

/**
 * A KB MDX source (frontmatter and body) checked against the frontmatter schema; null, with the
 * problems recorded, when it is wrong. The sync reads files through it, the session publisher its draft.
 */
export function readKbSource(source: string, shown: string, problems: ContentProblem[]) {
	return readMdxSource(source, shown, kbFrontmatterSchema, problems)
}

/**
 * The article row for a checked KB source, exactly as the sync writes a file: the body compiled with
 * the project's mdx-bundler path (throws the compiler's error), its plain text for search and snippets.
 */
export async function kbArticleInput({
	source,
	body,
	meta,
	slug,
	sourcePath,
	cwd,
}: {
	source: string
	body: string
	meta: KbFrontmatter
	slug: string
	sourcePath: string
	cwd: string
}): Promise<ArticleInput> {
	const code = await compileMdx(source, cwd)
	const bodyText = mdxToPlainText(body)
	return {
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
		contentHash: hashOf(source),
		sourcePath,
		syncedAt: now(),
	}
}

/**
 * Validates and compiles everything under content/ (knowledge base, tracks, exam banks) and
 * writes every change in one transaction — or nothing, when any file is wrong.
 */
export async function syncContent({ root = 'content', db = getDb() }: { root?: string; db?: Db } = {}): Promise<SyncReport> {
	const problems: ContentProblem[] = []
	const kb = await collectKb(root, db, problems)
	const tracks = await collectTracks(root, db, problems)
	const banks = collectExams(root, db, problems)
	if (problems.length) throw new ContentSyncError(problems)

	const at = now()
	db.transaction((tx) => {
		for (const article of kb.changed) upsertArticle(tx, article)
		for (const slug of kb.removed) deleteArticle(tx, slug)
		for (const track of tracks.tiers) replaceTrack(tx, track.tier, track.modules, track.lessons, track.changed)
		for (const bank of banks.changed) upsertExam(tx, bank.exam, bank.questions)
		for (const slug of banks.removed) removeExam(tx, slug, at)
	})
	return {
		compiled: kb.changed.map((a) => a.slug),
		unchanged: kb.unchanged,
		removed: kb.removed,
		skipped: kb.skipped,
		lessons: { compiled: tracks.compiled, unchanged: tracks.unchanged, removed: tracks.removed },
		exams: { compiled: banks.changed.map((b) => b.exam.slug), unchanged: banks.unchanged, removed: banks.removed },
	}
}

function shownPath(file: string) {
	return path.relative(process.cwd(), path.resolve(file))
}

function zodProblems(file: string, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, whole = '(file)'): ContentProblem[] {
	return issues.map((issue) => ({ file, field: issue.path.map(String).join('.') || whole, reason: issue.message }))
}

/** An MDX file's source, body and frontmatter checked by its schema; null (with the problems recorded) when wrong. */
function readMdx<S extends z.ZodType>(file: string, shown: string, schema: S, problems: ContentProblem[]) {
	return readMdxSource(fs.readFileSync(file, 'utf8'), shown, schema, problems)
}

function readMdxSource<S extends z.ZodType>(source: string, shown: string, schema: S, problems: ContentProblem[]) {
	let fm: ReturnType<typeof readFrontmatter>
	try {
		fm = readFrontmatter(source)
	} catch (error) {
		problems.push({ file: shown, field: '(frontmatter)', reason: `YAML error: ${(error as Error).message.split('\n')[0]}` })
		return null
	}
	const parsed = schema.safeParse(fm.data)
	if (!parsed.success) {
		problems.push(...zodProblems(shown, parsed.error.issues, '(frontmatter)'))
		return null
	}
	return { source, body: fm.body, meta: parsed.data as z.output<S> }
}

function readYamlFile(file: string, problems: ContentProblem[]): unknown {
	try {
		return parseYaml(fs.readFileSync(file, 'utf8'))
	} catch (error) {
		problems.push({ file: shownPath(file), field: '(file)', reason: `YAML error: ${(error as Error).message.split('\n')[0]}` })
		return undefined
	}
}

type TrackPlan = { tier: Tier; modules: ModuleInput[]; lessons: LessonInput[]; changed: Set<string> }

/** content/tracks/<tier>/<module>/{module.yaml,<lesson>.mdx}: lesson slugs are unique within a tier. */
async function collectTracks(root: string, db: Db, problems: ContentProblem[]) {
	const existing = new Map(
		db
			.select({ tier: lessons.tier, slug: lessons.slug, hash: lessons.contentHash })
			.from(lessons)
			.all()
			.map((r) => [`${r.tier}/${r.slug}`, r.hash]),
	)
	const known = new Set(db.select({ tier: trackModules.tier }).from(trackModules).all().map((r) => r.tier))
	const plans: TrackPlan[] = []
	const compiled: string[] = []
	const seenKeys = new Set<string>()
	let unchanged = 0
	const base = path.join(root, 'tracks')
	if (fs.existsSync(base))
		for (const name of fs.readdirSync(base).sort()) {
			if (!fs.statSync(path.join(base, name)).isDirectory()) continue
			if (!(tiers as readonly string[]).includes(name))
				problems.push({ file: shownPath(path.join(base, name)), field: '(folder)', reason: `tier folders are ${tiers.join(', ')}` })
		}
	for (const tier of tiers) {
		const tierDir = path.join(base, tier)
		if (!fs.existsSync(tierDir)) {
			if (known.has(tier)) plans.push({ tier, modules: [], lessons: [], changed: new Set() })
			continue
		}
		const plan: TrackPlan = { tier, modules: [], lessons: [], changed: new Set() }
		const lessonFiles = new Map<string, string>()
		const moduleOrders = new Map<number, string>()
		for (const moduleSlug of fs.readdirSync(tierDir).sort()) {
			const moduleDir = path.join(tierDir, moduleSlug)
			if (!fs.statSync(moduleDir).isDirectory()) continue
			if (!SLUG.test(moduleSlug)) {
				problems.push({ file: shownPath(moduleDir), field: '(folder)', reason: 'module folders are lower-case letters, digits and dashes' })
				continue
			}
			const metaFile = path.join(moduleDir, 'module.yaml')
			if (!fs.existsSync(metaFile)) {
				problems.push({ file: shownPath(moduleDir), field: 'module.yaml', reason: 'every module folder needs a module.yaml' })
				continue
			}
			const raw = readYamlFile(metaFile, problems)
			if (raw === undefined) continue
			const meta = moduleSchema.safeParse(raw)
			if (!meta.success) {
				problems.push(...zodProblems(shownPath(metaFile), meta.error.issues))
				continue
			}
			if (moduleOrders.has(meta.data.order))
				problems.push({ file: shownPath(metaFile), field: 'order', reason: `${meta.data.order} is also the order of module ${moduleOrders.get(meta.data.order)}` })
			moduleOrders.set(meta.data.order, moduleSlug)
			plan.modules.push({
				tier,
				slug: moduleSlug,
				title: meta.data.title,
				titleEn: meta.data.title_en,
				summary: meta.data.summary,
				summaryEn: meta.data.summary_en,
				position: meta.data.order,
				contentHash: hashOf(fs.readFileSync(metaFile, 'utf8')),
			})
			const lessonOrders = new Map<number, string>()
			for (const name of fs.readdirSync(moduleDir).filter((n) => n.endsWith('.mdx')).sort()) {
				const file = path.join(moduleDir, name)
				const shown = shownPath(file)
				const slug = name.slice(0, -'.mdx'.length)
				if (!SLUG.test(slug)) {
					problems.push({ file: shown, field: '(file name)', reason: 'slug must be lower-case letters, digits and dashes' })
					continue
				}
				if (lessonFiles.has(slug)) {
					problems.push({ file: shown, field: '(file name)', reason: `lesson "${slug}" is also ${lessonFiles.get(slug)}; slugs are unique within a tier` })
					continue
				}
				lessonFiles.set(slug, shown)
				const read = readMdx(file, shown, lessonFrontmatterSchema, problems)
				if (!read) continue
				const { source, meta: lf } = read
				if (lessonOrders.has(lf.order))
					problems.push({ file: shown, field: 'order', reason: `${lf.order} is also the order of ${lessonOrders.get(lf.order)}` })
				lessonOrders.set(lf.order, slug)
				const key = `${tier}/${slug}`
				seenKeys.add(key)
				const hash = hashOf(source)
				const input: LessonInput = {
					tier,
					moduleSlug,
					slug,
					title: lf.title,
					titleEn: lf.title_en,
					summary: lf.summary,
					summaryEn: lf.summary_en,
					minutes: lf.minutes,
					position: lf.order,
					indicators: lf.indicators,
					required: lf.required,
					code: '',
					contentHash: hash,
					sourcePath: shown,
					syncedAt: now(),
				}
				if (existing.get(key) === hash) {
					unchanged++
					plan.lessons.push(input)
					continue
				}
				try {
					input.code = await compileMdx(source, moduleDir)
				} catch (error) {
					problems.push({ file: shown, field: '(body)', reason: `MDX error: ${(error as Error).message.split('\n')[0]}` })
					continue
				}
				plan.lessons.push(input)
				plan.changed.add(slug)
				compiled.push(key)
			}
		}
		plans.push(plan)
	}
	const removed = [...existing.keys()].filter((key) => !seenKeys.has(key))
	return { tiers: plans, compiled, unchanged, removed }
}

type BankPlan = { exam: ExamInput; questions: BankQuestion[] }

/** content/exams/<slug>.yaml: strict schema plus the bank's own consistency (answers among options, quotas). */
function collectExams(root: string, db: Db, problems: ContentProblem[]) {
	const existing = new Map(
		db
			.select({ slug: exams.slug, hash: exams.contentHash, retiredAt: exams.retiredAt })
			.from(exams)
			.all()
			.map((r) => [r.slug, r]),
	)
	const changed: BankPlan[] = []
	const seen = new Set<string>()
	let unchanged = 0
	const dir = path.join(root, 'exams')
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort() : []
	for (const name of files) {
		const file = path.join(dir, name)
		const shown = shownPath(file)
		const slug = name.replace(/\.ya?ml$/, '')
		if (!SLUG.test(slug)) {
			problems.push({ file: shown, field: '(file name)', reason: 'slug must be lower-case letters, digits and dashes' })
			continue
		}
		if (seen.has(slug)) {
			problems.push({ file: shown, field: '(file name)', reason: `exam "${slug}" exists as .yaml and .yml` })
			continue
		}
		seen.add(slug)
		const source = fs.readFileSync(file, 'utf8')
		const raw = readYamlFile(file, problems)
		if (raw === undefined) continue
		const parsed = examBankSchema.safeParse(raw)
		if (!parsed.success) {
			problems.push(...zodProblems(shown, parsed.error.issues))
			continue
		}
		const hash = hashOf(source)
		const before = existing.get(slug)
		if (before && before.hash === hash && !before.retiredAt) {
			unchanged++
			continue
		}
		const bank = parsed.data
		changed.push({
			exam: {
				slug,
				title: bank.title,
				titleEn: bank.title_en,
				description: bank.description,
				descriptionEn: bank.description_en,
				tier: bank.tier,
				closedBook: bank.closed_book,
				required: bank.required,
				timeLimitSeconds: bank.time_limit_minutes * 60,
				passMark: bank.pass_mark,
				maxAttempts: bank.max_attempts,
				cooldownMinutes: Math.round(bank.cooldown_hours * 60),
				review: bank.review,
				topics: bank.topics.map((t) => ({ code: t.code, name: t.name, nameEn: t.name_en, draw: t.draw })),
				questionsPerAttempt: bank.topics.reduce((sum, t) => sum + t.draw, 0),
				contentHash: hash,
				sourcePath: shown,
				syncedAt: now(),
			},
			questions: normaliseQuestions(bank),
		})
	}
	const removed = [...existing.entries()].filter(([slug, r]) => !seen.has(slug) && !r.retiredAt).map(([slug]) => slug)
	return { changed, unchanged, removed }
}
