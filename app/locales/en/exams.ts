import type zh from '../zh-CN/exams.ts'

const exams: typeof zh = {
	title: '',
}

export default exams
