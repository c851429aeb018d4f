import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { NavItem } from '#app/modules/auth/navigation.ts'
import { cn } from './ui/cn.ts'

function LanguageSwitch() {
	const { t, i18n } = useTranslation()
	const location = useLocation()
	const params = new URLSearchParams(location.search)
	params.set('lng', i18n.language === 'en' ? 'zh-CN' : 'en')
	return (
		<Link
			to={`${location.pathname}?${params}`}
			lang={i18n.language === 'en' ? 'zh-CN' : 'en'}
			className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-slate-800 hover:bg-slate-100"
			aria-label={`${t('nav.language')}: ${t('nav.switchTo')}`}
		>
			{t('nav.switchTo')}
		</Link>
	)
}

function NavLinks({ items }: { items: NavItem[] }) {
	const { t } = useTranslation()
	return (
		<ul className="flex flex-col gap-1 lg:flex-row lg:flex-wrap">
			{items.map((item) => (
				<li key={item.key}>
					<NavLink
						to={item.to}
						end={item.to === '/'}
						className={({ isActive }) =>
							cn(
								'flex min-h-11 items-center rounded-md px-3 text-sm font-medium',
								isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-800 hover:bg-slate-100',
							)
						}
					>
						{t(`nav.${item.key}`)}
					</NavLink>
				</li>
			))}
		</ul>
	)
}

function LogoutForm() {
	const { t } = useTranslation()
	return (
		<Form method="post" action="/logout">
			<button
				type="submit"
				className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-slate-800 hover:bg-slate-100"
			>
				{t('nav.logout')}
			</button>
		</Form>
	)
}

/** The closed-book exam a person is taking: while it is open the frame offers nothing but the way back. */
export type ShellExamLock = { href: string; title: string; titleEn: string }

function Brand({ linked }: { linked: boolean }) {
	const { t } = useTranslation()
	const inner = (
		<>
			<img src="/favicon.svg" alt="" width={32} height={32} className="size-8" />
			<span>{t('app.name')}</span>
		</>
	)
	const className = 'flex min-h-11 items-center gap-2 text-lg font-bold text-brand-800'
	return linked ? (
		<Link to="/" className={className}>
			{inner}
		</Link>
	) : (
		<span className={className}>{inner}</span>
	)
}

function ExamBanner({ lock }: { lock: ShellExamLock }) {
	const { t, i18n } = useTranslation()
	return (
		<div className="border-t border-amber-300 bg-amber-50">
			<p className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 px-4 py-2 text-sm text-amber-900">
				<span className="font-semibold">{t('exams.focus.banner')}</span>
				<span aria-hidden="true">·</span>
				<span>{i18n.language === 'en' ? lock.titleEn : lock.title}</span>
				<span aria-hidden="true">·</span>
				<Link to={lock.href} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
					{t('exams.focus.back')}
				</Link>
			</p>
		</div>
	)
}

/**
 * The signed-in frame: brand, navigation for the person's roles, language and account. On a phone
 * the navigation folds into a <details> menu, which opens without JavaScript. During a closed-book
 * exam (`examLock`) it keeps only the language switch and a banner back to the exam.
 */
export function AppShell({
	userName,
	nav,
	examLock = null,
	children,
}: {
	userName: string
	nav: NavItem[]
	examLock?: ShellExamLock | null
	children: ReactNode
}) {
	const { t } = useTranslation()
	return (
		<div className="min-h-screen">
			<a
				href="#main"
				className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
			>
				{t('nav.skipToContent')}
			</a>
			{examLock ? (
				<header className="border-b border-slate-200 bg-white print:hidden">
					<div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2">
						<Brand linked={false} />
						<LanguageSwitch />
					</div>
					<ExamBanner lock={examLock} />
				</header>
			) : (
				<header className="border-b border-slate-200 bg-white print:hidden">
					<div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2">
						<Brand linked />
						<div className="flex items-center gap-1">
							<LanguageSwitch />
							<Link
								to="/account"
								className="hidden min-h-11 items-center rounded-md px-3 text-sm text-slate-800 hover:bg-slate-100 sm:inline-flex"
							>
								{userName}
							</Link>
							<div className="hidden lg:block">
								<LogoutForm />
							</div>
						</div>
					</div>
					<nav aria-label={t('nav.label')} className="mx-auto hidden max-w-6xl px-4 pb-2 lg:block">
						<NavLinks items={nav} />
					</nav>
					<details className="border-t border-slate-200 lg:hidden">
						<summary className="flex min-h-11 cursor-pointer items-center gap-2 px-4 text-sm font-medium text-slate-800">
							<span aria-hidden="true">☰</span>
							{t('nav.menu')}
						</summary>
						<nav aria-label={t('nav.label')} className="px-4 pb-3">
							<NavLinks items={nav} />
							<div className="mt-2 flex flex-col gap-1 border-t border-slate-200 pt-2">
								<Link
									to="/account"
									className="flex min-h-11 items-center rounded-md px-3 text-sm text-slate-800 hover:bg-slate-100"
								>
									{t('nav.account')} · {userName}
								</Link>
								<LogoutForm />
							</div>
						</nav>
					</details>
				</header>
			)}
			<main id="main" className="mx-auto max-w-6xl px-4 py-6 print:max-w-none print:p-0">
				{children}
			</main>
		</div>
	)
}
