import { AxisBottom, AxisLeft } from '@visx/axis'
import type { TickRendererProps } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { useId } from 'react'
import { Table, Td, Th, Tr } from '../ui/index.ts'
import { ChartSvg } from './chart-svg.tsx'

export type BarDatum = { label: string; value: number }

export type BarChartProps = {
	/** Names the chart (figure caption, SVG title) and its data table. */
	title: string
	/** What a screen reader hears after the title: the chart's message in a sentence. */
	description?: string
	data: readonly BarDatum[]
	/** Heads the table's first column and names the horizontal axis. */
	categoryLabel: string
	/** Heads the table's value column and names the vertical axis. */
	valueLabel: string
	/** The summary of the disclosure that holds the data table, e.g. "view as a table". */
	tableLabel: string
	formatValue?: (value: number) => string
	/** Touching bars for a histogram; gaps for categories. */
	variant?: 'bars' | 'histogram'
	/** The viewBox; the SVG scales to its container, so these set proportions, not pixels. */
	width?: number
	height?: number
}

const MARGIN = { top: 22, right: 8, bottom: 44, left: 48 }
const FONT_SIZE = 12
// slate-700 / slate-400: text contrast ≥ 4.5:1 on white; lines are decoration.
const TEXT = '#334155'
const LINE = '#94a3b8'

/** Plain <text> tick labels: visx's default <Text> measures strings in the DOM, which SSR cannot. */
function tick({ x, y, formattedValue, textAnchor, dx, dy }: TickRendererProps) {
	return (
		<text x={x} y={y} dx={dx} dy={dy} textAnchor={textAnchor} fontSize={FONT_SIZE} fill={TEXT}>
			{formattedValue}
		</text>
	)
}

/**
 * A bar chart (or histogram) drawn as SVG on the server with a fixed viewBox: no JavaScript,
 * no measuring, and it scales down to a phone. The SVG is one labelled image; the numbers are
 * also in a data table below it for screen readers and anyone who wants exact values.
 */
export function BarChart({
	title,
	description,
	data,
	categoryLabel,
	valueLabel,
	tableLabel,
	formatValue = (v) => String(v),
	variant = 'bars',
	width = 480,
	height = 240,
}: BarChartProps) {
	const id = useId()
	const titleId = `${id}-title`
	const descId = `${id}-desc`
	const innerWidth = width - MARGIN.left - MARGIN.right
	const innerHeight = height - MARGIN.top - MARGIN.bottom
	const max = Math.max(1, ...data.map((d) => d.value))
	const x = scaleBand<string>({
		domain: data.map((d) => d.label),
		range: [0, innerWidth],
		padding: variant === 'histogram' ? 0.04 : 0.25,
	})
	const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true })
	// Counts are whole numbers: no 0.5 ticks when the tallest bar is 2.
	const yTicks = y.ticks(Math.min(5, max)).filter((v) => Number.isInteger(v))

	return (
		<figure>
			<ChartSvg width={width} height={height} titleId={titleId} title={title} descId={descId} description={description}>
				<Group left={MARGIN.left} top={MARGIN.top}>
					{yTicks.map((v) => (
						<line key={v} x1={0} x2={innerWidth} y1={y(v)} y2={y(v)} stroke="#e2e8f0" />
					))}
					{data.map((d) => {
						const barX = x(d.label) ?? 0
						const barY = y(d.value)
						return (
							<g key={d.label}>
								<Bar
									x={barX}
									y={barY}
									width={x.bandwidth()}
									height={innerHeight - barY}
									className="fill-brand-600"
								/>
								<text
									x={barX + x.bandwidth() / 2}
									y={barY - 4}
									textAnchor="middle"
									fontSize={FONT_SIZE}
									fill={TEXT}
								>
									{formatValue(d.value)}
								</text>
							</g>
						)
					})}
					<AxisLeft
						scale={y}
						tickValues={yTicks}
						tickFormat={(v) => formatValue(Number(v))}
						stroke={LINE}
						tickStroke={LINE}
						tickComponent={tick}
					/>
					<AxisBottom top={innerHeight} scale={x} stroke={LINE} tickStroke={LINE} tickComponent={tick} />
					<text x={innerWidth / 2} y={innerHeight + 38} textAnchor="middle" fontSize={FONT_SIZE} fill={TEXT}>
						{categoryLabel}
					</text>
					<text
						transform={`translate(${-MARGIN.left + 12}, ${innerHeight / 2}) rotate(-90)`}
						textAnchor="middle"
						fontSize={FONT_SIZE}
						fill={TEXT}
					>
						{valueLabel}
					</text>
				</Group>
			</ChartSvg>
			<details className="mt-2">
				<summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-brand-700 underline">
					{tableLabel}
				</summary>
				<Table caption={title}>
					<thead>
						<tr>
							<Th>{categoryLabel}</Th>
							<Th className="text-right">{valueLabel}</Th>
						</tr>
					</thead>
					<tbody>
						{data.map((d) => (
							<Tr key={d.label}>
								<Th scope="row" className="bg-white font-normal">
									{d.label}
								</Th>
								<Td className="text-right tabular-nums">{formatValue(d.value)}</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			</details>
		</figure>
	)
}
