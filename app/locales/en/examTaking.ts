import type zh from '../zh-CN/examTaking.ts'

const examTaking: typeof zh = {
	title: '',
}

export default examTaking
