import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectNoAxeViolations, logIn, submitLogin } from './helpers.ts'

/**
 * HR's journeys through /admin. Every test runs in parallel against one demo database, so each one
 * makes its own people and tokens (unique emails and names) and never changes a demo login.
 */

/** Short and unique across workers and runs; only [a-z0-9] so it is safe in emails and LIKE searches. */
function uniqueTag() {
	return `${Date.now().toString(36)}${randomUUID().replace(/-/g, '').slice(0, 6)}`
}

/** Strong enough for the policy (8+ characters, not common, not the email). */
function passwordFor(tag: string, n = 1) {
	return `Qz7-${tag}-Lm${n}!`
}

type Person = { email: string; name: string; password?: string }

function newPerson(tag: string, label = 'p'): Required<Person> {
	return { email: `e2e-${label}-${tag}@example.com`, name: `测试${label}${tag}`, password: passwordFor(tag) }
}

async function searchPeople(page: Page, query: string) {
	await page.goto('/admin/users')
	await page.getByRole('searchbox', { name: '搜索姓名或邮箱' }).fill(query)
	await page.getByRole('button', { name: '搜索', exact: true }).click()
	await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(query)}`))
}

function usersTable(page: Page) {
	return page.getByRole('region', { name: '人员管理' }).getByRole('table')
}

/** Fills /admin/users/new and submits it; the caller checks the outcome. */
async function fillNewPersonForm(page: Page, person: Person) {
	await page.goto('/admin/users/new')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新建人员')
	await page.getByLabel('邮箱').fill(person.email)
	await page.getByLabel('姓名').fill(person.name)
	await page.getByLabel('岗位').selectOption({ label: '销售代表' })
	await page.getByLabel('团队').selectOption({ label: '华南销售团队（华南）' })
	await page.getByLabel('入职日期').fill('2024-05-06')
	if (person.password) await page.getByLabel('初始密码').fill(person.password)
	await page.getByRole('button', { name: '创建', exact: true }).click()
}

/** HR creates a person with a password and lands on their edit page. */
async function createPerson(page: Page, person: Required<Person>) {
	await fillNewPersonForm(page, person)
	await expect(page).toHaveURL(/\/admin\/users\/\d+$/)
	await expect(page.getByRole('status')).toHaveText(`已创建 ${person.name}。`)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`编辑 ${person.name}`)
}

/** A separate browser (own cookies) for a second person. */
async function freshPage(browser: Browser) {
	const context = await browser.newContext()
	return { context, page: await context.newPage() }
}

test.describe('people', () => {
	test('HR finds 李娜 by name and opens her edit page; the list pages through everyone', async ({ page }) => {
		await logIn(page, 'hr@example.com')
		await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '管理', exact: true }).click()
		await expect(page).toHaveURL('/admin')
		await page.getByRole('link', { name: '人员', exact: true }).click()
		await expect(page).toHaveURL('/admin/users')
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('人员管理')

		// 61 demo people at 25 a page: at least three pages.
		const pagination = page.getByRole('navigation', { name: '分页' })
		await expect(pagination).toContainText(/第 1 \/ \d+ 页/)
		expect(Number(/\/ (\d+) 页/.exec(await pagination.innerText())?.[1])).toBeGreaterThanOrEqual(3)
		await expect(pagination.getByRole('link', { name: '上一页' })).toHaveCount(0)
		await pagination.getByRole('link', { name: '下一页' }).click()
		await expect(page).toHaveURL(/\?page=2$/)
		await expect(pagination).toContainText(/第 2 \/ \d+ 页/)
		await expect(pagination.getByRole('link', { name: '上一页' })).toBeVisible()

		await searchPeople(page, '李娜')
		await expect(page.getByText(/^共 \d+ 人$/)).toBeVisible()
		const row = usersTable(page).getByRole('row').filter({ hasText: 'rep@example.com' })
		await expect(row).toHaveCount(1)
		await expect(row).toContainText('李娜')
		await expect(row).toContainText('销售代表')
		await expect(row).toContainText('华东销售团队')
		await expect(row).toContainText('在职')
		// Every row the search returns matches it.
		for (const text of await usersTable(page).locator('tbody tr').allInnerTexts()) expect(text).toMatch(/李娜/)

		await row.getByRole('link', { name: '编辑 李娜' }).click()
		await expect(page).toHaveURL(/\/admin\/users\/\d+$/)
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('编辑 李娜')
		await expect(page.getByLabel('邮箱')).toHaveValue('rep@example.com')
		await expect(page.getByLabel('姓名')).toHaveValue('李娜')
		await expect(page.getByLabel('岗位')).toHaveValue('sales_rep')

		// A search with no match says so rather than showing an empty table.
		await searchPeople(page, `nobody-${uniqueTag()}`)
		await expect(page.getByText('共 0 人')).toBeVisible()
		await expect(page.getByText('没有找到匹配的人员。')).toBeVisible()
	})

	test('HR creates a person who can log in; deactivating them ends their open session', async ({ page, browser }) => {
		const tag = uniqueTag()
		const person = newPerson(tag, 'new')

		await logIn(page, 'hr@example.com')
		await page.goto('/admin/users')
		await page.getByRole('link', { name: '新建人员' }).click()
		await expect(page).toHaveURL('/admin/users/new')
		await createPerson(page, person)
		const editUrl = page.url()
		await expect(page.getByLabel('团队')).toHaveValue(/\d+/)
		await expect(page.getByText('尚未设置密码，无法登录。')).toHaveCount(0)

		await searchPeople(page, person.email)
		await expect(page.getByText('共 1 人')).toBeVisible()
		const row = usersTable(page).getByRole('row').filter({ hasText: person.email })
		await expect(row).toContainText(person.name)
		await expect(row).toContainText('华南销售团队')
		await expect(row).toContainText('2024-05-06')
		await expect(row).toContainText('在职')

		// The new person logs in from their own browser.
		const them = await freshPage(browser)
		await logIn(them.page, person.email, person.password)
		await expect(them.page.getByRole('heading', { level: 1 })).toHaveText(`${person.name}，你好`)

		// HR deactivates them: the first click only opens the confirmation.
		await page.goto(editUrl)
		const status = page.getByRole('region', { name: '状态' })
		await status.locator('summary', { hasText: '停用账号' }).click()
		const confirm = page.getByRole('group', { name: `停用后此人立即退出所有设备且无法登录。确定停用 ${person.name}？` })
		await expect(confirm).toBeVisible()
		await confirm.getByRole('button', { name: '停用账号' }).click()
		await expect(page.getByRole('status')).toHaveText(`已停用 ${person.name}，其会话已全部结束。`)
		await expect(status).toContainText('已停用')
		await expect(status.getByRole('button', { name: '重新启用' })).toBeVisible()

		// Their open session is gone: the next navigation lands on the login page.
		await them.page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '知识库' }).click()
		await expect(them.page).toHaveURL(/\/login(\?|$)/)
		await expect(them.page.getByRole('heading', { level: 1 })).toHaveText('登录进阶')
		// …and they cannot log back in.
		await submitLogin(them.page, person.email, person.password)
		await expect(them.page.getByText('邮箱或密码不正确。')).toBeVisible()

		await searchPeople(page, person.email)
		await expect(usersTable(page).getByRole('row').filter({ hasText: person.email })).toContainText('已停用')

		// Reactivated, the same password works again.
		await page.goto(editUrl)
		await status.getByRole('button', { name: '重新启用' }).click()
		await expect(page.getByRole('status')).toHaveText(`已重新启用 ${person.name}。`)
		await expect(status).toContainText('在职')
		await logIn(them.page, person.email, person.password)
		await them.context.close()
	})

	test('HR sets a new password for a person: their sessions end and only the new password works', async ({ page, browser }) => {
		const tag = uniqueTag()
		const person = newPerson(tag, 'setpw')
		await logIn(page, 'hr@example.com')
		await createPerson(page, person)
		const editUrl = page.url()

		const them = await freshPage(browser)
		await logIn(them.page, person.email, person.password)

		const newPassword = passwordFor(tag, 2)
		await page.goto(editUrl)
		const card = page.getByRole('region', { name: '设置密码' })
		await card.getByLabel('新密码').fill(newPassword)
		await card.getByRole('button', { name: '设置密码' }).click()
		await expect(page.getByRole('status')).toHaveText('密码已设置，此人的所有会话已结束。')

		await them.page.goto('/kb')
		await expect(them.page).toHaveURL(/\/login\?redirectTo=%2Fkb/)
		await submitLogin(them.page, person.email, person.password)
		await expect(them.page.getByText('邮箱或密码不正确。')).toBeVisible()
		await logIn(them.page, person.email, newPassword)
		await them.context.close()
	})
})

test.describe('CSV import', () => {
	const header = '邮箱,姓名,岗位,团队,入职日期,角色'

	function csvFile(lines: string[]) {
		return { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') }
	}

	async function upload(page: Page, file: ReturnType<typeof csvFile>) {
		await page.getByLabel('CSV 文件').setInputFiles(file)
		await page.getByRole('button', { name: '校验并导入' }).click()
	}

	test('HR downloads the template, sees every problem of a bad file by line and column, then imports a good one', async ({
		page,
	}) => {
		const tag = uniqueTag()
		await logIn(page, 'hr@example.com')
		await page.goto('/admin/users')
		await page.getByRole('link', { name: '导入人员' }).click()
		await expect(page).toHaveURL('/admin/users/import')
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('从 CSV 导入人员')

		// The template is a CSV with the Chinese header the importer reads.
		const downloading = page.waitForEvent('download')
		await page.getByRole('link', { name: '下载模板' }).click()
		const download = await downloading
		expect(download.suggestedFilename()).toMatch(/\.csv$/)
		const template = (await readFile(await download.path())).toString('utf8')
		expect(template.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(header)

		await searchPeople(page, tag)
		await expect(page.getByText('共 0 人')).toBeVisible()

		await page.goto('/admin/users/import')
		await upload(
			page,
			csvFile([
				header,
				`ok-${tag}@example.com,好人${tag},销售代表,east-sales,2024-01-02,员工`,
				`not-an-email-${tag},坏邮箱${tag},,east-sales,2024-01-02,`,
				`team-${tag}@example.com,坏团队${tag},市场专员,火星团队,2024-01-02,`,
				`date-${tag}@example.com,坏日期${tag},客户成功,,2024-13-45,导师`,
			]),
		)
		await expect(page.getByRole('alert')).toHaveText('文件有 3 处错误，未写入任何数据。')
		const problems = page.getByRole('region', { name: '文件有 3 处错误，未写入任何数据。' }).getByRole('table')
		await expect(problems.getByRole('columnheader')).toHaveText(['行', '列', '原因'])
		await expect(problems.locator('tbody tr')).toHaveCount(3)
		const cells = async (n: number) => problems.locator('tbody tr').nth(n).getByRole('cell').allInnerTexts()
		expect(await cells(0)).toEqual(['3', '邮箱', `邮箱格式无效：“not-an-email-${tag}”。`])
		expect(await cells(1)).toEqual(['4', '团队', '团队“火星团队”不存在。'])
		expect(await cells(2)).toEqual(['5', '入职日期', '日期“2024-13-45”无效，应为 YYYY-MM-DD。'])

		// Nothing was written, not even the good line.
		await searchPeople(page, tag)
		await expect(page.getByText('共 0 人')).toBeVisible()

		await page.goto('/admin/users/import')
		await upload(
			page,
			csvFile([
				header,
				`a-${tag}@example.com,导入甲${tag},销售代表,east-sales,2024-01-02,员工`,
				`b-${tag}@example.com,导入乙${tag},客户成功,华北销售团队,2023/7/1,导师;经理`,
			]),
		)
		await expect(page).toHaveURL('/admin/users')
		await expect(page.getByRole('status')).toHaveText('已导入 2 人。')

		await searchPeople(page, tag)
		await expect(page.getByText('共 2 人')).toBeVisible()
		const a = usersTable(page).getByRole('row').filter({ hasText: `a-${tag}@example.com` })
		const b = usersTable(page).getByRole('row').filter({ hasText: `b-${tag}@example.com` })
		await expect(a).toContainText(`导入甲${tag}`)
		await expect(a).toContainText('华东销售团队')
		await expect(b).toContainText(`导入乙${tag}`)
		await expect(b).toContainText('华北销售团队')
		await expect(b).toContainText('2023-07-01')
		await expect(b).toContainText('导师')
		await expect(b).toContainText('经理')

		// Imported people have no password until HR sets one.
		await a.getByRole('link', { name: `编辑 导入甲${tag}` }).click()
		await expect(page.getByText('尚未设置密码，无法登录。')).toBeVisible()
	})
})

test.describe('API tokens', () => {
	test('HR creates a users:read token, the API accepts it, and after revoking it answers 401', async ({ page, request }) => {
		const name = `e2e 令牌 ${uniqueTag()}`
		await logIn(page, 'hr@example.com')
		await page.goto('/admin')
		await page.getByRole('link', { name: '接口令牌', exact: true }).click()
		await expect(page).toHaveURL('/admin/tokens')
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('接口令牌')

		await page.getByLabel('名称').fill(name)
		await page.getByRole('checkbox', { name: /读取人员名单/ }).check()
		await page.getByRole('button', { name: '创建令牌' }).click()

		const shown = page.getByRole('status').filter({ hasText: '令牌已创建' })
		await expect(shown).toContainText(`令牌已创建。请立即复制，它不会再次显示： ${name}`)
		const field = shown.getByLabel('新令牌')
		await expect(field).toHaveValue(/\S{20,}/)
		const token = await field.inputValue()
		// The form is ready for the next token.
		await expect(page.getByLabel('名称')).toHaveValue('')

		const row = page.getByRole('region', { name: '全部令牌' }).getByRole('row').filter({ hasText: name })
		await expect(row).toContainText('读取人员名单')
		await expect(row).toContainText('有效')
		await expect(row).toContainText('从未使用')
		await expect(row).not.toContainText(token)

		const auth = { Authorization: `Bearer ${token}` }
		const me = await request.get('/api/v1/me', { headers: auth })
		expect(me.status()).toBe(200)
		expect((await me.json()).token).toMatchObject({ name, scopes: ['users:read'] })

		const users = await request.get('/api/v1/users', { headers: auth })
		expect(users.status()).toBe(200)
		const body = (await users.json()) as { users: Array<{ email: string }> }
		expect(body.users.map((u) => u.email)).toContain('rep@example.com')

		// Shown once: a fresh load of the page no longer has it, and the list now knows it was used.
		await page.goto('/admin/tokens')
		await expect(page.getByLabel('新令牌')).toHaveCount(0)
		expect(await page.content()).not.toContain(token)
		await expect(row).not.toContainText('从未使用')

		await row.locator('summary', { hasText: '吊销' }).click()
		const confirm = row.getByRole('group', { name: `吊销后，使用“${name}”的系统将立即无法调用接口，且无法恢复。确定吊销？` })
		await confirm.getByRole('button', { name: '吊销' }).click()
		await expect(page.getByRole('status').filter({ hasText: '已吊销令牌' })).toHaveText(`已吊销令牌“${name}”。`)
		await expect(row).toContainText('已吊销')
		await expect(row.locator('summary', { hasText: '吊销' })).toHaveCount(0)

		const after = await request.get('/api/v1/users', { headers: auth })
		expect(after.status()).toBe(401)
		expect((await after.json()).error.code).toBe('invalid_token')
	})

	test('the copy button puts the token on the clipboard', async ({ page, context }) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write'])
		await logIn(page, 'hr@example.com')
		await page.goto('/admin/tokens')
		await page.getByLabel('名称').fill(`e2e copy ${uniqueTag()}`)
		await page.getByRole('checkbox', { name: /IM 机器人查询/ }).check()
		await page.getByRole('button', { name: '创建令牌' }).click()
		const field = page.getByLabel('新令牌')
		await expect(field).toHaveValue(/\S{20,}/)
		await page.getByRole('button', { name: '复制' }).click()
		await expect(page.getByRole('button', { name: '已复制' })).toBeVisible()
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await field.inputValue())
	})
})

test('a person changes their own password: they are sent to log in again and only the new password works', async ({
	page,
	browser,
}) => {
	const tag = uniqueTag()
	const person = newPerson(tag, 'acct')
	// HR makes the person in a separate browser, so no demo login's password ever changes.
	const hr = await freshPage(browser)
	await logIn(hr.page, 'hr@example.com')
	await createPerson(hr.page, person)
	await hr.context.close()

	await logIn(page, person.email, person.password)
	// The header shows the person's name, linking to their account page.
	await page.getByRole('banner').getByRole('link', { name: person.name, exact: true }).click()
	await expect(page).toHaveURL('/account')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('账户')
	await expect(page.getByText(`${person.name} · ${person.email}`)).toBeVisible()

	const newPassword = passwordFor(tag, 2)
	// A wrong current password is refused at its field.
	await page.getByLabel('当前密码').fill('not-my-password')
	await page.getByLabel('新密码', { exact: true }).fill(newPassword)
	await page.getByLabel('确认新密码').fill(newPassword)
	await page.getByRole('button', { name: '修改密码' }).click()
	await expect(page.getByText('当前密码不正确。')).toBeVisible()
	await expect(page.getByLabel('当前密码')).toHaveAttribute('aria-invalid', 'true')
	await expect(page).toHaveURL('/account')

	await page.getByLabel('当前密码').fill(person.password)
	await page.getByLabel('新密码', { exact: true }).fill(newPassword)
	await page.getByLabel('确认新密码').fill(newPassword)
	await page.getByRole('button', { name: '修改密码' }).click()
	await expect(page).toHaveURL('/login')
	await expect(page.getByRole('status')).toHaveText('密码已修改，请重新登录。')

	await submitLogin(page, person.email, person.password)
	await expect(page.getByText('邮箱或密码不正确。')).toBeVisible()
	await logIn(page, person.email, newPassword)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${person.name}，你好`)
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a duplicate email is reported at the email field and the other values are kept', async ({ page }) => {
		const tag = uniqueTag()
		await logIn(page, 'hr@example.com')
		await fillNewPersonForm(page, { email: 'rep@example.com', name: `重复${tag}`, password: passwordFor(tag) })

		await expect(page).toHaveURL('/admin/users/new')
		const email = page.getByLabel('邮箱')
		await expect(email).toHaveAttribute('aria-invalid', 'true')
		const errorId = (await email.getAttribute('aria-describedby')) ?? ''
		expect(errorId).not.toBe('')
		await expect(page.locator(`[id="${errorId.split(' ').at(-1)}"]`)).toHaveText('该邮箱已被使用。')

		await expect(email).toHaveValue('rep@example.com')
		await expect(page.getByLabel('姓名')).toHaveValue(`重复${tag}`)
		await expect(page.getByLabel('岗位')).toHaveValue('sales_rep')
		await expect(page.getByLabel('团队').locator('option:checked')).toHaveText('华南销售团队（华南）')
		await expect(page.getByLabel('入职日期')).toHaveValue('2024-05-06')
		// The password is never sent back.
		await expect(page.getByLabel('初始密码')).toHaveValue('')
		expect(await page.content()).not.toContain(passwordFor(tag))

		// Nobody was created under the typed name.
		await searchPeople(page, `重复${tag}`)
		await expect(page.getByText('共 0 人')).toBeVisible()
	})
})

const viewports = [
	{ name: 'phone', width: 375, height: 812 },
	{ name: 'desktop', width: 1280, height: 800 },
]

for (const viewport of viewports) {
	test.describe(`admin pages at ${viewport.width}px`, () => {
		test.use({ viewport: { width: viewport.width, height: viewport.height } })

		async function check(page: Page, shot: string) {
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
			await expectNoAxeViolations(page)
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
			expect(overflow).toBeLessThanOrEqual(0)
			await page.screenshot({ path: `test-results/screens/admin-${shot}-${viewport.width}.png`, fullPage: true })
		}

		/** Chinese text may break between any two characters; in a squeezed table column a badge or a button must not. */
		async function expectNoWrappedPills(page: Page) {
			const wrapped = await page.locator('main td').evaluateAll((cells) =>
				cells.flatMap((cell) =>
					[...cell.querySelectorAll('span.rounded-full, summary')]
						.filter((el) => {
							const range = document.createRange()
							range.selectNodeContents(el)
							return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1
						})
						.map((el) => el.textContent),
				),
			)
			expect(wrapped).toEqual([])
		}

		test.beforeEach(async ({ page }) => {
			await logIn(page, 'hr@example.com')
		})

		test('/admin/users', async ({ page }) => {
			await page.goto('/admin/users')
			await expect(usersTable(page)).toBeVisible()
			await check(page, 'users')
			await expectNoWrappedPills(page)
		})

		test('/admin/users/new with field errors', async ({ page }) => {
			await page.goto('/admin/users/new')
			await check(page, 'new')
			// Submitting it empty shows the field errors, which must be accessible too.
			await page.getByRole('button', { name: '创建', exact: true }).click()
			await expect(page.getByLabel('邮箱')).toHaveAttribute('aria-invalid', 'true')
			await check(page, 'new-errors')
		})

		test('/admin/users/:id with the deactivate confirmation open', async ({ page }) => {
			await page.goto('/admin/users?q=rep%40example.com')
			await page.getByRole('link', { name: '编辑 李娜' }).click()
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('编辑 李娜')
			// Only opened, never submitted: this is a demo login.
			await page.locator('summary', { hasText: '停用账号' }).click()
			await expect(page.getByRole('group', { name: /确定停用 李娜/ })).toBeVisible()
			await check(page, 'edit')
		})

		test('/admin/users/import after a failed upload', async ({ page }) => {
			await page.goto('/admin/users/import')
			await page.getByLabel('CSV 文件').setInputFiles({
				name: 'bad.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from('邮箱,姓名,部门,入职日期\nnot-an-email,某人,销售部,2024-02-30\n', 'utf8'),
			})
			await page.getByRole('button', { name: '校验并导入' }).click()
			await expect(page.getByRole('alert')).toContainText('未写入任何数据')
			await check(page, 'import')
		})

		test('/admin/tokens with a new token shown', async ({ page }) => {
			await page.goto('/admin/tokens')
			await page.getByLabel('名称').fill(`e2e a11y ${viewport.name} ${uniqueTag()}`)
			await page.getByRole('checkbox', { name: /读取指标/ }).check()
			await page.getByRole('button', { name: '创建令牌' }).click()
			await expect(page.getByLabel('新令牌')).toBeVisible()
			await check(page, 'tokens')
			await expectNoWrappedPills(page)
		})
	})
}
