export { BarChart, type BarChartProps, type BarDatum } from './bar-chart.tsx'
export { ChartSvg } from './chart-svg.tsx'
