import Database from 'better-sqlite3'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectNoAxeViolations, logIn } from './helpers.ts'

async function signedIn(browser: Browser, email: string, locale = 'zh-CN'): Promise<Page> {
	const page = await (await browser.newContext({ locale })).newPage()
	await logIn(page, email)
	return page
}

/** A seeded mentor other than mentor@example.com (the demo seed is deterministic, but the generated names are not ours to hard-code). */
function anotherMentor(): string {
	const db = new Database('test/.tmp/e2e.db', { readonly: true, fileMustExist: true })
	try {
		const row = db
			.prepare(
				`select u.email from users u join user_roles r on r.user_id = u.id and r.role = 'mentor'
				 where u.email <> 'mentor@example.com' and u.deactivated_at is null order by u.id limit 1`,
			)
			.get() as { email: string }
		return row.email
	} finally {
		db.close()
	}
}

/** The mentor's pairing page for 李娜 (rep@example.com), reached from the dashboard card that carries her alert. */
async function openRepPairing(mentor: Page) {
	await mentor.goto('/mentoring')
	const card = mentor.getByRole('article').filter({ has: mentor.getByRole('heading', { name: '李娜' }) })
	await expect(card).toContainText('线索转化率')
	await expect(card).toContainText('有未解决预警')
	await card.getByRole('link', { name: '李娜', exact: true }).click()
	await expect(mentor).toHaveURL(/\/mentoring\/\d+$/)
	await expect(mentor.getByRole('heading', { level: 1 })).toContainText('李娜')
	return new URL(mentor.url()).pathname
}

test('the mentor opens the mentee with the alert, assigns the price-objection script and logs a scored role-play; the mentee sees it on home; another mentor gets 403', async ({
	browser,
}) => {
	const mentor = await signedIn(browser, 'mentor@example.com')
	const pairingPath = await openRepPairing(mentor)

	// The open alert is on the page, and the objection script for price is among the recommendations.
	await expect(mentor.getByText('线索转化率连续 3 天低于 10%')).toBeVisible()
	const recommended = mentor
		.getByRole('region', { name: '推荐内容' })
		.getByRole('listitem')
		.filter({ has: mentor.getByRole('link', { name: '客户说"价格太贵了"' }) })
	await expect(recommended).toContainText('异议处理话术')
	await recommended.getByRole('button', { name: '布置' }).click()
	await expect(mentor.getByText('已布置给学员。')).toBeVisible()
	const assigned = mentor.getByRole('region', { name: '布置的学习内容' })
	await expect(assigned).toContainText('客户说"价格太贵了"')

	// A role-play scored on the rubric: saved, with its mean, and written to the mentee's capability record.
	const form = mentor.getByRole('region', { name: '记录辅导' })
	await form.getByLabel('角色扮演').check()
	await form.getByLabel('记录').fill('模拟客户嫌贵：先问预算范围，再用同规模客户的 ROI 案例，最后给分阶段方案。')
	const scores = { 'FABE · 特征（Feature）': 4, 'FABE · 优势（Advantage）': 4, 'FABE · 利益（Benefit）': 5, 'FABE · 证据（Evidence）': 3, 异议处理: 5, 促成: 3 }
	for (const [criterion, score] of Object.entries(scores)) await form.getByRole('group', { name: criterion }).getByLabel(String(score), { exact: true }).check()
	await form.getByRole('button', { name: '保存辅导记录' }).click()
	await expect(mentor.getByText('平均分 4 已记入学员的能力指标“演练评分”')).toBeVisible()
	const history = mentor.getByRole('region', { name: '辅导记录' })
	await expect(history.getByRole('article').first()).toContainText('角色扮演')
	await expect(history.getByRole('article').first()).toContainText('模拟客户嫌贵')

	// The mentee sees the assignment on home, with its due date, and marks it done there.
	const rep = await signedIn(browser, 'rep@example.com')
	const card = rep.getByRole('region', { name: '我的导师辅导' })
	await expect(card).toContainText('王磊')
	const item = card.getByRole('listitem').filter({ hasText: '客户说"价格太贵了"' })
	await expect(item).toContainText('截止')
	await item.getByRole('button', { name: '标记完成' }).click()
	await expect(rep.getByText('已标记完成。')).toBeVisible()
	await expect(rep.getByRole('region', { name: '我的导师辅导' })).not.toContainText('客户说"价格太贵了"')
	// The rubric mean is the rep's 演练评分 this month.
	await rep.goto('/kpi')
	await expect(rep.getByRole('article').filter({ has: rep.getByRole('heading', { name: '演练评分' }) })).toContainText(/\d\.\d/)

	// Another mentor may not open this pairing.
	const other = await signedIn(browser, anotherMentor())
	expect((await other.goto(pairingPath))?.status()).toBe(403)
})

const viewports = [
	{ name: 'phone', width: 375, height: 812 },
	{ name: 'desktop', width: 1280, height: 800 },
]

const pages: Array<{ who: string; path: string | 'repPairing' }> = [
	{ who: 'mentor@example.com', path: '/mentoring' },
	{ who: 'mentor@example.com', path: 'repPairing' },
	{ who: 'rep@example.com', path: '/mentoring' },
	{ who: 'manager@example.com', path: '/mentoring' },
	{ who: 'manager@example.com', path: '/mentoring/new' },
	{ who: 'hr@example.com', path: '/admin/mentoring' },
]

for (const lng of ['zh-CN', 'en'] as const) {
	for (const viewport of viewports) {
		test.describe(`mentoring pages, ${lng} at ${viewport.width}px`, () => {
			test.use({ viewport: { width: viewport.width, height: viewport.height } })
			for (const { who, path } of pages) {
				const label = path === 'repPairing' ? '/mentoring/:pairing' : path
				test(`${label} (${who.split('@')[0]}) has no axe violations and does not overflow`, async ({ page }) => {
					await logIn(page, who)
					let target = path
					if (path === 'repPairing') {
						await page.goto('/mentoring')
						target = (await page.getByRole('link', { name: '李娜', exact: true }).first().getAttribute('href'))!
					}
					const response = await page.goto(`${target}?lng=${lng}`)
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
