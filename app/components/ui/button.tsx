import { Link, type LinkProps } from '@remix-run/react'
import type { ButtonHTMLAttributes } from 'react'
import { cn } from './cn.ts'

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost'

const variants: Record<Variant, string> = {
	primary: 'bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-400',
	secondary: 'bg-white text-slate-900 border border-slate-300 hover:bg-slate-100',
	danger: 'bg-red-700 text-white hover:bg-red-800',
	ghost: 'text-brand-700 hover:bg-brand-50',
}

export function buttonClass(variant: Variant = 'primary', className?: string) {
	return cn(
		'inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed',
		variants[variant],
		className,
	)
}

export function Button({
	variant = 'primary',
	className,
	type = 'button',
	...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
	return <button type={type} className={buttonClass(variant, className)} {...props} />
}

export function ButtonLink({ variant = 'primary', className, ...props }: LinkProps & { variant?: Variant }) {
	return <Link className={buttonClass(variant, className)} {...props} />
}
