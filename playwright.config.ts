import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3100)
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * End-to-end journeys in Debian's Chromium (never a downloaded browser) against the built app,
 * served with a freshly reset demo database.
 */
export default defineConfig({
	testDir: 'test/e2e',
	outputDir: 'test-results',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	forbidOnly: Boolean(process.env.CI),
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	timeout: 30_000,
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'zh-CN',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
			],
		},
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		command: 'bash scripts/e2e-server.sh',
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: { PORT: String(PORT), DATABASE_PATH: 'test/.tmp/e2e.db', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
	},
})
