import { getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { cn, useErrorText } from './ui/index.ts'

/** The "why" of an audited decision: a labelled textarea with its hint and field errors in the reader's language. */
export function ReasonField({ field, hintId, label, hint, rows = 3 }: { field: FieldMetadata<string>; hintId: string; label: string; hint: string; rows?: number }) {
	const tr = useErrorText()
	const errors = tr(field.errors)
	return (
		<div className="space-y-1">
			<label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<textarea
				{...getTextareaProps(field, { ariaDescribedBy: hintId })}
				rows={rows}
				maxLength={500}
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
