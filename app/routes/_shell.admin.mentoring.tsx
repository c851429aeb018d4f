import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RowHeader, useKpiFormat } from '#app/components/kpi/index.ts'
import { CapacityForm, formatDay, ImpactSummary, MentorImpactChart, signed, SuggestionList } from '#app/components/mentoring-admin/index.ts'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { Badge, BackLink, ButtonLink, EmptyState, Pagination, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { impactReport } from '#app/modules/mentoring/impact.server.ts'
import { mentorOptions, setCapacity, today } from '#app/modules/mentoring/pairings.server.ts'
import { capacitySchema } from '#app/modules/mentoring/rules.ts'
import { pairingSuggestions } from '#app/modules/mentoring/suggestions.server.ts'
import { NO_VALUE } from '#app/modules/performance/format.ts'
import { NO_STORE } from '#app/modules/performance/kpi-pages.server.ts'
import { addDays } from '#app/modules/performance/periods.ts'
import { forbidden, requireRole } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'mentoringAdmin.report.title')

export const headers: HeadersFunction = () => NO_STORE

const SUGGESTIONS_PER_PAGE = 10
const PAIRINGS_PER_PAGE = 20

/** One page of a list, from a `?<param>=` page number (anything else is page 1; past the end is the last page). */
function pageOf<T>(list: readonly T[], raw: string | null, size: number) {
	const pages = Math.max(1, Math.ceil(list.length / size))
	const asked = raw !== null && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1
	const page = Math.min(asked, pages)
	return { rows: list.slice((page - 1) * size, page * size), page, pages, total: list.length }
}

type PairingStatus = 'running' | 'ended' | 'upcoming'

/** HR's mentoring report: suggestions for everyone, every pairing's impact, mentors compared, capacities. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const params = new URL(request.url).searchParams
	const day = today()
	const report = impactReport()
	const pairings = report.pairings.map((p) => {
		const lastDay = p.endsOn === null ? null : addDays(p.endsOn, -1)
		const status: PairingStatus = p.active ? 'running' : p.endsOn !== null && p.endsOn <= day ? 'ended' : 'upcoming'
		const first = p.focus[0]
		return {
			id: p.id,
			mentorName: p.mentorName,
			menteeName: p.menteeName,
			startsOn: p.startsOn,
			// The end is exclusive: the last day shown is the day before (none when it never ran).
			lastDay: lastDay !== null && lastDay >= p.startsOn ? lastDay : null,
			status,
			indicator: first ? { nameZh: first.nameZh, nameEn: first.nameEn, unit: first.unit } : null,
			impact: p.impact?.impact ?? null,
		}
	})
	return data(
		{
			suggestions: pageOf(pairingSuggestions('all'), params.get('needs'), SUGGESTIONS_PER_PAGE),
			pairings: pageOf(pairings, params.get('page'), PAIRINGS_PER_PAGE),
			mentors: report.mentors,
			capacities: mentorOptions(day).map((m) => ({
				id: m.id,
				name: m.name,
				regionZh: m.regionZh,
				regionEn: m.regionEn,
				capacity: m.capacity,
				running: m.running,
				left: m.left,
			})),
		},
		{ headers: NO_STORE },
	)
}

/** Sets a mentor's capacity (intent `capacity`, 0–20). A bad value is a field error, status 400, nothing written. */
export async function action({ request }: ActionFunctionArgs) {
	const viewer = await requireRole(request, 'hr_admin')
	const formData = await readFormData(request)
	if (formData.get('intent') !== 'capacity') throw badRequest('Unknown intent')
	const mentorId = Number(formData.get('mentorId'))
	const submission = parseWithZod(formData, { schema: capacitySchema })
	if (submission.status !== 'success') return data({ mentorId, result: submission.reply() }, { status: 400, headers: NO_STORE })
	const { capacity } = submission.value
	const saved = setCapacity(submission.value.mentorId, capacity, viewer)
	if (!saved.ok) {
		if (saved.reason === 'forbidden') throw forbidden()
		return data({ mentorId, result: submission.reply({ fieldErrors: { mentorId: ['mentoring.errors.mentor'] } }) }, { status: 400, headers: NO_STORE })
	}
	const name = mentorOptions().find((m) => m.id === submission.value.mentorId)?.name ?? ''
	return redirectWithToast(`/admin/mentoring${new URL(request.url).search}`, { key: 'mentoringAdmin.capacity.saved', values: { name, capacity } })
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

const statusTone = { running: 'success', ended: 'neutral', upcoming: 'brand' } as const

function PairingsTable({ rows }: { rows: LoaderData['pairings']['rows'] }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	return (
		<Table caption={t('mentoringAdmin.pairings.caption')}>
			<thead>
				<tr>
					<Th>{t('mentoringAdmin.pairings.mentee')}</Th>
					<Th>{t('mentoringAdmin.pairings.mentor')}</Th>
					<Th>{t('mentoringAdmin.pairings.dates')}</Th>
					<Th>{t('mentoringAdmin.pairings.status')}</Th>
					<Th>{t('mentoringAdmin.pairings.indicator')}</Th>
					<Th>{t('mentoringAdmin.pairings.impact')}</Th>
					<Th>{t('mentoringAdmin.pairings.details')}</Th>
				</tr>
			</thead>
			<tbody>
				{rows.map((row) => (
					<Tr key={row.id}>
						<RowHeader className="font-medium">{row.menteeName}</RowHeader>
						<Td className="whitespace-nowrap">{row.mentorName}</Td>
						<Td className="whitespace-nowrap">
							{row.lastDay === null
								? t('mentoringAdmin.pairings.since', { from: formatDay(row.startsOn, f.locale) })
								: t('mentoringAdmin.pairings.range', { from: formatDay(row.startsOn, f.locale), to: formatDay(row.lastDay, f.locale) })}
						</Td>
						<Td>
							<Badge tone={statusTone[row.status]}>{t(`mentoringAdmin.pairings.${row.status}`)}</Badge>
						</Td>
						<Td className="whitespace-nowrap">{row.indicator ? f.name(row.indicator) : t('mentoringAdmin.pairings.noFocus')}</Td>
						<Td className="min-w-56">{row.indicator && row.impact ? <ImpactSummary impact={row.impact} unit={row.indicator.unit} /> : NO_VALUE}</Td>
						<Td>
							<Link
								to={`/mentoring/${row.id}`}
								aria-label={t('mentoringAdmin.pairings.viewLabel', { mentee: row.menteeName, mentor: row.mentorName })}
								className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
							>
								{t('mentoringAdmin.pairings.view')}
							</Link>
						</Td>
					</Tr>
				))}
			</tbody>
		</Table>
	)
}

function MentorsSection({ mentors }: { mentors: LoaderData['mentors'] }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const effect = (ratio: number) => signed(f.percent(ratio), ratio)
	const measured = mentors.filter((m) => m.meanEffectRatio !== null)
	const leftOut = mentors.filter((m) => m.meanEffectRatio === null)
	if (mentors.length === 0) return <EmptyState title={t('mentoringAdmin.mentors.empty')} />
	return (
		<div className="grid gap-6 xl:grid-cols-2 *:min-w-0">
			<div>
				{measured.length === 0 ? (
					<p className="text-sm text-slate-700">{t('mentoringAdmin.mentors.chartEmpty')}</p>
				) : (
					<MentorImpactChart
						title={t('mentoringAdmin.mentors.chartTitle')}
						description={t('mentoringAdmin.mentors.chartDescription')}
						data={measured.map((m) => ({ key: m.mentorId, label: m.mentorName, value: m.meanEffectRatio! }))}
						formatValue={effect}
					/>
				)}
				{measured.length > 0 && leftOut.length > 0 ? (
					<p className="mt-2 text-sm text-slate-700">
						{t('mentoringAdmin.mentors.chartLeftOut', { names: leftOut.map((m) => m.mentorName).join(t('mentoringAdmin.mentors.nameSeparator')) })}
					</p>
				) : null}
			</div>
			<Table caption={t('mentoringAdmin.mentors.caption')}>
				<thead>
					<tr>
						<Th>{t('mentoringAdmin.mentors.mentor')}</Th>
						<Th className="text-right">{t('mentoringAdmin.mentors.pairings')}</Th>
						<Th className="text-right">{t('mentoringAdmin.mentors.measured')}</Th>
						<Th className="text-right">{t('mentoringAdmin.mentors.unmeasured')}</Th>
						<Th className="text-right">{t('mentoringAdmin.mentors.improved')}</Th>
						<Th className="text-right">{t('mentoringAdmin.mentors.beatPeers')}</Th>
						<Th className="text-right">{t('mentoringAdmin.mentors.meanEffect')}</Th>
					</tr>
				</thead>
				<tbody>
					{mentors.map((m) => (
						<Tr key={m.mentorId}>
							<RowHeader className="font-medium">{m.mentorName}</RowHeader>
							<Td className="text-right tabular-nums">{m.pairings}</Td>
							<Td className="text-right tabular-nums">{m.measured}</Td>
							<Td className="text-right tabular-nums">{m.unmeasured}</Td>
							<Td className="text-right tabular-nums">{m.measured === 0 ? NO_VALUE : m.improved}</Td>
							<Td className="text-right tabular-nums">{m.measured === 0 ? NO_VALUE : m.beatPeers}</Td>
							<Td className="text-right whitespace-nowrap tabular-nums">
								{m.meanEffectRatio === null ? (
									<span className="text-slate-700">{t('mentoringAdmin.mentors.insufficient')}</span>
								) : (
									<span className="font-semibold">{effect(m.meanEffectRatio)}</span>
								)}
							</Td>
						</Tr>
					))}
				</tbody>
			</Table>
		</div>
	)
}

export default function MentoringReportPage() {
	const { suggestions, pairings, mentors, capacities } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const hrefFor = (param: 'needs' | 'page') => (page: number) => {
		const params = new URLSearchParams()
		if (suggestions.page > 1) params.set('needs', String(suggestions.page))
		if (pairings.page > 1) params.set('page', String(pairings.page))
		params.set(param, String(page))
		return `?${params}`
	}
	const pageLabels = (nav: string, page: number, pages: number) => ({
		nav,
		prev: t('mentoringAdmin.report.prev'),
		next: t('mentoringAdmin.report.next'),
		position: t('mentoringAdmin.report.page', { page, pages }),
	})

	return (
		<>
			<AdminTabs />
			<BackLink to="/admin">{t('mentoringAdmin.report.back')}</BackLink>
			<div className="mb-6 flex flex-wrap items-start justify-between gap-3">
				<div className="min-w-0">
					<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('mentoringAdmin.report.title')}</h1>
					<p className="max-w-prose text-sm text-slate-700">{t('mentoringAdmin.report.intro')}</p>
				</div>
				<ButtonLink to="/mentoring/new">{t('mentoringAdmin.report.newPairing')}</ButtonLink>
			</div>

			<div className="space-y-10">
				<section aria-labelledby="suggestions-heading">
					<h2 id="suggestions-heading" className="mb-1 text-xl font-semibold text-slate-900">
						{t('mentoringAdmin.suggestions.title')}
					</h2>
					<p className="mb-3 max-w-prose text-sm text-slate-700">{t('mentoringAdmin.suggestions.intro')}</p>
					<SuggestionList rows={suggestions.rows} />
					<Pagination
						page={suggestions.page}
						pages={suggestions.pages}
						hrefFor={hrefFor('needs')}
						labels={pageLabels(t('mentoringAdmin.suggestions.pagination'), suggestions.page, suggestions.pages)}
					/>
				</section>

				<section aria-labelledby="pairings-heading">
					<h2 id="pairings-heading" className="mb-3 text-xl font-semibold text-slate-900">
						{t('mentoringAdmin.pairings.heading')}
					</h2>
					{pairings.total === 0 ? (
						<EmptyState title={t('mentoringAdmin.pairings.empty')} />
					) : (
						<>
							<PairingsTable rows={pairings.rows} />
							<Pagination
								page={pairings.page}
								pages={pairings.pages}
								hrefFor={hrefFor('page')}
								labels={pageLabels(t('mentoringAdmin.pairings.pagination'), pairings.page, pairings.pages)}
							/>
						</>
					)}
				</section>

				<section aria-labelledby="mentors-heading">
					<h2 id="mentors-heading" className="mb-1 text-xl font-semibold text-slate-900">
						{t('mentoringAdmin.mentors.heading')}
					</h2>
					<p className="mb-3 max-w-prose text-sm text-slate-700">{t('mentoringAdmin.mentors.intro')}</p>
					<MentorsSection mentors={mentors} />
				</section>

				<section aria-labelledby="capacity-heading">
					<h2 id="capacity-heading" className="mb-1 text-xl font-semibold text-slate-900">
						{t('mentoringAdmin.capacity.heading')}
					</h2>
					<p className="mb-3 max-w-prose text-sm text-slate-700">{t('mentoringAdmin.capacity.intro')}</p>
					{capacities.length === 0 ? (
						<EmptyState title={t('mentoringAdmin.capacity.empty')} />
					) : (
						<ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 *:min-w-0">
							{capacities.map((mentor) => (
								<li key={mentor.id}>
									<CapacityForm mentor={mentor} lastResult={actionData?.mentorId === mentor.id ? actionData.result : undefined} />
								</li>
							))}
						</ul>
					)}
				</section>
			</div>
		</>
	)
}
