/** zh-CN keys of the `examTaking` namespace; en/examTaking.ts must match (the typecheck enforces it). */
const examTaking = {
	title: '',
}

export default examTaking
