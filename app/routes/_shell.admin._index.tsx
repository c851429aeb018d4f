import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { SectionCards } from '#app/components/section-cards.tsx'
import { requireRole } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'admin.title')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	return null
}

export default function AdminHome() {
	const { t } = useTranslation()
	const sections = [
		{ to: '/admin/users', title: t('admin.users'), body: t('admin.usersIntro') },
		{ to: '/admin/tokens', title: t('admin.tokens'), body: t('admin.tokensIntro') },
		{ to: '/admin/kb/gaps', title: t('kb.gapsTitle'), body: t('kb.gapsIntro') },
		{ to: '/admin/kb/drafts', title: t('sharing.review.title'), body: t('sharing.review.cardBody') },
		{ to: '/admin/exams', title: t('examAdmin.title'), body: t('examAdmin.adminCardBody') },
		{ to: '/admin/kpi', title: t('adminKpi.title'), body: t('adminKpi.cardBody') },
		{ to: '/admin/mentoring', title: t('mentoringAdmin.report.title'), body: t('mentoringAdmin.report.cardBody') },
		{ to: '/admin/audit', title: t('adminKpi.audit'), body: t('adminKpi.auditBody') },
	]
	return (
		<>
			<h1 className="text-2xl font-bold text-slate-900">{t('admin.title')}</h1>
			<p className="mt-1 mb-6 text-sm text-slate-700">{t('admin.intro')}</p>
			<SectionCards sections={sections} />
		</>
	)
}
