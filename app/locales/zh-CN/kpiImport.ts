/** zh-CN keys of the `kpiImport` namespace; en/kpiImport.ts must match (the typecheck enforces it). */
const kpiImport = {
	title: '',
}

export default kpiImport
