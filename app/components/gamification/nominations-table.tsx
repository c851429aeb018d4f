import { useTranslation } from 'react-i18next'
import { formatPeriod } from '#app/modules/performance/format.ts'
import { Badge, Table, Td, Th, Tr } from '../ui/index.ts'

export type NominationRow = {
	id: number
	name: string
	month: string
	status: 'pending' | 'confirmed' | 'declined'
	decisionNote: string | null
}

const statusTone = { pending: 'warning', confirmed: 'success', declined: 'neutral' } as const

/** 月度之星 nominations as a table: who, which month, where HR's decision stands and its note. */
export function NominationsTable({ rows, caption, empty }: { rows: readonly NominationRow[]; caption: string; empty: string }) {
	const { t, i18n } = useTranslation()
	if (rows.length === 0) return <p className="text-sm text-slate-700">{empty}</p>
	return (
		<Table caption={caption}>
			<thead>
				<tr>
					<Th>{t('points.admin.nominee')}</Th>
					<Th>{t('points.admin.month')}</Th>
					<Th>{t('points.admin.status')}</Th>
				</tr>
			</thead>
			<tbody>
				{rows.map((n) => (
					<Tr key={n.id}>
						<Th scope="row" className="bg-white font-medium text-slate-900">
							{n.name}
						</Th>
						<Td className="whitespace-nowrap">{formatPeriod(n.month, i18n.language)}</Td>
						<Td>
							<Badge tone={statusTone[n.status]}>{t(`points.star.status.${n.status}`)}</Badge>
							{n.decisionNote ? <p className="mt-1 text-sm break-words text-slate-700">{t('points.star.noteIs', { note: n.decisionNote })}</p> : null}
						</Td>
					</Tr>
				))}
			</tbody>
		</Table>
	)
}
