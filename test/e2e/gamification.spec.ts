import { expect, test } from '@playwright/test'
import { expectNoAxeViolations, hireSomeone, hydrated, logIn } from './helpers.ts'

const PASSWORD = 'points-e2e-2026'

test('a new rep sees 10 points and the level move after completing a lesson; replaying the completion pays nothing', async ({ browser }) => {
	const email = await hireSomeone(browser, PASSWORD, '积分新人')
	const page = await browser.newPage()
	await logIn(page, email, PASSWORD)
	const level = page.getByRole('region', { name: '我的等级' })
	await expect(level.getByText('Lv.1 新手')).toBeVisible()
	await expect(level.getByText('累计积分 0')).toBeVisible()
	await expect(level.getByText('还差 100 分升到 Lv.2')).toBeVisible()

	await page.getByRole('link', { name: '开始学习' }).click()
	await expect(page).toHaveURL(/\/tracks\/new\/[a-z0-9-]+$/)
	const lesson = page.url()
	await page.getByRole('button', { name: '标记为已完成' }).click()
	await expect(page.getByText('你已完成这节课。')).toBeVisible()

	await page.goto('/')
	await expect(level.getByText('累计积分 10')).toBeVisible()
	await expect(level.getByText('还差 90 分升到 Lv.2')).toBeVisible()
	await expect(level.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '10')

	// Posting the same completion again (a replayed form) pays nothing.
	const replay = await page.request.post(lesson, { form: { intent: 'complete' } })
	expect(replay.status()).toBeLessThan(500)
	await page.goto('/badges')
	await expect(page.getByText('累计积分 10')).toBeVisible()
	await page.close()
})

test('the leaderboard compares a rep with their tenure cohort, and filters by another cohort', async ({ page }) => {
	await logIn(page, 'rep@example.com')
	await page.goto('/leaderboard')
	// The default board: the viewer's own position type and tenure stage, so 李娜 (intermediate) is on it.
	await expect(page.getByLabel('司龄阶段')).toHaveValue('intermediate')
	const table = page.getByRole('table')
	await expect(table.getByRole('row').filter({ hasText: '李娜' })).toContainText('你')
	await expect(page.getByRole('region', { name: '我的名次' })).toContainText(/你在这个榜单排第 \d+ 名/)

	await page.getByLabel('司龄阶段').selectOption({ label: '新人（不满 3 个月）' })
	await page.getByRole('button', { name: '查看榜单' }).click()
	await expect(page).toHaveURL(/cohort=new/)
	await expect(page.getByRole('region', { name: '我的名次' })).toContainText('你不在当前筛选的人群里')
	await expect(table.getByRole('row').filter({ hasText: '李娜' })).toHaveCount(0)
	await expect(table.getByRole('row')).not.toHaveCount(1)
})

test('HR sees an eligible person’s checklist and approves the promotion; the title changes', async ({ page }) => {
	await logIn(page, 'hr@example.com')
	await page.goto('/admin/promotion')
	await expect(page.getByRole('heading', { level: 1, name: '晋升管理' })).toBeVisible()
	await page.getByRole('link', { name: '查看吴霞的晋升条件清单' }).click()
	await expect(page).toHaveURL(/\/promotion\?user=\d+$/)
	await expect(page.getByRole('heading', { level: 1, name: '吴霞的晋升资格' })).toBeVisible()
	await expect(page.getByText('符合晋升条件').first()).toBeVisible()
	await expect(page.getByText('已满足').first()).toBeVisible()
	await expect(page.getByText('未满足')).toHaveCount(0)

	await page.goto('/admin/promotion')
	await page.getByRole('button', { name: '批准吴霞晋升' }).click()
	await expect(page.getByText('已批准吴霞晋升为“销售主管”。')).toBeVisible()
	await page.goto('/admin/promotion')
	await expect(page.getByText('当前职务：销售主管').first()).toBeVisible()
})

test('the person one quarter short reads what is missing in words', async ({ page }) => {
	await logIn(page, 'hr@example.com')
	await page.getByRole('link', { name: '晋升' }).first().click()
	await page.goto('/admin/promotion')
	await page.getByRole('link', { name: '查看杨婷的晋升条件清单' }).click()
	await expect(page.getByText('接近符合').first()).toBeVisible()
	await expect(page.getByText(/再有 1 个季度达标/).first()).toBeVisible()
})

const PAGES = [
	{ path: '/', who: 'rep@example.com' },
	{ path: '/badges', who: 'manager@example.com' },
	{ path: '/leaderboard', who: 'rep@example.com' },
	{ path: '/leaderboard/honours', who: 'rep@example.com' },
	{ path: '/promotion', who: 'mentor@example.com' },
	{ path: '/admin/promotion', who: 'hr@example.com' },
	{ path: '/admin/gamification', who: 'hr@example.com' },
	{ path: '/account', who: 'rep@example.com' },
]

for (const lng of ['zh-CN', 'en'] as const)
	for (const width of [375, 1280])
		test.describe(`points, leaderboard and promotion pages, ${lng} at ${width}px`, () => {
			test.use({ viewport: { width, height: 900 } })
			for (const { path, who } of PAGES)
				test(`${path} (${who.split('@')[0]}) has no axe violations and does not overflow`, async ({ page }) => {
					await logIn(page, who)
					await page.goto(lng === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lng=en` : path)
					await hydrated(page)
					await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
					await expectNoAxeViolations(page)
					const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
					expect(overflow).toBeLessThanOrEqual(0)
				})
		})
