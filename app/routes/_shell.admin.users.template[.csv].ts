import type { LoaderFunctionArgs } from '@remix-run/node'
import { userImportTemplate } from '#app/modules/auth/user-import.ts'
import { listTeams } from '#app/modules/auth/users.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { getT } from '#app/utils/i18n.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const csv = userImportTemplate(listTeams()[0]?.code)
	const t = await getT(request)
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="ascent-users-template.csv"; filename*=UTF-8''${encodeURIComponent(t('admin.templateFilename'))}`,
			'Cache-Control': 'private, no-store',
		},
	})
}
