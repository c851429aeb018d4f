import { describe, expect, test } from 'vitest'
import { isOriginAllowed } from '#app/utils/origin.ts'

const base = {
	path: '/login',
	authorization: null,
	selfOrigin: 'http://localhost:3000',
	allowedOrigins: ['https://ascent.example.com'],
}

describe('Origin check', () => {
	test.each([
		['GET without origin', { method: 'GET', origin: null }, true],
		['HEAD from elsewhere', { method: 'HEAD', origin: 'https://evil.example' }, true],
		['same-origin POST', { method: 'POST', origin: 'http://localhost:3000' }, true],
		['POST from an allowed public origin', { method: 'POST', origin: 'https://ascent.example.com' }, true],
		['POST from a foreign site', { method: 'POST', origin: 'https://evil.example' }, false],
		['POST with no Origin', { method: 'POST', origin: null }, false],
		['POST with Origin: null (sandboxed frame)', { method: 'POST', origin: 'null' }, false],
		['POST to another port is another origin', { method: 'POST', origin: 'http://localhost:3001' }, false],
		['DELETE from a foreign site', { method: 'DELETE', origin: 'https://evil.example' }, false],
	] as const)('%s', (_name, req, allowed) => {
		expect(isOriginAllowed({ ...base, ...req })).toBe(allowed)
	})

	test('bearer-token API calls are exempt, cookie-only API calls are not', () => {
		const api = { ...base, method: 'POST', path: '/api/v1/kpi/records', origin: null }
		expect(isOriginAllowed({ ...api, authorization: 'Bearer asc_abc' })).toBe(true)
		expect(isOriginAllowed({ ...api, authorization: null })).toBe(false)
		expect(isOriginAllowed({ ...api, path: '/admin/users', authorization: 'Bearer asc_abc' })).toBe(false)
	})
})
