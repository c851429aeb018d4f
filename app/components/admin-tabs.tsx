import { useTranslation } from 'react-i18next'
import { Tabs } from './ui/index.ts'

/** The sections of /admin; each later admin area adds its tab here. */
export function AdminTabs() {
	const { t } = useTranslation()
	return (
		<Tabs
			label={t('admin.title')}
			tabs={[
				{ to: '/admin/users', label: t('admin.users') },
				{ to: '/admin/tokens', label: t('admin.tokens') },
				{ to: '/admin/kb/gaps', label: t('kb.gapsTitle') },
				{ to: '/admin/kb/drafts', label: t('sharing.review.tab') },
				{ to: '/admin/exams', label: t('examAdmin.tab') },
				{ to: '/admin/kpi', label: t('adminKpi.title') },
				{ to: '/admin/mentoring', label: t('mentoringAdmin.report.title') },
				{ to: '/admin/gamification', label: t('points.admin.tab') },
				{ to: '/admin/promotion', label: t('promotion.admin.tab') },
				{ to: '/admin/audit', label: t('adminKpi.audit') },
			]}
		/>
	)
}
