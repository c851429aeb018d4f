/** zh-CN keys of the `learning` namespace; en/learning.ts must match (the typecheck enforces it). */
const learning = {
	title: '',
}

export default learning
