import type { FieldMetadata } from '@conform-to/react'
import { TextareaField } from './textarea-field.tsx'
import { useErrorText } from './ui/index.ts'

/** The "why" of an audited decision: a labelled textarea (at most 500 characters) with its hint and field errors in the reader's language. */
export function ReasonField({ field, hintId, label, hint, rows = 3 }: { field: FieldMetadata<string>; hintId: string; label: string; hint: string; rows?: number }) {
	const tr = useErrorText()
	return <TextareaField field={field} hintId={hintId} label={label} hint={hint} errors={tr(field.errors)} rows={rows} maxLength={500} />
}
