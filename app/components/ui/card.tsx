import type { HTMLAttributes, ReactNode } from 'react'
import { cn } from './cn.ts'

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
	return <section className={cn('rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6', className)} {...props} />
}

export function CardTitle({ children, as: Tag = 'h2' }: { children: ReactNode; as?: 'h2' | 'h3' }) {
	return <Tag className="mb-3 text-lg font-semibold text-slate-900">{children}</Tag>
}
