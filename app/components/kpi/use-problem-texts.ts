import { useTranslation } from 'react-i18next'
import { problemTexts } from '#app/modules/performance/targets.ts'

/** Turns a form's problem strings ("kpiAdmin.errors.outOfRange?min=…") into messages in the reader's language. */
export function useProblemTexts() {
	const { t, i18n } = useTranslation()
	return (errors?: string[]) => problemTexts(errors, (k, v) => String(t(k as never, v as never)), i18n.language)
}
