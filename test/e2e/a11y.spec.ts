import { expect, test } from '@playwright/test'
import { expectNoAxeViolations, logIn } from './helpers.ts'

const viewports = [
	{ name: 'phone', width: 375, height: 812 },
	{ name: 'desktop', width: 1280, height: 800 },
]

for (const lng of ['zh-CN', 'en'] as const) {
	for (const viewport of viewports) {
		test.describe(`${lng} at ${viewport.width}px`, () => {
			test.use({ viewport: { width: viewport.width, height: viewport.height } })

			test('login has no axe violations', async ({ page }) => {
				await page.goto(`/login?lng=${lng}`)
				await expect(page.locator('html')).toHaveAttribute('lang', lng)
				await expectNoAxeViolations(page)
			})

			test('home has no axe violations and nothing overflows sideways', async ({ page }) => {
				await logIn(page, 'mentor@example.com')
				await page.goto(`/?lng=${lng}`)
				await expect(page.locator('html')).toHaveAttribute('lang', lng)
				await expectNoAxeViolations(page)
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
				expect(overflow).toBeLessThanOrEqual(0)
				await page.screenshot({ path: `test-results/screens/home-${lng}-${viewport.name}.png`, fullPage: true })
			})
		})
	}
}
