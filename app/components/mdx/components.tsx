import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The one component map for knowledge-base MDX. Articles are rendered to HTML on the server
 * (ADR 005), so these components carry no client state; the copy buttons start hidden and the
 * article page reveals and wires them once JavaScript runs.
 */

function Script({ title, children }: { title?: string; children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<figure className="kb-script my-4 rounded-lg border border-brand-100 bg-brand-50 p-4" data-script="">
			<figcaption className="mb-2 flex items-center justify-between gap-2">
				<span className="text-sm font-semibold text-brand-800">{title ?? t('kb.script')}</span>
				<button
					type="button"
					data-copy-script=""
					hidden
					className="min-h-11 rounded-md border border-brand-600 bg-white px-3 text-sm font-medium text-brand-800 hover:bg-brand-100 print:hidden"
				>
					{t('kb.copyScript')}
				</button>
			</figcaption>
			<div data-script-text="" className="space-y-2 text-slate-900 [&_p]:leading-7">
				{children}
			</div>
		</figure>
	)
}

function FabeRow({ label, children }: { label: string; children: ReactNode }) {
	return (
		<tr className="border-t border-slate-200">
			<th scope="row" className="w-24 bg-slate-50 px-3 py-2 text-left align-top font-semibold whitespace-nowrap text-slate-800">
				{label}
			</th>
			<td className="px-3 py-2 text-slate-900">{children}</td>
		</tr>
	)
}

function Fabe({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return (
		<table className="my-4 w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
			<caption className="sr-only">{t('kb.fabeCaption')}</caption>
			<tbody>{children}</tbody>
		</table>
	)
}

function Feature({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return <FabeRow label={t('kb.fabe.feature')}>{children}</FabeRow>
}
function Advantage({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return <FabeRow label={t('kb.fabe.advantage')}>{children}</FabeRow>
}
function Benefit({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return <FabeRow label={t('kb.fabe.benefit')}>{children}</FabeRow>
}
function Evidence({ children }: { children: ReactNode }) {
	const { t } = useTranslation()
	return <FabeRow label={t('kb.fabe.evidence')}>{children}</FabeRow>
}

function Steps({ children }: { children: ReactNode }) {
	return <div className="kb-steps my-4 rounded-lg border border-slate-200 bg-white p-4 [&_ol]:list-decimal [&_ol]:space-y-2 [&_ol]:pl-5">{children}</div>
}

const calloutTones = {
	tip: 'border-green-300 bg-green-50 text-green-950',
	warning: 'border-amber-300 bg-amber-50 text-amber-950',
	pitfall: 'border-red-300 bg-red-50 text-red-950',
} as const

function Callout({ type = 'tip', children }: { type?: keyof typeof calloutTones; children: ReactNode }) {
	const { t } = useTranslation()
	const tone = calloutTones[type] ?? calloutTones.tip
	return (
		// A note, not an <aside>: two callouts of one kind would be two landmarks with the same name.
		<div role="note" className={`my-3 rounded-md border-l-4 p-3 ${tone}`} aria-label={t(`kb.callout.${type in calloutTones ? type : 'tip'}`)}>
			<p className="mb-1 text-xs font-semibold tracking-wide uppercase">{t(`kb.callout.${type in calloutTones ? type : 'tip'}`)}</p>
			<div className="text-sm leading-6">{children}</div>
		</div>
	)
}

function Dialogue({ children }: { children: ReactNode }) {
	return <div className="my-4 space-y-2">{children}</div>
}

function Turn({ who, children }: { who: 'customer' | 'rep'; children: ReactNode }) {
	const { t } = useTranslation()
	const customer = who === 'customer'
	return (
		<div className={`flex ${customer ? 'justify-start' : 'justify-end'}`}>
			<div className={`max-w-[85%] rounded-lg px-3 py-2 ${customer ? 'bg-slate-100 text-slate-900' : 'bg-brand-700 text-white'}`}>
				<p className={`text-xs font-semibold ${customer ? 'text-slate-700' : 'text-brand-100'}`}>
					{customer ? t('kb.customerSays') : t('kb.youSay')}
				</p>
				<div className="leading-6">{children}</div>
			</div>
		</div>
	)
}

function Customer({ children }: { children: ReactNode }) {
	return <Turn who="customer">{children}</Turn>
}
function Rep({ children }: { children: ReactNode }) {
	return <Turn who="rep">{children}</Turn>
}

export const mdxComponents = {
	Script,
	Fabe,
	Feature,
	Advantage,
	Benefit,
	Evidence,
	Steps,
	Callout,
	Dialogue,
	Customer,
	Rep,
	h2: ({ children }: { children?: ReactNode }) => <h2 className="mt-8 mb-3 text-xl font-bold text-slate-900">{children}</h2>,
	h3: ({ children }: { children?: ReactNode }) => <h3 className="mt-6 mb-2 text-lg font-semibold text-slate-900">{children}</h3>,
	p: (props: { children?: ReactNode }) => <p className="my-3 leading-7 text-slate-800" {...props} />,
	ul: (props: { children?: ReactNode }) => <ul className="my-3 list-disc space-y-1 pl-5" {...props} />,
	ol: (props: { children?: ReactNode }) => <ol className="my-3 list-decimal space-y-1 pl-5" {...props} />,
	table: (props: { children?: ReactNode }) => (
		<div className="relative my-4 overflow-x-auto">
			<table className="min-w-full border border-slate-200 text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-3 [&_td]:py-2 [&_th]:bg-slate-50 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left" {...props} />
		</div>
	),
}
