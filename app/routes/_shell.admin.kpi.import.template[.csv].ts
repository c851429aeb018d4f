import type { LoaderFunctionArgs } from '@remix-run/node'
import { kpiImportTemplateCsv } from '#app/modules/performance/import.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { getLocale, getT } from '#app/utils/i18n.server.ts'

/** The KPI import template as CSV: UTF-8 with BOM and CRLF, headers in the reader's language. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const [locale, t] = await Promise.all([getLocale(request), getT(request)])
	const csv = kpiImportTemplateCsv(businessDate(now()), locale)
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="ascent-kpi-import-template.csv"; filename*=UTF-8''${encodeURIComponent(`${t('kpiImport.templates.filename')}.csv`)}`,
			'Cache-Control': 'private, no-store',
		},
	})
}
