import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { teamPage } from '#app/modules/performance/kpi-pages.server.ts'
import { formatPeriod, localName, neutralizeCell } from '#app/modules/performance/format.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { getLocale, getT } from '#app/utils/i18n.server.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * The team table of /team as a workbook: same guard and the same `?team=` / `?period=` / `?sort=`,
 * one row per person with the weighted score, the level and each indicator's actual and achievement.
 * Every text cell goes through neutralizeCell, so a name like "=HYPERLINK(…)" stays text.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await requireRole(request, 'manager', 'hr_admin')
	const page = teamPage(viewer, new URL(request.url).searchParams)
	if (!page.team) throw new Response('No team', { status: 404, statusText: 'Not Found' })
	const [t, locale] = await Promise.all([getT(request), getLocale(request)])
	const text = (value: string) => neutralizeCell(value)
	const teamName = localName(page.team, locale)
	const period = formatPeriod(page.choice.period, locale)

	const workbook = new ExcelJS.Workbook()
	workbook.creator = 'Ascent'
	workbook.created = new Date(0)
	const sheet = workbook.addWorksheet(t('kpi.export.sheet').slice(0, 31))
	const indicatorNames = page.columns.map((c) => localName(c, locale))
	sheet.addRow(
		[
			t('kpi.export.name'),
			t('kpi.export.email'),
			t('kpi.export.team'),
			t('kpi.export.period'),
			t('kpi.export.position'),
			t('kpi.export.score'),
			t('kpi.export.level'),
			...indicatorNames.flatMap((indicator) => [t('kpi.export.actual', { indicator }), t('kpi.export.achievement', { indicator })]),
		].map(text),
	).font = { bold: true }
	for (const row of page.rows) {
		const added = sheet.addRow([
			text(row.name),
			text(row.email),
			text(teamName),
			text(period),
			text(t(`positions.${row.positionType}`)),
			row.score,
			row.level ? text(t(`kpiTerms.level.${row.level}`)) : null,
			...row.cells.flatMap((cell) => [cell?.actual ?? null, cell?.achievement ?? null]),
		])
		added.getCell(6).numFmt = '0.0'
		page.columns.forEach((column, i) => {
			added.getCell(8 + i * 2).numFmt = column.unit === 'cny' ? '#,##0' : '#,##0.0'
			added.getCell(9 + i * 2).numFmt = '0.0%'
		})
	}
	sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }]
	sheet.columns.forEach((column) => {
		column.width = 16
	})

	const buffer = await workbook.xlsx.writeBuffer()
	const filename = t('kpi.export.filename', { team: teamName, period: page.choice.period })
	return new Response(buffer as ArrayBuffer, {
		headers: {
			'Content-Type': XLSX,
			'Content-Disposition': `attachment; filename="team-kpi-${page.team.id}-${page.choice.period}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'Cache-Control': 'private, no-store',
		},
	})
}
