import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar, LinePath } from '@visx/shape'
import { useId } from 'react'
import { Table, Td, Th, Tr } from '../ui/index.ts'
import { RowHeader } from './row-header.tsx'
import { ChartSvg } from '../charts/index.ts'

export type TrendPoint = { label: string; actual: number | null; target: number | null }

export type TrendChartProps = {
	/** Names the chart (SVG title) and its data table. */
	title: string
	/** What a screen reader hears after the title. */
	description?: string
	data: readonly TrendPoint[]
	/** Heads the table's first column (e.g. 月份). */
	categoryLabel: string
	actualLabel: string
	targetLabel: string
	/** The summary of the disclosure holding the data table. */
	tableLabel: string
	/** Exact values, for the table. */
	formatValue?: (value: number) => string
	/** Short values: the vertical axis. */
	formatTick?: (value: number) => string
	/** What a missing value reads as in the table. */
	noValue?: string
	width?: number
	height?: number
	/** Render the chart's own data table (off when a page shows one table for several charts). */
	table?: boolean
}

const MARGIN = { top: 34, right: 12, bottom: 28, left: 56 }
const FONT_SIZE = 12
// slate-700 on white ≥ 4.5:1; the target line is slate-800 and dashed, so it differs from the bars by shape too.
const TEXT = '#334155'
const LINE = '#94a3b8'
const TARGET = '#1e293b'
const GRID = '#e2e8f0'

/**
 * Monthly actuals as bars with the target as a dashed line, drawn as SVG on the server (fixed viewBox,
 * no measuring, scales to a phone). The SVG is one labelled image; the numbers are in a table below.
 * /kpi draws one per indicator, so the drawing is kept to what the eye needs — bars, the target, the
 * month names and three value gridlines — in whole pixels: server rendering time grows with every
 * element, and `bench/kpi.ts` holds the page to half the speed of a bare one.
 */
export function TrendChart({
	title,
	description,
	data,
	categoryLabel,
	actualLabel,
	targetLabel,
	tableLabel,
	formatValue = (v) => String(v),
	formatTick = formatValue,
	noValue = '—',
	width = 480,
	height = 220,
	table = true,
}: TrendChartProps) {
	const id = useId()
	const titleId = `${id}-title`
	const descId = `${id}-desc`
	const innerWidth = width - MARGIN.left - MARGIN.right
	const innerHeight = height - MARGIN.top - MARGIN.bottom
	const values = data.flatMap((d) => [d.actual, d.target]).filter((v): v is number => v !== null && Number.isFinite(v))
	const max = Math.max(0, ...values)
	// Whole pixels: the SVG stays small and quick to render (a /kpi page draws five of these).
	const x = scaleBand<string>({ domain: data.map((d) => d.label), range: [0, innerWidth], padding: 0.3, round: true })
	const y = scaleLinear<number>({ domain: [0, max > 0 ? max : 1], range: [innerHeight, 0], nice: true, round: true })
	// Three gridlines (0, half, top), labelled at the left.
	const top = y.domain()[1] ?? 1
	const yTicks = [0, top / 2, top]
	const center = (label: string) => (x(label) ?? 0) + Math.round(x.bandwidth() / 2)
	const targets = data.filter((d) => d.target !== null)

	return (
		<figure>
			<ChartSvg width={width} height={height} titleId={titleId} title={title} descId={descId} description={description} fontSize={FONT_SIZE} fill={TEXT}>
				{/* Legend: a filled square for the bars, a dashed stroke for the target. */}
				<rect x={MARGIN.left} y={3} width={10} height={10} className="fill-brand-600" />
				<text x={MARGIN.left + 14} y={12}>
					{actualLabel}
				</text>
				<path d={`M${MARGIN.left + 96},8h24`} stroke={TARGET} strokeWidth={2} strokeDasharray="5 3" />
				<text x={MARGIN.left + 126} y={12}>
					{targetLabel}
				</text>
				<g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
					<path d={yTicks.map((v) => `M0,${y(v)}h${innerWidth}`).join('')} stroke={GRID} />
					{yTicks.map((v) => (
						<text key={v} x={-8} y={y(v) + 4} textAnchor="end">
							{formatTick(v)}
						</text>
					))}
					{data.map((d) =>
						d.actual === null ? null : (
							<Bar
								key={d.label}
								x={x(d.label) ?? 0}
								y={y(Math.max(0, d.actual))}
								width={x.bandwidth()}
								height={innerHeight - y(Math.max(0, d.actual))}
								className="fill-brand-600"
							/>
						),
					)}
					{targets.length > 0 ? (
						<LinePath
							data={targets}
							x={(d) => center(d.label)}
							y={(d) => y(d.target ?? 0)}
							stroke={TARGET}
							strokeWidth={2}
							strokeDasharray="5 3"
							fill="none"
							className="trend-target"
						/>
					) : null}
					<path d={`M0,${innerHeight}h${innerWidth}`} stroke={LINE} />
					{data.map((d) => (
						<text key={d.label} x={center(d.label)} y={innerHeight + 18} textAnchor="middle">
							{d.label}
						</text>
					))}
				</g>
			</ChartSvg>
			{table ? (
			<details className="mt-2">
				<summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-brand-700 underline">{tableLabel}</summary>
				<Table caption={title}>
					<thead>
						<tr>
							<Th>{categoryLabel}</Th>
							<Th>{actualLabel}</Th>
							<Th>{targetLabel}</Th>
						</tr>
					</thead>
					<tbody>
						{data.map((d) => (
							<Tr key={d.label}>
								<RowHeader>{d.label}</RowHeader>
								<Td className="tabular-nums">{d.actual === null ? noValue : formatValue(d.actual)}</Td>
								<Td className="tabular-nums">{d.target === null ? noValue : formatValue(d.target)}</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			</details>
			) : null}
		</figure>
	)
}
