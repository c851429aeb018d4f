import path from 'node:path'
import matter from 'gray-matter'
import { bundleMDX } from 'mdx-bundler'
import remarkGfm from 'remark-gfm'
import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { parse as parseYaml } from 'yaml'
import { unified } from 'unified'

type Node = { type: string; value?: string; children?: Node[] }

// Block nodes end a line in the plain text, so words from two paragraphs never run together.
const BLOCKS = new Set(['paragraph', 'heading', 'code', 'tableCell', 'listItem', 'blockquote', 'mdxJsxFlowElement', 'thematicBreak'])

function collectText(node: Node, out: string[]) {
	if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') out.push(node.value ?? '')
	for (const child of node.children ?? []) collectText(child, out)
	if (BLOCKS.has(node.type)) out.push('\n')
}

/** The readable text of an MDX body: markdown, component children and tables, no markup. */
export function mdxToPlainText(body: string): string {
	const tree = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).parse(body) as Node
	const out: string[] = []
	collectText(tree, out)
	return out
		.join('')
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n{2,}/g, '\n')
		.trim()
}

/**
 * Frontmatter with YAML 1.2's core schema: `updated: 2026-13-45` stays a string (and fails
 * validation) instead of silently becoming 14 Feb 2027 as YAML 1.1 timestamps would.
 */
export function readFrontmatter(source: string): { data: Record<string, unknown>; body: string } {
	const parsed = matter(source, { engines: { yaml: (text) => (parseYaml(text) ?? {}) as object } })
	return { data: parsed.data, body: parsed.content }
}

/** Compiles MDX to the code string `getMDXComponent` evaluates (server side only; see ADR 005). */
export async function compileMdx(source: string, cwd: string): Promise<string> {
	const { code } = await bundleMDX({
		source,
		cwd: path.resolve(cwd),
		esbuildOptions(options) {
			options.logLevel = 'silent'
			options.minify = true
			return options
		},
		mdxOptions(options) {
			options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm]
			return options
		},
	})
	return code
}
