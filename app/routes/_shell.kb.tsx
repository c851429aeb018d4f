import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { ComingSoon } from '#app/components/coming-soon.tsx'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'nav.kb')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	return null
}

export default function Page() {
	return <ComingSoon section="kb" />
}
