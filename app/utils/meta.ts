import { createInstance, type ParseKeys, type TFunction } from 'i18next'
import { fallbackLanguage, i18nConfig, isLanguage, type Language } from '#app/i18n.ts'

const translators = new Map<Language, TFunction>()

/** A synchronous t() for one language, for places without hooks (Remix `meta`). */
export function translatorFor(lng: Language): TFunction {
	let t = translators.get(lng)
	if (!t) {
		const instance = createInstance({ ...i18nConfig, lng, initImmediate: false })
		void instance.init()
		t = instance.t
		translators.set(lng, t)
	}
	return t
}

type Match = { id: string; data: unknown }

/** The page title "<page> · 进阶" in the language the root loader chose. */
export function pageTitle(matches: readonly (Match | undefined)[], key: ParseKeys, values?: Record<string, unknown>) {
	const root = matches.find((m) => m?.id === 'root')?.data as { locale?: unknown } | undefined
	const t = translatorFor(isLanguage(root?.locale) ? root.locale : fallbackLanguage)
	return [{ title: `${String(t(key, values))} · ${t('app.name')}` }]
}
