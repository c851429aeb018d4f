import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from './cn.ts'

const control =
	'block w-full min-h-11 rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500'

type FieldProps = {
	label: ReactNode
	/** Already-translated error messages for this field. */
	errors?: string[]
	hint?: ReactNode
	className?: string
}

function FieldFrame({
	id,
	label,
	errors,
	hint,
	className,
	children,
}: FieldProps & { id: string; children: ReactNode }) {
	return (
		<div className={cn('space-y-1', className)}>
			<label htmlFor={id} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			{children}
			{hint ? (
				<p id={`${id}-hint`} className="text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			{errors?.length ? (
				<ul id={`${id}-error`} className="space-y-0.5 text-sm text-red-700">
					{errors.map((e) => (
						<li key={e}>{e}</li>
					))}
				</ul>
			) : null}
		</div>
	)
}

function describedBy(id: string, { errors, hint }: FieldProps) {
	return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

export function Input({
	label,
	errors,
	hint,
	className,
	id: givenId,
	...props
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
	const generated = useId()
	const id = givenId ?? generated
	const invalid = Boolean(errors?.length)
	return (
		<FieldFrame id={id} label={label} errors={errors} hint={hint} className={className}>
			<input
				id={id}
				aria-invalid={invalid || undefined}
				aria-describedby={describedBy(id, { label, errors, hint })}
				className={cn(control, invalid ? 'border-red-600' : 'border-slate-300')}
				{...props}
			/>
		</FieldFrame>
	)
}

export function Select({
	label,
	errors,
	hint,
	className,
	id: givenId,
	children,
	...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
	const generated = useId()
	const id = givenId ?? generated
	const invalid = Boolean(errors?.length)
	return (
		<FieldFrame id={id} label={label} errors={errors} hint={hint} className={className}>
			<select
				id={id}
				aria-invalid={invalid || undefined}
				aria-describedby={describedBy(id, { label, errors, hint })}
				className={cn(control, invalid ? 'border-red-600' : 'border-slate-300')}
				{...props}
			>
				{children}
			</select>
		</FieldFrame>
	)
}

/** Errors that belong to the whole form rather than one field. */
export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
	if (!errors?.length) return null
	return (
		<div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
			<ul className="space-y-1">
				{errors.map((e) => (
					<li key={e}>{e}</li>
				))}
			</ul>
		</div>
	)
}

/** Translates the i18n keys a zod schema gave as messages. */
export function useErrorText() {
	const { t } = useTranslation()
	return (errors?: string[]) => errors?.map((e) => String(t(e as never)))
}
