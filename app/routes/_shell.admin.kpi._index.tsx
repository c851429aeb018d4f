import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { getDb } from '#db/client.server.ts'
import { users, type PositionType } from '#db/schema/auth.ts'
import { roleTemplates, targetAdjustments, templateWeights } from '#db/schema/performance.ts'
import { AdminTabs } from '#app/components/admin-tabs.tsx'
import { SectionCards } from '#app/components/section-cards.tsx'
import { Button, Card, Select, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { localName } from '#app/modules/performance/format.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'adminKpi.title')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	// The person picker is a GET form, so it works without JavaScript.
	const person = Number(new URL(request.url).searchParams.get('person'))
	if (Number.isInteger(person) && person > 0) throw redirect(`/admin/kpi/people/${person}`)
	const db = getDb()
	const indicators = listIndicators()
	const latest = db
		.select({ positionType: roleTemplates.positionType, version: roleTemplates.version, indicatorId: templateWeights.indicatorId, weight: templateWeights.weight })
		.from(roleTemplates)
		.innerJoin(templateWeights, eq(templateWeights.templateId, roleTemplates.id))
		.orderBy(asc(roleTemplates.version))
		.all()
	// The newest version's weights per position (a later row overwrites an earlier one).
	const versions = new Map<string, number>()
	for (const row of latest) versions.set(row.positionType, Math.max(versions.get(row.positionType) ?? 0, row.version))
	const weightedIn = new Map<number, Array<{ positionType: PositionType; weight: number }>>()
	for (const row of latest) {
		if (row.version !== versions.get(row.positionType)) continue
		weightedIn.set(row.indicatorId, [...(weightedIn.get(row.indicatorId) ?? []), { positionType: row.positionType, weight: row.weight }])
	}
	const pending = db.select({ n: count() }).from(targetAdjustments).where(eq(targetAdjustments.status, 'pending')).get()?.n ?? 0
	const people = db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.where(and(isNotNull(users.positionType), isNull(users.deactivatedAt)))
		.orderBy(asc(users.name))
		.all()
	const byCode = new Map(indicators.map((i) => [i.code, i]))
	return {
		pending,
		people,
		indicators: indicators.map((i) => ({
			...i,
			numerator: i.numeratorCode ? byCode.get(i.numeratorCode) ?? null : null,
			denominator: i.denominatorCode ? byCode.get(i.denominatorCode) ?? null : null,
			weightedIn: weightedIn.get(i.id) ?? [],
		})),
	}
}

export default function AdminKpiPage() {
	const { indicators, pending, people } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const nameOf = (i: { nameZh: string; nameEn: string }) => localName(i, i18n.language)
	const sections = [
		{ to: '/admin/kpi/import', title: t('adminKpi.import'), body: t('adminKpi.importBody') },
		{ to: '/admin/kpi/templates', title: t('adminKpi.templates'), body: t('adminKpi.templatesBody') },
		{ to: '/admin/kpi/targets', title: t('adminKpi.targets'), body: t('adminKpi.targetsBody') },
		{
			to: '/admin/kpi/adjustments',
			title: t('adminKpi.adjustments'),
			body: t('adminKpi.adjustmentsBody'),
			badge: pending > 0 ? t('adminKpi.pending', { count: pending }) : null,
		},
		{ to: '/admin/kpi/alert-rules', title: t('adminKpi.alertRules'), body: t('adminKpi.alertRulesBody') },
		{ to: '/admin/audit', title: t('adminKpi.audit'), body: t('adminKpi.auditBody') },
	]
	return (
		<>
			<AdminTabs />
			<h1 className="text-2xl font-bold text-slate-900">{t('adminKpi.title')}</h1>
			<p className="mt-1 mb-6 text-sm text-slate-700">{t('adminKpi.intro')}</p>
			<h2 className="sr-only">{t('adminKpi.sections')}</h2>
			<div className="mb-8">
				<SectionCards sections={sections} heading="h3" className="md:grid-cols-2 lg:grid-cols-3" />
			</div>

			<Card className="mb-8">
				<h2 className="mb-3 text-lg font-semibold">{t('adminKpi.person')}</h2>
				<Form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
					<Select label={t('adminKpi.personLabel')} name="person" className="sm:w-80" defaultValue="">
						{people.map((p) => (
							<option key={p.id} value={p.id}>
								{t('adminKpi.personOption', { name: p.name, email: p.email })}
							</option>
						))}
					</Select>
					<Button type="submit">{t('adminKpi.personSubmit')}</Button>
				</Form>
			</Card>

			<h2 className="mb-3 text-lg font-semibold">{t('adminKpi.indicators')}</h2>
			<Table caption={t('adminKpi.indicators')}>
				<thead>
					<tr>
						<Th>{t('adminKpi.name')}</Th>
						<Th>{t('adminKpi.code')}</Th>
						<Th>{t('adminKpi.category')}</Th>
						<Th>{t('adminKpi.unit')}</Th>
						<Th>{t('adminKpi.direction')}</Th>
						<Th>{t('adminKpi.grain')}</Th>
						<Th>{t('adminKpi.rollup')}</Th>
						<Th>{t('adminKpi.source')}</Th>
						<Th>{t('adminKpi.weightedIn')}</Th>
					</tr>
				</thead>
				<tbody className="divide-y divide-slate-100">
					{indicators.map((i) => (
						<Tr key={i.id}>
							<Td className="font-medium">{nameOf(i)}</Td>
							<Td>
								<code>{i.code}</code>
							</Td>
							<Td>{t(`kpiTerms.category.${i.category}`)}</Td>
							<Td>{t(`kpiTerms.unit.${i.unit}`)}</Td>
							<Td>{t(`kpiTerms.direction.${i.direction}`)}</Td>
							<Td>{t(`kpiTerms.grain.${i.grain}`)}</Td>
							<Td>
								{i.rollup === 'ratio'
									? t('kpiTerms.rollup.ratio', {
											numerator: i.numerator ? nameOf(i.numerator) : '?',
											denominator: i.denominator ? nameOf(i.denominator) : '?',
										})
									: t(`kpiTerms.rollup.${i.rollup}`)}
							</Td>
							<Td>{t(`kpiTerms.source.${i.source}`)}</Td>
							<Td>
								{i.weightedIn.length === 0
									? t('adminKpi.none')
									: i.weightedIn.map((w) => `${t(`positions.${w.positionType}`)} ${w.weight}%`).join(t('adminKpi.listSeparator'))}
							</Td>
						</Tr>
					))}
				</tbody>
			</Table>
		</>
	)
}
