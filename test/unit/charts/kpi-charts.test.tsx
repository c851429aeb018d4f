import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { Heatmap } from '#app/components/kpi/heatmap.tsx'
import { TrendChart, type TrendPoint } from '#app/components/kpi/trend-chart.tsx'
import { formatIndicatorValue, formatPercent } from '#app/modules/performance/format.ts'

const trend: TrendPoint[] = [
	{ label: '10月', actual: 300_000, target: 333_333.33 },
	{ label: '11月', actual: 400_000, target: 333_333.33 },
	{ label: '12月', actual: null, target: 333_333.33 },
]

function renderTrend(data = trend) {
	return renderToString(
		<TrendChart
			title="销售额：每月实际值与目标值"
			description="柱为每月实际值，虚线为目标值。"
			data={data}
			categoryLabel="月份"
			actualLabel="实际值"
			targetLabel="目标值"
			tableLabel="以表格查看数据"
			formatValue={(v) => formatIndicatorValue(v, 'cny', 'zh-CN')}
		/>,
	)
}

describe('TrendChart on the server', () => {
	test('one labelled SVG image: a bar per month with data, a dashed target line through every month with a target', () => {
		const html = renderTrend()
		expect(html).toMatch(/<svg viewBox="0 0 480 220" role="img" aria-labelledby="([^" ]+) ([^"]+)"/)
		const [, titleId, descId] = html.match(/aria-labelledby="([^" ]+) ([^"]+)"/)!
		expect(html).toContain(`<title id="${titleId}">销售额：每月实际值与目标值</title>`)
		expect(html).toContain(`<desc id="${descId}">`)
		// December has no actual yet: two bars, but three target points on the line.
		expect(html.match(/class="visx-bar/g)).toHaveLength(2)
		const line = html.match(/<path[^>]*class="visx-linepath trend-target"[^>]*>/)?.[0] ?? ''
		// Through all three months: a move and two line segments.
		expect(line.match(/d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+"/)).not.toBeNull()
	})

	test('the exact numbers are in a table, a missing month reads as a dash', () => {
		const html = renderTrend()
		expect(html).toContain('以表格查看数据')
		expect(html).toMatch(/<th[^>]*scope="row"[^>]*>11月<\/th><td[^>]*>¥40 万<\/td><td[^>]*>¥33.33 万<\/td>/)
		expect(html).toMatch(/<th[^>]*scope="row"[^>]*>12月<\/th><td[^>]*>—<\/td>/)
	})

	test('no target at all draws no line', () => {
		const html = renderTrend(trend.map((p) => ({ ...p, target: null })))
		expect(html).not.toContain('trend-target')
	})
})

describe('Heatmap', () => {
	const html = renderToString(
		<Heatmap
			caption="华东销售团队成员各项指标完成率"
			rowHeader="姓名"
			columns={[
				{ key: 'revenue', label: '销售额' },
				{ key: 'lead_conversion', label: '线索转化率' },
			]}
			rows={[
				{ key: 1, label: '小新', cells: [{ value: 1.05, level: 'target' }, { value: 0.5, level: 'below' }] },
				{ key: 2, label: '小美', cells: [{ value: null, level: null }, { value: 1.333, level: 'challenge' }] },
			]}
			formatValue={(v) => formatPercent(v, 'zh-CN')}
			levelLabels={{ below: '未达基准', baseline: '达到基准值', target: '达到目标值', challenge: '达到挑战值' }}
			legendLabel="图例"
		/>,
	)

	test('a real table: caption, column headers, row headers', () => {
		expect(html).toContain('<caption class="sr-only">华东销售团队成员各项指标完成率</caption>')
		expect(html).toMatch(/<th scope="col"[^>]*>销售额<\/th>/)
		expect(html).toMatch(/<th scope="row"[^>]*>小新<\/th>/)
	})

	test('every cell shows its number and says its level in words; colour is only a second channel', () => {
		expect(html).toMatch(/<td class="[^"]*bg-green-100 text-green-900[^"]*">105%<span class="sr-only"> 达到目标值<\/span><\/td>/)
		expect(html).toMatch(/<td class="[^"]*bg-red-100 text-red-900[^"]*">50%<span class="sr-only"> 未达基准<\/span><\/td>/)
		expect(html).toMatch(/<td class="[^"]*bg-white[^"]*">—<\/td>/)
		// The legend names every level.
		for (const word of ['未达基准', '达到基准值', '达到目标值', '达到挑战值']) expect(html).toMatch(new RegExp(`<li class="[^"]*">${word}</li>`))
	})
})
