import en from './locales/en.ts'
import zhCN from './locales/zh-CN.ts'

export const supportedLanguages = ['zh-CN', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const fallbackLanguage: Language = 'zh-CN'

export const resources = {
	'zh-CN': { common: zhCN },
	en: { common: en },
} as const

/** Shared by the server and the browser; both bundle the resources, so no request fetches them. */
export const i18nConfig = {
	supportedLngs: [...supportedLanguages],
	fallbackLng: fallbackLanguage,
	defaultNS: 'common',
	ns: ['common'],
	resources,
	interpolation: { escapeValue: false },
}

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}
