import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { ComingSoon } from '#app/components/coming-soon.tsx'
import { requireRole } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'nav.team')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'manager', 'hr_admin')
	return null
}

export default function Page() {
	return <ComingSoon section="team" />
}
