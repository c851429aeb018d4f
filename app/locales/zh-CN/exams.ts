/** zh-CN keys of the `exams` namespace; en/exams.ts must match (the typecheck enforces it). */
const exams = {
	title: '',
}

export default exams
