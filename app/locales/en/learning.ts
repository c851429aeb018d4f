import type zh from '../zh-CN/learning.ts'

const learning: typeof zh = {
	title: '',
}

export default learning
