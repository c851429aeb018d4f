import { describe, expect, test } from 'vitest'
import { formatSessionWhen } from '#app/components/sharing/format.ts'

describe('formatSessionWhen', () => {
	test('one evening in Shanghai: the day once, then the times, whatever zone the server runs in', () => {
		expect(formatSessionWhen('2026-12-10T11:00:00Z', '2026-12-10T12:30:00Z', 'zh-CN')).toBe('2026年12月10日周四 19:00–20:30')
		// ICU puts thin spaces around the en dash.
		expect(formatSessionWhen(new Date('2026-12-10T11:00:00Z'), new Date('2026-12-10T12:30:00Z'), 'en')).toMatch(/^Thu, Dec 10, 2026 19:00\s–\s20:30$/)
	})

	test('the day is the Shanghai day: 00:30 in Shanghai is still the evening before in UTC', () => {
		expect(formatSessionWhen('2026-12-10T16:30:00Z', '2026-12-10T17:30:00Z', 'zh-CN')).toBe('2026年12月11日周五 00:30–01:30')
	})

	test('over midnight both days are named', () => {
		const text = formatSessionWhen('2026-12-10T14:00:00Z', '2026-12-10T17:00:00Z', 'en')
		expect(text).toContain('Dec 10')
		expect(text).toContain('Dec 11')
	})
})
