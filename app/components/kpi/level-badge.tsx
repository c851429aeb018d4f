import { useTranslation } from 'react-i18next'
import type { Level } from '#app/modules/performance/scoring.ts'
import { Badge } from '../ui/index.ts'

const tones = { below: 'danger', baseline: 'warning', target: 'success', challenge: 'brand' } as const

/** A level in words (未达基准 / 达到基准值 / 达到目标值 / 达到挑战值); the colour only repeats it. */
export function LevelBadge({ level }: { level: Level }) {
	const { t } = useTranslation()
	return <Badge tone={tones[level]}>{t(`kpiTerms.level.${level}`)}</Badge>
}
