import type { ReactNode, SVGProps } from 'react'
import { cn } from '../ui/index.ts'

/**
 * A server-rendered chart's <svg>: one image to assistive technology, named by its title and described
 * by its description when it has one; scales to its container's width.
 */
export function ChartSvg({
	width,
	height,
	titleId,
	title,
	descId,
	description,
	className,
	children,
	...rest
}: Omit<SVGProps<SVGSVGElement>, 'width' | 'height' | 'role'> & {
	width: number
	height: number
	titleId: string
	title: string
	descId: string
	description?: string | null
	children: ReactNode
}) {
	return (
		<svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={description ? `${titleId} ${descId}` : titleId} className={cn('h-auto w-full', className)} {...rest}>
			<title id={titleId}>{title}</title>
			{description ? <desc id={descId}>{description}</desc> : null}
			{children}
		</svg>
	)
}
