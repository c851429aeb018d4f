import type zh from '../zh-CN/kpiImport.ts'

const kpiImport: typeof zh = {
	title: '',
}

export default kpiImport
