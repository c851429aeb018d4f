import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectNoAxeViolations, logIn } from './helpers.ts'

async function signedIn(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
	await logIn(page, email)
	return page
}

/** A session running now in Shanghai: started 10 minutes ago (check-in open, feedback allowed), an hour long, within the day. */
function runningNow() {
	const shanghai = new Date(Date.now() + 8 * 3_600_000)
	const minutes = shanghai.getUTCHours() * 60 + shanghai.getUTCMinutes()
	const start = Math.max(0, Math.min(minutes - 10, 23 * 60 - 1))
	const end = Math.min(start + 60, 23 * 60 + 59)
	const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
	return { date: shanghai.toISOString().slice(0, 10), start: hhmm(start), end: hhmm(end) }
}

test('a rep RSVPs, downloads the .ics, checks in with the code and leaves feedback; the organiser publishes the notes and the rep finds them in KB search', async ({
	browser,
}) => {
	const token = `e2e${randomUUID().replace(/-/g, '').slice(0, 8)}`
	const title = `朋友圈复盘 ${token}`
	const when = runningNow()

	// The manager organises a session that is on right now.
	const manager = await signedIn(browser, 'manager@example.com')
	await manager.goto('/sessions/new')
	await manager.getByLabel('标题').fill(title)
	await manager.getByLabel('内容简介').fill('朋友圈内容日历与互动话术的实战复盘')
	await manager.getByLabel('日期').fill(when.date)
	await manager.getByLabel('开始时间').fill(when.start)
	await manager.getByLabel('结束时间').fill(when.end)
	await manager.getByLabel('地点', { exact: true }).fill('上海总部 3 楼大会议室')
	await manager.getByLabel('名额').fill('5')
	await manager.getByRole('button', { name: '保存分享会' }).click()
	await expect(manager).toHaveURL(/\/sessions\/\d+$/)
	const path = new URL(manager.url()).pathname

	// The rep says they are going and downloads the calendar file.
	const rep = await signedIn(browser, 'rep@example.com')
	await rep.goto(path)
	await rep.getByRole('region', { name: '报名' }).getByRole('button', { name: '参加', exact: true }).click()
	await expect(rep.getByText('我会参加').first()).toBeVisible()
	const [download] = await Promise.all([rep.waitForEvent('download'), rep.getByRole('link', { name: '下载日历文件（.ics）' }).click()])
	expect(download.suggestedFilename()).toMatch(/^session-\d+\.ics$/)
	const ics = await readFile((await download.path())!, 'utf8')
	expect(ics).toContain('BEGIN:VEVENT')
	expect(ics).toContain(`DTSTART;TZID=Asia/Shanghai:${when.date.replace(/-/g, '')}T${when.start.replace(':', '')}00`)
	expect(ics).toContain('BEGIN:VTIMEZONE')
	expect(ics).toContain(token)

	// The organiser's panel shows the code; the rep checks in with it.
	await manager.reload()
	const panel = manager.getByRole('region', { name: '组织者面板' })
	const code = /\b(\d{6})\b/.exec((await panel.textContent()) ?? '')?.[1]
	expect(code).toMatch(/^\d{6}$/)
	await rep.reload()
	const checkIn = rep.getByRole('region', { name: '签到' })
	await checkIn.getByLabel('签到码').fill(code!)
	await checkIn.getByRole('button', { name: '签到' }).click()
	await expect(rep.getByText('你已签到。')).toBeVisible()

	// Feedback, from an attendee.
	const feedback = rep.getByRole('region', { name: '评价', exact: true })
	await feedback.getByRole('group', { name: /评分/ }).getByLabel('5 分').check()
	await feedback.getByLabel('意见和建议（可选）').fill('案例很实用，话术可以直接用')
	await feedback.getByRole('button', { name: '提交评价' }).click()
	await expect(rep.getByText('感谢你的评价')).toBeVisible()
	await expect(feedback.getByRole('button', { name: '更新评价' })).toBeVisible()

	// The organiser writes the notes and drafts an article; HR (not the author) publishes it.
	await manager.reload()
	const notes = manager.getByRole('region', { name: '笔记与录像' })
	await notes.getByLabel('会议笔记').fill(`## 要点\n\n朋友圈每周三条：一条案例，一条干货，一条互动。复盘口令 ${token}。`)
	await notes.getByRole('button', { name: '保存笔记' }).click()
	await expect(manager.getByText('笔记与录像已保存')).toBeVisible()
	await manager.getByRole('region', { name: '笔记与录像' }).getByLabel('方法').check()
	await manager.getByRole('region', { name: '笔记与录像' }).getByRole('button', { name: '生成草稿' }).click()
	await expect(manager.getByText('草稿已生成，等待人事审核')).toBeVisible()

	const hr = await signedIn(browser, 'hr@example.com')
	await hr.goto('/admin/kb/drafts')
	const draft = hr.getByRole('region', { name: title })
	await draft.getByRole('button', { name: '发布到知识库' }).click()
	await expect(hr.getByText(`已发布：${title}`)).toBeVisible()

	// The rep finds the notes in the knowledge base.
	await rep.goto(`/kb?q=${token}`)
	await expect(rep.getByRole('link', { name: title })).toBeVisible()
})

const viewports = [
	{ name: 'phone', width: 375, height: 812 },
	{ name: 'desktop', width: 1280, height: 800 },
]

const pages: Array<{ who: string; path: string | 'upcoming' | 'past' }> = [
	{ who: 'rep@example.com', path: '/sessions' },
	{ who: 'rep@example.com', path: 'upcoming' },
	{ who: 'manager@example.com', path: 'past' },
	{ who: 'manager@example.com', path: '/sessions/new' },
	{ who: 'hr@example.com', path: '/admin/kb/drafts' },
]

for (const lng of ['zh-CN', 'en'] as const) {
	for (const viewport of viewports) {
		test.describe(`session pages, ${lng} at ${viewport.width}px`, () => {
			test.use({ viewport: { width: viewport.width, height: viewport.height } })
			for (const { who, path } of pages) {
				test(`${path} (${who.split('@')[0]}) has no axe violations and does not overflow`, async ({ page }) => {
					await logIn(page, who)
					let target = path
					if (path === 'upcoming' || path === 'past') {
						await page.goto('/sessions')
						const section = page.getByRole('region', { name: path === 'upcoming' ? '即将举行' : '往期分享会' })
						target = (await section.getByRole('heading').getByRole('link').first().getAttribute('href'))!
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
