/** Shared by the HTTP benchmarks: wait for the built server, and sign in as a demo user. */

export async function waitForHealthy(base: string, onTimeout: () => string = () => '') {
	for (let i = 0; ; i++) {
		if (i > 200) throw new Error(`server did not start${onTimeout() ? `:\n${onTimeout()}` : ''}`)
		try {
			if ((await fetch(`${base}/healthz`)).ok) return
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100))
	}
}

/** The session cookie of a demo login (a browser-like form POST, Origin included). */
export async function logInAs(base: string, email: string, password = 'ascent-demo'): Promise<string> {
	const login = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password }).toString(),
	})
	const cookie = login.headers.get('set-cookie')?.split(';')[0]
	if (!cookie) throw new Error(`login failed: ${login.status}`)
	return cookie
}
