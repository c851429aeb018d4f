import { createInstance } from 'i18next'
import { createElement, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { expect, vi } from 'vitest'
import { i18nConfig } from '#app/i18n.ts'

/**
 * Server-renders a page component inside a data router (Link and Form need one) in a language, with
 * the loader (and action) data it would get at `path`. Any console error but RouterProvider's
 * server-side useLayoutEffect warning — a missing translation key, a bad prop — fails the test.
 */
export async function renderInRouter(
	node: ReactNode,
	lng: 'zh-CN' | 'en',
	{ loaderData, actionData, path = '/page' }: { loaderData?: unknown; actionData?: unknown; path?: string } = {},
) {
	const i18n = createInstance({ ...i18nConfig, lng, initImmediate: false })
	await i18n.use(initReactI18next).init()
	const router = createMemoryRouter([{ id: 'page', path: '*', element: node, loader: () => null, action: () => null }], {
		initialEntries: [path],
		hydrationData: { loaderData: { page: loaderData ?? null }, actionData: actionData ? { page: actionData } : undefined },
	})
	const warnings: string[] = []
	const error = vi.spyOn(console, 'error').mockImplementation((message: unknown) => {
		if (!String(message).includes('useLayoutEffect')) warnings.push(String(message))
	})
	try {
		const html = renderToString(createElement(I18nextProvider, { i18n }, createElement(RouterProvider, { router })))
		expect(warnings).toEqual([])
		return html
	} finally {
		error.mockRestore()
	}
}

/** Visible text, roughly: tags dropped, React's text separators gone. */
export const textOf = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
