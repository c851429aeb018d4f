import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { AppShell } from '#app/components/app-shell.tsx'
import { ToastMessage } from '#app/components/ui/index.ts'
import { navItemsFor } from '#app/modules/auth/navigation.ts'
import { examLockFor } from '#app/modules/exams/lock.server.ts'
import type { loader as rootLoader } from '#app/root.tsx'
import { ErrorPage } from '#app/root.tsx'
import { requireUser } from '#app/utils/auth.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	// During a closed-book exam the frame drops every way out but the banner back to the exam.
	return { userName: user.name, nav: navItemsFor(user.roles), examLock: examLockFor(user.id) }
}

export default function Shell() {
	const { userName, nav, examLock } = useLoaderData<typeof loader>()
	const root = useRouteLoaderData<typeof rootLoader>('root')
	return (
		<AppShell userName={userName} nav={nav} examLock={examLock}>
			<ToastMessage toast={root?.toast ?? null} />
			<Outlet />
		</AppShell>
	)
}

/** Errors inside a page keep the navigation around them. */
export function ErrorBoundary() {
	const error = useRouteError()
	const data = useRouteLoaderData<typeof loader>('routes/_shell')
	if (!data) return <ErrorPage error={error} />
	return (
		<AppShell userName={data.userName} nav={data.nav} examLock={data.examLock}>
			<ErrorPage error={error} inShell />
		</AppShell>
	)
}
