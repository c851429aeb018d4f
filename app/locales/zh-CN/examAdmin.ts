/** zh-CN keys of the `examAdmin` namespace; en/examAdmin.ts must match (the typecheck enforces it). */
const examAdmin = {
	title: '',
}

export default examAdmin
