import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { BarChart } from '#app/components/charts/index.ts'

const data = [
	{ label: '0–9', value: 1 },
	{ label: '10–19', value: 0 },
	{ label: '90–100', value: 3 },
]

function render() {
	return renderToString(
		<BarChart
			variant="histogram"
			title="分数分布"
			description="共 4 次作答"
			data={data}
			categoryLabel="分数段"
			valueLabel="次数"
			tableLabel="以表格查看数据"
		/>,
	)
}

describe('BarChart on the server', () => {
	test('an SVG image with a fixed viewBox, named by its title and description', () => {
		const html = render()
		expect(html).toMatch(/<svg viewBox="0 0 480 240" role="img" aria-labelledby="([^" ]+) ([^"]+)"/)
		const [, titleId, descId] = html.match(/aria-labelledby="([^" ]+) ([^"]+)"/)!
		expect(html).toContain(`<title id="${titleId}">分数分布</title>`)
		expect(html).toContain(`<desc id="${descId}">共 4 次作答</desc>`)
		// One bar per datum, and whole-number ticks only (max 3: 0, 1, 2, 3).
		expect(html.match(/class="visx-bar/g)).toHaveLength(3)
		expect(html).not.toContain('>0.5<')
	})

	test('the same numbers as a table, for screen readers and exact values', () => {
		const html = render()
		expect(html).toContain('<summary')
		expect(html).toContain('以表格查看数据')
		expect(html).toMatch(/<th[^>]*scope="row"[^>]*>90–100<\/th><td[^>]*>3<\/td>/)
		expect(html).toMatch(/<caption class="sr-only">分数分布<\/caption>/)
	})
})
