import { expect, test, type Page } from '@playwright/test'
import { hydrated, logIn } from './helpers.ts'

/**
 * Every form works without JavaScript, so a page that never hydrates looks fine to every other test.
 * This one opens each signed-in page in a browser set to another time zone (New York) and requires
 * that React hydrates it with no error in the console: no script that fails to load, no server/client
 * text mismatch (#418), no module that needs Node in the browser.
 */

const PAGES: Record<string, string[]> = {
	'rep@example.com': ['/', '/tracks', '/exams', '/kb', '/kpi', '/mentoring', '/sessions', '/account', '/leaderboard', '/leaderboard/honours', '/badges', '/promotion'],
	'mentor@example.com': ['/', '/mentoring'],
	'manager@example.com': ['/team', '/team/targets', '/sessions/new?indicators=weekly_visits'],
	'hr@example.com': [
		'/admin',
		'/admin/users',
		'/admin/exams',
		'/admin/kpi',
		'/admin/kpi/import',
		'/admin/kpi/targets',
		'/admin/kpi/alert-rules',
		'/admin/mentoring',
		'/admin/kb/gaps',
		'/admin/kb/drafts',
		'/admin/promotion',
		'/admin/gamification',
		'/admin/audit',
	],
}

/** The first link on `from` whose path matches `pattern`, so detail pages come from the demo data as it is. */
async function firstLink(page: Page, from: string, pattern: RegExp) {
	await page.goto(from)
	const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
	const href = hrefs.find((h) => pattern.test(h))
	expect(href, `a link matching ${pattern} on ${from}`).toBeTruthy()
	return href!
}

test.use({ timezoneId: 'America/New_York' })

for (const [email, paths] of Object.entries(PAGES)) {
	test(`every page ${email} opens hydrates without a console error`, async ({ page }) => {
		test.setTimeout(120_000)
		const problems: string[] = []
		page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
		page.on('console', (message) => {
			if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`)
		})
		await logIn(page, email)
		const all = [...paths]
		if (email === 'rep@example.com') {
			all.push(await firstLink(page, '/kb', /^\/kb\/[^/?]+$/))
			all.push(await firstLink(page, '/sessions', /^\/sessions\/\d+$/))
			all.push(await firstLink(page, '/tracks', /^\/tracks\/[^/]+$/))
		}
		if (email === 'mentor@example.com') all.push(await firstLink(page, '/mentoring', /^\/mentoring\/\d+$/))
		for (const path of all) {
			await page.goto(path)
			await hydrated(page)
		}
		expect(problems).toEqual([])
	})
}
