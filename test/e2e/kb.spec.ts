import { randomUUID } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations, hydrated, logIn } from './helpers.ts'

/**
 * A rep finds the price-objection script in seconds (STYLE §9), with and without JavaScript, and what
 * nobody finds lands on HR's content backlog. Runs against the real demo content.
 */

const SCRIPT_SLUG = 'competitor-30-percent-cheaper'

function searchBox(page: Page) {
	return page.getByRole('searchbox', { name: '搜索话术、案例和常见问题' })
}

/** The result cards, in rank order. */
function results(page: Page) {
	return page.getByRole('region', { name: '搜索结果' }).locator('ol > li')
}

async function expectScriptAmongFirstThree(page: Page) {
	const firstThree = results(page).filter({ has: page.locator(`a[href="/kb/${SCRIPT_SLUG}"]`) })
	await expect(firstThree).toHaveCount(1)
	const rank = await results(page).evaluateAll(
		(items, slug) => items.findIndex((li) => li.querySelector(`a[href="/kb/${slug}"]`)),
		SCRIPT_SLUG,
	)
	expect(rank).toBeGreaterThanOrEqual(0)
	expect(rank).toBeLessThan(3)
	await expect(firstThree.locator('mark', { hasText: '压价' }).first()).toBeVisible()
	return firstThree
}

test('a rep searches 压价 as they type, opens the script and copies it', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write'])
	await logIn(page, 'rep@example.com')
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '知识库' }).click()
	await expect(page).toHaveURL('/kb')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('知识库')
	await expect(page.getByRole('heading', { name: '最近更新' })).toBeVisible()

	// No Enter, no button: the results follow the typing, and the box keeps the focus.
	await hydrated(page)
	await searchBox(page).pressSequentially('压价')
	await expect(page).toHaveURL(/\/kb\?q=%E5%8E%8B%E4%BB%B7$/)
	await expect(page.getByText(/^找到 \d+ 篇$/)).toBeVisible()
	await expect(searchBox(page)).toBeFocused()
	const hit = await expectScriptAmongFirstThree(page)

	await hit.getByRole('link').click()
	await expect(page).toHaveURL(`/kb/${SCRIPT_SLUG}`)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户说"竞品比你们便宜30%"')
	await expect(page.getByText('王磊 于 2026-11-05 核实')).toBeVisible()

	const script = page.locator('figure[data-script]').first()
	const copy = script.getByRole('button', { name: '复制话术' })
	await copy.click()
	await expect(script.getByRole('button', { name: '已复制' })).toBeVisible()
	const expected = (await script.locator('[data-script-text]').innerText()).trim()
	expect(expected).toContain('李总，谢谢您愿意把对比结果告诉我')
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected)
	// The label comes back after two seconds.
	await expect(script.getByRole('button', { name: '复制话术' })).toBeVisible({ timeout: 5000 })
})

test('a mentor bookmarks an article and answers “was this helpful?”; a too-long comment is refused at its field', async ({
	page,
}) => {
	await logIn(page, 'mentor@example.com')
	await page.goto(`/kb/${SCRIPT_SLUG}`)
	const bookmark = page.getByRole('button', { name: /收藏/ })
	const wasBookmarked = (await bookmark.getAttribute('aria-pressed')) === 'true'
	if (wasBookmarked) {
		await bookmark.click()
		await expect(page.getByRole('status').filter({ hasText: '已取消收藏。' })).toBeVisible()
	}
	await page.getByRole('button', { name: /收藏/ }).click()
	await expect(page.getByRole('status').filter({ hasText: '已收藏' })).toBeVisible()
	await expect(page.getByRole('button', { name: /收藏/ })).toHaveAttribute('aria-pressed', 'true')
	await page.goto('/kb')
	const bookmarks = page.locator('section').filter({ has: page.getByRole('heading', { name: '我的收藏' }) })
	await expect(bookmarks).toContainText('竞品比你们便宜30%')

	await page.goto(`/kb/${SCRIPT_SLUG}`)
	const feedback = page.getByRole('region', { name: '这篇内容有帮助吗？' })
	await feedback.getByLabel('有帮助').check()
	await feedback.getByLabel('补充说明（选填）').fill('长'.repeat(501))
	await feedback.getByRole('button', { name: '提交反馈' }).click()
	await expect(feedback.getByText('说明最多 500 个字符。')).toBeVisible()
	await expect(feedback.getByLabel('补充说明（选填）')).toHaveAttribute('aria-invalid', 'true')

	await feedback.getByLabel('补充说明（选填）').fill('第二步的拆解很实用')
	await feedback.getByRole('button', { name: '提交反馈' }).click()
	await expect(page.getByRole('status').filter({ hasText: '谢谢你的反馈！' })).toBeVisible()
	await expect(feedback).toContainText('你的回答：有帮助。')
	await expect(feedback).toContainText(/[1-9]\d* 人觉得有帮助/)
	await expect(feedback.getByLabel('补充说明（选填）')).toHaveValue('第二步的拆解很实用')
})

test('a nonsense query says nothing was found, and HR sees it on the search-gaps page', async ({ page, browser }) => {
	const nonsense = `zqx${randomUUID().replace(/-/g, '').slice(0, 8)}`
	await logIn(page, 'rep@example.com')
	await page.goto('/kb')
	await searchBox(page).fill(nonsense)
	await searchBox(page).press('Enter')
	await expect(page.getByText(`没有找到与“${nonsense}”相关的内容。`)).toBeVisible()
	await expect(page.getByText('找到 0 篇')).toBeVisible()

	const hr = await browser.newContext()
	const hrPage = await hr.newPage()
	await logIn(hrPage, 'hr@example.com')
	await hrPage.goto('/admin/users')
	await hrPage.getByRole('navigation', { name: '管理' }).getByRole('link', { name: '搜索缺口', exact: true }).click()
	await expect(hrPage).toHaveURL('/admin/kb/gaps')
	await expect(hrPage.getByRole('heading', { level: 1 })).toHaveText('搜索缺口')
	const row = hrPage.getByRole('region', { name: '搜索缺口' }).getByRole('row').filter({ hasText: nonsense })
	await expect(row).toHaveCount(1)
	await expect(row.getByRole('cell').nth(1)).toHaveText('1')
	await hr.close()
})

test('full-text syntax in the query is only text: the page answers normally', async ({ page }) => {
	await logIn(page, 'rep@example.com')
	for (const query of ['"价格 OR (NEAR -*', 'price* AND NOT "', '压价)"', "'; drop table kb_articles; --"]) {
		const response = await page.goto(`/kb?q=${encodeURIComponent(query)}`)
		expect(response?.status()).toBe(200)
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('知识库')
		await expect(searchBox(page)).toHaveValue(query)
	}
	// The index is still there afterwards.
	await page.goto(`/kb?q=${encodeURIComponent('压价')}`)
	await expectScriptAmongFirstThree(page)
})

test('an unknown article is a 404 page in the reader’s language', async ({ page }) => {
	await logIn(page, 'rep@example.com')
	const zh = await page.goto('/kb/no-such-article')
	expect(zh?.status()).toBe(404)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在')
	await page.goto('/kb/no-such-article?lng=en')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found')
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('the rep searches with the form, filters, and opens the script; the text is there to select', async ({ page }) => {
		await logIn(page, 'rep@example.com')
		await page.goto('/kb')
		await searchBox(page).fill('压价')
		await page.getByRole('button', { name: '搜索', exact: true }).click()
		await expect(page).toHaveURL(/\/kb\?q=%E5%8E%8B%E4%BB%B7/)
		const hit = await expectScriptAmongFirstThree(page)

		// The filters are a plain GET form too; counts tell what each value would give.
		await page.locator('summary', { hasText: '筛选' }).click()
		const type = page.getByLabel('类型', { exact: true })
		await expect(type.locator('option', { hasText: /^异议处理话术（\d+）$/ })).toHaveCount(1)
		await type.selectOption('objection')
		await page.getByRole('button', { name: '应用筛选' }).click()
		await expect(page).toHaveURL(/type=objection/)
		await expectScriptAmongFirstThree(page)
		await page.getByRole('link', { name: '清除筛选' }).click()
		await expect(page).toHaveURL(/\/kb\?q=%E5%8E%8B%E4%BB%B7$/)

		await hit.getByRole('link').click()
		await expect(page).toHaveURL(`/kb/${SCRIPT_SLUG}`)
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户说"竞品比你们便宜30%"')
		const script = page.locator('figure[data-script]').first()
		await expect(script.locator('[data-script-text]')).toContainText('李总，谢谢您愿意把对比结果告诉我')
		// Copy and print need JavaScript; without it they are not offered.
		await expect(script.locator('[data-copy-script]')).toBeHidden()
		await expect(page.getByRole('button', { name: '打印' })).toHaveCount(0)

		// The bookmark form works as a plain POST.
		await page.getByRole('button', { name: /收藏/ }).click()
		await expect(page).toHaveURL(`/kb/${SCRIPT_SLUG}`)
		await expect(page.getByRole('status').filter({ hasText: /已(取消)?收藏/ })).toBeVisible()
	})
})

const viewports = [
	{ name: 'phone', width: 375, height: 812 },
	{ name: 'desktop', width: 1280, height: 800 },
]

for (const lng of ['zh-CN', 'en'] as const) {
	for (const viewport of viewports) {
		test.describe(`knowledge base in ${lng} at ${viewport.width}px`, () => {
			test.use({ viewport: { width: viewport.width, height: viewport.height } })

			async function check(page: Page, shot: string) {
				await expect(page.locator('html')).toHaveAttribute('lang', lng)
				// No mangled characters (React 18 once leaked NUL bytes between multi-byte characters).
				expect(await page.content()).not.toContain('\ufffd')
				await expectNoAxeViolations(page)
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
				expect(overflow).toBeLessThanOrEqual(0)
				await page.screenshot({ path: `test-results/screens/kb-${shot}-${lng}-${viewport.width}.png`, fullPage: true })
			}

			test.beforeEach(async ({ page }) => {
				await logIn(page, 'rep@example.com')
			})

			test('browse view', async ({ page }) => {
				await page.goto(`/kb?lng=${lng}`)
				await expect(page.getByRole('heading', { name: lng === 'en' ? 'Recently updated' : '最近更新' })).toBeVisible()
				await check(page, 'browse')
			})

			test('results with the filters open', async ({ page }) => {
				await page.goto(`/kb?lng=${lng}&q=${encodeURIComponent('压价')}`)
				await expect(page.locator('mark').first()).toBeVisible()
				await page.locator('summary').filter({ hasText: lng === 'en' ? 'Filters' : '筛选' }).click()
				await check(page, 'results')
			})

			test('no results', async ({ page }) => {
				await page.goto(`/kb?lng=${lng}&q=zqxnothing${viewport.width}`)
				await check(page, 'none')
			})

			test('an article', async ({ page }) => {
				await page.goto(`/kb/${SCRIPT_SLUG}?lng=${lng}`)
				await expect(page.getByRole('button', { name: lng === 'en' ? 'Copy script' : '复制话术' }).first()).toBeVisible()
				await check(page, 'article')
			})
		})
	}
}
