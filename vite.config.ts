import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

export default defineConfig({
	server: { port: 3000 },
	build: { target: 'es2022' },
	// Server-only native packages: the dev dependency scan reaches them through route files, but they
	// never ship to the browser (Remix strips *.server imports from the client build).
	optimizeDeps: { exclude: ['@node-rs/argon2', 'better-sqlite3'] },
	plugins: [
		tailwindcss(),
		remix({
			ignoredRouteFiles: ['**/*.test.{ts,tsx}', '**/.*'],
			future: {
				v3_fetcherPersist: true,
				v3_relativeSplatPath: true,
				v3_throwAbortReason: true,
				v3_singleFetch: true,
				v3_lazyRouteDiscovery: true,
			},
		}),
	],
})
