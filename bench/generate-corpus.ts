/**
 * A deterministic corpus of Chinese B2B-sales knowledge-base articles for the search benchmark
 * (bench/search.ts). Same seed, same articles, on every machine.
 *
 * Text is built clause by clause from a sales vocabulary whose words are drawn with Zipf-like
 * weights (the first words of each list are common, the last ones rare), plus generated company
 * and person names (rare), numbers, English product and method names at a low rate (some written
 * full-width, as people paste them), and Chinese punctuation. So 1-character, 2-character and
 * longer terms range from "in almost every article" to "in a handful".
 */
import type { ArticleInput } from '#app/modules/knowledge/index.server.ts'
import { createRandom, type Random } from '#db/seed/random.ts'

const words = (text: string) => text.trim().split(/\s+/)

/** Who does something (people and organisations in a deal). */
const SUBJECTS = words(`
	客户 我们 对方 销售 老板 采购 决策人 财务 采购经理 总经理 技术负责人 IT部门 客户成功经理 新人 法务
	项目经理 区域经理 关键人 甲方 竞品销售 使用部门 业务负责人 信息中心 财务总监 董事长 导师 售前顾问 渠道伙伴
	代理商 供应商 评估小组 一线销售 市场部 运营团队 大区总监 实施顾问 招标办 集团总部 分公司 门店店长
`)

/** What they do. */
const VERBS = words(`
	提出 确认 推进 跟进 担心 比较 评估 了解 沟通 介绍 准备 处理 回应 强调 解决 降低 提升 安排 争取 证明
	展示 拜访 质疑 拒绝 犹豫 推迟 对比 挖掘 引导 说服 化解 量化 测算 承诺 缩短 加快 协调 申请 审批 汇报
	倾听 复述 澄清 总结 约定 梳理 拆解 复盘 签署 续签 压缩 砍掉 追问 调研 试用 上线 验收 交付 培训 考核
`)

/** What it is about. Ordered roughly by how often a sales article mentions it. */
const NOUNS = words(`
	客户 价格 预算 方案 合同 需求 价值 问题 竞品 报价 产品 系统 数据 时间 成本 风险 团队 项目 效果 服务
	折扣 续约 线索 商机 转化率 拜访 实施 数据安全 采购流程 决策链 痛点 场景 收益 投入 回报 效率 业绩 指标
	目标 季度 年度 销售额 毛利 利润 市场份额 销售漏斗 赢单率 签约 成交 谈判 底价 优惠 售后 技术支持
	响应时间 满意度 口碑 案例 标杆客户 资质 认证 品牌 信任 关系 会议 日报 周报 培训 上线 试点 验收
	回款 账期 发票 定金 尾款 保证金 保险 合规 等保 私有化部署 公有云 本地部署 服务器 接口 数据迁移
	续费率 流失率 复购 增购 交叉销售 渠道 代理商 合作伙伴 制造业 零售 医药 金融 银行 证券 物流 教育
	地产 汽车 快消 能源 国企 民企 外企 中小企业 大客户 重点客户 战略客户 老客户 新客户 潜在客户
	客户画像 投入产出 性价比 总拥有成本 销售阶段 管道 丢单 赢单 让步 赠送 增值服务 服务等级 参考客户
	背书 知名度 人脉 微信 朋友圈 电话 邮件 周会 复盘 话术 异议 顾虑 需求调研 演示 试用 招标 投标
	评分表 付款方式 分期付款 年费 许可证 账号数 模块 功能 定制开发 二次开发 报表 看板 审批流 权限
	组织架构 考核 提成 奖金 激励 晋升 导师制 新人培训 产品考试 上岗资格 角色扮演 跟进频次 周拜访量
	线索转化率 活动转化率 内容触达 渠道互动 报告质量 续约率 扩展收入 解决时长 培训覆盖率 产品知识
	竞争对手 替换 切换成本 迁移风险 历史数据 业务中断 上线周期 实施周期 项目延期 验收标准 服务承诺
	违约金 保密协议 数据出境 审计 日志 备份 容灾 加密 访问控制 漏洞 渗透测试 安全评估 隐私 个人信息
	年终 预算周期 财年 立项 采购计划 比价 三家比价 集采 框架协议 长期合作 战略合作 生态 行业方案
`)

/**
 * The long tail: jargon, places and names with rare characters, drawn at a low rate with a steep
 * Zipf curve, so the last ones occur in a handful of articles.
 */
const RARE = words(`
	信创 国产化替代 数据脱敏 灾备演练 等级保护三级 履约保函 银行承兑汇票 信用证 反商业贿赂 关联交易 穿透式监管
	鲲鹏服务器 麒麟操作系统 达梦数据库 政企云 专精特新 揭榜挂帅 一物一码 溯源 冷链 仓配一体 柔性制造 工业互联网
	鄂尔多斯 呼和浩特 乌鲁木齐 石家庄 秦皇岛 嘉峪关 攀枝花 景德镇 蚌埠 亳州 衢州 丽水 儋州 漯河 濮阳 鄯善 涪陵
	邳州 婺源 歙县 黟县 兖州 莆田 泸州 邯郸 Pipedrive Zendesk Workday Snowflake Kubernetes Shopify Marketo Gartner
	Forrester Veeva NetSuite Freshworks Zoho Mailchimp Outreach Gong Seismic Highspot 饕餮 耄耋 龃龉 觊觎 圭臬 罡风
`)

/** Modifiers and connectives: the glue that makes single characters (的, 了, 是…) very common. */
const ADVERBS = words(`
	先 再 也 都 就 还 更 最 已经 正在 一直 通常 往往 其实 尤其 马上 主动 及时 认真 反复 逐步 重点 提前 直接 务必
`)

const CONNECTIVES = words(`
	首先 其次 最后 另外 同时 因此 所以 但是 不过 比如 例如 换句话说 实际上 一般来说 总之 接下来 与此同时 反过来
`)

const ADJECTIVES = words(`
	关键 重要 核心 明确 合理 具体 清楚 灵活 稳定 可控 可靠 专业 透明 长期 短期 真实 直接 有效 复杂 简单
	昂贵 便宜 紧张 充足 有限 严格 宽松 成熟 领先 落后
`)

/** What customers say: long phrases, moderately common. */
const OBJECTIONS = words(`
	价格太贵了 今年没有预算 我们已经有供应商了 现在不是时候 我要问一下老板 你们比竞品贵了三成 数据放在云上不安全
	实施周期太长 先发个资料看看 我们再考虑一下 明年再说 竞品更便宜 功能太复杂 用不上这么多功能 担心员工不会用
	合同条款不能改 付款周期太短 要先试用一下 领导还没拍板 预算被砍了一半 上次项目失败了 换系统风险太大
	你们公司规模太小 没听说过你们 别家送了更多账号 续约要涨价吗 能不能再便宜一点 我们自己能开发
`)

const STAGES = words('线索 初步接触 需求确认 方案 商务谈判 签约 回款 续约 增购')

/** English product, brand and method names, in the case people write them. */
const ENGLISH = words(`
	CRM SaaS ROI API KPI PoC SLA Salesforce HubSpot Oracle SAP Excel PPT OKR BANT MEDDIC SPIN B2B ERP OA
	demo sales Zoom Dynamics TCO NPS SOP BI Tableau PaaS FAQ pipeline forecast onboarding renewal upsell churn
`)

/** Our own products (the demo company 示例科技 sells them). */
const PRODUCTS = ['销售云 CRM', '营销云', '服务云', '数据中台', '智能外呼', 'BI 报表', '企业微信 SCRM', '合同管理']

const TAGS = words(`
	价格 预算 竞品 压价 折扣 续约 线索 转化率 拜访 合同 实施 数据安全 决策链 总拥有成本 ROI 异议处理 大客户
	新人 案例 谈判 签约 回款 跟进 演示 试用 招标 渠道 客户成功 增购 流失 培训 话术 开场白 需求挖掘 价值呈现
	信任 老板 财务 采购 IT 合规 等保 私有化 迁移 上线 验收 满意度 复盘 Salesforce SaaS 制造业 零售 医药 金融
`)

const CITIES = words(`
	上海 北京 杭州 苏州 深圳 广州 成都 武汉 南京 宁波 青岛 厦门 合肥 西安 天津 重庆 长沙 郑州 济南 无锡 东莞 佛山
	昆明 福州 沈阳 大连 哈尔滨 南昌 贵阳 太原
`)
const BRANDS = words(`
	华信 恒达 鼎盛 中科 启明 远航 博远 嘉和 瑞丰 天成 宏图 金桥 联创 新元 安泰 海纳 星辰 明德 长风 云帆
	致远 汇通 永信 德润 东方 立信 宝丰 盛世 辰光 睿智 卓越 鸿运 凯旋 锦程 同心 万象
`)
const INDUSTRIES = words('制造 医药 物流 电子 科技 化工 食品 汽车零部件 纺织 能源 建材 保险 银行 软件 家电 服装')
const SUFFIXES = ['集团', '有限公司', '股份有限公司', '', '']
const SURNAMES = words('王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧 欧阳 诸葛')
// The last few are rare characters real names use (堃, 喆, and 𠮷 outside the BMP).
const GIVEN = words('伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 婷 浩 宇 鑫 晗 昊 彤 璐 堃 喆 𠮷')
const TITLES = ['总', '经理', '总监', '主任', '工', '老师']

const EN_TITLE = words(`
	handling pricing objection renewal rescue competitor displacement budget timing security onboarding pipeline
	forecast discount negotiation playbook discovery champion procurement implementation expansion churn
	referral webinar follow-up closing qualification demo trial contract legal approval
`)

const QUOTES = [['“', '”'], ['“', '”'], ['「', '」'], ['"', '"']] as const
const CLOSERS = ['。', '。', '。', '。', '！', '？', '；']

/** A picker that favours the first items: weight 1/(rank+1)^s. */
function zipf<T>(items: readonly T[], s = 1.0) {
	const cumulative: number[] = []
	let total = 0
	for (let i = 0; i < items.length; i++) cumulative.push((total += 1 / Math.pow(i + 1, s)))
	return (r: Random): T => {
		const x = r.next() * total
		let lo = 0
		let hi = cumulative.length - 1
		while (lo < hi) {
			const mid = (lo + hi) >> 1
			if (cumulative[mid]! < x) lo = mid + 1
			else hi = mid
		}
		return items[lo]!
	}
}

const pickSubject = zipf(SUBJECTS)
const pickVerb = zipf(VERBS, 0.9)
const pickNoun = zipf(NOUNS, 0.9)
const pickAdverb = zipf(ADVERBS)
const pickConnective = zipf(CONNECTIVES)
const pickAdjective = zipf(ADJECTIVES)
const pickObjection = zipf(OBJECTIONS, 0.8)
const pickStage = zipf(STAGES, 0.5)
const pickEnglish = zipf(ENGLISH, 1.1)
const pickTag = zipf(TAGS, 0.8)
const pickProduct = zipf(PRODUCTS, 1.2)
const pickRare = zipf(RARE, 1.3)
const pickSurname = zipf(SURNAMES, 0.8)
const pickGiven = zipf(GIVEN, 1.2)

const FULL_WIDTH_OFFSET = 0xfee0
/** "CRM" → "ＣＲＭ": people paste full-width Latin from Chinese input methods. */
function fullWidth(text: string) {
	return Array.from(text, (ch) => (ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + FULL_WIDTH_OFFSET) : ch)).join('')
}

function english(r: Random) {
	const word = pickEnglish(r)
	const shown = r.next() < 0.04 ? fullWidth(word) : word
	// Most writers put spaces around Latin words in Chinese text; some do not.
	return r.next() < 0.7 ? ` ${shown} ` : shown
}

function company(r: Random) {
	return `${r.pick(CITIES)}${r.pick(BRANDS)}${r.pick(INDUSTRIES)}${r.pick(SUFFIXES)}`
}

function person(r: Random) {
	const surname = pickSurname(r)
	return r.next() < 0.6 ? `${surname}${r.pick(TITLES)}` : `${surname}${pickGiven(r)}`
}

function number(r: Random) {
	switch (r.int(0, 6)) {
		case 0:
			return `${r.int(5, 60)}%`
		case 1:
			return `${r.int(3, 500)}万元`
		case 2:
			return `${r.int(1, 18)}个月`
		case 3:
			return `${r.int(2019, 2026)}年`
		case 4:
			return `第${r.pick(['一', '二', '三', '四'])}季度`
		case 5:
			return `${r.int(20, 3000)}人`
		default:
			return `${r.int(2, 12)}周`
	}
}

/** An object: mostly a noun, sometimes an English name, a number or "adjective + 的 + noun". */
function object(r: Random) {
	const x = r.next()
	if (x < 0.015) {
		const rare = pickRare(r)
		return /^[A-Za-z]/.test(rare) ? ` ${rare} ` : rare
	}
	if (x < 0.045) return english(r)
	if (x < 0.1) return `${pickAdjective(r)}的${pickNoun(r)}`
	if (x < 0.16) return `${pickNoun(r)}${pickNoun(r)}`
	return pickNoun(r)
}

function clause(r: Random): string {
	const x = r.next()
	if (x < 0.28) return `${pickSubject(r)}${r.next() < 0.4 ? pickAdverb(r) : ''}${pickVerb(r)}${r.next() < 0.3 ? '了' : ''}${object(r)}`
	if (x < 0.36) {
		const [open, close] = r.pick(QUOTES)
		return `${pickSubject(r)}说${open}${pickObjection(r)}${close}`
	}
	if (x < 0.44) return `如果${pickSubject(r)}${pickVerb(r)}${object(r)}，${pickSubject(r)}就${pickVerb(r)}${object(r)}`
	if (x < 0.52) return `${object(r)}的${pickNoun(r)}是${pickAdjective(r)}的`
	if (x < 0.57) return `${company(r)}的${person(r)}${pickVerb(r)}了${object(r)}`
	if (x < 0.63) return `把${pickNoun(r)}${pickVerb(r)}到${number(r)}`
	if (x < 0.67) return `用${english(r)}${pickVerb(r)}${object(r)}`
	if (x < 0.73) return `在${pickStage(r)}阶段，${pickSubject(r)}${pickVerb(r)}${object(r)}`
	if (x < 0.79) return `${pickNoun(r)}、${pickNoun(r)}和${pickNoun(r)}`
	if (x < 0.84) return `${pickConnective(r)}，${pickSubject(r)}${pickAdverb(r)}${pickVerb(r)}${object(r)}`
	if (x < 0.88) return `${person(r)}${pickVerb(r)}${object(r)}（${number(r)}）`
	if (x < 0.92) return `${pickNoun(r)}提升了${number(r)}`
	if (x < 0.96) return `客户担心${object(r)}和${object(r)}`
	return `${pickSubject(r)}${pickVerb(r)}${object(r)}的${pickNoun(r)}`
}

function sentence(r: Random): string {
	const parts = Array.from({ length: r.int(1, 3) }, () => clause(r))
	return `${parts.join(r.next() < 0.85 ? '，' : '；')}${r.pick(CLOSERS)}`
}

/** Whole sentences until at least `min` characters, the last one cut at `max` if it runs over. */
function prose(r: Random, min: number, max: number): string {
	let text = ''
	while (Array.from(text).length < min) text += sentence(r)
	const chars = Array.from(text)
	return chars.length > max ? `${chars.slice(0, max - 1).join('')}。` : text
}

function title(r: Random): string {
	for (;;) {
		let t: string
		switch (r.int(0, 6)) {
			case 0:
				t = `客户说“${pickObjection(r)}”怎么办`
				break
			case 1:
				t = `${company(r)}${pickNoun(r)}案例`
				break
			case 2:
				t = `如何${pickVerb(r)}${pickNoun(r)}的${pickNoun(r)}`
				break
			case 3:
				t = `${pickNoun(r)}：${pickVerb(r)}${pickNoun(r)}的${r.int(3, 7)}个方法`
				break
			case 4:
				t = `${pickStage(r)}阶段${pickVerb(r)}${pickNoun(r)}与${pickNoun(r)}`
				break
			case 5:
				t = `用${pickEnglish(r)}${pickVerb(r)}${pickNoun(r)}，${pickNoun(r)}提升${number(r)}`
				break
			default:
				t = `${person(r)}谈${pickNoun(r)}${pickNoun(r)}：${pickAdjective(r)}的${pickNoun(r)}`
		}
		const length = Array.from(t).length
		if (length >= 12 && length <= 20) return t
	}
}

function englishTitle(r: Random) {
	const [a, b, c] = [r.pick(EN_TITLE), r.pick(EN_TITLE), r.pick(EN_TITLE)]
	return `${a[0]!.toUpperCase()}${a.slice(1)} ${b}${r.next() < 0.5 ? ` and ${c}` : ''}`
}

/** Roughly what mdx-bundler makes of the body: a JS module with the text in JSX calls. */
const CODE_PROLOGUE = `var Component=(()=>{var Ft=Object.create;var ue=Object.defineProperty;var Nt=Object.getOwnPropertyDescriptor;${'var x=(e,t)=>()=>(t||e((t={exports:{}}).exports,t),t.exports);'.repeat(60)}`
function code(body: string) {
	const paragraphs = body.split('。').filter(Boolean)
	return `${CODE_PROLOGUE}function _createMdxContent(e){let n={p:"p",...e.components};return(0,_jsxs)(_Fragment,{children:[${paragraphs
		.map((p) => `(0,_jsx)(n.p,{children:${JSON.stringify(`${p}。`)}})`)
		.join(',\n')}]})}return Component;`
}

const TYPES = ['objection', 'case', 'faq'] as const
const STAGE_CODES = ['lead', 'qualify', 'propose', 'negotiate', 'close', 'renew'] as const
const CATEGORIES = ['price', 'budget', 'competitor', 'timing', 'authority', 'need', 'trust', 'contract', 'security', 'implementation', 'incumbent', 'stall'] as const
const POSITIONS = ['sales_rep', 'marketing', 'customer_success'] as const
const INDICATORS = ['revenue', 'new_customers', 'lead_conversion', 'weekly_visits', 'renewal_rate', 'expansion_revenue'] as const

function distinct<T>(r: Random, n: number, pick: (r: Random) => T): T[] {
	const out = new Set<T>()
	while (out.size < n) out.add(pick(r))
	return [...out]
}

export type CorpusOptions = {
	count: number
	seed?: number
	/** Approximate body length in characters. */
	bodyLength?: number
	slugPrefix?: string
}

/**
 * `count` articles, generated lazily (100,000 of them do not need to sit in memory at once).
 * Article i is the same for a given seed whatever `count` is.
 */
export function* generateCorpus({ count, seed = 20_261_127, bodyLength = 800, slugPrefix = 'bench' }: CorpusOptions): Generator<ArticleInput> {
	const r = createRandom(seed)
	const syncedAt = new Date('2026-11-27T00:00:00Z')
	for (let i = 0; i < count; i++) {
		const type = r.pick(TYPES)
		const body = prose(r, bodyLength - 40 + r.int(0, 40), bodyLength + 40)
		const updated = new Date(Date.UTC(2024, 0, 1) + r.int(0, 1030) * 86_400_000).toISOString().slice(0, 10)
		yield {
			slug: `${slugPrefix}-${String(i).padStart(6, '0')}`,
			type,
			title: title(r),
			titleEn: englishTitle(r),
			summary: prose(r, 50, 70),
			summaryEn: `${englishTitle(r)}: what to say, what to ask and what to offer.`,
			tags: distinct(r, r.int(3, 5), pickTag),
			products: r.next() < 0.6 ? distinct(r, r.int(1, 2), pickProduct) : [],
			stage: r.next() < 0.8 ? r.pick(STAGE_CODES) : null,
			objectionCategory: type === 'objection' ? r.pick(CATEGORIES) : null,
			positions: distinct(r, r.int(1, 2), (x) => x.pick(POSITIONS)),
			indicators: r.next() < 0.5 ? distinct(r, r.int(1, 2), (x) => x.pick(INDICATORS)) : [],
			related: [],
			author: `${pickSurname(r)}${pickGiven(r)}`,
			updatedOn: updated,
			verifiedBy: null,
			verifiedOn: null,
			code: code(body),
			bodyText: body,
			contentHash: `bench-${seed}-${i}`,
			sourcePath: `bench/${slugPrefix}-${i}.mdx`,
			syncedAt,
		}
	}
}
