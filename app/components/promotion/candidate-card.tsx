import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { PromotionStatus } from '#app/modules/promotion/eligibility.ts'
import { decisionSchema, DECISION_REASON_MAX, TITLE_MAX } from '#app/modules/promotion/rules.ts'
import { useKpiFormat, useProblemTexts } from '../kpi/index.ts'
import { Button, FormErrors, Input } from '../ui/index.ts'
import { useMissingText, type DecisionView } from './format.ts'
import { DecisionText, StatusBadge } from './status-badge.tsx'

export type Candidate = {
	id: number
	name: string
	email: string
	title: string | null
	positionType: string | null
	teamZh: string | null
	teamEn: string | null
	status: PromotionStatus
	missing: string[]
	run: number
	latestScore: number | null
	lastDecision: DecisionView | null
}

/** The action's reply for one person's decision form. */
export type DecisionReply = { userId: number; intent: 'approved' | 'rejected'; result: SubmissionResult<string[]> }

function DecisionForm({
	candidate,
	kind,
	defaultTitle,
	lastResult,
}: {
	candidate: Candidate
	kind: 'approved' | 'rejected'
	defaultTitle: string
	lastResult?: SubmissionResult<string[]>
}) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: `${kind}-${candidate.id}`,
		lastResult,
		defaultValue: { decision: kind, userId: String(candidate.id), newTitle: defaultTitle, reason: '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const all = fields as unknown as Record<'decision' | 'userId' | 'newTitle' | 'reason', (typeof fields)['decision']>
	const busy =
		navigation.state === 'submitting' && navigation.formData?.get('userId') === String(candidate.id) && navigation.formData?.get('decision') === kind
	const approve = kind === 'approved'
	const legendId = `${form.id}-legend`
	return (
		<Form method="post" className="min-w-0 space-y-2 rounded-md border border-slate-200 p-3" aria-labelledby={`${legendId} candidate-${candidate.id}`} {...getFormProps(form)}>
			<h4 id={legendId} className="text-sm font-semibold text-slate-900">
				{t(approve ? 'promotion.admin.approve.legend' : 'promotion.admin.reject.legend')}
			</h4>
			<input type="hidden" name="intent" value={kind} />
			<input type="hidden" name="decision" value={kind} />
			<input type="hidden" name="userId" value={candidate.id} />
			<FormErrors id={form.errorId} errors={tr([...(form.errors ?? []), ...(all.decision.errors ?? []), ...(all.userId.errors ?? [])])} />
			{approve ? (
				<Input
					label={t('promotion.admin.approve.newTitle')}
					errors={tr(all.newTitle.errors)}
					maxLength={TITLE_MAX}
					{...getInputProps(all.newTitle, { type: 'text' })}
					key={all.newTitle.key}
				/>
			) : (
				<Input
					label={t('promotion.admin.reject.reason')}
					hint={t('promotion.admin.reject.reasonHint')}
					errors={tr(all.reason.errors)}
					maxLength={DECISION_REASON_MAX}
					{...getInputProps(all.reason, { type: 'text', ariaDescribedBy: `${all.reason.id}-hint` })}
					key={all.reason.key}
				/>
			)}
			<Button
				type="submit"
				variant={approve ? 'primary' : 'secondary'}
				disabled={busy}
				aria-label={t(approve ? 'promotion.admin.approve.submitLabel' : 'promotion.admin.reject.submitLabel', { name: candidate.name })}
			>
				{t(approve ? 'promotion.admin.approve.submit' : 'promotion.admin.reject.submit')}
			</Button>
		</Form>
	)
}

/**
 * One person in HR's list: status, what is missing, the latest decision, a link to the full checklist,
 * and the approve (new title, the rule's by default) and reject (reason) forms.
 */
export function CandidateCard({
	candidate,
	targetTitle,
	requiredQuarters,
	reply,
}: {
	candidate: Candidate
	targetTitle: string
	requiredQuarters: number
	reply?: DecisionReply
}) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const missing = useMissingText()
	const headingId = `candidate-${candidate.id}`
	const team = candidate.teamZh && candidate.teamEn ? f.name({ nameZh: candidate.teamZh, nameEn: candidate.teamEn }) : t('promotion.admin.list.noTeam')
	const mine = reply?.userId === candidate.id ? reply : undefined
	return (
		<article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
			<div className="flex flex-wrap items-center justify-between gap-2">
				<h3 id={headingId} className="text-base font-semibold text-slate-900">
					{candidate.name}
				</h3>
				<StatusBadge status={candidate.status} />
			</div>
			<p className="mt-1 text-sm text-slate-700">
				{[team, candidate.positionType ? t(`positions.${candidate.positionType}` as never) : null, candidate.title ? t('promotion.admin.list.currentTitle', { title: candidate.title }) : null]
					.filter(Boolean)
					.join(' · ')}
			</p>
			<p className="mt-1 text-sm text-slate-700">
				{[
					t('promotion.admin.list.run', { run: candidate.run, required: requiredQuarters }),
					candidate.latestScore === null ? null : t('promotion.admin.list.latestScore', { score: f.score(candidate.latestScore) }),
				]
					.filter(Boolean)
					.join(' · ')}
			</p>
			{candidate.missing.length === 0 ? (
				<p className="mt-2 text-sm font-medium text-green-900">{t('promotion.admin.list.allMet')}</p>
			) : (
				<ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-amber-900">
					{candidate.missing.map((m) => (
						<li key={m}>{missing(m)}</li>
					))}
				</ul>
			)}
			<p className="mt-2 text-sm text-slate-700">
				<DecisionText decision={candidate.lastDecision} />
			</p>
			<Link
				to={`/promotion?user=${candidate.id}`}
				aria-label={t('promotion.admin.list.viewChecklistLabel', { name: candidate.name })}
				className="mt-1 inline-flex min-h-11 items-center text-sm text-brand-700 underline underline-offset-2"
			>
				{t('promotion.admin.list.viewChecklist')}
			</Link>
			<div className="mt-3 grid gap-3 sm:grid-cols-2">
				<DecisionForm candidate={candidate} kind="approved" defaultTitle={targetTitle} lastResult={mine?.intent === 'approved' ? mine.result : undefined} />
				<DecisionForm candidate={candidate} kind="rejected" defaultTitle={targetTitle} lastResult={mine?.intent === 'rejected' ? mine.result : undefined} />
			</div>
		</article>
	)
}
