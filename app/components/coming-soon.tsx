import { useTranslation } from 'react-i18next'
import type { NavKey } from '#app/modules/auth/navigation.ts'
import { Badge, EmptyState } from './ui/index.ts'

type ComingSection = Exclude<NavKey, 'home' | 'admin' | 'tracks' | 'exams' | 'kb'>

/** A section whose issue has not landed yet: a clear page, not a broken link. */
export function ComingSoon({ section }: { section: ComingSection }) {
	const { t } = useTranslation()
	const name = t(`nav.${section}`)
	return (
		<>
			<div className="mb-4 flex items-center gap-3">
				<h1 className="text-2xl font-bold text-slate-900">{name}</h1>
				<Badge tone="brand">{t('coming.badge')}</Badge>
			</div>
			<EmptyState title={t('coming.title', { section: name })}>
				<p>{t(`coming.${section}`)}</p>
				<p className="mt-2">{t('coming.body')}</p>
			</EmptyState>
		</>
	)
}
