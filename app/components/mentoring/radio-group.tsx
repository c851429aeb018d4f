import { getCollectionProps, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { cn } from '../ui/index.ts'

/** A fieldset of radio buttons for one Conform field: the legend names it, errors sit under the options. */
export function RadioGroup({
	field,
	legend,
	options,
	optionLabel,
	hint,
	errors,
	compact = false,
}: {
	field: FieldMetadata<string | undefined>
	legend: ReactNode
	options: readonly string[]
	optionLabel: (value: string) => ReactNode
	hint?: ReactNode
	/** Already translated. */
	errors?: string[]
	/** Tighter options (a 1–5 scale) so five fit on one line of a phone. */
	compact?: boolean
}) {
	const hintId = `${field.id}-hint`
	const describedBy = [hint ? hintId : null, errors?.length ? field.errorId : null].filter(Boolean).join(' ') || undefined
	return (
		<fieldset className="min-w-0" aria-describedby={describedBy}>
			<legend className="text-sm font-medium text-slate-800">{legend}</legend>
			{hint ? (
				<p id={hintId} className="text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<div className={cn('mt-1 flex flex-wrap', compact ? 'gap-1.5' : 'gap-2')}>
				{getCollectionProps(field, {
					type: 'radio',
					options: [...options],
				}).map(({ key, ...props }) => (
					<label
						key={key}
						className={cn(
							'flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-md border border-slate-300 bg-white text-sm font-medium text-slate-900 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50',
							compact ? 'gap-1.5 px-2' : 'gap-2 px-3'
						)}
					>
						<input {...props} className="size-5 accent-brand-700" />
						{optionLabel(props.value)}
					</label>
				))}
			</div>
			{errors?.length ? (
				<ul id={field.errorId} className="mt-1 space-y-0.5 text-sm text-red-700">
					{errors.map((e) => (
						<li key={e}>{e}</li>
					))}
				</ul>
			) : null}
		</fieldset>
	)
}
