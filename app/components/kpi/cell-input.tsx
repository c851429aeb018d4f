import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { cn } from '../ui/index.ts'
import { useProblemTexts } from './use-problem-texts.ts'

/** A number typed into a table cell: labelled for screen readers only, its problems right under it. */
export function CellInput({
	field,
	label,
	inputMode = 'decimal',
	describedBy,
	className = 'min-w-24',
}: {
	field: FieldMetadata<string | undefined>
	label: string
	inputMode?: 'decimal' | 'numeric'
	/** The id of what explains the expected value (a range in the same row). */
	describedBy?: string
	/** The cell's width. */
	className?: string
}) {
	const problems = useProblemTexts()
	const errors = problems(field.errors)
	return (
		<div className={className}>
			<input
				{...getInputProps(field, { type: 'text', ariaDescribedBy: describedBy })}
				key={field.key}
				aria-label={label}
				inputMode={inputMode}
				autoComplete="off"
				className={cn(
					'block min-h-11 w-full rounded-md border bg-white px-2 py-1.5 text-right text-base text-slate-900 tabular-nums shadow-sm',
					errors?.length ? 'border-red-600' : 'border-slate-300',
				)}
			/>
			{errors?.length ? (
				<ul id={field.errorId} className="mt-1 space-y-0.5 text-xs text-red-700">
					{errors.map((e) => (
						<li key={e}>{e}</li>
					))}
				</ul>
			) : null}
		</div>
	)
}
