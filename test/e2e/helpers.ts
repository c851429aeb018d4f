import { randomUUID } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Browser, type Page } from '@playwright/test'

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

/** HR hires a sales rep on the 华东 team a week ago through /admin/users/new; returns the new email. */
export async function hireSomeone(browser: Browser, password: string, name: string) {
	const context = await browser.newContext()
	const page = await context.newPage()
	await logIn(page, 'hr@example.com')
	const email = `e2e-${randomUUID().slice(0, 8)}@example.com`
	const hired = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)
	await page.goto('/admin/users/new')
	await page.getByLabel('邮箱').fill(email)
	await page.getByLabel('姓名').fill(name)
	await page.getByLabel('岗位').selectOption({ label: '销售代表' })
	await page.getByLabel('团队').selectOption({ label: '华东销售团队（华东）' })
	await page.getByLabel('入职日期').fill(hired)
	await page.getByLabel('初始密码').fill(password)
	await page.getByRole('button', { name: '创建', exact: true }).click()
	await expect(page).toHaveURL(/\/admin\/users\/\d+$/)
	await context.close()
	return email
}
