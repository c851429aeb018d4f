import type zh from '../zh-CN/audit.ts'

const audit: typeof zh = {
	title: '',
}

export default audit
