/** zh-CN keys of the `kpi` namespace; en/kpi.ts must match (the typecheck enforces it). */
const kpi = {
	title: '',
}

export default kpi
