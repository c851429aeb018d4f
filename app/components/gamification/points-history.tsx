import { useTranslation } from 'react-i18next'
import type { PointSourceOption } from '#app/modules/gamification/badges.ts'
import { formatPeriod, localName, NO_VALUE } from '#app/modules/performance/format.ts'
import { Badge, Table, Td, Th, Tr } from '../ui/index.ts'

export type HistoryItem = {
	source: PointSourceOption
	points: number
	rulePoints: number
	day: string
	capped: boolean
	detail:
		| { kind: 'title'; title: string; titleEn: string }
		| { kind: 'indicator'; nameZh: string; nameEn: string; period: string }
		| { kind: 'coaching'; name: string; on: string }
		| null
}

/** A person's latest ledger entries in words: the day, the source, what it was for, the points ("封顶" when a daily cap cut them). */
export function PointsHistory({ rows }: { rows: readonly HistoryItem[] }) {
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const detailOf = (detail: HistoryItem['detail']) => {
		if (!detail) return NO_VALUE
		switch (detail.kind) {
			case 'title':
				return en ? detail.titleEn : detail.title
			case 'indicator':
				return t('points.history.indicator', { name: localName(detail, i18n.language), period: formatPeriod(detail.period, i18n.language) })
			case 'coaching':
				return t('points.history.coaching', { name: detail.name, on: detail.on })
		}
	}
	if (rows.length === 0) return <p className="text-sm text-slate-700">{t('points.page.historyEmpty')}</p>
	return (
		<Table caption={t('points.page.historyCaption')}>
			<thead>
				<tr>
					<Th>{t('points.history.day')}</Th>
					<Th>{t('points.history.source')}</Th>
					<Th>{t('points.history.detail')}</Th>
					<Th className="text-right">{t('points.history.points')}</Th>
				</tr>
			</thead>
			<tbody>
				{rows.map((row, i) => (
					<Tr key={`${row.day}-${row.source}-${i}`}>
						<Td className="whitespace-nowrap tabular-nums">{row.day}</Td>
						<Th scope="row" className="bg-white font-medium whitespace-nowrap text-slate-900">
							{t(`points.sources.${row.source}`)}
						</Th>
						<Td className="min-w-40 break-words">{detailOf(row.detail)}</Td>
						<Td className="text-right whitespace-nowrap">
							<span className="font-semibold tabular-nums">+{row.points}</span>
							{row.capped ? (
								<span className="ml-2 inline-flex flex-col items-end gap-0.5 align-top">
									<Badge tone="warning">{t('points.history.capped')}</Badge>
									<span className="text-xs text-slate-600">{t('points.history.cappedNote', { rule: row.rulePoints })}</span>
								</span>
							) : null}
						</Td>
					</Tr>
				))}
			</tbody>
		</Table>
	)
}
