import { createCookie, redirect } from '@remix-run/node'
import type { z } from 'zod'
import { toastSchema, type Toast } from './toast.ts'

const toastCookie = createCookie('ascent_toast', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 })

export async function toastHeader(toast: z.input<typeof toastSchema>) {
	return toastCookie.serialize(toastSchema.parse(toast))
}

export async function redirectWithToast(url: string, toast: z.input<typeof toastSchema>, init?: ResponseInit) {
	const headers = new Headers(init?.headers)
	headers.append('Set-Cookie', await toastHeader(toast))
	return redirect(url, { ...init, headers })
}

/** Reads the pending toast and the header that clears it. */
export async function popToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
	const raw: unknown = await toastCookie.parse(request.headers.get('cookie'))
	if (!raw) return { toast: null, setCookie: null }
	const parsed = toastSchema.safeParse(raw)
	return {
		toast: parsed.success ? parsed.data : null,
		setCookie: await toastCookie.serialize('', { maxAge: 0 }),
	}
}
