import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { endSession } from '#app/utils/auth.server.ts'
import { toastHeader } from '#app/utils/toast.server.ts'

// public: logging out must work even when the session has already expired.
export async function loader() {
	return redirect('/')
}

// public: see above; the server's Origin check still applies to this POST.
export async function action({ request }: ActionFunctionArgs) {
	const headers = new Headers()
	headers.append('Set-Cookie', await endSession(request))
	headers.append('Set-Cookie', await toastHeader({ kind: 'info', key: 'login.loggedOut' }))
	return redirect('/login', { headers })
}
