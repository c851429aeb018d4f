import { Transform } from 'node:stream'
import { createReadableStreamFromReadable, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance, type i18n } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nConfig } from './i18n.ts'
import { NonceProvider } from './utils/nonce.tsx'
import { getLocale } from './utils/i18n.server.ts'
import { logger } from './utils/logger.server.ts'

export const streamTimeout = 5000

function contentSecurityPolicy(nonce: string) {
	return [
		"default-src 'self'",
		`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"object-src 'none'",
	].join('; ')
}

/**
 * React 18.3's Node renderer flushes its whole 2 KB buffer when the next multi-byte character does
 * not fit at its end, so 1–3 NUL bytes leak into the HTML (facebook/react#24985; fixed in React 19).
 * With Chinese text that lands anywhere, and inside an attribute it shows as U+FFFD. HTML never
 * carries NUL legitimately, so they are dropped from the end of each chunk.
 */
function withoutTrailingNuls() {
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			let end = chunk.length
			while (end > 0 && chunk[end - 1] === 0) end--
			callback(null, end === chunk.length ? chunk : chunk.subarray(0, end))
		},
	})
}

const instances = new Map<string, Promise<i18n>>()

/**
 * One initialised i18next per language, shared by every render: rendering only reads it (nothing on
 * the server changes its language), and initialising one per request cost more than some pages.
 */
function i18nFor(lng: string): Promise<i18n> {
	let instance = instances.get(lng)
	if (!instance) {
		const created = createInstance()
		instance = created
			.use(initReactI18next)
			.init({ ...i18nConfig, lng })
			.then(() => created)
		instances.set(lng, instance)
	}
	return instance
}

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
) {
	const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
	const i18n = await i18nFor(await getLocale(request))

	// Vite's dev client injects inline scripts; the strict policy applies to the built app.
	if (process.env.NODE_ENV === 'production')
		responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce))
	responseHeaders.set('X-Content-Type-Options', 'nosniff')
	responseHeaders.set('Referrer-Policy', 'same-origin')
	responseHeaders.set('X-Frame-Options', 'DENY')

	const waitForAll = isbot(request.headers.get('user-agent')) || remixContext.isSpaMode
	return new Promise<Response>((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<I18nextProvider i18n={i18n}>
					<RemixServer context={remixContext} url={request.url} nonce={nonce} />
				</I18nextProvider>
			</NonceProvider>,
			{
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = withoutTrailingNuls()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) logger.error({ err: error }, 'render error')
				},
			},
		)
		setTimeout(abort, streamTimeout + 1000)
	})
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	if (error instanceof Response) return
	logger.error({ err: error, url: request.url }, 'unhandled error')
}
