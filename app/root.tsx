import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
	isRouteErrorResponse,
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	useRouteError,
	useRouteLoaderData,
} from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { ButtonLink } from './components/ui/index.ts'
import { fallbackLanguage } from './i18n.ts'
import { formatDateTime } from './utils/dates.ts'
import tailwind from './styles/tailwind.css?url'
import { getSession } from './utils/auth.server.ts'
import { getLocale, localeCookie } from './utils/i18n.server.ts'
import { useNonce } from './utils/nonce.tsx'
import { popToast } from './utils/toast.server.ts'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: tailwind },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

// public: runs for every page, login included; pages guard themselves.
export async function loader({ request }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	const session = await getSession(request)
	const { toast, setCookie: clearToast } = await popToast(request)
	const headers = new Headers()
	if (new URL(request.url).searchParams.has('lng')) headers.append('Set-Cookie', await localeCookie.serialize(locale))
	if (session?.setCookie) headers.append('Set-Cookie', session.setCookie)
	if (clearToast) headers.append('Set-Cookie', clearToast)
	return data({ locale, toast }, { headers })
}

export function Layout({ children }: { children: React.ReactNode }) {
	const loaderData = useRouteLoaderData<typeof loader>('root')
	const { i18n } = useTranslation()
	const nonce = useNonce()
	const locale = loaderData?.locale ?? i18n.language ?? fallbackLanguage
	return (
		<html lang={locale} dir="ltr">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				{children}
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	const { locale } = useRouteLoaderData<typeof loader>('root')!
	useChangeLanguage(locale)
	// Effects run once React has hydrated the page: end-to-end tests wait for this before typing into
	// inputs whose behaviour needs JavaScript (e.g. search as you type).
	useEffect(() => {
		document.documentElement.dataset.hydrated = 'true'
	}, [])
	return <Outlet />
}

function errorText(error: unknown) {
	if (!isRouteErrorResponse(error)) return { status: 500, key: 'server' as const }
	switch (error.status) {
		case 404:
			return { status: 404, key: 'notFound' as const }
		case 403:
			return { status: 403, key: 'forbidden' as const }
		case 413:
			return { status: 413, key: 'tooLarge' as const }
		case 400:
			return { status: 400, key: 'badRequest' as const }
		case 423:
			return { status: 423, key: 'locked' as const }
		default:
			return { status: error.status, key: 'server' as const }
	}
}

type ExamLockData = { examLock: { href: string; title: string; titleEn: string; endsAt: string | Date } }

function examLockOf(error: unknown) {
	if (!isRouteErrorResponse(error) || error.status !== 423) return null
	const lock = (error.data as Partial<ExamLockData> | null)?.examLock
	return lock && typeof lock.href === 'string' ? lock : null
}

/** 423 during a closed-book exam: why the page is closed, and the one way back (no link home). */
function ExamLockedPage({ lock, inShell }: { lock: ExamLockData['examLock']; inShell: boolean }) {
	const { t, i18n } = useTranslation()
	const Frame = inShell ? 'div' : 'main'
	return (
		<Frame id={inShell ? undefined : 'main'} className="mx-auto max-w-xl px-4 py-16 text-center">
			<p className="text-sm font-medium text-brand-700">{t('errors.status', { status: 423 })}</p>
			<h1 className="mt-2 text-2xl font-bold text-slate-900">{t('exams.locked.title')}</h1>
			<p className="mt-3 text-slate-700">{t('exams.locked.body')}</p>
			<p className="mt-3 font-medium text-slate-900">{t('exams.locked.exam', { title: i18n.language === 'en' ? lock.titleEn : lock.title })}</p>
			<p className="mt-1 text-sm text-slate-700">{t('exams.locked.endsAt', { time: formatDateTime(new Date(lock.endsAt), i18n.language) })}</p>
			<div className="mt-6">
				<ButtonLink to={lock.href}>{t('exams.locked.back')}</ButtonLink>
			</div>
		</Frame>
	)
}

/**
 * The page for any error: in the reader's language, with no stack trace. `inShell` when the signed-in
 * frame already provides the page's <main>.
 */
export function ErrorPage({ error, inShell = false }: { error: unknown; inShell?: boolean }) {
	const { t } = useTranslation()
	const examLock = examLockOf(error)
	if (examLock) return <ExamLockedPage lock={examLock} inShell={inShell} />
	const { status, key } = errorText(error)
	const reason = isRouteErrorResponse(error) && typeof error.data === 'string' ? error.data : ''
	const title = {
		notFound: t('errors.notFoundTitle'),
		forbidden: t('errors.forbiddenTitle'),
		tooLarge: t('errors.tooLargeTitle'),
		badRequest: t('errors.badRequestTitle'),
		locked: t('exams.locked.title'),
		server: t('errors.serverTitle'),
	}[key]
	const body = {
		notFound: t('errors.notFound'),
		forbidden: t('errors.forbidden'),
		tooLarge: t('errors.tooLarge'),
		badRequest: t('errors.badRequest', { reason }),
		locked: t('exams.locked.body'),
		server: t('errors.server'),
	}[key]
	const Frame = inShell ? 'div' : 'main'
	return (
		<Frame id={inShell ? undefined : 'main'} className="mx-auto max-w-xl px-4 py-16 text-center">
			<p className="text-sm font-medium text-brand-700">{t('errors.status', { status })}</p>
			<h1 className="mt-2 text-2xl font-bold text-slate-900">{title}</h1>
			<p className="mt-3 text-slate-700">{body}</p>
			<div className="mt-6">
				<ButtonLink to="/" reloadDocument>
					{t('errors.backHome')}
				</ButtonLink>
			</div>
		</Frame>
	)
}

export function ErrorBoundary() {
	const error = useRouteError()
	return <ErrorPage error={error} />
}
