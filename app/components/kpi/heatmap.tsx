import type { ReactNode } from 'react'
import type { Level } from '#app/modules/performance/scoring.ts'
import { cn, Table, Th, Tr } from '../ui/index.ts'
import { RowHeader } from './row-header.tsx'

export type HeatmapCell = {
	/** The achievement (fraction, 1 = on target), or null for no target / not applicable. */
	value: number | null
	level: Level | null
}

export type HeatmapRow = { key: string | number; label: ReactNode; cells: readonly HeatmapCell[] }

export type HeatmapProps = {
	caption: string
	/** Heads the row-header column (e.g. 姓名). */
	rowHeader: string
	columns: ReadonlyArray<{ key: string; label: string }>
	rows: readonly HeatmapRow[]
	formatValue: (value: number) => string
	/** The level in words: read out after each number, and in the legend. */
	levelLabels: Record<Level, string>
	legendLabel: string
	noValue?: string
}

/**
 * Light fills with dark text of the same hue: every pair is ≥ 4.5:1, and the number (plus the level
 * in words for screen readers) carries the meaning, so the colour is only a second channel.
 */
export const LEVEL_CELL: Record<Level, string> = {
	below: 'bg-red-100 text-red-900',
	baseline: 'bg-amber-100 text-amber-900',
	target: 'bg-green-100 text-green-900',
	challenge: 'bg-green-300 text-green-950',
}

const LEVEL_ORDER: readonly Level[] = ['below', 'baseline', 'target', 'challenge']

/** People × indicators as a real table: row and column headers, a number in every cell, colour by level. */
export function Heatmap({ caption, rowHeader, columns, rows, formatValue, levelLabels, legendLabel, noValue = '—' }: HeatmapProps) {
	return (
		<div className="space-y-3">
			<Table caption={caption}>
				<thead>
					<tr>
						<Th>{rowHeader}</Th>
						{columns.map((c) => (
							<th key={c.key} scope="col" className="bg-slate-50 px-3 py-2 text-center font-semibold text-slate-700">
								{c.label}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<Tr key={row.key}>
							<RowHeader>{row.label}</RowHeader>
							{row.cells.map((cell, i) => (
								<td
									key={columns[i]?.key ?? i}
									className={cn(
										'px-3 py-2 text-center font-medium whitespace-nowrap tabular-nums',
										cell.value !== null && cell.level ? LEVEL_CELL[cell.level] : 'bg-white text-slate-700',
									)}
								>
									{cell.value === null ? (
										noValue
									) : (
										<>
											{formatValue(cell.value)}
											{cell.level ? <span className="sr-only">{` ${levelLabels[cell.level]}`}</span> : null}
										</>
									)}
								</td>
							))}
						</Tr>
					))}
				</tbody>
			</Table>
			<div>
				<p className="text-sm font-medium text-slate-800">{legendLabel}</p>
				<ul className="mt-1 flex flex-wrap gap-2 text-sm">
					{LEVEL_ORDER.map((level) => (
						<li key={level} className={cn('rounded px-2 py-1', LEVEL_CELL[level])}>
							{levelLabels[level]}
						</li>
					))}
				</ul>
			</div>
		</div>
	)
}
