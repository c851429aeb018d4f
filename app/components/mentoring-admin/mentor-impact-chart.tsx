import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { useId } from 'react'
import { ChartSvg } from '../charts/index.ts'

export type ImpactBar = { key: number; label: string; value: number }

export type MentorImpactChartProps = {
	/** Names the chart (SVG title). */
	title: string
	/** What a screen reader hears after the title. */
	description?: string
	/** One bar per mentor with a measured mean; the page's table holds the same numbers. */
	data: readonly ImpactBar[]
	formatValue: (value: number) => string
	width?: number
}

const MARGIN = { top: 8, right: 64, bottom: 8, left: 120 }
const ROW = 30
const FONT_SIZE = 12
// slate-700 on white ≥ 4.5:1; the zero line is slate-500; gains brand-600, losses red-700 (and they point the other way).
const TEXT = '#334155'
const ZERO = '#64748b'
const LABEL_MAX = 10

function shortLabel(label: string) {
	return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label
}

/**
 * Mean net effect per mentor as horizontal bars around zero, drawn as SVG on the server (fixed viewBox,
 * no measuring, scales down to a phone). Names sit on the left, each value at the end of its bar, on
 * the side away from the zero line. One labelled image: the numbers are in the table beside it.
 */
export function MentorImpactChart({ title, description, data, formatValue, width = 480 }: MentorImpactChartProps) {
	const id = useId()
	const titleId = `${id}-title`
	const descId = `${id}-desc`
	const height = MARGIN.top + MARGIN.bottom + ROW * Math.max(1, data.length)
	const innerWidth = width - MARGIN.left - MARGIN.right
	const innerHeight = height - MARGIN.top - MARGIN.bottom
	const values = data.map((d) => d.value)
	let low = Math.min(0, ...values)
	let high = Math.max(0, ...values)
	if (low === high) high = 0.1
	// Room on the left for a negative bar's label.
	if (low < 0) low -= (high - low) * 0.15
	const x = scaleLinear<number>({ domain: [low, high], range: [0, innerWidth], nice: true, round: true })
	const y = scaleBand<number>({ domain: data.map((d) => d.key), range: [0, innerHeight], padding: 0.3, round: true })
	const zero = x(0)

	return (
		<figure>
			<ChartSvg
				width={width}
				height={height}
				titleId={titleId}
				title={title}
				descId={descId}
				description={description}
				className="max-w-2xl"
				fontSize={FONT_SIZE}
				fill={TEXT}
			>
				<Group left={MARGIN.left} top={MARGIN.top}>
					{data.map((d) => {
						const top = y(d.key) ?? 0
						const end = x(d.value)
						const middle = top + y.bandwidth() / 2 + 4
						return (
							<g key={d.key}>
								<text x={-8} y={middle} textAnchor="end">
									{shortLabel(d.label)}
								</text>
								<Bar
									x={Math.min(zero, end)}
									y={top}
									width={Math.max(1, Math.abs(end - zero))}
									height={y.bandwidth()}
									className={d.value < 0 ? 'fill-red-700' : 'fill-brand-600'}
								/>
								<text x={d.value < 0 ? end - 4 : end + 4} y={middle} textAnchor={d.value < 0 ? 'end' : 'start'}>
									{formatValue(d.value)}
								</text>
							</g>
						)
					})}
					<path d={`M${zero},0v${innerHeight}`} stroke={ZERO} />
				</Group>
			</ChartSvg>
		</figure>
	)
}
