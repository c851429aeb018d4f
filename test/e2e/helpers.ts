import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'ascent-demo'

/** Fills and submits the login form; the caller checks the outcome. */
export async function submitLogin(page: Page, email: string, password: string) {
	await page.goto('/login')
	await page.locator('input[name="email"]').fill(email)
	await page.locator('input[name="password"]').fill(password)
	await page.locator('form[method="post"] button[type="submit"]').click()
}

/** Logs in with the demo password and waits until home has rendered. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await submitLogin(page, email, password)
	await expect(page).toHaveURL('/')
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

/** Waits until React has hydrated the page (root.tsx marks <html>), so handlers that need JavaScript are attached. */
export async function hydrated(page: Page) {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
}

/** Axe with WCAG 2.1 A/AA rules and best practices; the result must be empty. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.analyze()
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	expect(summary).toEqual([])
}
