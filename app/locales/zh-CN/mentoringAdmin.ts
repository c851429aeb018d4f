/** zh-CN keys of the `mentoringAdmin` namespace (pairing form, suggestions, HR report); en/mentoringAdmin.ts must match. */
const mentoringAdmin = {}

export default mentoringAdmin
