import type zh from '../zh-CN/kpi.ts'

const kpi: typeof zh = {
	title: '',
}

export default kpi
