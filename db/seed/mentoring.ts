import { and, eq, gte, inArray, lt } from 'drizzle-orm'
import { writeCoaching } from '#app/modules/mentoring/coaching.server.ts'
import { RUBRIC_CRITERIA, type CoachingInput, type Rubric, type RubricCriterion } from '#app/modules/mentoring/rules.ts'
import { addDays, monthOf, periodRange, previousPeriod, quarterOf } from '#app/modules/performance/periods.ts'
import { computeScores } from '#app/modules/performance/scores.server.ts'
import { tenureMonths, tierByTenure } from '#app/modules/learning/tier.ts'
import type { Tx } from '../client.server.ts'
import { teams, userRoles, users, type PositionType } from '../schema/auth.ts'
import { kbArticles } from '../schema/knowledge.ts'
import { lessonCompletions, lessons } from '../schema/learning.ts'
import { mentoringAssignments, mentorPairings, pairingFocus } from '../schema/mentoring.ts'
import { indicators, integrityViolations, kpiRecords } from '../schema/performance.ts'
import { demoLogins } from './org.ts'
import type { Random } from './random.ts'

type Person = { id: number; email: string; tenureDays: number; hireDate: string; position: PositionType | null }
type Focus = { code: string; fromValue: number | null; toValue: number | null; dueOn: string | null }
type Pairing = { id: number; menteeId: number; mentorId: number; startsOn: string }

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))
/** 10:00 (or `hour`) in Shanghai on a business date. */
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`)

/** What a mentor writes after a drill or role-play, from the first weeks (rough) to the last (polished). */
const DRILL_NOTES = [
	['模拟客户压价：FABE 只讲到功能，没讲清给客户带来的收益；被追问两次就主动让价。', '价格异议时先确认预算范围，再用案例证明 ROI'],
	['话术演练“竞品便宜 30%”：能说出差异，但拿不出同行业案例佐证，收尾没有提下一步。', '每次拜访前准备一个同行业案例，练熟 FABE 的“证据”一步'],
	['角色扮演采购负责人：需求确认比上次完整，异议处理先认同再澄清，证据仍偏泛。', '把本周丢掉的 3 条线索复盘一遍，下次演练用真实场景'],
	['演练“今年没预算”：能拆成分期方案，ROI 算得清楚，成交收尾还不够主动。', '报价前先问清决策链，收尾时明确下一步和时间'],
	['模拟 KA 客户三方会谈：FABE 四步完整，用同规模客户上线数据说服技术负责人。', '下周把这套话术用到两家 A 类客户上，回来复盘'],
	['价格异议处理流畅：先确认预算范围，再用案例证明 ROI，最后给出分阶段方案并约定试点时间。', '整理成自己的话术卡，分享给团队新人'],
] as const
const RIDE_NOTES = [
	['陪访制造业客户：开场寒暄过长，需求只问了两个问题；客户提到预算时没有追问。', '拜访前列好 5 个需求问题，当场记下客户原话'],
	['陪访老客户续约：准备充分，主动介绍了新模块，但没有约定下次拜访时间。', '每次拜访结束前约定下一步和时间'],
	['陪访新线索首次拜访：演示节奏好，结束前确认了决策人和采购时间表。', '当天把拜访记录录入 CRM，48 小时内发跟进邮件'],
	['陪访两家 A 类客户：能独立控场，异议处理自然，客户当场同意安排技术交流。', '保持每周 15 次以上拜访，优先跟进转化阶段的线索'],
] as const
const NEWHIRE_SESSIONS = [
	{ day: 5, kind: 'ride_along', notes: '第一次陪访，以观察为主。能准确介绍产品线，但不敢打断客户，错过了追问预算的时机。', next: '熟悉销售云 CRM 的三个典型客户案例，下周由你主讲开场' },
	{ day: 10, kind: 'script_drill', level: 2.4, notes: '产品介绍话术演练：功能讲得清楚，优势和收益混在一起，没有用案例。', next: '按 FABE 四步重写产品介绍，周四再练一次' },
	{ day: 16, kind: 'role_play', level: 3, notes: '模拟客户问“为什么比竞品贵”：能先认同再澄清，证据还不够具体。', next: '背熟两个同规模客户的上线数据，产品知识考试前再练一次' },
] as const
/** The finished pairing, on visits: ride-alongs, and now and then a drill of the call that books a visit. */
const VISIT_RIDE_NOTES = [
	['陪访两家老客户：路线没有规划，一天只跑了两家；拜访记录没有当天录入 CRM。', '按区域排拜访路线，每天至少 3 家，当天录入 CRM'],
	['陪访新客户：开场更自然，拜访前做了客户功课，当天约到了第二次拜访。', '把 A 类客户的拜访频率提到每两周一次'],
	['陪访区域客户：一天跑了 4 家，路线紧凑，拜访记录当天录入。', '把沉睡客户列个清单，每周约访 3 家'],
	['陪访续约客户：主动了解客户下季度计划，顺势约到了分公司的拜访。', '每月复盘一次拜访量和转化，砍掉低效拜访'],
	['陪访区域重点客户：本周拜访 16 次，能独立完成需求调研。', '保持节奏，下月起带新人熟悉区域客户'],
] as const
const VISIT_DRILL_NOTES = [
	['电话约访话术演练：被拒后能再争取一次，但约访理由不够具体。', '约访时给出一个和客户业务相关的具体理由'],
	['约访与开场演练：用客户行业数据开场，需求提问有层次，收尾约定了下次拜访时间。', '每天上午集中电话约访，下午拜访'],
] as const

/** A rubric around `level` (1–5), with per-criterion offsets for what the mentee is weak at. */
function rubricAround(random: Random, level: number, weak: Partial<Record<RubricCriterion, number>> = {}): Rubric {
	return Object.fromEntries(
		RUBRIC_CRITERIA.map((c) => [c, clamp(Math.round(level + (weak[c] ?? 0) + (random.next() - 0.5) * 0.9), 1, 5)]),
	) as Rubric
}

/**
 * The demo's mentoring (ARCHITECTURE §7): mentor@example.com (王磊) mentors rep@example.com (since
 * 120 days ago, on lead conversion and visits) and newhire@example.com (since their first day), with
 * months of coaching logged the app's way (`writeCoaching`, so drills and role-plays become 演练评分
 * records), assignments, and one finished pairing whose mentee's visits clearly rose against their
 * peers; plus up to two running pairings between generated mentors and people below baseline last
 * month. Runs after seedPerformance, inside the seed's transaction; content must be synced for the
 * assignments.
 */
export function seedMentoring(tx: Tx, { random, today, roster, hrId }: { random: Random; today: string; roster: Person[]; hrId: number }) {
	const byEmail = new Map(roster.map((p) => [p.email, p]))
	const mentor = byEmail.get('mentor@example.com')!
	const rep = byEmail.get('rep@example.com')!
	const newhire = byEmail.get('newhire@example.com')!
	const indicatorIds = new Map(tx.select({ id: indicators.id, code: indicators.code }).from(indicators).all().map((i) => [i.code, i.id]))
	const id = (code: string) => indicatorIds.get(code)!
	const quarterEnd = periodRange(quarterOf(today)).to
	const demo = new Set(demoLogins.map((p) => p.email))
	const roles = new Map<number, string[]>()
	for (const r of tx.select().from(userRoles).all()) roles.set(r.userId, [...(roles.get(r.userId) ?? []), r.role])
	const regionOf = new Map(
		tx
			.select({ id: users.id, regionId: teams.regionId })
			.from(users)
			.leftJoin(teams, eq(teams.id, users.teamId))
			.all()
			.map((r) => [r.id, r.regionId]),
	)
	const isPlain = (p: Person) => !demo.has(p.email) && (roles.get(p.id) ?? []).every((r) => r === 'staff')

	/** A person's record values of an indicator over [from, to). */
	const valuesOf = (userId: number, code: string, from: string, to: string) =>
		tx
			.select({ value: kpiRecords.value })
			.from(kpiRecords)
			.where(and(eq(kpiRecords.userId, userId), eq(kpiRecords.indicatorId, id(code)), gte(kpiRecords.date, from), lt(kpiRecords.date, to)))
			.all()
			.map((r) => r.value)
	const sumOf = (...args: Parameters<typeof valuesOf>) => valuesOf(...args).reduce((a, b) => a + b, 0)
	const meanOf = (...args: Parameters<typeof valuesOf>) => {
		const values = valuesOf(...args)
		return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length
	}

	const pairings: Pairing[] = []
	const pair = (menteeId: number, mentorId: number, startsOn: string, focus: Focus[], end?: { endsOn: string; reason: string }) => {
		const row = tx
			.insert(mentorPairings)
			.values({
				mentorId,
				menteeId,
				startsOn,
				endsOn: end?.endsOn ?? null,
				createdById: hrId,
				createdAt: at(startsOn, 9),
				endedById: end ? hrId : null,
				endReason: end?.reason ?? null,
			})
			.returning()
			.get()
		tx.insert(pairingFocus)
			.values(focus.map(({ code, ...goal }, position) => ({ pairingId: row.id, indicatorId: id(code), position, ...goal })))
			.run()
		const pairing = { id: row.id, menteeId, mentorId, startsOn }
		pairings.push(pairing)
		return pairing
	}

	let sessions = 0
	const coach = (pairing: Pairing, kind: CoachingInput['kind'], occurredOn: string, notes: string, nextSteps: string, rubric: Rubric | null = null) => {
		writeCoaching(tx, pairing, { kind, occurredOn, notes, nextSteps, rubric }, pairing.mentorId, new Date(`${occurredOn}T18:00:00+08:00`))
		sessions++
	}

	// The finished pairing (from 7 months ago, for 5 months): a generated colleague of mentor@'s position
	// type with 4+ months of history before it (intermediate then, if anyone was) and no integrity
	// record — the one with the fewest visits before it.
	const pastStart = addDays(today, -210)
	const pastEnd = addDays(today, -60)
	const flagged = new Set(tx.select({ userId: integrityViolations.userId }).from(integrityViolations).all().map((r) => r.userId))
	const candidates = roster
		.filter((p) => p.position === mentor.position && isPlain(p) && !flagged.has(p.id) && p.hireDate <= addDays(pastStart, -130))
		.map((p) => ({ person: p, visits: meanOf(p.id, 'weekly_visits', addDays(pastStart, -120), pastStart) ?? Number.POSITIVE_INFINITY }))
	const intermediate = candidates.filter((c) => tierByTenure(tenureMonths(c.person.hireDate, pastStart)) === 'intermediate')
	const pastMentee = (intermediate.length > 0 ? intermediate : candidates).sort((a, b) => a.visits - b.visits || a.person.id - b.person.id)[0]?.person
	if (pastMentee) {
		// Before the pairing they visited about 30 % less (what the pairing was for).
		const before = tx
			.select({ id: kpiRecords.id, value: kpiRecords.value })
			.from(kpiRecords)
			.where(and(eq(kpiRecords.userId, pastMentee.id), eq(kpiRecords.indicatorId, id('weekly_visits')), lt(kpiRecords.date, pastStart)))
			.all()
		for (const r of before) tx.update(kpiRecords).set({ value: round(r.value * 0.7) }).where(eq(kpiRecords.id, r.id)).run()
		const from = round(meanOf(pastMentee.id, 'weekly_visits', addDays(pastStart, -90), pastStart) ?? 9)
		const past = pair(pastMentee.id, mentor.id, pastStart, [{ code: 'weekly_visits', fromValue: from, toValue: Math.max(15, from + 3), dueOn: addDays(pastStart, 120) }], {
			endsOn: pastEnd,
			reason: '周拜访量已连续两个月稳定在目标以上，帮扶目标达成，结束结对。',
		})
		// About every three weeks; every third session a drill.
		const days: string[] = []
		for (let day = addDays(pastStart, 6); day < addDays(pastEnd, -3); day = addDays(day, random.int(18, 24))) days.push(day)
		const isDrill = (n: number) => n % 3 === 1
		const counts = { drill: days.filter((_, n) => isDrill(n)).length, ride: days.filter((_, n) => !isDrill(n)).length }
		const seen = { drill: 0, ride: 0 }
		days.forEach((day, n) => {
			const kind = isDrill(n) ? 'drill' : 'ride'
			const notes = kind === 'drill' ? VISIT_DRILL_NOTES : VISIT_RIDE_NOTES
			// The k-th of its kind takes the note that far along the list, so the notes tell a story.
			const [text, next] = notes[Math.floor((seen[kind]++ * notes.length) / counts[kind])]!
			if (kind === 'drill') coach(past, 'script_drill', day, text, next, rubricAround(random, 2.6 + (n / days.length) * 1.4))
			else coach(past, 'ride_along', day, text, next)
		})
	}

	// rep@: lead conversion (the open alert) and visits, goals by the end of the quarter.
	const repStart = addDays(today, -120)
	const assigned = sumOf(rep.id, 'leads_assigned', addDays(repStart, -90), repStart)
	const conversion = assigned > 0 ? round((sumOf(rep.id, 'leads_won', addDays(repStart, -90), repStart) / assigned) * 100, 1) : 10
	const repVisits = round(meanOf(rep.id, 'weekly_visits', addDays(repStart, -90), repStart) ?? 12)
	const repPairing = pair(rep.id, mentor.id, repStart, [
		{ code: 'lead_conversion', fromValue: conversion, toValue: conversion < 15 ? 15 : round(conversion + 3), dueOn: quarterEnd },
		{ code: 'weekly_visits', fromValue: repVisits, toValue: repVisits < 15 ? 15 : repVisits + 3, dueOn: quarterEnd },
	])
	// A first ride-along in the first week; then a drill or role-play every 2–3 weeks, the last 10 days
	// ago, scores rising from about 2.5 to 4, and a ride-along between every other pair of them.
	coach(repPairing, 'ride_along', addDays(repStart, random.int(2, 5)), ...RIDE_NOTES[0])
	const lastDrill = addDays(today, -10)
	const drills: string[] = []
	for (let day = lastDrill; day >= addDays(repStart, 5); day = addDays(day, -random.int(14, 21))) drills.unshift(day)
	const span = Math.max(1, drills.length - 1)
	drills.forEach((day, n) => {
		const progress = n / span
		const [notes, next] = DRILL_NOTES[Math.round(progress * (DRILL_NOTES.length - 1))]!
		const rubric = rubricAround(random, 2.4 + progress * 1.7, { objectionHandling: -0.5 * (1 - progress), closing: -0.4 * (1 - progress) })
		coach(repPairing, n % 2 === 0 ? 'role_play' : 'script_drill', day, notes, next, rubric)
		const following = drills[n + 1]
		if (following && n % 2 === 0) {
			// The first note went with the first-week ride-along.
			const [rideNotes, rideNext] = RIDE_NOTES[1 + Math.min(RIDE_NOTES.length - 2, Math.floor(progress * (RIDE_NOTES.length - 1)))]!
			coach(repPairing, 'ride_along', addDays(day, random.int(5, 8)), rideNotes, rideNext)
		}
	})

	// newhire@: from their first day, visits and the product-knowledge exam (a practice quiz gave 60).
	const newhireVisits = meanOf(newhire.id, 'weekly_visits', newhire.hireDate, addDays(today, 1))
	const newhireFrom = newhireVisits === null ? 8 : round(newhireVisits)
	const newhirePairing = pair(newhire.id, mentor.id, newhire.hireDate, [
		{ code: 'weekly_visits', fromValue: newhireFrom, toValue: newhireFrom < 12 ? 12 : newhireFrom + 3, dueOn: addDays(newhire.hireDate, 90) },
		{ code: 'product_knowledge_score', fromValue: 60, toValue: 85, dueOn: addDays(newhire.hireDate, 45) },
	])
	for (const s of NEWHIRE_SESSIONS) {
		const day = addDays(newhire.hireDate, s.day)
		if (day <= today) coach(newhirePairing, s.kind, day, s.notes, s.next, 'level' in s ? rubricAround(random, s.level) : null)
	}

	// Up to two more running pairings: generated people below baseline last month (with a value, and
	// employed all month) and a generated mentor of their position type, same region first. Scored the
	// app's way; computeScores reads through the process-wide connection, which is this transaction's.
	const lastMonth = previousPeriod(monthOf(today))
	const scored = roster.filter((p): p is Person & { position: PositionType } => p.position !== null)
	const codeOf = new Map([...indicatorIds].map(([code, i]) => [i, code]))
	const all = tx.select({ id: indicators.id, category: indicators.category, unit: indicators.unit }).from(indicators).all()
	const categoryOf = new Map(all.map((i) => [i.id, i.category]))
	const unitOf = new Map(all.map((i) => [i.id, i.unit]))
	const weak = computeScores(lastMonth, scored.map((p) => ({ id: p.id, positionType: p.position })))
		.flatMap((s) => {
			const p = scored.find((x) => x.id === s.userId)!
			if (!isPlain(p) || p.id === pastMentee?.id || p.hireDate >= `${lastMonth}-01`) return []
			const below = s.detail
				.filter((d) => d.weight > 0 && d.level === 'below' && d.actual !== null && d.goal !== null && d.achievement !== null)
				// A process indicator first (what coaching moves), then the furthest behind.
				.sort((a, b) => Number(categoryOf.get(b.indicatorId) === 'process') - Number(categoryOf.get(a.indicatorId) === 'process') || a.achievement! - b.achievement!)
			return below.length > 0 ? [{ person: p, detail: below[0]! }] : []
		})
		.sort((a, b) => a.detail.achievement! - b.detail.achievement! || a.person.id - b.person.id)
	const generatedMentors = roster.filter((p) => !demo.has(p.email) && (roles.get(p.id) ?? []).includes('mentor'))
	const taken = new Set<number>()
	for (const { person, detail } of weak) {
		if (taken.size >= 2) break
		const chosen = generatedMentors
			.filter((m) => m.position === person.position && !taken.has(m.id) && m.id !== person.id)
			.sort((a, b) => Number(regionOf.get(b.id) === regionOf.get(person.id)) - Number(regionOf.get(a.id) === regionOf.get(person.id)) || a.hireDate.localeCompare(b.hireDate))[0]
		if (!chosen) continue
		taken.add(chosen.id)
		const unit = unitOf.get(detail.indicatorId)
		const digits = unit === 'cny' ? -2 : unit === 'count' ? 0 : 1
		const fromValue = round(detail.actual!, digits)
		const toValue = round(detail.goal!.target, digits)
		pair(person.id, chosen.id, addDays(today, -random.int(20, 45)), [
			{ code: codeOf.get(detail.indicatorId)!, ...(fromValue === toValue ? { fromValue: null, toValue: null, dueOn: null } : { fromValue, toValue, dueOn: quarterEnd }) },
		])
	}

	// Assignments: newhire@ did a new-hire lesson and has a case to read; rep@ has a case due in a few
	// days (not the price-objection script: the end-to-end test assigns that one).
	let assignments = 0
	const articleIds = new Map(
		tx
			.select({ id: kbArticles.id, slug: kbArticles.slug })
			.from(kbArticles)
			.where(inArray(kbArticles.slug, ['new-hire-first-deal', 'seven-step-follow-up']))
			.all()
			.map((a) => [a.slug, a.id]),
	)
	const assign = (pairing: Pairing, item: { articleId: number } | { lessonId: number }, assignedOn: string, dueOn: string, completedAt: Date | null = null) => {
		tx.insert(mentoringAssignments)
			.values({ pairingId: pairing.id, ...item, dueOn, assignedById: pairing.mentorId, createdAt: at(assignedOn, 18), completedAt })
			.run()
		assignments++
	}
	// The newest new-hire lesson newhire@ completed, assigned two days before they did.
	const lesson = tx
		.select({ id: lessons.id, completedAt: lessonCompletions.completedAt })
		.from(lessonCompletions)
		.innerJoin(lessons, eq(lessons.id, lessonCompletions.lessonId))
		.where(and(eq(lessonCompletions.userId, newhire.id), eq(lessons.tier, 'new')))
		.all()
		.sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime() || a.id - b.id)[0]
	if (lesson) {
		const done = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(lesson.completedAt)
		const assignedOn = addDays(done, -2) < newhire.hireDate ? newhire.hireDate : addDays(done, -2)
		assign(newhirePairing, { lessonId: lesson.id }, assignedOn, addDays(done, 1))
	}
	const firstDeal = articleIds.get('new-hire-first-deal')
	if (firstDeal) assign(newhirePairing, { articleId: firstDeal }, addDays(today, -5), addDays(today, 7))
	const followUp = articleIds.get('seven-step-follow-up')
	if (followUp) assign(repPairing, { articleId: followUp }, lastDrill, addDays(today, 3))

	return { pairings: pairings.length, coachingSessions: sessions, assignments }
}
