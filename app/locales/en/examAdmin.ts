import type zh from '../zh-CN/examAdmin.ts'

const examAdmin: typeof zh = {
	title: '',
}

export default examAdmin
