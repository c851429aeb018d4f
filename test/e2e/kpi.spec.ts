import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectNoAxeViolations, logIn } from './helpers.ts'

/** Today in Asia/Shanghai (the server's business date), YYYY-MM-DD. */
function businessToday() {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
	await logIn(page, email)
	return page
}

async function score(page: Page) {
	await page.goto('/kpi')
	const text = (await page.getByTestId('kpi-score').textContent()) ?? ''
	return Number(text.replace(/[^\d.]/g, ''))
}

async function upload(page: Page, name: string, csv: string) {
	await page.goto('/admin/kpi/import')
	await page.getByLabel('数据文件').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
	await page.getByRole('button', { name: '上传并试运行' }).click()
}

test('HR imports a file with errors, fixes it and imports it; the rep sees the new score; the mentor sees the alert', async ({ browser }) => {
	const today = businessToday()
	const rep = await signedIn(browser, 'rep@example.com')
	const before = await score(rep)
	expect(before).toBeGreaterThan(0)

	const hr = await signedIn(browser, 'hr@example.com')
	const header = '邮箱,指标,日期,数值,证据'
	const good = `rep@example.com,销售额,${today},2000000,合同 HT-2026-118`
	await upload(hr, 'crm-errors.csv', [header, good, 'nobody@example.com,销售额,2026-01-05,100,', `rep@example.com,新客户数,${today},-3,`].join('\r\n'))
	// Every problem with its line and column; nothing written.
	const problems = hr.getByRole('table', { name: /问题/ })
	await expect(problems).toContainText('nobody@example.com')
	await expect(problems.getByRole('row').filter({ hasText: 'nobody@example.com' })).toContainText('3')
	await expect(problems.getByRole('row').filter({ hasText: '-3' })).toContainText('4')
	await expect(hr.getByRole('button', { name: '确认写入' })).toHaveCount(0)
	expect(await score(rep)).toBe(before)

	await upload(hr, 'crm-fixed.csv', [header, good].join('\r\n'))
	await expect(hr.getByText('检查通过')).toBeVisible()
	await hr.getByRole('button', { name: '确认写入' }).click()
	await expect(hr.getByRole('table', { name: /导入记录|历史/ })).toContainText('crm-fixed.csv')

	// With ¥200 万 more this quarter the rep's revenue reaches the challenge: the weighted score rises.
	expect(await score(rep)).toBeGreaterThan(before)
	await expect(rep.getByRole('article').filter({ has: rep.getByRole('heading', { name: '销售额' }) })).toContainText('达到挑战值')

	// The default alert (lead conversion under 10 % for 3 days) is on the mentor's home, with the rep's KPI a click away.
	const mentor = await signedIn(browser, 'mentor@example.com')
	const alert = mentor.getByRole('article').filter({ hasText: '李娜 · 线索转化率' })
	await expect(alert).toContainText('连续 3 天低于 10%')
	await alert.getByRole('link', { name: '查看李娜的指标' }).click()
	await expect(mentor.getByRole('heading', { level: 1 })).toContainText('李娜')
	await expect(mentor.getByTestId('kpi-score')).toBeVisible()
})

test('a rep may not open a colleague’s KPI; a mentor may not open someone who is not their mentee', async ({ browser }) => {
	const manager = await signedIn(browser, 'manager@example.com')
	await manager.goto('/team')
	// Any colleague on the team table other than the rep.
	const href = await manager.getByRole('link', { name: '张伟' }).first().getAttribute('href')
	expect(href).toMatch(/^\/team\/\d+\/kpi$/)
	const rep = await signedIn(browser, 'rep@example.com')
	expect((await rep.goto(href!))?.status()).toBe(403)
	const cs = await manager.getByRole('link', { name: '赵静' }).first().getAttribute('href')
	const mentor = await signedIn(browser, 'mentor@example.com')
	expect((await mentor.goto(href!))?.status()).toBe(200)
	expect((await mentor.goto(cs!))?.status()).toBe(403)
})

const viewports = [
	{ name: 'phone', width: 375, height: 812 },
	{ name: 'desktop', width: 1280, height: 800 },
]

const pages: Array<{ who: string; path: string }> = [
	{ who: 'rep@example.com', path: '/kpi' },
	{ who: 'manager@example.com', path: '/team' },
	{ who: 'manager@example.com', path: '/team/targets' },
	{ who: 'hr@example.com', path: '/admin/kpi' },
	{ who: 'hr@example.com', path: '/admin/kpi/import' },
	{ who: 'hr@example.com', path: '/admin/kpi/templates' },
	{ who: 'hr@example.com', path: '/admin/kpi/targets' },
	{ who: 'hr@example.com', path: '/admin/kpi/adjustments' },
	{ who: 'hr@example.com', path: '/admin/kpi/alert-rules' },
	{ who: 'hr@example.com', path: '/admin/audit' },
]

for (const lng of ['zh-CN', 'en'] as const) {
	for (const viewport of viewports) {
		test.describe(`KPI pages, ${lng} at ${viewport.width}px`, () => {
			test.use({ viewport: { width: viewport.width, height: viewport.height } })
			for (const { who, path } of pages) {
				test(`${path} (${who.split('@')[0]}) has no axe violations and does not overflow`, async ({ page }) => {
					await logIn(page, who)
					const response = await page.goto(`${path}?lng=${lng}`)
					expect(response?.status()).toBe(200)
					await expect(page.locator('html')).toHaveAttribute('lang', lng)
					await expectNoAxeViolations(page)
					const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
					expect(overflow).toBeLessThanOrEqual(0)
				})
			}
		})
	}
}
