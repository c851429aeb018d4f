import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { roles } from '#db/schema/auth.ts'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { Badge, Button, ButtonLink, Card, EmptyState, Input, Pagination, Select, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { searchAudit, auditVocabulary, verifyChainReport, type AuditChange } from '#app/modules/audit/query.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { formatDateTime, isIsoDate } from '#app/utils/dates.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

const isoDate = z.string().refine(isIsoDate)

// A bookmarked or hand-edited URL with a bad value drops that filter rather than failing.
const Query = z.object({
	actor: z.string().trim().max(200).catch(''),
	action: z.string().trim().max(100).catch(''),
	entity: z.string().trim().max(100).catch(''),
	entityId: z.string().trim().max(100).catch(''),
	batch: z.coerce.number().int().positive().optional().catch(undefined),
	from: isoDate.optional().catch(undefined),
	to: isoDate.optional().catch(undefined),
	page: z.coerce.number().int().min(1).catch(1),
})

const PRETTY_MAX = 2000

/** JSON for people: indented, long values cut; null when there is nothing (null, {}). */
function pretty(value: unknown): string | null {
	if (value === null || value === undefined) return null
	if (typeof value === 'string') return value
	if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return null
	const text = JSON.stringify(value, null, 2)
	return text.length > PRETTY_MAX ? `${text.slice(0, PRETTY_MAX)}…` : text
}

function presentChange(change: AuditChange) {
	return change.kind === 'change'
		? { kind: 'change' as const, before: pretty(change.before), after: pretty(change.after), context: pretty(change.context) }
		: { kind: 'data' as const, data: pretty(change.data) }
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'audit.title')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
	const result = searchAudit({
		actorEmail: query.actor || undefined,
		action: query.action || undefined,
		entity: query.entity || undefined,
		entityId: query.entityId || undefined,
		batchId: query.batch,
		from: query.from,
		to: query.to,
		page: query.page,
	})
	return {
		query,
		...auditVocabulary(),
		total: result.total,
		page: result.page,
		pages: result.pages,
		rows: result.rows.map(({ change, ...row }) => ({ ...row, change: presentChange(change) })),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	if (formData.get('intent') !== 'verify') throw badRequest('Unknown intent')
	return { verify: verifyChainReport() }
}

function useRoleLabel() {
	const { t } = useTranslation()
	return (role: string | null) => {
		if (!role) return null
		if ((roles as readonly string[]).includes(role)) return t(`roles.${role as (typeof roles)[number]}`)
		if (role === 'system' || role === 'api') return t(`audit.roles.${role}`)
		return role
	}
}

/** A row's data, wrapped in full: a scrolling box would need keyboard focus (axe), and nothing is hidden this way. */
function Json({ text }: { text: string }) {
	return <pre className="max-w-md rounded bg-slate-50 p-2 font-mono text-xs break-words whitespace-pre-wrap text-slate-900">{text}</pre>
}

function Change({ change }: { change: ReturnType<typeof presentChange> }) {
	const { t } = useTranslation()
	if (change.kind === 'data') return change.data === null ? <span className="text-slate-600">{t('audit.nothing')}</span> : <Json text={change.data} />
	return (
		<dl className="min-w-56 space-y-1 text-xs">
			<dt className="font-medium text-slate-700">{t('audit.before')}</dt>
			<dd>{change.before === null ? <span className="text-slate-600">{t('audit.nothing')}</span> : <Json text={change.before} />}</dd>
			<dt className="font-medium text-slate-700">
				<span aria-hidden="true">→ </span>
				{t('audit.after')}
			</dt>
			<dd>{change.after === null ? <span className="text-slate-600">{t('audit.nothing')}</span> : <Json text={change.after} />}</dd>
			{change.context === null ? null : (
				<>
					<dt className="font-medium text-slate-700">{t('audit.context')}</dt>
					<dd>
						<Json text={change.context} />
					</dd>
				</>
			)}
		</dl>
	)
}

function VerifyChain() {
	const { t, i18n } = useTranslation()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const report = actionData?.verify
	return (
		<Card aria-labelledby="verify-heading" className="mb-6">
			<h2 id="verify-heading" className="mb-1 text-lg font-semibold text-slate-900">
				{t('audit.verify.heading')}
			</h2>
			<p className="mb-3 max-w-prose text-sm text-slate-700">{t('audit.verify.intro')}</p>
			<Form method="post" className="mb-3">
				<Button type="submit" name="intent" value="verify" disabled={navigation.state === 'submitting'}>
					{t('audit.verify.submit')}
				</Button>
			</Form>
			<div role="status">
				{report ? (
					report.ok ? (
						<p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm font-medium text-green-900">
							{t('audit.verify.intact', { count: report.rows })}
						</p>
					) : (
						<p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-semibold text-red-800">
							{t('audit.verify.broken', {
								id: report.firstBad?.id,
								action: report.firstBad?.action,
								time: report.firstBad ? formatDateTime(report.firstBad.at, i18n.language) : '',
							})}
						</p>
					)
				) : null}
			</div>
		</Card>
	)
}

export default function AuditPage() {
	const { query, actions, entities, total, page, pages, rows } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const roleLabel = useRoleLabel()
	const filters = Object.fromEntries(
		Object.entries({ ...query, page: undefined }).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
	) as Record<string, string>
	const pageLink = (to: number) => `?${new URLSearchParams({ ...filters, page: String(to) })}`
	const filtered = Object.keys(filters).length > 0

	return (
		<>
			<AdminTabs />
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('audit.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('audit.intro')}</p>

			<VerifyChain />

			<Card aria-labelledby="filter-heading" className="mb-4">
				<h2 id="filter-heading" className="mb-3 text-lg font-semibold text-slate-900">
					{t('audit.filters.heading')}
				</h2>
				<Form method="get" role="search" aria-labelledby="filter-heading" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
					<Input
						label={t('audit.filters.actor')}
						hint={t('audit.filters.actorHint')}
						name="actor"
						type="search"
						inputMode="email"
						autoComplete="off"
						defaultValue={query.actor}
					/>
					<Select label={t('audit.filters.action')} name="action" defaultValue={query.action}>
						<option value="">{t('audit.filters.any')}</option>
						{actions.map((a) => (
							<option key={a} value={a}>
								{a}
							</option>
						))}
					</Select>
					<Select label={t('audit.filters.entity')} name="entity" defaultValue={query.entity}>
						<option value="">{t('audit.filters.any')}</option>
						{entities.map((e) => (
							<option key={e} value={e}>
								{e}
							</option>
						))}
					</Select>
					<Input label={t('audit.filters.entityId')} name="entityId" defaultValue={query.entityId} autoComplete="off" />
					<Input
						label={t('audit.filters.batch')}
						name="batch"
						type="number"
						min={1}
						step={1}
						inputMode="numeric"
						defaultValue={query.batch ?? ''}
					/>
					<Input label={t('audit.filters.from')} name="from" type="date" defaultValue={query.from ?? ''} />
					<Input label={t('audit.filters.to')} name="to" type="date" defaultValue={query.to ?? ''} />
					<div className="flex flex-wrap items-end gap-2">
						<Button type="submit">{t('audit.filters.submit')}</Button>
						{filtered ? (
							<ButtonLink to="/admin/audit" variant="secondary">
								{t('audit.filters.clear')}
							</ButtonLink>
						) : null}
					</div>
				</Form>
			</Card>

			<p className="mb-2 text-sm text-slate-700" aria-live="polite">
				{t('audit.total', { count: total })}
			</p>
			{rows.length === 0 ? (
				<EmptyState title={t('audit.empty')} />
			) : (
				<Table caption={t('audit.caption')}>
					<thead>
						<tr>
							<Th>{t('audit.columns.id')}</Th>
							<Th>{t('audit.columns.at')}</Th>
							<Th>{t('audit.columns.actor')}</Th>
							<Th>{t('audit.columns.action')}</Th>
							<Th>{t('audit.columns.entity')}</Th>
							<Th>{t('audit.columns.change')}</Th>
							<Th>{t('audit.columns.reason')}</Th>
							<Th>{t('audit.columns.batch')}</Th>
						</tr>
					</thead>
					<tbody>
						{rows.map((row) => (
							<Tr key={row.id}>
								<Td className="whitespace-nowrap text-slate-600">#{row.id}</Td>
								<Td className="whitespace-nowrap">{formatDateTime(row.at, i18n.language)}</Td>
								<Td className="min-w-40">
									{row.actorId === null ? (
										<span>{t('audit.system')}</span>
									) : (
										<>
											<span className="block font-medium">{row.actorName ?? t('audit.unknownActor', { id: row.actorId })}</span>
											{row.actorEmail ? <span className="block text-xs break-all text-slate-600">{row.actorEmail}</span> : null}
										</>
									)}
									{row.actorRole ? (
										<span className="mt-1 block">
											<Badge tone="brand">{roleLabel(row.actorRole)}</Badge>
										</span>
									) : null}
								</Td>
								<Td>
									<code className="text-xs whitespace-nowrap">{row.action}</code>
								</Td>
								<Td className="whitespace-nowrap">
									<code className="text-xs">{row.entity}</code>
									{row.entityId === null ? null : <span className="text-slate-700"> #{row.entityId}</span>}
								</Td>
								<Td>
									<Change change={row.change} />
								</Td>
								<Td className="min-w-40 break-words">{row.reason ?? <span className="text-slate-600">{t('audit.nothing')}</span>}</Td>
								<Td className="whitespace-nowrap">
									{row.batchId === null ? (
										<span className="text-slate-600">{t('audit.nothing')}</span>
									) : (
										<Link
											to={`/admin/audit?batch=${row.batchId}`}
											className="inline-flex min-h-11 items-center text-brand-700 underline"
											aria-label={t('audit.batchLinkLabel', { id: row.batchId })}
										>
											{t('audit.batchLink', { id: row.batchId })}
										</Link>
									)}
								</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			)}
			<Pagination
				page={page}
				pages={pages}
				hrefFor={pageLink}
				labels={{ nav: t('audit.pagination'), prev: t('audit.prev'), next: t('audit.next'), position: t('audit.page', { page, pages }) }}
			/>
		</>
	)
}
