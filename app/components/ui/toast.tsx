import { useTranslation } from 'react-i18next'
import type { Toast } from '#app/utils/toast.ts'
import { cn } from './cn.ts'

const kinds = {
	success: 'border-green-300 bg-green-50 text-green-900',
	error: 'border-red-300 bg-red-50 text-red-900',
	info: 'border-brand-100 bg-brand-50 text-brand-800',
}

/** The message an action left for the next page; announced politely to screen readers. */
export function ToastMessage({ toast }: { toast: Toast | null }) {
	const { t } = useTranslation()
	if (!toast) return null
	return (
		<div role="status" className={cn('mb-4 rounded-md border p-3 text-sm', kinds[toast.kind])}>
			{/* keys come from our own actions */}
			{String(t(toast.key as never, toast.values as never))}
		</div>
	)
}
