import { useTranslation } from 'react-i18next'
import type { PromotionStatus } from '#app/modules/promotion/eligibility.ts'
import { Badge } from '../ui/index.ts'
import { formatDay, type DecisionView } from './format.ts'

const tones = { eligible: 'success', nearly: 'warning', not_yet: 'neutral' } as const

export function StatusBadge({ status }: { status: PromotionStatus }) {
	const { t } = useTranslation()
	return <Badge tone={tones[status]}>{t(`promotion.status.${status}`)}</Badge>
}

/** One sentence for a decision: who approved (and the new title) or rejected (and why), and when. */
export function DecisionText({ decision }: { decision: DecisionView | null }) {
	const { t, i18n } = useTranslation()
	if (!decision) return <>{t('promotion.decision.none')}</>
	const values = {
		date: formatDay(decision.decidedOn, i18n.language || 'zh-CN'),
		name: decision.decidedByName ?? t('promotion.decision.someone'),
	}
	return decision.decision === 'approved' ? (
		<>{t('promotion.decision.approved', { ...values, title: decision.newTitle ?? '' })}</>
	) : (
		<>{t('promotion.decision.rejected', { ...values, reason: decision.reason ?? '' })}</>
	)
}
