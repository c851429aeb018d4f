/**
 * Pure search text rules: normalisation, the short-term tokens, query parsing and term routing,
 * highlighting. The index and the queries both go through `normalize`, so what "contains" means is
 * the same everywhere: a normalised substring.
 */

export const MAX_QUERY_LENGTH = 200
export const MAX_TERMS = 8

const WORD_CHAR = /[\p{L}\p{N}]/u

function normalizeChar(ch: string): string {
	// NFKC folds full-width Latin, digits and punctuation to half-width (ＡＢＣ１２３ → abc123).
	const folded = ch.normalize('NFKC').toLowerCase()
	return /\s/.test(folded) ? ' ' : folded
}

/** Normalised text, plus for each normalised UTF-16 unit the index of the original it came from. */
export function normalizeWithMap(text: string): { text: string; map: number[] } {
	let out = ''
	const map: number[] = []
	let index = 0
	for (const ch of text) {
		const n = normalizeChar(ch)
		out += n
		for (let i = 0; i < n.length; i++) map.push(index)
		index += ch.length
	}
	map.push(index)
	return { text: out, map }
}

export function normalize(text: string): string {
	let out = ''
	for (const ch of text) out += normalizeChar(ch)
	return out
}

/**
 * The tokens of the short-term index: every single word character and every pair of adjacent word
 * characters (CJK, Latin letters, digits), within runs unbroken by space or punctuation.
 * "保险风险" → 保 险 风 险 保险 险风 风险.
 */
export function shortTokens(normalized: string): string {
	const out: string[] = []
	const chars = Array.from(normalized)
	let prev: string | null = null
	for (const ch of chars) {
		if (WORD_CHAR.test(ch)) {
			out.push(ch)
			if (prev !== null) out.push(prev + ch)
			prev = ch
		} else {
			prev = null
		}
	}
	return out.join(' ')
}

export type Term = { text: string; index: 'trigram' | 'short' }

export type ParsedQuery = {
	/** The query as searched (trimmed, at most MAX_QUERY_LENGTH characters). */
	display: string
	normalized: string
	terms: Term[]
	truncated: boolean
}

/**
 * Splits a query into AND-ed terms and routes each: 3+ characters to the trigram index (exact
 * substring), 1–2 word characters to the short-term index. Syntax characters are only ever text.
 */
export function parseQuery(raw: string | null | undefined): ParsedQuery {
	const trimmed = (raw ?? '').trim()
	const chars = Array.from(trimmed)
	const truncated = chars.length > MAX_QUERY_LENGTH
	const display = truncated ? chars.slice(0, MAX_QUERY_LENGTH).join('').trim() : trimmed
	const normalized = normalize(display).replace(/\s+/g, ' ').trim()
	const terms: Term[] = []
	const seen = new Set<string>()
	for (const word of normalized.split(' ')) {
		const length = Array.from(word).length
		let term: Term | null = null
		if (length >= 3) term = { text: word, index: 'trigram' }
		else {
			// A 1–2 character term is looked up by its word characters; "3%" searches "3".
			const letters = Array.from(word).filter((ch) => WORD_CHAR.test(ch)).join('')
			if (letters) term = { text: letters, index: 'short' }
		}
		if (term && !seen.has(term.text)) {
			seen.add(term.text)
			terms.push(term)
		}
		if (terms.length === MAX_TERMS) break
	}
	return { display, normalized, terms, truncated }
}

/** An FTS5 MATCH string that means exactly this text: one quoted phrase, quotes doubled. */
export function ftsPhrase(text: string): string {
	return `"${text.replaceAll('"', '""')}"`
}

/** Plain substring semantics, the ground truth the index is measured against. */
export function containsAllTerms(normalizedText: string, terms: readonly Term[]): boolean {
	return terms.every((t) => normalizedText.includes(t.text))
}

export type Segment = { text: string; hit: boolean }

/** Splits `text` into runs, marking where any term occurs (case- and width-insensitive). */
export function highlight(text: string, terms: readonly Term[]): Segment[] {
	const { text: norm, map } = normalizeWithMap(text)
	const marks = new Array<boolean>(text.length).fill(false)
	for (const term of terms) {
		let from = 0
		for (;;) {
			const at = norm.indexOf(term.text, from)
			if (at < 0) break
			for (let i = map[at]!; i < map[at + term.text.length]!; i++) marks[i] = true
			from = at + 1
		}
	}
	const segments: Segment[] = []
	for (let i = 0; i < text.length; i++) {
		const last = segments[segments.length - 1]
		if (last && last.hit === marks[i]) last.text += text[i]
		else segments.push({ text: text[i]!, hit: marks[i]! })
	}
	return segments
}

/** A window of the text around the first hit (or its start), about `size` characters long. */
export function snippet(text: string, terms: readonly Term[], size = 120): string {
	const flat = text.replace(/\s+/g, ' ').trim()
	const { text: norm, map } = normalizeWithMap(flat)
	let first = -1
	for (const term of terms) {
		const at = norm.indexOf(term.text)
		if (at >= 0 && (first < 0 || at < first)) first = at
	}
	if (first < 0) return flat.length > size ? `${flat.slice(0, size)}…` : flat
	const center = map[first]!
	const start = Math.max(0, center - Math.floor(size / 3))
	const end = Math.min(flat.length, start + size)
	return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`
}

// Words too common to narrow anything down when a phrase is relaxed into its words.
const STOP_WORDS = new Set(['你们', '我们', '他们', '她们', '已经', '一下', '这个', '那个', '什么', '怎么', '就是', '还是', '可以', '一个', '现在', '觉得', '时候', '比较', '因为', '所以', '但是', '如果'])

/**
 * The words of a query that found nothing as typed ("你们比竞品贵了30%"), given a segmenter: each
 * of at least two characters, common words dropped, deduplicated. Searched with OR and ranked by how
 * many of them an article contains.
 */
export function relaxedTerms(query: ParsedQuery, segment: (text: string) => string[]): Term[] {
	const words = new Set<string>()
	for (const term of query.terms) {
		if (Array.from(term.text).length < 3) continue
		for (const word of segment(term.text)) {
			const w = word.trim()
			const length = Array.from(w).length
			if (length >= 2 && !STOP_WORDS.has(w) && w !== term.text && /[\p{L}\p{N}]/u.test(w)) words.add(w)
		}
	}
	return [...words].slice(0, MAX_TERMS).map((text) => ({ text, index: Array.from(text).length >= 3 ? 'trigram' : 'short' }))
}
