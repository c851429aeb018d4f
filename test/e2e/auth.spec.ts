import { expect, test } from '@playwright/test'
import { logIn, submitLogin } from './helpers.ts'

// 结对帮扶 is everyone's: a mentee and a manager use it too (ADR 008).
const everyone = ['首页', '培训路径', '考试', '知识库', '分享会', '我的指标', '结对帮扶', '龙虎榜', '晋升']

const logins = [
	{ email: 'hr@example.com', name: '周敏', extra: ['团队', '管理'], hidden: [] },
	{ email: 'manager@example.com', name: '陈刚', extra: ['团队'], hidden: ['管理'] },
	{ email: 'mentor@example.com', name: '王磊', extra: [], hidden: ['管理', '团队'] },
	{ email: 'rep@example.com', name: '李娜', extra: [], hidden: ['管理', '团队'] },
	{ email: 'newhire@example.com', name: '张伟', extra: [], hidden: ['管理', '团队'] },
	{ email: 'marketing@example.com', name: '刘洋', extra: [], hidden: ['管理', '团队'] },
	{ email: 'cs@example.com', name: '赵静', extra: [], hidden: ['管理', '团队'] },
]

test.describe('demo logins', () => {
	for (const login of logins) {
		test(`${login.email} lands on home with the navigation the role allows`, async ({ page }) => {
			await logIn(page, login.email)
			await expect(page).toHaveURL('/')
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${login.name}，你好`)
			const nav = page.getByRole('navigation', { name: '主导航' })
			for (const item of [...everyone, ...login.extra]) await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible()
			for (const item of login.hidden) await expect(nav.getByRole('link', { name: item, exact: true })).toHaveCount(0)
		})
	}

	test('the new hire sees the new-hire tier and 3 weeks of tenure', async ({ page }) => {
		await logIn(page, 'newhire@example.com')
		await expect(page.locator('[role="progressbar"][aria-valuetext*="新人阶段"]')).toBeVisible()
		await expect(page.getByRole('heading', { name: '新人培训路径' })).toBeVisible()
		await expect(page.getByText('0 个月')).toBeVisible()
	})
})

test('a wrong password re-renders the form with a message that does not say whether the email exists', async ({ page }) => {
	await submitLogin(page, 'rep@example.com', 'wrong-password')
	await expect(page.getByText('邮箱或密码不正确。')).toBeVisible()
	await expect(page).toHaveURL(/\/login/)
	await expect(page.locator('input[name="email"]')).toHaveValue('rep@example.com')
	await expect(page.locator('input[name="password"]')).toHaveAttribute('aria-invalid', 'true')

	await submitLogin(page, 'nobody-here@example.com', 'wrong-password')
	await expect(page.getByText('邮箱或密码不正确。')).toBeVisible()
})

test('logout ends the session: the back button does not get the home page back', async ({ page }) => {
	await logIn(page, 'rep@example.com')
	await expect(page).toHaveURL('/')
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '知识库' }).click()
	await expect(page).toHaveURL('/kb')
	await page.getByRole('button', { name: '退出登录' }).click()
	await expect(page).toHaveURL('/login')
	await expect(page.getByRole('status')).toHaveText('你已退出登录。')
	await page.goto('/kb')
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fkb/)
})

test('after login the person returns to the page they asked for', async ({ page }) => {
	await page.goto('/sessions')
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsessions/)
	await expect(page.locator('input[name="redirectTo"]')).toHaveValue('/sessions')
	await page.locator('input[name="email"]').fill('rep@example.com')
	await page.locator('input[name="password"]').fill('ascent-demo')
	await page.locator('form[method="post"] button[type="submit"]').click()
	await expect(page).toHaveURL('/sessions')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('经验分享会')
})

test('the language switch turns the whole page into English and remembers it', async ({ page }) => {
	await logIn(page, 'rep@example.com')
	await page.getByRole('link', { name: /English/ }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, 李娜')
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	await page.goto('/kb')
	await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Knowledge base' })).toBeVisible()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Knowledge base')
	await page.getByRole('link', { name: /中文/ }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('知识库')
})

test('Accept-Language: en gets English on the first visit', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US' })
	const page = await context.newPage()
	await page.goto('/login')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in to Ascent')
	await context.close()
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a person can log in, see home and log out', async ({ page }) => {
		await logIn(page, 'newhire@example.com')
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('张伟，你好')
		await page.getByRole('button', { name: '退出登录' }).click()
		await expect(page).toHaveURL('/login')
	})

	test('a wrong password shows the field message and the server never echoes the password', async ({ page }) => {
		await submitLogin(page, 'marketing@example.com', 'not-it-at-all')
		await expect(page.getByText('邮箱或密码不正确。')).toBeVisible()
		await expect(page.locator('input[name="email"]')).toHaveValue('marketing@example.com')
		await expect(page.locator('input[name="password"]')).toHaveValue('')
		expect(await page.content()).not.toContain('not-it-at-all')
	})
})

test.describe('access', () => {
	for (const path of ['/', '/tracks', '/exams', '/kb', '/sessions', '/kpi', '/leaderboard', '/admin/users', '/account'])
		test(`anonymous ${path} redirects to login`, async ({ request }) => {
			const res = await request.get(path, { maxRedirects: 0 })
			expect(res.status()).toBe(302)
			expect(res.headers()['location']).toMatch(/^\/login/)
		})

	test('/healthz answers without a session', async ({ request }) => {
		const res = await request.get('/healthz')
		expect(res.status()).toBe(200)
		expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', version: expect.any(String) })
	})

	test('a staff user gets 403 on /admin/users, in their language', async ({ page }) => {
		await logIn(page, 'rep@example.com')
		const res = await page.goto('/admin/users')
		expect(res?.status()).toBe(403)
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问')
		await expect(page.locator('body')).not.toContainText('at ')
	})

	test('an unknown page is a 404 in the user’s language', async ({ page }) => {
		const res = await page.goto('/no-such-page?lng=en')
		expect(res?.status()).toBe(404)
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found')
	})

	test('a form POST from a foreign origin is refused before the action runs', async ({ request }) => {
		const res = await request.post('/login', {
			form: { email: 'rep@example.com', password: 'ascent-demo' },
			headers: { origin: 'https://evil.example' },
			maxRedirects: 0,
		})
		expect(res.status()).toBe(403)
		expect(res.headers()['set-cookie']).toBeUndefined()
	})

	test('a form POST without an Origin header is refused', async ({ request }) => {
		const res = await request.post('/logout', { form: {}, maxRedirects: 0 })
		expect(res.status()).toBe(403)
	})

	test('pages are served with a nonce-based CSP', async ({ request }) => {
		const res = await request.get('/login')
		expect(res.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
	})
})
