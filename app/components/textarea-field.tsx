import { getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { cn } from './ui/index.ts'

/** A labelled textarea for a Conform field, with its hint and its (already translated) errors. */
export function TextareaField(props: {
	field: FieldMetadata<string | undefined>
	label: string
	hint: string
	errors?: string[]
	rows?: number
	maxLength: number
	hintId?: string
}) {
	const { field, label, hint, errors, rows = 3, maxLength } = props
	const hintId = props.hintId ?? `${field.id}-hint`
	return (
		<div className="space-y-1">
			<label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<textarea
				{...getTextareaProps(field, { ariaDescribedBy: hintId })}
				rows={rows}
				maxLength={maxLength}
				className={cn(
					'block w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm',
					errors?.length ? 'border-red-600' : 'border-slate-300',
				)}
			/>
			<p id={hintId} className="text-sm text-slate-700">
				{hint}
			</p>
			{errors?.length ? (
				<ul id={field.errorId} className="space-y-0.5 text-sm text-red-700">
					{errors.map((e) => (
						<li key={e}>{e}</li>
					))}
				</ul>
			) : null}
		</div>
	)
}
