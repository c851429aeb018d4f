import type { ReactNode } from 'react'
import { cn } from './cn.ts'

type Tone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger'

const tones: Record<Tone, string> = {
	neutral: 'bg-slate-100 text-slate-800',
	brand: 'bg-brand-100 text-brand-800',
	success: 'bg-green-100 text-green-900',
	warning: 'bg-amber-100 text-amber-900',
	danger: 'bg-red-100 text-red-900',
}

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
	return (
		<span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap', tones[tone])}>
			{children}
		</span>
	)
}
