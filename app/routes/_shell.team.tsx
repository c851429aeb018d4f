import type { LoaderFunctionArgs } from '@remix-run/node'
import { ComingSoon } from '#app/components/coming-soon.tsx'
import { requireRole } from '#app/utils/auth.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'manager', 'hr_admin')
	return null
}

export default function Page() {
	return <ComingSoon section="team" />
}
