import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { fallbackLanguage, i18nConfig, isLanguage, supportedLanguages, type Language } from '#app/i18n.ts'

export const localeCookie = createCookie('lng', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })

export const i18nServer = new RemixI18Next({
	detection: {
		supportedLanguages: [...supportedLanguages],
		fallbackLanguage,
		cookie: localeCookie,
		order: ['searchParams', 'cookie', 'header'],
	},
	i18next: i18nConfig,
})

/** The language to answer in: `?lng=`, then the `lng` cookie, then Accept-Language; zh-CN by default. */
export async function getLocale(request: Request): Promise<Language> {
	const detected = await i18nServer.getLocale(request)
	if (isLanguage(detected)) return detected
	// Accept-Language "zh", "zh-Hans" or "zh-TW" should still get Chinese rather than the fallback's luck.
	return detected.toLowerCase().startsWith('en') ? 'en' : fallbackLanguage
}

export async function getT(request: Request) {
	return i18nServer.getFixedT(await getLocale(request))
}
