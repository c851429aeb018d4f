/**
 * Pure rules for turning a sharing session's notes into a knowledge-base article draft: its slug, type,
 * titles, summaries and MDX body, and the whole MDX source (frontmatter + body) HR publishes. Notes are
 * plain markdown typed by an organiser, so whatever MDX would read as code (`{`, `}`, `<`, a line
 * starting with `import`/`export`) is escaped: a note can never break compilation. No database here.
 */
import { stringify } from 'yaml'
import { articlePositions, indicatorCodes } from '#app/modules/knowledge/frontmatter.ts'
import { shanghaiParts } from './rules.ts'

export const sessionArticleTypes = ['case', 'method'] as const
export type SessionArticleType = (typeof sessionArticleTypes)[number]

/** The frontmatter's limits (app/modules/knowledge/frontmatter.ts). */
export const ARTICLE_TITLE_MAX = 80
export const ARTICLE_TITLE_EN_MAX = 140
export const ARTICLE_SUMMARY_MAX = 200
export const ARTICLE_SUMMARY_EN_MAX = 400
export const ARTICLE_AUTHOR_MAX = 40
const TAG_MAX = 20
const TAGS_MAX = 12
/** Every session article carries this tag, so the KB can list them together. */
export const SESSION_TAG = '经验分享会'

export type SessionForArticle = {
	id: number
	title: string
	topic: string
	notes: string
	recordingUrl: string | null
	speakers: readonly string[]
	startsAt: Date
	endsAt: Date
	indicators: readonly string[]
	tags: readonly string[]
}

export type ArticleDraft = {
	slug: string
	type: SessionArticleType
	title: string
	titleEn: string
	summary: string
	summaryEn: string
	body: string
	indicators: string[]
	tags: string[]
}

/** `session-<id>-<yyyymm>`, the month in Shanghai time. */
export function sessionArticleSlug(sessionId: number, startsAt: Date): string {
	const { date } = shanghaiParts(startsAt)
	return `session-${sessionId}-${date.slice(0, 4)}${date.slice(5, 7)}`
}

/** Cut to `max` characters (code points, so no half surrogate pair), marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
	const chars = [...text.trim()]
	if (chars.length <= max) return chars.join('')
	return `${chars
		.slice(0, max - 1)
		.join('')
		.trimEnd()}…`
}

const FENCE = /^\s*(`{3,}|~{3,})/

/** Escapes `{`, `}` and `<` in markdown text that holds no fenced code, leaving inline code spans as they are. */
function escapeText(text: string): string {
	let out = ''
	let i = 0
	while (i < text.length) {
		const ch = text[i]!
		if (ch === '`') {
			let n = 1
			while (text[i + n] === '`') n++
			const ticks = '`'.repeat(n)
			// A code span closes with a run of exactly as many backticks.
			let close = text.indexOf(ticks, i + n)
			while (close >= 0 && (text[close + n] === '`' || text[close - 1] === '`')) {
				let end = close
				while (text[end] === '`') end++
				close = text.indexOf(ticks, end)
			}
			if (close >= 0) {
				out += text.slice(i, close + n)
				i = close + n
			} else {
				out += ticks
				i += n
			}
			continue
		}
		if (ch === '\\' && i + 1 < text.length) {
			// An existing escape stays one: `\{` must not become `\\{`.
			out += text.slice(i, i + 2)
			i += 2
			continue
		}
		out += ch === '{' || ch === '}' || ch === '<' ? `\\${ch}` : ch
		i++
	}
	// MDX reads a line starting with `import ` or `export ` as JavaScript.
	return out.replace(/^([ \t]*)(i)(mport\b)|^([ \t]*)(e)(xport\b)/gm, (_m, s1, i1, r1, s2, e2, r2) =>
		s1 !== undefined ? `${s1}&#${i1.charCodeAt(0)};${r1}` : `${s2}&#${e2.charCodeAt(0)};${r2}`,
	)
}

/**
 * Plain notes made safe for MDX: `{`, `}` and `<` outside code are escaped, and lines that MDX would
 * take for an import or export are defused. Fenced code blocks and inline code are left alone.
 */
export function escapeMdx(markdown: string): string {
	const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
	const out: string[] = []
	let prose: string[] = []
	let fence: string | null = null
	const flush = () => {
		if (prose.length) out.push(escapeText(prose.join('\n')))
		prose = []
	}
	for (const line of lines) {
		const marker = FENCE.exec(line)?.[1]
		if (fence === null) {
			if (marker) {
				flush()
				fence = marker
				out.push(line)
			} else prose.push(line)
			continue
		}
		out.push(line)
		if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null
	}
	flush()
	return out.join('\n')
}

/** Markdown reduced to readable text: no heading marks, emphasis, code ticks or link targets. */
function plainText(markdown: string): string {
	return markdown
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
		.replace(/(\*\*|__|\*|_|~~|`+)/g, '')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
}

/** The first paragraph of the notes as plain text (headings and code blocks skipped), at most `max` characters. */
export function summaryOf(notes: string, max = ARTICLE_SUMMARY_MAX): string {
	const blocks = notes.replace(/\r\n?/g, '\n').split(/\n\s*\n/)
	let inFence = false
	for (const block of blocks) {
		const trimmed = block.trim()
		const fences = (trimmed.match(/^\s*(`{3,}|~{3,})/gm) ?? []).length
		const wasInFence = inFence
		if (fences % 2 === 1) inFence = !inFence
		if (wasInFence || fences > 0 || !trimmed) continue
		if (/^#{1,6}\s/.test(trimmed) && !trimmed.includes('\n')) continue
		const text = plainText(trimmed)
		if (text) return clip(text, max)
	}
	return ''
}

/** Only http(s) links make it into the article; spaces and parentheses would end a markdown link early. */
function safeLink(url: string | null): string | null {
	if (!url) return null
	let parsed: URL
	try {
		parsed = new URL(url.trim())
	} catch {
		return null
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
	return parsed.href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}

/** The speakers as an article author (顿号-separated, within the frontmatter limit). */
export function authorOf(speakers: readonly string[], fallback: string): string {
	const names = speakers.map((s) => s.trim()).filter(Boolean)
	return clip(names.length ? names.join('、') : fallback, ARTICLE_AUTHOR_MAX)
}

/** The section after the notes: which session, when (Shanghai) and who spoke, and the recording. */
export function sessionSection(session: Pick<SessionForArticle, 'title' | 'startsAt' | 'endsAt' | 'speakers' | 'recordingUrl'>): string {
	const start = shanghaiParts(session.startsAt)
	const end = shanghaiParts(session.endsAt)
	const when = start.date === end.date ? `${start.date} ${start.time}–${end.time}` : `${start.date} ${start.time} – ${end.date} ${end.time}`
	const lines = ['## 关于这次分享会', '', `- 分享会：${escapeText(session.title.replace(/\s+/g, ' ').trim())}`, `- 时间：${when}（北京时间）`]
	const speakers = session.speakers.map((s) => s.trim()).filter(Boolean)
	if (speakers.length) lines.push(`- 主讲：${escapeText(speakers.join('、'))}`)
	const recording = safeLink(session.recordingUrl)
	if (recording) lines.push(`- 录像：[观看录像](${recording})`)
	return lines.join('\n')
}

function draftTags(tags: readonly string[]): string[] {
	const kept = [SESSION_TAG, ...tags.map((t) => t.trim())].filter((t) => t && [...t].length <= TAG_MAX)
	return [...new Set(kept)].slice(0, TAGS_MAX)
}

/**
 * The draft for a session: slug, the organiser's type, titles (English defaults to the Chinese), the
 * first paragraph of the notes as summary (the topic when the notes have none), and the body: the
 * escaped notes, then the session section. Indicators are kept only when the KB knows the code.
 */
export function buildArticleDraft(
	session: SessionForArticle,
	type: SessionArticleType,
	{ titleEn, summaryEn }: { titleEn?: string | null; summaryEn?: string | null } = {},
): ArticleDraft {
	const title = clip(session.title.replace(/\s+/g, ' '), ARTICLE_TITLE_MAX)
	const summary = summaryOf(session.notes) || clip(plainText(session.topic), ARTICLE_SUMMARY_MAX) || title
	const body = `${escapeMdx(session.notes.trim())}\n\n${sessionSection(session)}\n`
	return {
		slug: sessionArticleSlug(session.id, session.startsAt),
		type,
		title,
		titleEn: clip(titleEn?.trim() || session.title.replace(/\s+/g, ' '), ARTICLE_TITLE_EN_MAX),
		summary,
		summaryEn: clip(summaryEn?.trim() || summary, ARTICLE_SUMMARY_EN_MAX),
		body,
		indicators: session.indicators.filter((code) => (indicatorCodes as readonly string[]).includes(code)),
		tags: draftTags(session.tags),
	}
}

/**
 * The whole MDX source of a draft, as a file under content/kb/ would hold it: frontmatter that
 * `kbFrontmatterSchema` accepts (every position type; author the speakers; `updated` the publishing
 * day), then the body.
 */
export function articleSource(
	draft: Pick<ArticleDraft, 'type' | 'title' | 'titleEn' | 'summary' | 'summaryEn' | 'body' | 'indicators' | 'tags'>,
	{ author, updated }: { author: string; updated: string },
): string {
	const frontmatter = {
		title: draft.title,
		title_en: draft.titleEn,
		summary: draft.summary,
		summary_en: draft.summaryEn,
		type: draft.type,
		tags: draft.tags,
		positions: [...articlePositions],
		indicators: draft.indicators,
		author,
		updated,
	}
	return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${draft.body.trim()}\n`
}

/** How many lines the frontmatter of `articleSource` takes, so a compiler's line maps back to the body. */
export function bodyLineOffset(source: string): number {
	const end = source.indexOf('\n---\n', 4)
	if (!source.startsWith('---\n') || end < 0) return 0
	// "---", the YAML lines, the closing "---" and the blank line after it.
	return source.slice(0, end).split('\n').length + 2
}
