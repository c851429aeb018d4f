/** zh-CN keys of the `audit` namespace; en/audit.ts must match (the typecheck enforces it). */
const audit = {
	title: '',
}

export default audit
