import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}'],
		globalSetup: ['test/setup/global-setup.ts'],
		setupFiles: ['test/setup/env.ts'],
		environment: 'node',
		pool: 'forks',
		testTimeout: 20_000,
	},
})
