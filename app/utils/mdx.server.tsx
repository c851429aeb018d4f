import { createInstance } from 'i18next'
import { getMDXComponent } from 'mdx-bundler/client/index.js'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { mdxComponents } from '#app/components/mdx/components.tsx'
import { i18nConfig, type Language } from '#app/i18n.ts'

const cache = new Map<string, string>()
const MAX_CACHED = 500

/**
 * Renders compiled MDX to HTML on the server, in the reader's language, cached by content hash.
 * The browser never evaluates MDX code, so the CSP needs no 'unsafe-eval' (ADR 005).
 */
export async function renderMdxToHtml(code: string, contentHash: string, lng: Language): Promise<string> {
	const key = `${contentHash}:${lng}`
	const cached = cache.get(key)
	if (cached !== undefined) return cached
	const i18n = createInstance()
	await i18n.use(initReactI18next).init({ ...i18nConfig, lng })
	const Component = getMDXComponent(code)
	const html = renderToStaticMarkup(
		<I18nextProvider i18n={i18n}>
			<Component components={mdxComponents as never} />
		</I18nextProvider>,
	)
	if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!)
	cache.set(key, html)
	return html
}
