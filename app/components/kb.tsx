import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Segment } from '#app/modules/knowledge/query.ts'
import { Badge } from './ui/index.ts'

/** Text with the searched terms wrapped in <mark>. */
export function Highlighted({ segments }: { segments: readonly Segment[] }) {
	return (
		<>
			{segments.map((s, i) =>
				s.hit ? (
					<mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-inherit">
						{s.text}
					</mark>
				) : (
					s.text
				),
			)}
		</>
	)
}

export function TypeBadge({ type }: { type: string }) {
	const { t } = useTranslation()
	const tone = type === 'objection' ? 'brand' : type === 'case' ? 'success' : type === 'method' ? 'warning' : 'neutral'
	return <Badge tone={tone}>{t(`kb.types.${type as 'objection'}`)}</Badge>
}

export type KbCard = { slug: string; type: string; title: string; titleEn: string; updatedOn: string; views?: number }

/** A short list of article links (recent, most viewed, bookmarks, related). */
export function ArticleLinks({ articles, showViews = false }: { articles: readonly KbCard[]; showViews?: boolean }) {
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	return (
		<ul className="divide-y divide-slate-100">
			{articles.map((a) => (
				<li key={a.slug} className="py-2">
					<Link
						to={`/kb/${a.slug}`}
						className="inline-flex min-h-11 items-center font-medium text-brand-700 underline-offset-2 hover:underline"
						lang={en ? 'en' : 'zh-CN'}
					>
						{en ? a.titleEn : a.title}
					</Link>
					<div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
						<TypeBadge type={a.type} />
						<span>{t('kb.updated', { date: a.updatedOn })}</span>
						{showViews && a.views !== undefined ? <span>{t('kb.views', { count: a.views })}</span> : null}
					</div>
				</li>
			))}
		</ul>
	)
}
