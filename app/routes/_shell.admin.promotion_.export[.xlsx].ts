import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { formatDay } from '#app/components/mentoring-admin/format.ts'
import { localName, neutralizeCell } from '#app/modules/performance/format.ts'
import { missingText } from '#app/modules/promotion/eligibility.ts'
import { promotionList, readFilters } from '#app/modules/promotion/eligibility.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { getLocale, getT } from '#app/utils/i18n.server.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * HR's promotion list as a workbook, with the same `?status=&team=&position=` filters as
 * /admin/promotion: one row per person with the status, the run of quarters on target and what is
 * missing in words. Every text cell goes through neutralizeCell, so a name like "=HYPERLINK(…)" stays text.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const list = promotionList(readFilters(new URL(request.url).searchParams))
	const [t, locale] = await Promise.all([getT(request), getLocale(request)])
	const text = (value: string) => neutralizeCell(value)
	const tr = (key: string, values?: Record<string, unknown>) => String(t(key as never, values as never))

	const workbook = new ExcelJS.Workbook()
	workbook.creator = 'Ascent'
	workbook.created = new Date(0)
	const sheet = workbook.addWorksheet(tr('promotion.export.sheet').slice(0, 31))
	sheet.addRow(
		['name', 'email', 'team', 'position', 'title', 'status', 'run', 'latestScore', 'missing', 'decision'].map((column) => text(tr(`promotion.export.${column}`))),
	).font = { bold: true }
	for (const row of list.rows) {
		const decision = row.lastDecision
		const added = sheet.addRow([
			text(row.name),
			text(row.email),
			row.teamZh && row.teamEn ? text(localName({ nameZh: row.teamZh, nameEn: row.teamEn }, locale)) : null,
			row.positionType ? text(tr(`positions.${row.positionType}`)) : null,
			row.title ? text(row.title) : null,
			text(tr(`promotion.status.${row.status}`)),
			`${row.run} / ${list.rules.consecutiveQuarters}`,
			row.latestScore,
			text(row.missing.map((m) => missingText(m, tr, locale)).join('\n')),
			decision
				? text(
						decision.decision === 'approved'
							? tr('promotion.export.decisionApproved', { date: formatDay(decision.decidedOn, locale), title: decision.newTitle ?? '' })
							: tr('promotion.export.decisionRejected', { date: formatDay(decision.decidedOn, locale), reason: decision.reason ?? '' }),
					)
				: null,
		])
		added.getCell(8).numFmt = '0.0'
		added.getCell(9).alignment = { wrapText: true, vertical: 'top' }
	}
	sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }]
	sheet.columns.forEach((column, i) => {
		column.width = i === 8 ? 48 : 16
	})

	const buffer = await workbook.xlsx.writeBuffer()
	const filename = tr('promotion.export.filename', { date: list.today })
	return new Response(buffer as ArrayBuffer, {
		headers: {
			'Content-Type': XLSX,
			'Content-Disposition': `attachment; filename="promotion-${list.today}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'Cache-Control': 'private, no-store',
		},
	})
}
