import { useTranslation } from 'react-i18next'
import { formatPeriod } from '#app/modules/performance/format.ts'
import type { Checklist as ChecklistData, ChecklistItem } from '#app/modules/promotion/eligibility.ts'
import { RowHeader, useKpiFormat } from '../kpi/index.ts'
import { Badge, Table, Td, Th, Tr } from '../ui/index.ts'
import { formatDay, useMissingText } from './format.ts'

/** The rule in words, as HR set it. */
function Requirement({ item }: { item: ChecklistItem }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	switch (item.rule) {
		case 'quarters':
			return <>{t('promotion.requirement.quarters', { count: item.evidence.required, score: f.score(item.evidence.minScore) })}</>
		case 'exams':
			return <>{t(item.evidence.required ? 'promotion.requirement.exams' : 'promotion.requirement.examsOff')}</>
		case 'capability':
			return item.evidence.indicators.length === 0 ? (
				<>{t('promotion.requirement.capabilityNone')}</>
			) : (
				<>{t('promotion.requirement.capability', { period: formatPeriod(item.evidence.period, f.locale) })}</>
			)
		case 'tenure':
			return <>{t('promotion.requirement.tenure', { count: item.evidence.required })}</>
		case 'integrity':
			return item.evidence.required === 0 ? (
				<>{t('promotion.requirement.integrityOff')}</>
			) : (
				<>{t('promotion.requirement.integrity', { count: item.evidence.required })}</>
			)
	}
}

/** What the rule was checked against: the quarters and their scores, the exams, the values, the dates. */
function Evidence({ item }: { item: ChecklistItem }) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const day = (iso: string) => formatDay(iso, f.locale)
	switch (item.rule) {
		case 'quarters':
			return (
				<>
					<Table caption={t('promotion.evidence.quartersCaption')}>
						<thead>
							<tr>
								<Th>{t('promotion.evidence.quarter')}</Th>
								<Th className="text-right">{t('promotion.evidence.score')}</Th>
								<Th>{t('promotion.evidence.reached')}</Th>
							</tr>
						</thead>
						<tbody>
							{item.evidence.quarters.map((q) => (
								<Tr key={q.period}>
									<RowHeader>{formatPeriod(q.period, f.locale)}</RowHeader>
									<Td className="text-right tabular-nums">{q.score === null ? t('promotion.evidence.noScore') : f.score(q.score)}</Td>
									<Td>
										<Badge tone={q.met ? 'success' : 'neutral'}>{t(q.met ? 'promotion.evidence.yes' : 'promotion.evidence.no')}</Badge>
									</Td>
								</Tr>
							))}
						</tbody>
					</Table>
					<p className="mt-2">{t('promotion.evidence.run', { count: item.evidence.run })}</p>
				</>
			)
		case 'exams':
			if (item.evidence.exams.length === 0) return <p>{t('promotion.evidence.noExams')}</p>
			return (
				<ul className="space-y-1">
					{item.evidence.exams.map((exam) => (
						<li key={exam.slug} className="flex flex-wrap items-center gap-2">
							<span className="font-medium text-slate-900">{f.locale.startsWith('zh') ? exam.title : exam.titleEn}</span>
							{exam.passedOn ? (
								<Badge tone="success">{t('promotion.evidence.passedOn', { date: day(exam.passedOn) })}</Badge>
							) : (
								<Badge tone="warning">{t('promotion.evidence.notPassed')}</Badge>
							)}
						</li>
					))}
				</ul>
			)
		case 'capability':
			if (item.evidence.indicators.length === 0) return null
			return (
				<ul className="space-y-1">
					{item.evidence.indicators.map((c) => (
						<li key={c.code}>
							{t('promotion.evidence.capabilityValue', {
								name: f.name(c),
								value: c.value === null ? t('promotion.evidence.noValue') : f.value(c.value, c.unit),
								min: f.value(c.min, c.unit),
							})}
						</li>
					))}
				</ul>
			)
		case 'tenure':
			return (
				<p>
					{t('promotion.evidence.tenure', { date: day(item.evidence.hireDate), count: item.evidence.months })}
					{item.met ? null : ` ${t('promotion.evidence.tenureReached', { date: day(item.evidence.reachedOn) })}`}
				</p>
			)
		case 'integrity':
			return item.evidence.lastViolationOn === null ? (
				<p>{t('promotion.evidence.noViolation')}</p>
			) : (
				<p>
					{t('promotion.evidence.lastViolation', { date: day(item.evidence.lastViolationOn), count: item.evidence.count })}
					{item.met || !item.evidence.clearOn ? null : ` ${t('promotion.evidence.clearOn', { date: day(item.evidence.clearOn) })}`}
				</p>
			)
	}
}

/** The checklist: each rule, met or not, what it was checked against, and what is still missing. */
export function Checklist({ checklist }: { checklist: ChecklistData }) {
	const { t } = useTranslation()
	const missing = useMissingText()
	return (
		<ol className="space-y-4">
			{checklist.items.map((item) => {
				const headingId = `rule-${item.rule}`
				return (
					<li key={item.rule} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
						<div className="flex flex-wrap items-center justify-between gap-2">
							<h3 id={headingId} className="text-lg font-semibold text-slate-900">
								{t(`promotion.rule.${item.rule}`)}
							</h3>
							<Badge tone={item.met ? 'success' : 'warning'}>
								<span aria-hidden="true" className="mr-1">
									{item.met ? '✓' : '✗'}
								</span>
								{t(item.met ? 'promotion.checklist.met' : 'promotion.checklist.unmet')}
							</Badge>
						</div>
						<p className="mt-1 text-sm text-slate-700">
							<Requirement item={item} />
						</p>
						{item.missing.length > 0 ? (
							<div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3">
								<h4 className="text-sm font-semibold text-amber-900">{t('promotion.checklist.missingHeading')}</h4>
								<ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-amber-900">
									{item.missing.map((m) => (
										<li key={m}>{missing(m)}</li>
									))}
								</ul>
							</div>
						) : null}
						<div className="mt-3 text-sm text-slate-800">
							<h4 className="sr-only">{t('promotion.checklist.evidenceHeading')}</h4>
							<Evidence item={item} />
						</div>
					</li>
				)
			})}
		</ol>
	)
}
