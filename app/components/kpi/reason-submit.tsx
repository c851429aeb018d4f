import type { FieldMetadata } from '@conform-to/react'
import { useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ReasonField } from '../reason-field.tsx'
import { Button } from '../ui/index.ts'

/** The end of an audited KPI change: why (required), then the submit button, disabled while sending. */
export function ReasonSubmit({
	field,
	hintId,
	hint,
	rows,
	submit,
}: {
	field: FieldMetadata<string>
	hintId: string
	hint: string
	rows?: number
	/** The button's text. */
	submit: string
}) {
	const navigation = useNavigation()
	const { t } = useTranslation()
	return (
		<>
			<ReasonField field={field} hintId={hintId} label={t('kpiAdmin.common.reason')} hint={hint} rows={rows} />
			<Button type="submit" disabled={navigation.state === 'submitting'}>
				{submit}
			</Button>
		</>
	)
}
