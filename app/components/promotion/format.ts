import { useTranslation } from 'react-i18next'
import { missingText } from '#app/modules/promotion/eligibility.ts'

export { formatDay } from '../mentoring-admin/format.ts'

/** Turns the checklist's missing-words strings into sentences in the reader's language. */
export function useMissingText() {
	const { t, i18n } = useTranslation()
	return (text: string) => missingText(text, (k, v) => String(t(k as never, v as never)), i18n.language || 'zh-CN')
}

/** What a decision shown on a page or in the list needs. */
export type DecisionView = {
	decision: 'approved' | 'rejected'
	newTitle: string | null
	reason: string | null
	decidedOn: string
	decidedByName: string | null
}
