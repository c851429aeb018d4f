import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { BarChart } from '#app/components/charts/index.ts'
import { BackLink, Badge, Card, CardTitle, EmptyState, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { clearanceOverview, examDetail, recentAttempts, scopeFor } from '#app/modules/exams/stats.server.ts'
import { asPercent, oneDecimal, questionFlags, type QuestionFlag } from '#app/modules/exams/stats.ts'
import { hasRole, requireRole } from '#app/utils/auth.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { pageTitle } from '#app/utils/meta.ts'

const ExamSlug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100)

/** Per-person exam results and focus signals: not for shared caches. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined
	if (!data) return pageTitle(matches, 'examAdmin.title')
	return pageTitle(matches, 'examAdmin.detailTitle', { title: root?.locale === 'en' ? data.exam.titleEn : data.exam.title })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireRole(request, 'hr_admin', 'manager')
	const slug = ExamSlug.safeParse(params.exam)
	if (!slug.success) throw new Response('No such exam', { status: 404, statusText: 'Not Found' })
	const scope = scopeFor(user)
	const detail = examDetail(slug.data, scope)
	if (!detail) throw new Response('No such exam', { status: 404, statusText: 'Not Found' })
	const { examId, ...rest } = detail
	// Clearance for duty comes from the required new-hire exams, so their pages show who holds it.
	const grantsClearance = detail.exam.required && detail.exam.tier === 'new'
	return {
		...rest,
		isHr: hasRole(user, 'hr_admin'),
		teamSize: scope?.length ?? null,
		attempts: recentAttempts(examId, scope),
		clearance: grantsClearance ? clearanceOverview(scope) : null,
	}
}

const flagTone: Record<QuestionFlag, 'warning' | 'danger'> = {
	too_easy: 'warning',
	too_hard: 'warning',
	poor_discrimination: 'warning',
	over_exposed: 'danger',
}

export default function ExamAnalyticsDetail() {
	const { exam, summary, distribution, questions, attempts, clearance, isHr, teamSize } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const none = t('examAdmin.none')
	const title = en ? exam.titleEn : exam.title
	const topicName = new Map(exam.topics.map((topic) => [topic.code, en ? topic.nameEn : topic.name]))
	const percent = (rate: number | null) => (rate === null ? none : t('examAdmin.percent', { value: asPercent(rate) }))
	const points = (value: number | null) => (value === null ? none : t('examAdmin.points', { value: oneDecimal(value) }))
	const binLabel = (bin: { from: number; to: number }) => `${bin.from}–${bin.to}`
	const busiest = distribution.reduce((best, bin) => (bin.count > best.count ? bin : best), distribution[0]!)

	return (
		<>
			{isHr ? <AdminTabs /> : null}
			<BackLink to="/admin/exams">{t('examAdmin.back')}</BackLink>
			<div className="flex flex-wrap items-center gap-2">
				<h1 className="text-2xl font-bold text-slate-900">{title}</h1>
				<Badge>{t(`tiers.${exam.tier}`)}</Badge>
				{exam.required ? <Badge tone="brand">{t('examAdmin.required')}</Badge> : null}
				{exam.retired ? <Badge>{t('examAdmin.retired')}</Badge> : null}
			</div>
			<p className="mt-1 mb-6 text-sm text-slate-700">
				{teamSize === null ? t('examAdmin.scopeAll') : t('examAdmin.scopeTeam', { count: teamSize })}
			</p>

			<Card>
				<CardTitle>{t('examAdmin.summaryTitle')}</CardTitle>
				<dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
					{[
						[t('examAdmin.attempts'), String(summary.attempts)],
						[t('examAdmin.people'), String(summary.people)],
						[t('examAdmin.passRate'), percent(summary.passRate)],
						[t('examAdmin.meanScore'), points(summary.meanScore)],
						[t('examAdmin.medianScore'), points(summary.medianScore)],
						[t('examAdmin.passMark'), t('examAdmin.points', { value: exam.passMark })],
					].map(([label, value]) => (
						<div key={label}>
							<dt className="text-sm text-slate-700">{label}</dt>
							<dd className="text-xl font-semibold text-slate-900 tabular-nums">{value}</dd>
						</div>
					))}
				</dl>
			</Card>

			<Card className="mt-6">
				<CardTitle>{t('examAdmin.distributionTitle')}</CardTitle>
				{summary.attempts === 0 ? (
					<p className="text-sm text-slate-700">{t('examAdmin.noAttempts')}</p>
				) : (
					<BarChart
						variant="histogram"
						title={t('examAdmin.distributionTitle')}
						description={t('examAdmin.distributionDescription', {
							count: summary.attempts,
							passMark: exam.passMark,
							bin: binLabel(busiest),
							binCount: busiest.count,
						})}
						data={distribution.map((bin) => ({ label: binLabel(bin), value: bin.count }))}
						categoryLabel={t('examAdmin.scoreRange')}
						valueLabel={t('examAdmin.attemptCount')}
						tableLabel={t('examAdmin.showTable')}
					/>
				)}
			</Card>

			<section className="mt-8" aria-labelledby="questions-heading">
				<h2 id="questions-heading" className="mb-1 text-lg font-semibold text-slate-900">
					{t('examAdmin.questionsTitle')}
				</h2>
				<p className="mb-3 max-w-prose text-sm text-slate-700">{t('examAdmin.questionsIntro')}</p>
				<Table caption={t('examAdmin.questionsCaption')}>
					<thead>
						<tr>
							<Th>{t('examAdmin.questionKey')}</Th>
							<Th>{t('examAdmin.topic')}</Th>
							<Th>{t('examAdmin.prompt')}</Th>
							<Th className="text-right">{t('examAdmin.shown')}</Th>
							<Th className="text-right">{t('examAdmin.correctRate')}</Th>
							<Th className="text-right">{t('examAdmin.discrimination')}</Th>
							<Th>{t('examAdmin.flagsColumn')}</Th>
						</tr>
					</thead>
					<tbody>
						{questions.map((q) => (
							<Tr key={q.id}>
								<Td className="font-mono whitespace-nowrap">
									{q.key}
									{q.retired ? (
										<span className="ml-1">
											<Badge>{t('examAdmin.retired')}</Badge>
										</span>
									) : null}
								</Td>
								<Td className="whitespace-nowrap">{topicName.get(q.topic) ?? q.topic}</Td>
								<Td className="min-w-56">{q.excerpt}</Td>
								<Td className="text-right whitespace-nowrap tabular-nums">
									{q.shown}
									{q.exposureRate === null ? null : (
										<span className="text-slate-700"> ({percent(q.exposureRate)})</span>
									)}
								</Td>
								<Td className="text-right tabular-nums">{percent(q.correctRate)}</Td>
								<Td className="text-right whitespace-nowrap tabular-nums">
									{q.discrimination === null ? (
										<span className="text-slate-700">{t('examAdmin.notEnoughData')}</span>
									) : (
										q.discrimination.toFixed(2)
									)}
								</Td>
								<Td>
									<span className="flex flex-wrap gap-1">
										{q.flags.map((flag) => (
											<Badge key={flag} tone={flagTone[flag]}>
												{t(`examAdmin.flags.${flag}`)}
											</Badge>
										))}
									</span>
								</Td>
							</Tr>
						))}
					</tbody>
				</Table>
				<details className="mt-2 text-sm text-slate-700">
					<summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline">
						{t('examAdmin.flagLegend')}
					</summary>
					<dl className="mt-1 grid gap-1 sm:grid-cols-[auto_1fr] sm:gap-x-3">
						{questionFlags.map((flag) => (
							<div key={flag} className="contents">
								<dt>
									<Badge tone={flagTone[flag]}>{t(`examAdmin.flags.${flag}`)}</Badge>
								</dt>
								<dd>{t(`examAdmin.flagHelp.${flag}`)}</dd>
							</div>
						))}
					</dl>
				</details>
			</section>

			<section className="mt-8" aria-labelledby="attempts-heading">
				<h2 id="attempts-heading" className="mb-1 text-lg font-semibold text-slate-900">
					{t('examAdmin.attemptsTitle')}
				</h2>
				<p className="mb-3 max-w-prose text-sm text-slate-700">{t('examAdmin.focusNote')}</p>
				{attempts.rows.length === 0 ? (
					<EmptyState title={t('examAdmin.noAttempts')} />
				) : (
					<>
						<p className="mb-2 text-sm text-slate-700">
							{t('examAdmin.attemptsShowing', { shown: attempts.rows.length, count: attempts.total })}
						</p>
						<Table caption={t('examAdmin.attemptsCaption')}>
							<thead>
								<tr>
									<Th>{t('examAdmin.person')}</Th>
									<Th>{t('examAdmin.team')}</Th>
									<Th>{t('examAdmin.number')}</Th>
									<Th>{t('examAdmin.startedAt')}</Th>
									<Th className="text-right">{t('examAdmin.score')}</Th>
									<Th>{t('examAdmin.result')}</Th>
									<Th>{t('examAdmin.closedByColumn')}</Th>
									<Th>{t('examAdmin.focusColumn')}</Th>
								</tr>
							</thead>
							<tbody>
								{attempts.rows.map((a) => (
									<Tr key={a.id}>
										<Td className="font-medium whitespace-nowrap">{a.name}</Td>
										<Td className="whitespace-nowrap">{(en ? a.teamEn : a.teamZh) ?? t('examAdmin.noTeam')}</Td>
										<Td className="whitespace-nowrap">{t('examAdmin.numberValue', { number: a.number })}</Td>
										<Td className="whitespace-nowrap">{formatDateTime(a.startedAt, i18n.language)}</Td>
										<Td className="text-right tabular-nums">{a.score === null ? none : a.score}</Td>
										<Td>
											{a.status === 'open' ? (
												<Badge>{t('examAdmin.inProgress')}</Badge>
											) : a.passed ? (
												<Badge tone="success">{t('examAdmin.passed')}</Badge>
											) : (
												<Badge tone="danger">{t('examAdmin.failed')}</Badge>
											)}
										</Td>
										<Td className="whitespace-nowrap">{a.closedBy ? t(`examAdmin.closedBy.${a.closedBy}`) : none}</Td>
										<Td className="min-w-64">
											{a.focusLosses === 0 ? (
												<span className="text-slate-700">{t('examAdmin.focusNone')}</span>
											) : (
												<details>
													<summary className="cursor-pointer py-1 text-slate-800">
														{t('examAdmin.focusCount', { count: a.focusLosses })}
													</summary>
													<ul className="mt-1 list-disc pl-5 text-slate-700" aria-label={t('examAdmin.focusTimes')}>
														{a.focusEvents.map((event, i) => (
															<li key={i} className="whitespace-nowrap">
																{formatDateTime(event.at, i18n.language)} ·{' '}
																{event.awayMs === null
																	? t('examAdmin.awayUnknown')
																	: t('examAdmin.awayFor', { count: Math.max(1, Math.round(event.awayMs / 1000)) })}
															</li>
														))}
													</ul>
												</details>
											)}
										</Td>
									</Tr>
								))}
							</tbody>
						</Table>
					</>
				)}
			</section>

			{clearance ? (
				<Card className="mt-8">
					<CardTitle>{t('examAdmin.clearanceTitle')}</CardTitle>
					<p className="mb-1 text-sm text-slate-700">{t('examAdmin.clearanceIntro')}</p>
					<p className="mb-3 font-medium text-slate-900">
						{t('examAdmin.clearanceSummary', { cleared: clearance.cleared, people: clearance.people })}
					</p>
					{clearance.list.length === 0 ? (
						<p className="text-sm text-slate-700">{t('examAdmin.noneCleared')}</p>
					) : (
						<Table caption={t('examAdmin.clearanceCaption')}>
							<thead>
								<tr>
									<Th>{t('examAdmin.person')}</Th>
									<Th>{t('examAdmin.team')}</Th>
									<Th>{t('examAdmin.clearedOn')}</Th>
								</tr>
							</thead>
							<tbody>
								{clearance.list.map((person) => (
									<Tr key={person.userId}>
										<Td className="font-medium whitespace-nowrap">{person.name}</Td>
										<Td className="whitespace-nowrap">{(en ? person.teamEn : person.teamZh) ?? t('examAdmin.noTeam')}</Td>
										<Td className="whitespace-nowrap tabular-nums">{person.clearedOn}</Td>
									</Tr>
								))}
							</tbody>
						</Table>
					)}
				</Card>
			) : null}
		</>
	)
}
