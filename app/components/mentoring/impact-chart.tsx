import { scaleLinear, scalePoint } from '@visx/scale'
import { LinePath } from '@visx/shape'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { formatMonthShort, formatPeriod } from '#app/modules/performance/format.ts'
import { RowHeader } from '../kpi/row-header.tsx'
import { useKpiFormat } from '../kpi/use-kpi-format.ts'
import { Table, Td, Th, Tr } from '../ui/index.ts'
import { ChartSvg } from '../charts/index.ts'

export type ImpactChartProps = {
	/** Names the chart (SVG title) and its data table. */
	title: string
	/** The numbers in a sentence, for a screen reader after the title. */
	description: string
	/** YYYY-MM, oldest first: the months before the pairing, then the months since. */
	months: readonly string[]
	mentee: ReadonlyArray<number | null>
	/** Unpaired peers' mean per month. */
	peers: ReadonlyArray<number | null>
	/** YYYY-MM the pairing started in; the marker sits just before it. */
	startMonth: string
	unit: string
	width?: number
	height?: number
}

const MARGIN = { top: 40, right: 16, bottom: 28, left: 56 }
const FONT_SIZE = 12
// slate-700 text ≥ 4.5:1 on white; the peers' line is slate-800 and dashed, so it differs by shape as well as colour.
const TEXT = '#334155'
const AXIS = '#94a3b8'
const PEERS = '#1e293b'
const MARKER = '#b45309'
const GRID = '#e2e8f0'
/** More month labels than this would overlap on a phone; every other one is drawn then (the table has them all). */
const LABELS_MAX = 8

type Point = { month: string; value: number }

/**
 * The mentee's monthly values as a line with points, the unpaired peers' mean as a dashed line, and a
 * vertical marker where the pairing starts: SVG drawn on the server (fixed viewBox, no measuring), one
 * labelled image, with the same numbers in a table below it.
 */
export function ImpactChart({ title, description, months, mentee, peers, startMonth, unit, width = 480, height = 240 }: ImpactChartProps) {
	const { t } = useTranslation()
	const f = useKpiFormat()
	const id = useId()
	const titleId = `${id}-title`
	const descId = `${id}-desc`
	const innerWidth = width - MARGIN.left - MARGIN.right
	const innerHeight = height - MARGIN.top - MARGIN.bottom
	const points = (series: ReadonlyArray<number | null>): Point[] =>
		months.flatMap((month, i) => {
			const value = series[i]
			return value === null || value === undefined || !Number.isFinite(value) ? [] : [{ month, value }]
		})
	const menteePoints = points(mentee)
	const peerPoints = points(peers)
	const values = [...menteePoints, ...peerPoints].map((p) => p.value)
	const max = Math.max(0, ...values)
	const min = Math.min(0, ...values)
	const x = scalePoint<string>({
		domain: [...months],
		range: [0, innerWidth],
		padding: 0.5,
		round: true,
	})
	const y = scaleLinear<number>({
		domain: [min, max > min ? max : min + 1],
		range: [innerHeight, 0],
		nice: true,
		round: true,
	})
	const [bottom = 0, top = 1] = y.domain()
	const yTicks = [bottom, (bottom + top) / 2, top]
	const step = x.step()
	const startAt = months.includes(startMonth) ? (x(startMonth) ?? 0) - Math.round(step / 2) : null
	const labelEvery = months.length > LABELS_MAX ? 2 : 1
	const menteeLabel = t('mentoring.impact.menteeLine')
	const peerLabel = t('mentoring.impact.peerLine')

	return (
		<figure className="min-w-0">
			<ChartSvg width={width} height={height} titleId={titleId} title={title} descId={descId} description={description} fontSize={FONT_SIZE} fill={TEXT}>
				{/* Legend: a solid line with a dot for the mentee, a dashed line for the peers, the marker's colour. */}
				<path d={`M${MARGIN.left},9h20`} className="stroke-brand-700" strokeWidth={2.5} />
				<circle cx={MARGIN.left + 10} cy={9} r={3.5} className="fill-brand-700" />
				<text x={MARGIN.left + 26} y={13}>
					{menteeLabel}
				</text>
				<path d={`M${MARGIN.left + 110},9h20`} stroke={PEERS} strokeWidth={2} strokeDasharray="5 3" />
				<text x={MARGIN.left + 136} y={13}>
					{peerLabel}
				</text>
				<g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
					<path d={yTicks.map((v) => `M0,${y(v)}h${innerWidth}`).join('')} stroke={GRID} />
					{yTicks.map((v) => (
						<text key={v} x={-8} y={y(v) + 4} textAnchor="end">
							{f.axis(v, unit)}
						</text>
					))}
					{startAt !== null ? (
						<>
							<path d={`M${startAt},-6V${innerHeight}`} stroke={MARKER} strokeWidth={1.5} strokeDasharray="2 3" />
							<text x={startAt + 4} y={-8} fill={MARKER}>
								{t('mentoring.impact.start')}
							</text>
						</>
					) : null}
					{peerPoints.length > 1 ? (
						<LinePath data={peerPoints} x={(p) => x(p.month) ?? 0} y={(p) => y(p.value)} stroke={PEERS} strokeWidth={2} strokeDasharray="5 3" fill="none" />
					) : null}
					{menteePoints.length > 1 ? (
						<LinePath data={menteePoints} x={(p) => x(p.month) ?? 0} y={(p) => y(p.value)} className="stroke-brand-700" strokeWidth={2.5} fill="none" />
					) : null}
					{menteePoints.map((p) => (
						<circle key={p.month} cx={x(p.month) ?? 0} cy={y(p.value)} r={3.5} className="fill-brand-700" />
					))}
					<path d={`M0,${innerHeight}h${innerWidth}`} stroke={AXIS} />
					{months.map((month, i) =>
						i % labelEvery === 0 ? (
							<text key={month} x={x(month) ?? 0} y={innerHeight + 18} textAnchor="middle">
								{formatMonthShort(month, f.locale)}
							</text>
						) : null
					)}
				</g>
			</ChartSvg>
			<details className="mt-2">
				<summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-brand-700 underline">{t('mentoring.impact.table')}</summary>
				<Table caption={title}>
					<thead>
						<tr>
							<Th>{t('mentoring.impact.month')}</Th>
							<Th>{menteeLabel}</Th>
							<Th>{peerLabel}</Th>
						</tr>
					</thead>
					<tbody>
						{months.map((month, i) => (
							<Tr key={month}>
								<RowHeader>
									{formatPeriod(month, f.locale)}
									{month === startMonth ? t('mentoring.impact.startMark') : null}
								</RowHeader>
								<Td className="tabular-nums">{f.value(mentee[i] ?? null, unit)}</Td>
								<Td className="tabular-nums">{f.value(peers[i] ?? null, unit)}</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			</details>
		</figure>
	)
}
