import type zh from '../zh-CN/mentoringAdmin.ts'

const mentoringAdmin: typeof zh = {}

export default mentoringAdmin
