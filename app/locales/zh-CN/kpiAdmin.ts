/** zh-CN keys of the `kpiAdmin` namespace; en/kpiAdmin.ts must match (the typecheck enforces it). */
const kpiAdmin = {
	title: '',
}

export default kpiAdmin
