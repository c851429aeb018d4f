import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
	{ ignores: ['build/', 'server-build/', 'node_modules/', 'test-results/', 'playwright-report/', 'test/.tmp/', 'data/'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	jsxA11y.flatConfigs.recommended,
	{
		files: ['**/*.{ts,tsx,js}'],
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		plugins: { 'react-hooks': reactHooks },
		rules: {
			...reactHooks.configs.recommended.rules,
			// A scrollable region must be focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
			'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'] }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/routes/*'], message: 'Nothing imports routes/ (ARCHITECTURE §3).' }] },
			],
		},
	},
	{
		// Tests may call route loaders and actions directly.
		files: ['test/**/*.{ts,tsx}'],
		rules: { 'no-restricted-imports': 'off' },
	},
	{
		// Pure rules stay pure: no database, no server-only code.
		files: ['app/modules/**/*.ts'],
		ignores: ['app/modules/**/*.server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/*.server', '**/*.server.ts', '#db/*', 'drizzle-orm', 'better-sqlite3'], message: 'Pure rules import no db and no .server file.' }] },
			],
		},
	},
)
