import type { LoaderFunctionArgs } from '@remix-run/node'
import { ComingSoon } from '#app/components/coming-soon.tsx'
import { requireUser } from '#app/utils/auth.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	return null
}

export default function Page() {
	return <ComingSoon section="exams" />
}
