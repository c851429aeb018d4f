import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { localName } from '#app/modules/performance/format.ts'
import { neutralizeCell, templateHeader, templateRows } from '#app/modules/performance/import.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { getLocale, getT } from '#app/utils/i18n.server.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * The KPI import template as a workbook: the data sheet (real Excel date cells, number cells) and a
 * second sheet listing the importable indicators. Text cells go through neutralizeCell.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const [locale, t] = await Promise.all([getLocale(request), getT(request)])
	const workbook = new ExcelJS.Workbook()
	workbook.creator = 'Ascent'
	workbook.created = new Date(0)

	const sheet = workbook.addWorksheet(t('kpiImport.templates.sheet').slice(0, 31))
	sheet.addRow(templateHeader(locale).map(neutralizeCell)).font = { bold: true }
	for (const [email, indicator, date, value, evidence] of templateRows(businessDate(now()), locale)) {
		const row = sheet.addRow([neutralizeCell(email), neutralizeCell(indicator), new Date(`${date}T00:00:00Z`), value, evidence ? neutralizeCell(evidence) : null])
		row.getCell(3).numFmt = 'yyyy-mm-dd'
		row.getCell(4).numFmt = '#,##0.##'
	}
	sheet.columns.forEach((column, i) => {
		column.width = [28, 22, 14, 14, 30][i] ?? 16
	})
	sheet.views = [{ state: 'frozen', ySplit: 1 }]

	const list = workbook.addWorksheet(t('kpiImport.templates.indicatorSheet').slice(0, 31))
	list.addRow(
		[t('kpiImport.indicators.code'), t('kpiImport.indicators.name'), t('kpiImport.indicators.unit'), t('kpiImport.indicators.grain')].map(neutralizeCell),
	).font = { bold: true }
	for (const indicator of listIndicators()) {
		if (indicator.rollup === 'ratio' || indicator.source === 'exam') continue
		list.addRow([
			neutralizeCell(indicator.code),
			neutralizeCell(localName(indicator, locale)),
			neutralizeCell(t(`kpiTerms.unit.${indicator.unit}`)),
			neutralizeCell(t(`kpiTerms.grain.${indicator.grain}`)),
		])
	}
	list.columns.forEach((column, i) => {
		column.width = [26, 24, 10, 12][i] ?? 16
	})

	const body = await workbook.xlsx.writeBuffer()
	return new Response(body as ArrayBuffer, {
		headers: {
			'Content-Type': XLSX,
			'Content-Disposition': `attachment; filename="ascent-kpi-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${t('kpiImport.templates.filename')}.xlsx`)}`,
			'Cache-Control': 'private, no-store',
		},
	})
}
