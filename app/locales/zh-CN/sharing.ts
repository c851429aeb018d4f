/** zh-CN keys of the `sharing` namespace (sharing sessions); en/sharing.ts must match. */
const sharing = {
	errors: {
		required: '必填',
		tooLong: '内容过长',
		date: '请输入有效日期（YYYY-MM-DD）',
		time: '请输入时间（HH:MM）',
		endBeforeStart: '结束时间必须晚于开始时间',
		placeOrLink: '请填写地点或会议链接（至少一项）',
		url: '会议链接须以 https:// 开头',
		capacity: '名额须为 1–1000 的整数',
		capacityBelowGoing: '已有 {{going}} 人报名参加，名额不能少于这个数',
		indicator: '请选择有效的指标',
		rating: '请打 1–5 分',
		code: '签到码是 6 位数字',
		wrongCode: '签到码不对',
		checkInClosed: '现在不在签到时间内（开始前 15 分钟至结束）',
		notAttended: '只有参加了分享会的人才能评价',
		cancelled: '分享会已取消',
		past: '分享会已经结束',
		person: '找不到这个人，或已离职',
		forbidden: '你无权执行此操作',
	},
}

export default sharing
