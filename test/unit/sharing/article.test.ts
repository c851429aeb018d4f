import { describe, expect, test } from 'vitest'
import { kbFrontmatterSchema } from '#app/modules/knowledge/frontmatter.ts'
import { readFrontmatter } from '#app/modules/content/mdx.server.ts'
import {
	articleSource,
	authorOf,
	bodyLineOffset,
	buildArticleDraft,
	clip,
	escapeMdx,
	SESSION_TAG,
	sessionArticleSlug,
	summaryOf,
	type SessionForArticle,
} from '#app/modules/sharing/article.ts'

/** Thursday 10 December 2026, 19:00–20:30 in Shanghai. */
const session = (overrides: Partial<SessionForArticle> = {}): SessionForArticle => ({
	id: 7,
	title: '大客户续约的三个节点',
	topic: '续约前 90 天要做什么',
	notes: '续约前 90 天先做使用复盘，再约决策人。\n\n## 过程\n\n第二段。',
	recordingUrl: 'https://meeting.example.com/rec/123',
	speakers: ['王芳', '李雷'],
	startsAt: new Date('2026-12-10T11:00:00Z'),
	endsAt: new Date('2026-12-10T12:30:00Z'),
	indicators: ['renewal_rate', 'not_a_kb_code'],
	tags: ['续约', '大客户'],
	...overrides,
})

describe('slug', () => {
	test.each([
		[7, '2026-12-10T11:00:00Z', 'session-7-202612'],
		[12, '2026-12-31T15:30:00Z', 'session-12-202612'],
		// 1 January 07:00 in Shanghai is still 31 December in UTC: the Shanghai month wins.
		[13, '2026-12-31T23:00:00Z', 'session-13-202701'],
	])('session %i starting %s → %s', (id, at, slug) => {
		expect(sessionArticleSlug(id, new Date(at))).toBe(slug)
	})
})

describe('escaping notes for MDX', () => {
	test.each([
		['braces and angle brackets in prose', '预算 {待定}，报价 <10 万', '预算 \\{待定\\}，报价 \\<10 万'],
		['an HTML-looking tag', '客户说 <b>太贵</b>', '客户说 \\<b>太贵\\</b>'],
		['an HTML comment', '<!-- 内部 -->', '\\<!-- 内部 -->'],
		['inline code is left alone', '用 `{ a: 1 }` 和 {b}', '用 `{ a: 1 }` 和 \\{b\\}'],
		['a double-backtick code span with a backtick inside', '`` a`{b ``, {c}', '`` a`{b ``, \\{c\\}'],
		['an unclosed backtick is text', 'x ` {y}', 'x ` \\{y\\}'],
		['an existing escape is not doubled', 'a \\{ b', 'a \\{ b'],
		['a line starting with import', 'import 数据之前先清洗\n再导入 {x}', '&#105;mport 数据之前先清洗\n再导入 \\{x\\}'],
		['a line starting with export', '  export 报表', '  &#101;xport 报表'],
		['import inside a sentence stays', '先 import 再 export', '先 import 再 export'],
		['nothing to escape', '普通的一段话。', '普通的一段话。'],
	])('%s', (_name, notes, expected) => {
		expect(escapeMdx(notes)).toBe(expected)
	})

	test('fenced code blocks are kept verbatim, prose around them is escaped', () => {
		const notes = ['前 {a}', '```js', 'const x = { y: "<z>" }', '```', '后 <b>', '~~~~', '{ still code }', '~~~', '~~~~', '{c}'].join('\n')
		expect(escapeMdx(notes)).toBe(
			['前 \\{a\\}', '```js', 'const x = { y: "<z>" }', '```', '后 \\<b>', '~~~~', '{ still code }', '~~~', '~~~~', '\\{c\\}'].join('\n'),
		)
	})

	test('an unclosed fence runs to the end, as CommonMark reads it', () => {
		expect(escapeMdx('a {b}\n```\n{c}')).toBe('a \\{b\\}\n```\n{c}')
	})

	test('Windows line endings become newlines', () => {
		expect(escapeMdx('a\r\n{b}')).toBe('a\n\\{b\\}')
	})
})

describe('summary', () => {
	test.each([
		['the first paragraph', '第一段。\n\n第二段。', '第一段。'],
		['a leading heading is skipped', '## 背景\n\n客户年营收 9 亿。', '客户年营收 9 亿。'],
		['a leading code block is skipped', '```\ncode\n```\n\n说明。', '说明。'],
		['markup is removed', '**重点**：看 [报告](https://x.cn) 和 `数据`', '重点：看 报告 和 数据'],
		['a list is read as text', '- 第一点\n- 第二点', '第一点 第二点'],
		['lines of a paragraph are joined', '一行\n两行', '一行 两行'],
		['nothing readable', '## 只有标题', ''],
	])('%s', (_name, notes, expected) => {
		expect(summaryOf(notes)).toBe(expected)
	})

	test('at most 200 characters, the cut marked with an ellipsis', () => {
		const summary = summaryOf('字'.repeat(500))
		expect([...summary]).toHaveLength(200)
		expect(summary.endsWith('…')).toBe(true)
		expect(summaryOf('字'.repeat(200))).toBe('字'.repeat(200))
	})

	test('clip counts characters, not UTF-16 units', () => {
		expect(clip('😀'.repeat(5), 3)).toBe('😀😀…')
	})
})

describe('the draft', () => {
	test('slug, type, titles, summary, indicators the KB knows, tags with the session tag first', () => {
		const draft = buildArticleDraft(session(), 'method')
		expect(draft).toMatchObject({
			slug: 'session-7-202612',
			type: 'method',
			title: '大客户续约的三个节点',
			titleEn: '大客户续约的三个节点',
			summary: '续约前 90 天先做使用复盘，再约决策人。',
			summaryEn: '续约前 90 天先做使用复盘，再约决策人。',
			indicators: ['renewal_rate'],
			tags: [SESSION_TAG, '续约', '大客户'],
		})
	})

	test('English title and summary when given', () => {
		const draft = buildArticleDraft(session(), 'case', { titleEn: 'Three renewal checkpoints', summaryEn: 'Review usage first.' })
		expect(draft).toMatchObject({ type: 'case', titleEn: 'Three renewal checkpoints', summaryEn: 'Review usage first.' })
	})

	test('the body: the notes, then the session, its Shanghai time, speakers and recording', () => {
		const { body } = buildArticleDraft(session({ notes: '价格 {底线} 是 <8 折' }), 'case')
		expect(body).toBe(
			[
				'价格 \\{底线\\} 是 \\<8 折',
				'',
				'## 关于这次分享会',
				'',
				'- 分享会：大客户续约的三个节点',
				'- 时间：2026-12-10 19:00–20:30（北京时间）',
				'- 主讲：王芳、李雷',
				'- 录像：[观看录像](https://meeting.example.com/rec/123)',
				'',
			].join('\n'),
		)
	})

	test.each([
		['no recording', null, null],
		['not a web link', 'javascript:alert(1)', null],
		['parentheses and spaces are encoded', 'https://x.cn/a (1)', '- 录像：[观看录像](https://x.cn/a%20%281%29)'],
	])('recording link: %s', (_name, url, line) => {
		const { body } = buildArticleDraft(session({ recordingUrl: url }), 'case')
		if (line) expect(body).toContain(line)
		else expect(body).not.toContain('录像')
	})

	test('no notes summary falls back to the topic; long titles and tags fit the frontmatter', () => {
		const draft = buildArticleDraft(
			session({ notes: '## 标题而已', title: '题'.repeat(120), tags: ['超'.repeat(21), ...Array.from({ length: 15 }, (_, i) => `标签${i}`)] }),
			'case',
		)
		expect(draft.summary).toBe('续约前 90 天要做什么')
		expect([...draft.title]).toHaveLength(80)
		expect(draft.tags).toHaveLength(12)
		expect(draft.tags).not.toContain('超'.repeat(21))
	})

	test('the session section escapes a title MDX would misread', () => {
		const { body } = buildArticleDraft(session({ title: '<Script> 与 {变量}' }), 'case')
		expect(body).toContain('- 分享会：\\<Script> 与 \\{变量\\}')
	})
})

describe('the MDX source', () => {
	test('its frontmatter satisfies the KB schema, and the body follows it', () => {
		const draft = buildArticleDraft(session({ title: '标题: 带冒号 # 和引号 "x"' }), 'method')
		const source = articleSource(draft, { author: authorOf(['王芳', '李雷'], '组织者'), updated: '2026-12-12' })
		const { data, body } = readFrontmatter(source)
		const parsed = kbFrontmatterSchema.safeParse(data)
		expect(parsed.success).toBe(true)
		expect(parsed.data).toMatchObject({
			title: '标题: 带冒号 # 和引号 "x"',
			type: 'method',
			author: '王芳、李雷',
			updated: '2026-12-12',
			positions: ['sales_rep', 'marketing', 'customer_success'],
			indicators: ['renewal_rate'],
		})
		expect(body.trim()).toBe(draft.body.trim())
		// The body's first line is the source line right after the offset.
		expect(source.split('\n')[bodyLineOffset(source)]).toBe(draft.body.split('\n')[0])
	})

	test.each([
		[[], '组织者', '组织者'],
		[['王芳', ' '], '组织者', '王芳'],
		[Array.from({ length: 20 }, () => '欧阳明月'), '组织者', null],
	])('author of %j', (speakers, fallback, expected) => {
		const author = authorOf(speakers, fallback)
		if (expected) expect(author).toBe(expected)
		else expect([...author].length).toBeLessThanOrEqual(40)
	})
})
