import { eq } from 'drizzle-orm'
import { addDays, monthOf, previousPeriod, shiftPeriod } from '#app/modules/performance/periods.ts'
import { buildArticleDraft } from '#app/modules/sharing/article.ts'
import { CHECK_IN_EARLY_MS, shanghaiInstant } from '#app/modules/sharing/rules.ts'
import type { Tx } from '../client.server.ts'
import { userRoles, users, type PositionType } from '../schema/auth.ts'
import { sessionArticleDrafts, sessionAttendance, sessionFeedback, sessionRsvps, sessionSpeakers, sharingSessions, type RsvpStatus } from '../schema/sharing.ts'
import { demoLogins } from './org.ts'
import type { Random } from './random.ts'

type Person = { id: number; email: string; hireDate: string; position: PositionType | null }
type Rsvp = { userId: number; status: RsvpStatus; respondedAt: Date; promotedAt: Date | null }

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Thursday is the company's sharing evening: the Thursday on or after a date. */
function thursdayFrom(date: string) {
	const weekday = new Date(`${date}T12:00:00Z`).getUTCDay()
	return addDays(date, (4 - weekday + 7) % 7)
}
/** The third Thursday of a month (YYYY-MM): far enough into the month that last month's figures are in. */
const thirdThursday = (month: string) => addDays(thursdayFrom(`${month}-01`), 14)

/**
 * Feedback as attendees write it: short, concrete, mostly warm, a few with a wish. Ratings 3–5; the
 * comments of a 3 ask for something.
 */
const PRAISE = [
	'案例很真实，回去就能用。',
	'讲得很具体，话术可以直接套用。',
	'干货多，建议做成知识库文章。',
	'最有用的是复盘的部分，学到了怎么拆问题。',
	'节奏好，问答环节解决了我的疑问。',
	'数据讲得清楚，知道该先抓哪个指标了。',
	null,
	null,
] as const
const WISHES = ['时间有点紧，希望多留些问答时间。', '希望下次多讲几个失败的案例。', '内容不错，但线上声音不太清楚。', '希望提前发资料，方便做笔记。'] as const

/** The three past sessions' notes: what the organiser wrote down afterwards (markdown). */
const PRICE_NOTES = `王磊分享了他在华东区一年里处理价格异议的做法：报价被压时先不让价，先确认预算范围和决策链，再用同行业案例证明 ROI。

## 三步处理价格异议

1. **先认同，再澄清**：“价格确实是重要的考虑”，然后问清客户是和谁比、比的是哪一部分。
2. **用证据说话**：准备两个同规模客户的上线数据，讲清投入多久回本。
3. **给出分阶段方案**：预算不够时拆成试点 + 推广，不直接打折。

## 现场演练

两组同事做了角色扮演，模拟“竞品便宜 30%”。大家发现最常见的问题是被追问两次就主动让价。

## 会后行动

- 每人整理一张自己的价格异议话术卡；
- 本月拜访 A 类客户前，先和主管演练一次报价。`

const MOMENTS_NOTES = `刘洋分享了市场部用朋友圈运营提升客户触达率的方法：三个月里，华东区销售朋友圈内容的客户触达率从 18% 提升到 41%，带来的线索转化率也明显提高。

## 朋友圈运营的四个要点

1. **人设先行**：头像、签名和封面统一为专业顾问形象，不发与工作无关的刷屏内容。
2. **内容配比**：行业干货 40%、客户案例 30%、产品动态 20%、生活 10%；每天 1–2 条，工作日早 8 点和晚 8 点发布触达率最高。
3. **分组可见**：按客户阶段给微信好友打标签（线索、商机、老客户），不同阶段看到不同内容。
4. **互动转化**：客户点赞或评论后 24 小时内私聊跟进，用一个具体问题开场，而不是直接推产品。

## 怎么衡量触达率

触达率 = 有互动（点赞、评论、私聊）的客户数 ÷ 可见的客户好友数。市场部每周导出一次，和线索数据一起看。

## 会后行动

- 市场部每周一在知识库发布一份朋友圈素材包；
- 销售同事本月完成微信好友分组，并记录客户互动后的跟进结果。`

const RENEWAL_NOTES = `赵静分享了客户成功团队把续约率做到 95% 的做法：续约不是合同到期前一个月的事，而是从上线第一天就开始。

## 续约前 90 天

1. **使用复盘**：拉出近三个月的登录和使用数据，标出沉睡账号，逐个回访。
2. **风险分级**：按使用深度、关键人变动、投诉记录把客户分成绿、黄、红三级，红色客户由主管一起跟进。
3. **价值报告**：给决策人一份一页纸的价值报告，讲清一年里帮客户省了多少时间、多做了多少业务。

## 增购的机会

复盘时发现使用量接近上限的客户，是增购的最好时机：先讲价值，再谈扩容。

## 会后行动

- 客户成功同事本月完成所有 90 天内到期客户的风险分级；
- 销售和客户成功每两周对一次续约名单。`

type Plan = {
	date: string
	title: string
	topic: string
	speakers: string[]
	organizer: string
	capacity: number
	place: string | null
	meetingUrl: string | null
	indicators: string[]
	tags: string[]
	notes: string | null
	/** How many answer going (capped at the capacity; the rest queue), how many cancel later, how many say no. */
	going: number
	queued: number
	cancels: number
	declined: number
	/** Who must be in the room, going, or waiting (demo logins), in the order they answered. */
	mustGo?: string[]
	mustWait?: string[]
	/** The notes published into the knowledge base as an article of this type. */
	publishAs?: 'method' | 'case'
}

/**
 * The demo's sharing sessions (经验分享会): the third Thursday of each of the last three months,
 * 19:00–20:30 Shanghai, by people who hit their numbers (王磊 on price objections, 刘洋 on 朋友圈
 * reach — the source document's own example — and 赵静 on renewals), with RSVPs (a few queued and
 * promoted when someone cancelled), check-ins by code and by the organiser, feedback and notes; 刘洋's
 * notes drafted as a `method` article by the organiser (HR publishes it after the transaction, through
 * publishDraft). Two upcoming ones, about two and five weeks out: rep@ is going to the first, the
 * second is full with a queue that newhire@ is on. Runs inside the seed's transaction, after mentoring.
 */
export function seedSharing(tx: Tx, { random, today, now, roster }: { random: Random; today: string; now: Date; roster: Person[] }) {
	const byEmail = new Map(roster.map((p) => [p.email, p]))
	const person = (email: string) => byEmail.get(email)!
	const demo = new Set(demoLogins.map((p) => p.email))
	const names = new Map(tx.select({ id: users.id, name: users.name }).from(users).all().map((u) => [u.id, u.name]))
	// Generated speakers for the upcoming sessions: the longest-serving rep and customer-success person who mentors.
	const mentors = new Set(tx.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'mentor')).all().map((r) => r.userId))
	const senior = (position: PositionType) =>
		roster.filter((p) => !demo.has(p.email) && p.position === position && mentors.has(p.id)).sort((a, b) => a.hireDate.localeCompare(b.hireDate) || a.id - b.id)[0]
	const seniorRep = senior('sales_rep') ?? person('mentor@example.com')
	const seniorCs = senior('customer_success') ?? person('cs@example.com')

	const month = monthOf(today)
	const [first, second, third] = [shiftPeriod(month, 3), shiftPeriod(month, 2), previousPeriod(month)].map(thirdThursday) as [string, string, string]
	const next = thursdayFrom(addDays(today, 12))
	const later = thursdayFrom(addDays(today, 33))
	const HQ = '上海总部 12 楼培训室'

	const plans: Plan[] = [
		{
			date: first,
			title: '价格异议怎么接：先确认预算，再用案例证明 ROI',
			topic: '客户说“太贵了”“竞品便宜 30%”时怎么办？王磊用一年里的真实拜访案例，讲清价格异议的三步处理法，现场分组演练。适合一线销售。',
			speakers: ['mentor@example.com'],
			organizer: 'manager@example.com',
			capacity: 30,
			place: HQ,
			meetingUrl: 'https://meeting.tencent.com/dm/ascent-sharing-01',
			indicators: ['lead_conversion', 'revenue'],
			tags: ['价格异议', 'FABE', '话术'],
			notes: PRICE_NOTES,
			going: 30,
			queued: 3,
			cancels: 2,
			declined: 4,
			mustGo: ['rep@example.com'],
		},
		{
			date: second,
			title: '如何通过朋友圈运营提升客户触达率',
			topic: '市场部刘洋分享三个月把朋友圈客户触达率从 18% 做到 41% 的方法：人设、内容配比、分组可见和互动后的跟进。销售和市场同事都适合。',
			speakers: ['marketing@example.com'],
			organizer: 'manager@example.com',
			capacity: 40,
			place: HQ,
			meetingUrl: 'https://meeting.tencent.com/dm/ascent-sharing-02',
			indicators: ['content_reach', 'channel_engagement', 'leads'],
			tags: ['朋友圈', '私域运营', '触达率'],
			notes: MOMENTS_NOTES,
			publishAs: 'method',
			going: 34,
			queued: 0,
			cancels: 1,
			declined: 5,
			mustGo: ['rep@example.com'],
		},
		{
			date: third,
			title: '续约从上线第一天开始：客户成功的 90 天续约法',
			topic: '客户成功团队赵静讲续约前 90 天做什么：使用复盘、风险分级、给决策人的价值报告，以及如何发现增购机会。',
			speakers: ['cs@example.com'],
			organizer: 'hr@example.com',
			capacity: 25,
			place: HQ,
			meetingUrl: null,
			indicators: ['renewal_rate', 'expansion_revenue'],
			tags: ['续约', '客户成功', '增购'],
			notes: RENEWAL_NOTES,
			going: 25,
			queued: 2,
			cancels: 1,
			declined: 3,
		},
		{
			date: next,
			title: '大客户首次拜访：30 分钟找到决策人',
			topic: '第一次拜访 KA 客户，如何在 30 分钟内摸清决策链、预算和采购时间表？结合拜访前的客户功课和拜访后 48 小时的跟进。',
			speakers: [seniorRep.email],
			organizer: 'hr@example.com',
			capacity: 40,
			place: HQ,
			meetingUrl: 'https://meeting.tencent.com/dm/ascent-sharing-04',
			indicators: ['weekly_visits', 'new_customers'],
			tags: ['大客户', '拜访', '决策链'],
			notes: null,
			going: 17,
			queued: 0,
			cancels: 0,
			declined: 3,
			mustGo: ['rep@example.com'],
		},
		{
			date: later,
			title: '新人 90 天：从第一次拜访到第一单',
			topic: '新人入职后的前 90 天怎么安排？拜访节奏、产品知识、跟着导师陪访，以及第一单常见的坑。欢迎新同事和带新人的导师参加。',
			speakers: [seniorRep.email === seniorCs.email ? 'mentor@example.com' : seniorCs.email],
			organizer: 'manager@example.com',
			capacity: 20,
			place: '上海总部 8 楼会议室 A',
			meetingUrl: null,
			indicators: ['weekly_visits', 'product_knowledge_score'],
			tags: ['新人', '第一单', '陪访'],
			notes: null,
			going: 20,
			queued: 3,
			cancels: 0,
			declined: 1,
			mustWait: ['newhire@example.com'],
		},
	]

	const counts = { sessions: 0, rsvps: 0, attendance: 0, feedback: 0 }
	let articleDraft: { draftId: number } | null = null
	const shuffle = <T>(items: T[]) => {
		for (let i = items.length - 1; i > 0; i--) {
			const j = random.int(0, i)
			;[items[i], items[j]] = [items[j]!, items[i]!]
		}
		return items
	}

	for (const plan of plans) {
		const startsAt = shanghaiInstant(plan.date, '19:00')
		const endsAt = shanghaiInstant(plan.date, '20:30')
		const past = endsAt.getTime() <= now.getTime()
		const organizerId = person(plan.organizer).id
		const speakerIds = plan.speakers.map((email) => person(email).id)
		// Announced three weeks ahead, and at least a week before today.
		const announcedAt = new Date(Math.min(now.getTime() - 7 * DAY, startsAt.getTime() - 21 * DAY))
		const session = tx
			.insert(sharingSessions)
			.values({
				title: plan.title,
				topic: plan.topic,
				startsAt,
				endsAt,
				place: plan.place,
				meetingUrl: plan.meetingUrl,
				capacity: plan.capacity,
				indicators: plan.indicators,
				tags: plan.tags,
				organizerId,
				checkInCode: String(random.int(0, 999_999)).padStart(6, '0'),
				notes: past ? plan.notes : null,
				createdAt: announcedAt,
				updatedAt: past && plan.notes ? new Date(endsAt.getTime() + DAY) : announcedAt,
			})
			.returning({ id: sharingSessions.id })
			.get()
		counts.sessions++
		tx.insert(sessionSpeakers)
			.values(speakerIds.map((userId, position) => ({ sessionId: session.id, userId, position })))
			.run()

		// Answers come in between the announcement and the day before (never after now).
		const lastAnswer = Math.min(now.getTime() - HOUR, startsAt.getTime() - DAY)
		const answerSpan = Math.max(HOUR, lastAnswer - announcedAt.getTime())
		let tick = 0
		const answers = plan.going + plan.queued + plan.declined
		const nextAnswer = () => new Date(announcedAt.getTime() + Math.round(((++tick + random.next() * 0.5) / (answers + plan.cancels + 1)) * answerSpan))
		// Who may answer: employed by the announcement, not speaking or organising, not a demo login unless named.
		const named = new Set([...(plan.mustGo ?? []), ...(plan.mustWait ?? [])])
		const pool = shuffle(
			roster.filter((p) => p.hireDate <= plan.date && !speakerIds.includes(p.id) && p.id !== organizerId && (!demo.has(p.email) || named.has(p.email))),
		).filter((p) => !named.has(p.email))
		const goers = [...(plan.mustGo ?? []).map(person), ...pool.splice(0, Math.max(0, plan.going - (plan.mustGo?.length ?? 0)))]
		const waiters = [...pool.splice(0, Math.max(0, plan.queued - (plan.mustWait?.length ?? 0))), ...(plan.mustWait ?? []).map(person)]
		const decliners = pool.splice(0, plan.declined)

		const rows = new Map<number, Rsvp>()
		const queue: Rsvp[] = []
		// Going ones first, in a shuffled order of answering (a named demo login among the early ones).
		for (const p of goers) rows.set(p.id, { userId: p.id, status: 'going', respondedAt: nextAnswer(), promotedAt: null })
		for (const p of waiters) {
			const row: Rsvp = { userId: p.id, status: 'waitlisted', respondedAt: nextAnswer(), promotedAt: null }
			rows.set(p.id, row)
			queue.push(row)
		}
		for (const p of decliners) rows.set(p.id, { userId: p.id, status: 'declined', respondedAt: nextAnswer(), promotedAt: null })
		// Some who were going cancel later (never a named demo login); the first in the queue takes each seat.
		const cancellable = goers.filter((p) => !named.has(p.email))
		for (let n = 0; n < plan.cancels && cancellable.length > 0; n++) {
			const who = cancellable.splice(random.int(0, cancellable.length - 1), 1)[0]!
			const at = nextAnswer()
			rows.set(who.id, { userId: who.id, status: 'declined', respondedAt: at, promotedAt: null })
			const promoted = queue.shift()
			if (promoted) Object.assign(promoted, { status: 'going', promotedAt: at })
		}
		const rsvps = [...rows.values()]
		// Going rows first: the capacity trigger counts them as they come.
		tx.insert(sessionRsvps)
			.values(rsvps.sort((a, b) => Number(b.status === 'going') - Number(a.status === 'going')).map((r) => ({ ...r, sessionId: session.id })))
			.run()
		counts.rsvps += rsvps.length

		if (!past) continue
		// About nine in ten of those going come; most check in with the code in the window, a few forgot
		// their phone and the organiser marks them, and one colleague walks in without having answered.
		const going = rsvps.filter((r) => r.status === 'going')
		const present = going.filter((r) => named.has(roster.find((p) => p.id === r.userId)!.email) || random.next() < 0.88)
		const walkIn = pool.find((p) => !rows.has(p.id))
		const attendance = present.map((r, n) => {
			const byOrganizer = n % 9 === 4
			const checkedInAt = byOrganizer
				? new Date(startsAt.getTime() + random.int(20, 40) * MINUTE)
				: new Date(startsAt.getTime() - CHECK_IN_EARLY_MS + random.int(0, 35) * MINUTE)
			return { sessionId: session.id, userId: r.userId, checkedInAt, method: byOrganizer ? ('organizer' as const) : ('code' as const), markedById: byOrganizer ? organizerId : null }
		})
		if (walkIn) attendance.push({ sessionId: session.id, userId: walkIn.id, checkedInAt: new Date(startsAt.getTime() + 10 * MINUTE), method: 'organizer', markedById: organizerId })
		tx.insert(sessionAttendance).values(attendance).run()
		counts.attendance += attendance.length

		// About six in ten attendees rate it, within two days.
		const feedback = attendance
			.filter(() => random.next() < 0.6)
			.map((a) => {
				const roll = random.next()
				const rating = roll < 0.5 ? 5 : roll < 0.88 ? 4 : 3
				const comment = rating === 3 ? random.pick(WISHES) : random.pick(PRAISE)
				return { sessionId: session.id, userId: a.userId, rating, comment, createdAt: new Date(endsAt.getTime() + random.int(5, 48 * 60) * MINUTE) }
			})
		if (feedback.length) tx.insert(sessionFeedback).values(feedback).run()
		counts.feedback += feedback.length

		// 刘洋's notes become a method article: the organiser drafts it two days later (as draftFromSession
		// would); HR publishes it once the transaction is done.
		if (plan.publishAs && plan.notes) {
			const built = buildArticleDraft(
				{
					id: session.id,
					title: plan.title,
					topic: plan.topic,
					notes: plan.notes,
					recordingUrl: null,
					speakers: speakerIds.map((id) => names.get(id) ?? ''),
					startsAt,
					endsAt,
					indicators: plan.indicators,
					tags: plan.tags,
				},
				plan.publishAs,
				{
					titleEn: 'Raising customer reach with WeChat Moments',
					summaryEn:
						'How marketing raised the share of customers who engage with sales reps’ WeChat Moments from 18% to 41% in three months: a professional profile, a content mix, audience groups by deal stage and a follow-up within 24 hours of a like or comment.',
				},
			)
			const draft = tx
				.insert(sessionArticleDrafts)
				.values({ ...built, sessionId: session.id, status: 'draft', createdById: organizerId, createdAt: new Date(endsAt.getTime() + 2 * DAY) })
				.returning({ id: sessionArticleDrafts.id })
				.get()
			articleDraft = { draftId: draft.id }
		}
	}

	return { ...counts, articleDraft }
}
