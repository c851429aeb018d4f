import { useTranslation } from 'react-i18next'

/** The <optgroup>s of a period <Select>: quarters, then months. */
export function PeriodOptions({ choices }: { choices: { quarters: readonly string[]; months: readonly string[] } }) {
	const { t } = useTranslation()
	return (
		<>
			{(['quarters', 'months'] as const).map((kind) => (
				<optgroup key={kind} label={t(`kpiAdmin.common.${kind}`)}>
					{choices[kind].map((p) => (
						<option key={p} value={p}>
							{p}
						</option>
					))}
				</optgroup>
			))}
		</>
	)
}
