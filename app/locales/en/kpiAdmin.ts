import type zh from '../zh-CN/kpiAdmin.ts'

const kpiAdmin: typeof zh = {
	title: '',
}

export default kpiAdmin
