import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar, LinePath } from '@visx/shape'
import { useId } from 'react'
import { Table, Td, Th, Tr } from '../ui/index.ts'
import { RowHeader } from './row-header.tsx'

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
	/** Short values: the vertical axis and the labels on the bars. */
	formatTick?: (value: number) => string
	/** What a missing value reads as in the table. */
	noValue?: string
	width?: number
	height?: number
}

const MARGIN = { top: 34, right: 12, bottom: 28, left: 56 }
const FONT_SIZE = 12
// slate-700 on white ≥ 4.5:1; the target line is slate-800 and dashed, so it differs from the bars by shape too.
const TEXT = '#334155'
const LINE = '#94a3b8'
const TARGET = '#1e293b'

function tick({ x, y, formattedValue, textAnchor, dx, dy }: TickRendererProps) {
	return (
		<text x={x} y={y} dx={dx} dy={dy} textAnchor={textAnchor} fontSize={FONT_SIZE} fill={TEXT}>
			{formattedValue}
		</text>
	)
}

/**
 * Monthly actuals as bars with the target as a dashed line, drawn as SVG on the server (fixed viewBox,
 * no measuring, scales to a phone). The SVG is one labelled image; the numbers are in a table below.
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
}: TrendChartProps) {
	const id = useId()
	const titleId = `${id}-title`
	const descId = `${id}-desc`
	const innerWidth = width - MARGIN.left - MARGIN.right
	const innerHeight = height - MARGIN.top - MARGIN.bottom
	const values = data.flatMap((d) => [d.actual, d.target]).filter((v): v is number => v !== null && Number.isFinite(v))
	const max = Math.max(0, ...values)
	const x = scaleBand<string>({ domain: data.map((d) => d.label), range: [0, innerWidth], padding: 0.3 })
	const y = scaleLinear<number>({ domain: [0, max > 0 ? max : 1], range: [innerHeight, 0], nice: true })
	const yTicks = y.ticks(4)
	const center = (label: string) => (x(label) ?? 0) + x.bandwidth() / 2
	const targets = data.filter((d) => d.target !== null)

	return (
		<figure>
			<svg
				viewBox={`0 0 ${width} ${height}`}
				role="img"
				aria-labelledby={description ? `${titleId} ${descId}` : titleId}
				className="h-auto w-full"
			>
				<title id={titleId}>{title}</title>
				{description ? <desc id={descId}>{description}</desc> : null}
				{/* Legend: a filled square for the bars, a dashed stroke for the target. */}
				<g transform={`translate(${MARGIN.left}, 12)`} fontSize={FONT_SIZE} fill={TEXT}>
					<rect x={0} y={-9} width={10} height={10} className="fill-brand-600" />
					<text x={14} y={0}>
						{actualLabel}
					</text>
					<line x1={96} x2={120} y1={-4} y2={-4} stroke={TARGET} strokeWidth={2} strokeDasharray="5 3" />
					<text x={126} y={0}>
						{targetLabel}
					</text>
				</g>
				<Group left={MARGIN.left} top={MARGIN.top}>
					{yTicks.map((v) => (
						<line key={v} x1={0} x2={innerWidth} y1={y(v)} y2={y(v)} stroke="#e2e8f0" />
					))}
					{data.map((d) => {
						if (d.actual === null) return null
						const barX = x(d.label) ?? 0
						const barY = y(Math.max(0, d.actual))
						return (
							<g key={d.label}>
								<Bar
									x={barX}
									y={barY}
									width={x.bandwidth()}
									height={innerHeight - barY}
									className="fill-brand-600"
								/>
								<text x={barX + x.bandwidth() / 2} y={barY - 4} textAnchor="middle" fontSize={FONT_SIZE} fill={TEXT}>
									{formatTick(d.actual)}
								</text>
							</g>
						)
					})}
					{targets.length > 0 ? (
						<>
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
							{targets.map((d) => (
								<circle key={d.label} cx={center(d.label)} cy={y(d.target ?? 0)} r={3.5} fill="white" stroke={TARGET} strokeWidth={2} />
							))}
						</>
					) : null}
					<AxisLeft
						scale={y}
						tickValues={yTicks}
						tickFormat={(v) => formatTick(Number(v))}
						stroke={LINE}
						tickStroke={LINE}
						tickComponent={tick}
					/>
					<AxisBottom top={innerHeight} scale={x} stroke={LINE} tickStroke={LINE} tickComponent={tick} />
				</Group>
			</svg>
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
		</figure>
	)
}
