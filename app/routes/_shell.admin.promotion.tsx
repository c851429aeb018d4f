import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { useKpiFormat } from '#app/components/kpi/index.ts'
import { CandidateCard, RulesForm, type DecisionReply } from '#app/components/promotion/index.ts'
import { Button, buttonClass, Card, EmptyState, Select } from '#app/components/ui/index.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { decide } from '#app/modules/promotion/decisions.server.ts'
import { promotionStatuses } from '#app/modules/promotion/eligibility.ts'
import { positionOptions, promotionList, readFilters, teamOptions, type PromotionFilters } from '#app/modules/promotion/eligibility.server.ts'
import { decisionSchema, rulesSchema } from '#app/modules/promotion/rules.ts'
import { loadRules, rulesContext, saveRules } from '#app/modules/promotion/rules.server.ts'
import { forbidden, requireRole } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'promotion.admin.title')

export const headers: HeadersFunction = () => NO_STORE

/** The query string of the list's filters (what the export link and the redirects carry). */
function filterQuery(filters: PromotionFilters) {
	const params = new URLSearchParams()
	if (filters.status) params.set('status', filters.status)
	if (filters.teamId !== undefined) params.set('team', String(filters.teamId))
	if (filters.positionType) params.set('position', filters.positionType)
	const text = params.toString()
	return text ? `?${text}` : ''
}

/** HR only: the rule set, and the eligible and nearly eligible people (filtered by `?status=&team=&position=`). */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const filters = readFilters(new URL(request.url).searchParams)
	const list = promotionList(filters)
	return data(
		{
			filters,
			rules: loadRules(),
			context: rulesContext(),
			teams: teamOptions(),
			positions: positionOptions(),
			counts: list.counts,
			candidates: list.rows.map((r) => ({
				id: r.id,
				name: r.name,
				email: r.email,
				title: r.title,
				positionType: r.positionType,
				teamZh: r.teamZh,
				teamEn: r.teamEn,
				status: r.status,
				missing: r.missing,
				run: r.run,
				latestScore: r.latestScore,
				lastDecision: r.lastDecision && {
					decision: r.lastDecision.decision,
					newTitle: r.lastDecision.newTitle,
					reason: r.lastDecision.reason,
					decidedOn: r.lastDecision.decidedOn,
					decidedByName: r.lastDecision.decidedByName,
				},
			})),
		},
		{ headers: NO_STORE },
	)
}

/**
 * Intents: `rules` saves the rule set; `approved` / `rejected` records a decision on one person. Bad
 * input (an impossible rule set, approving someone not eligible, a reject without a reason) is a 400
 * with field errors and writes nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
	const viewer = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	const back = `/admin/promotion${new URL(request.url).search}`
	if (intent === 'rules') {
		const context = rulesContext()
		const submission = parseWithZod(formData, { schema: rulesSchema(context) })
		if (submission.status !== 'success') return data({ intent, rules: submission.reply() }, { status: 400, headers: NO_STORE })
		const saved = saveRules(viewer, submission.value, context)
		if (!saved.ok) {
			if ('reason' in saved) throw forbidden()
			return data({ intent, rules: submission.reply({ fieldErrors: saved.fieldErrors, formErrors: saved.formErrors }) }, { status: 400, headers: NO_STORE })
		}
		return redirectWithToast(back, { key: 'promotion.admin.rules.saved' })
	}
	if (intent !== 'approved' && intent !== 'rejected') throw badRequest('Unknown intent')
	const userId = Number(formData.get('userId'))
	const submission = parseWithZod(formData, { schema: decisionSchema })
	const reply = (result: ReturnType<typeof submission.reply>) =>
		data({ intent, decision: { userId, intent, result } satisfies DecisionReply }, { status: 400, headers: NO_STORE })
	if (submission.status !== 'success') return reply(submission.reply())
	const value = submission.value
	const decided = decide(
		viewer,
		value.userId,
		value.decision === 'approved' ? { decision: 'approved', newTitle: value.newTitle } : { decision: 'rejected', reason: value.reason },
	)
	if (!decided.ok) {
		if ('reason' in decided) {
			if (decided.reason === 'forbidden') throw forbidden()
			return reply(submission.reply({ formErrors: ['promotion.errors.notFound'] }))
		}
		return reply(submission.reply({ fieldErrors: decided.fieldErrors, formErrors: decided.formErrors }))
	}
	return redirectWithToast(
		back,
		value.decision === 'approved'
			? { key: 'promotion.admin.approve.done', values: { name: decided.name, title: value.newTitle } }
			: { key: 'promotion.admin.reject.done', values: { name: decided.name } },
	)
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function Filters({ filters, teams, positions }: Pick<LoaderData, 'filters' | 'teams' | 'positions'>) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	return (
		<Form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t('promotion.admin.list.filters')}>
			<Select label={t('promotion.admin.list.status')} name="status" defaultValue={filters.status ?? ''} className="min-w-48">
				<option value="">{t('promotion.admin.list.statusDefault')}</option>
				{promotionStatuses.map((s) => (
					<option key={s} value={s}>
						{t(`promotion.status.${s}`)}
					</option>
				))}
				<option value="all">{t('promotion.admin.list.statusAll')}</option>
			</Select>
			<Select label={t('promotion.admin.list.team')} name="team" defaultValue={filters.teamId ?? ''} className="min-w-48">
				<option value="">{t('promotion.admin.list.teamAll')}</option>
				{teams.map((team) => (
					<option key={team.id} value={team.id}>
						{f.name(team)}
					</option>
				))}
			</Select>
			<Select label={t('promotion.admin.list.position')} name="position" defaultValue={filters.positionType ?? ''} className="min-w-48">
				<option value="">{t('promotion.admin.list.positionAll')}</option>
				{positions.map((p) => (
					<option key={p} value={p}>
						{t(`positions.${p}`)}
					</option>
				))}
			</Select>
			<Button type="submit" variant="secondary">
				{t('promotion.admin.list.submit')}
			</Button>
		</Form>
	)
}

export default function PromotionAdminPage() {
	const { filters, rules, context, teams, positions, counts, candidates } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const rulesReply = actionData && 'rules' in actionData ? actionData.rules : undefined
	const decisionReply = actionData && 'decision' in actionData ? actionData.decision : undefined
	return (
		<>
			<AdminTabs />
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('promotion.admin.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('promotion.admin.intro')}</p>
			<div className="space-y-10">
				<section aria-labelledby="candidates-heading">
					<div className="mb-3 flex flex-wrap items-center justify-between gap-3">
						<h2 id="candidates-heading" className="text-xl font-semibold text-slate-900">
							{t('promotion.admin.list.heading')}
						</h2>
						<Link to={`/admin/promotion/export.xlsx${filterQuery(filters)}`} reloadDocument className={buttonClass('secondary')}>
							{t('promotion.admin.list.export')}
						</Link>
					</div>
					<Filters filters={filters} teams={teams} positions={positions} />
					<p className="mb-3 text-sm text-slate-700">{t('promotion.admin.list.counts', { eligible: counts.eligible, nearly: counts.nearly, notYet: counts.not_yet })}</p>
					{candidates.length === 0 ? (
						<EmptyState title={t('promotion.admin.list.empty')} />
					) : (
						<ul className="grid gap-4 xl:grid-cols-2 *:min-w-0">
							{candidates.map((c) => (
								<li key={c.id}>
									<CandidateCard candidate={c} targetTitle={rules.targetTitle} requiredQuarters={rules.consecutiveQuarters} reply={decisionReply} />
								</li>
							))}
						</ul>
					)}
				</section>
				<Card aria-labelledby="rules-heading">
					<h2 id="rules-heading" className="mb-1 text-xl font-semibold text-slate-900">
						{t('promotion.admin.rules.heading')}
					</h2>
					<p className="mb-4 max-w-prose text-sm text-slate-700">{t('promotion.admin.rules.intro')}</p>
					<RulesForm rules={rules} context={context} lastResult={rulesReply} />
				</Card>
			</div>
		</>
	)
}
