import { useTranslation } from 'react-i18next'
import {
	formatAxisValue,
	formatIndicatorDelta,
	formatIndicatorValue,
	formatPercent,
	formatScore,
	localName,
	type IndicatorUnit,
} from '#app/modules/performance/format.ts'

/** The KPI formatters bound to the reader's language. */
export function useKpiFormat() {
	const { i18n } = useTranslation()
	const locale = i18n.language || 'zh-CN'
	return {
		locale,
		value: (value: number | null | undefined, unit: IndicatorUnit | string) => formatIndicatorValue(value, unit, locale),
		delta: (value: number, unit: IndicatorUnit | string) => formatIndicatorDelta(value, unit, locale),
		axis: (value: number, unit: IndicatorUnit | string) => formatAxisValue(value, unit, locale),
		percent: (fraction: number | null | undefined) => formatPercent(fraction, locale),
		score: (score: number | null | undefined) => formatScore(score, locale),
		name: (named: { nameZh: string; nameEn: string }) => localName(named, locale),
	}
}
