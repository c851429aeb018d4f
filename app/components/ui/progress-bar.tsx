/** A labelled progress bar; `label` is what a screen reader announces. */
export function ProgressBar({ value, max = 100, label }: { value: number; max?: number; label: string }) {
	const clamped = Math.min(Math.max(value, 0), max)
	const percent = max === 0 ? 0 : Math.round((clamped / max) * 100)
	return (
		<div
			role="progressbar"
			aria-label={label}
			aria-valuemin={0}
			aria-valuemax={max}
			aria-valuenow={clamped}
			aria-valuetext={label}
			className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
		>
			<div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
		</div>
	)
}
