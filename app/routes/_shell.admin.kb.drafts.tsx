import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { DraftReview, publishSchema, rejectSchema } from '#app/components/sharing/index.ts'
import { EmptyState } from '#app/components/ui/index.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { articleSource, authorOf } from '#app/modules/sharing/article.ts'
import { draftsForReview, getDraft, publishDraft, rejectDraft, type DraftEdits } from '#app/modules/sharing/publish.server.ts'
import { sessionDetail } from '#app/modules/sharing/sessions.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'sharing.review.metaTitle')

// Drafts are unpublished text: never cache them.
export const headers: HeadersFunction = () => NO_STORE

/** HR only: the drafts waiting for review, each with the MDX file it would publish. */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, 'hr_admin')
	const today = businessDate(now())
	const drafts = draftsForReview().flatMap((d) => {
		const draft = getDraft(d.id)
		const session = sessionDetail(d.sessionId, user)
		if (!draft || !session) return []
		const author = authorOf(
			session.speakers.map((s) => s.name),
			session.organizer.name,
		)
		return [
			{
				id: d.id,
				sessionId: d.sessionId,
				sessionTitle: d.sessionTitle,
				type: draft.type,
				title: draft.title,
				titleEn: draft.titleEn,
				summary: draft.summary,
				summaryEn: draft.summaryEn,
				body: draft.body,
				source: articleSource(draft, { author, updated: today }),
				authorName: d.authorName,
				createdAt: d.createdAt,
				own: d.authorId === user.id,
			},
		]
	})
	return data({ drafts }, { headers: NO_STORE })
}

type Intent = 'publish' | 'reject'

function refused(intent: Intent, draftId: number | null, result: SubmissionResult<string[]>) {
	return data({ intent, draftId, result }, { status: 400, headers: NO_STORE })
}

/**
 * HR only. `publish` compiles and publishes a draft with the fields HR changed (only those differing
 * from the draft count as edits); `reject` sends it back with a note. The module refuses the draft's
 * own author, a decided draft and a body that does not compile (its line on the body field), 400.
 */
export async function action({ request }: ActionFunctionArgs) {
	const user = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	const back = '/admin/kb/drafts'
	switch (intent) {
		case 'publish': {
			const submission = parseWithZod(formData, { schema: publishSchema })
			if (submission.status !== 'success') return refused(intent, null, submission.reply())
			const { draftId, ...fields } = submission.value
			const draft = getDraft(draftId)
			if (!draft) return refused(intent, draftId, submission.reply({ formErrors: ['sharing.errors.notFound'] }))
			const edits: DraftEdits = {}
			if (fields.type !== undefined && fields.type !== draft.type) edits.type = fields.type
			if (fields.title !== undefined && fields.title.trim() !== draft.title) edits.title = fields.title
			if (fields.titleEn !== undefined && fields.titleEn.trim() !== draft.titleEn) edits.titleEn = fields.titleEn
			if (fields.summary !== undefined && fields.summary.trim() !== draft.summary) edits.summary = fields.summary
			if (fields.summaryEn !== undefined && fields.summaryEn.trim() !== draft.summaryEn) edits.summaryEn = fields.summaryEn
			const body = fields.body?.replace(/\r\n?/g, '\n')
			if (body !== undefined && body.trim() !== draft.body.trim()) edits.body = body
			const published = await publishDraft(draftId, user, edits)
			if (!published.ok) return refused(intent, draftId, submission.reply({ fieldErrors: published.fieldErrors, formErrors: published.formErrors }))
			return redirectWithToast(back, { key: 'sharing.review.published', values: { title: edits.title?.trim() ?? draft.title } })
		}
		case 'reject': {
			const submission = parseWithZod(formData, { schema: rejectSchema })
			if (submission.status !== 'success') return refused(intent, Number(formData.get('draftId')) || null, submission.reply())
			const rejected = rejectDraft(submission.value.draftId, submission.value.note, user)
			if (!rejected.ok) return refused(intent, submission.value.draftId, submission.reply({ fieldErrors: rejected.fieldErrors, formErrors: rejected.formErrors }))
			return redirectWithToast(back, { key: 'sharing.review.rejected' })
		}
		default:
			throw badRequest('Unknown intent')
	}
}

export default function DraftReviewPage() {
	const { drafts } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const last = (intent: Intent, draftId: number) => (actionData?.intent === intent && actionData.draftId === draftId ? actionData.result : undefined)
	return (
		<>
			<AdminTabs />
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('sharing.review.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('sharing.review.intro')}</p>
			{drafts.length === 0 ? (
				<EmptyState title={t('sharing.review.empty')} />
			) : (
				<div className="space-y-6">
					{drafts.map((d) => (
						<DraftReview key={d.id} draft={d} publishResult={last('publish', d.id)} rejectResult={last('reject', d.id)} locale={i18n.language} />
					))}
				</div>
			)}
		</>
	)
}
