import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { ReasonField } from '#app/components/reason-field.tsx'
import { BackLink, Badge, Button, Card, EmptyState, FormErrors, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import {
	decideAdjustment,
	decideAdjustmentGroup,
	decidedAdjustments,
	pendingAdjustments,
	type AdjustmentView,
} from '#app/modules/performance/adjustments.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { formatIndicatorValue, localName, formatPeriod } from '#app/modules/performance/format.ts'
import { problemTexts, rangeValues, REASON_MAX, REASON_MIN } from '#app/modules/performance/targets.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const note = z.string().trim().max(REASON_MAX, { error: 'kpiAdmin.errors.reasonTooLong' }).optional()
function requireNoteToReject(value: { intent: string; note?: string }, ctx: z.RefinementCtx) {
	if (value.intent.startsWith('reject') && (value.note ?? '').length < REASON_MIN)
		ctx.addIssue({ code: 'custom', path: ['note'], message: 'kpiAdmin.errors.noteRequired' })
}
/** One adjustment (`id`) or a whole team proposal (`groupKey`); the button pressed says which way. */
const DecisionSchema = z
	.object({
		intent: z.enum(['approve', 'reject', 'approveGroup', 'rejectGroup']),
		id: z.number().int().positive().optional(),
		groupKey: z.string().min(1).max(64).optional(),
		note,
	})
	.superRefine(requireNoteToReject)

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'kpiAdmin.adjustments.title')

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	return { actorId: actor.id, pending: pendingAdjustments(), decided: decidedAdjustments({ limit: 100 }) }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	const group = formData.get('groupKey')
	const formId = typeof group === 'string' && group ? `group-${group}` : `decide-${String(formData.get('id') ?? '')}`
	const submission = parseWithZod(formData, { schema: DecisionSchema })
	if (submission.status !== 'success') return data({ formId, result: submission.reply() }, { status: 400 })
	const { intent, id, groupKey, note } = submission.value
	const decision = intent === 'approve' || intent === 'approveGroup' ? 'approved' : 'rejected'
	if (intent === 'approveGroup' || intent === 'rejectGroup') {
		if (!groupKey) throw badRequest('Expected a groupKey')
		const outcome = decideAdjustmentGroup(groupKey, decision, note ?? null, actor)
		if (!outcome.ok) return data({ formId, result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) }, { status: 400 })
		return redirectWithToast('/admin/kpi/adjustments', { key: `kpiAdmin.adjustments.group.${decision}`, values: { count: outcome.count ?? 0 } })
	}
	if (!id) throw badRequest('Expected an adjustment id')
	const outcome = decideAdjustment(id, decision, note ?? null, actor)
	if (!outcome.ok) return data({ formId, result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) }, { status: 400 })
	return redirectWithToast('/admin/kpi/adjustments', { key: `kpiAdmin.adjustments.one.${decision}` })
}

function useProblems() {
	const { t, i18n } = useTranslation()
	return (errors?: string[]) => problemTexts(errors, (k, v) => String(t(k as never, v as never)), i18n.language)
}

/** Approve or reject, with a note (needed to reject). One form, two buttons, so it works without script. */
function DecisionForm({ formId, hidden, approveIntent, rejectIntent, label }: { formId: string; hidden: Record<string, string | number>; approveIntent: string; rejectIntent: string; label: string }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const tr = useProblems()
	const [form, fields] = useForm<z.input<typeof DecisionSchema>, z.output<typeof DecisionSchema>>({
		id: formId,
		lastResult: actionData?.formId === formId ? actionData.result : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)} aria-label={label}>
			{Object.entries(hidden).map(([name, value]) => (
				<input key={name} type="hidden" name={name} value={value} />
			))}
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<ReasonField field={fields.note as FieldMetadata<string>} hintId={`${formId}-note-hint`} label={t('kpiAdmin.adjustments.note')} hint={t('kpiAdmin.adjustments.noteHint')} rows={2} />
			<div className="flex flex-wrap gap-3">
				<Button type="submit" name="intent" value={approveIntent} disabled={navigation.state === 'submitting'}>
					{t(approveIntent === 'approve' ? 'kpiAdmin.adjustments.approve' : 'kpiAdmin.adjustments.approveGroup')}
				</Button>
				<Button type="submit" name="intent" value={rejectIntent} variant="danger" disabled={navigation.state === 'submitting'}>
					{t(rejectIntent === 'reject' ? 'kpiAdmin.adjustments.reject' : 'kpiAdmin.adjustments.rejectGroup')}
				</Button>
			</div>
		</Form>
	)
}

function Change({ a }: { a: Pick<AdjustmentView, 'fromTarget' | 'toTarget' | 'unit'> }) {
	const { i18n } = useTranslation()
	const lang = i18n.language
	const percent = a.fromTarget !== 0 ? ((a.toTarget - a.fromTarget) / a.fromTarget) * 100 : 0
	return (
		<span className="tabular-nums whitespace-nowrap">
			{formatIndicatorValue(a.fromTarget, a.unit, lang)} → {formatIndicatorValue(a.toTarget, a.unit, lang)}{' '}
			<span className="text-slate-700">
				({percent > 0 ? '+' : ''}
				{percent.toFixed(1)}%)
			</span>
		</span>
	)
}

function PendingItem({ a, actorId }: { a: AdjustmentView; actorId: number }) {
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	const range = rangeValues(a.originalTarget, a.unit)
	const own = a.proposedById === actorId ? 'ownProposal' : a.userId === actorId ? 'ownTarget' : null
	const label = t('kpiAdmin.adjustments.itemLabel', { name: a.userName, indicator: localName(a, lang), period: formatPeriod(a.period, lang) })
	return (
		<li className="rounded-md border border-slate-200 p-3">
			<p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
				<Link to={`/admin/kpi/targets/${a.userId}?period=${a.period}`} className="text-brand-700 underline underline-offset-2">
					{a.userName}
				</Link>
				<span>{localName(a, lang)}</span>
				<Badge>{a.period}</Badge>
			</p>
			<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
				{[
					[t('kpiAdmin.adjustments.change'), <Change key="c" a={a} />],
					[t('kpiAdmin.common.originalTarget'), formatIndicatorValue(a.originalTarget, a.unit, lang)],
					[t('kpiAdmin.team.range'), `${formatIndicatorValue(range.min, a.unit, lang)} – ${formatIndicatorValue(range.max, a.unit, lang)}`],
					[t('kpiAdmin.adjustments.proposer'), `${a.proposedByName} · ${formatDateTime(new Date(a.proposedAt), lang)}`],
					[t('kpiAdmin.common.reason'), a.reason],
				].map(([term, detail], i) => (
					<div key={i} className="contents">
						<dt className="text-slate-700">{term}</dt>
						<dd className="break-words text-slate-900">{detail}</dd>
					</div>
				))}
			</dl>
			<div className="mt-3">
				{own ? (
					<p className="text-sm text-amber-900">{t(`kpiAdmin.errors.${own}`)}</p>
				) : (
					<DecisionForm formId={`decide-${a.id}`} hidden={{ id: a.id }} approveIntent="approve" rejectIntent="reject" label={label} />
				)}
			</div>
		</li>
	)
}

export default function AdjustmentsPage() {
	const { pending, decided, actorId } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const lang = i18n.language
	// A team-wide proposal's rows together, in the order they were proposed.
	const groups: Array<{ key: string; items: AdjustmentView[] }> = []
	for (const a of pending as AdjustmentView[]) {
		const key = a.groupKey ?? `single-${a.id}`
		const group = groups.find((g) => g.key === key)
		if (group) group.items.push(a)
		else groups.push({ key, items: [a] })
	}
	return (
		<>
			<AdminTabs />
			<BackLink to="/admin/kpi">{t('kpiAdmin.backToKpi')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('kpiAdmin.adjustments.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('kpiAdmin.adjustments.intro')}</p>

			<section aria-labelledby="pending-heading" className="mb-10">
				<h2 id="pending-heading" className="mb-3 text-lg font-semibold text-slate-900">
					{t('kpiAdmin.adjustments.pendingHeading', { count: pending.length })}
				</h2>
				{groups.length === 0 ? (
					<EmptyState title={t('kpiAdmin.adjustments.nonePending')} />
				) : (
					<div className="space-y-4">
						{groups.map((group) => {
							const first = group.items[0]!
							const isTeam = first.groupKey !== null && group.items.length > 1
							const headingId = `group-${group.key}-heading`
							const ownInGroup = group.items.some((a) => a.proposedById === actorId || a.userId === actorId)
							return (
								<Card key={group.key} aria-labelledby={headingId}>
									<h3 id={headingId} className="mb-2 font-semibold text-slate-900">
										{isTeam
											? t('kpiAdmin.adjustments.teamGroup', { count: group.items.length, indicator: localName(first, lang), period: formatPeriod(first.period, lang), name: first.proposedByName })
											: t('kpiAdmin.adjustments.single', { name: first.userName, indicator: localName(first, lang) })}
									</h3>
									{isTeam ? (
										<div className="mb-4 rounded-md bg-slate-50 p-3">
											<p className="mb-2 text-sm break-words text-slate-800">{t('kpiAdmin.common.reasonIs', { reason: first.reason })}</p>
											{ownInGroup ? (
												<p className="text-sm text-amber-900">{t('kpiAdmin.adjustments.groupOwn')}</p>
											) : (
												<DecisionForm
													formId={`group-${first.groupKey}`}
													hidden={{ groupKey: first.groupKey! }}
													approveIntent="approveGroup"
													rejectIntent="rejectGroup"
													label={t('kpiAdmin.adjustments.groupLabel', { count: group.items.length })}
												/>
											)}
										</div>
									) : null}
									<ul className="space-y-3">
										{group.items.map((a) => (
											<PendingItem key={a.id} a={a} actorId={actorId} />
										))}
									</ul>
								</Card>
							)
						})}
					</div>
				)}
			</section>

			<section aria-labelledby="decided-heading">
				<h2 id="decided-heading" className="mb-3 text-lg font-semibold text-slate-900">
					{t('kpiAdmin.adjustments.decidedHeading')}
				</h2>
				{decided.length === 0 ? (
					<EmptyState title={t('kpiAdmin.adjustments.noneDecided')} />
				) : (
					<Table caption={t('kpiAdmin.adjustments.decidedHeading')}>
						<thead>
							<tr>
								<Th>{t('kpiAdmin.common.person')}</Th>
								<Th>{t('kpiAdmin.common.indicator')}</Th>
								<Th>{t('kpiAdmin.common.period')}</Th>
								<Th>{t('kpiAdmin.adjustments.change')}</Th>
								<Th>{t('kpiAdmin.adjustments.status')}</Th>
								<Th>{t('kpiAdmin.adjustments.proposer')}</Th>
								<Th>{t('kpiAdmin.adjustments.decider')}</Th>
								<Th>{t('kpiAdmin.adjustments.note')}</Th>
							</tr>
						</thead>
						<tbody>
							{(decided as AdjustmentView[]).map((a) => (
								<Tr key={a.id}>
									<Th scope="row" className="bg-white font-medium text-slate-900">
										{a.userName}
									</Th>
									<Td className="whitespace-nowrap">{localName(a, lang)}</Td>
									<Td className="whitespace-nowrap">{a.period}</Td>
									<Td>
										<Change a={a} />
									</Td>
									<Td>
										<Badge tone={a.status === 'approved' ? 'success' : 'danger'}>{t(`kpiAdmin.status.${a.status}`)}</Badge>
									</Td>
									<Td className="whitespace-nowrap">{a.proposedByName}</Td>
									<Td className="whitespace-nowrap">
										{a.decidedByName}
										{a.decidedAt ? <span className="block text-xs text-slate-600">{formatDateTime(new Date(a.decidedAt), lang)}</span> : null}
									</Td>
									<Td className="min-w-48 break-words">
										<span className="block">{t('kpiAdmin.common.reasonIs', { reason: a.reason })}</span>
										{a.decisionNote ? <span className="block text-slate-700">{t('kpiAdmin.common.noteIs', { note: a.decisionNote })}</span> : null}
									</Td>
								</Tr>
							))}
						</tbody>
					</Table>
				)}
			</section>
		</>
	)
}
