import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { users } from '#db/schema/auth.ts'
import { promotionDecisions, promotionRules } from '#db/schema/gamification.ts'
import { kpiRecords } from '#db/schema/performance.ts'
import { createInstance } from 'i18next'
import { i18nConfig } from '#app/i18n.ts'
import { markStale } from '#app/modules/performance/stale.server.ts'
import { decide } from '#app/modules/promotion/decisions.server.ts'
import { missingText, quartersEvidence, type Checklist, type RuleKey } from '#app/modules/promotion/eligibility.ts'
import { checklistFor, promotionList } from '#app/modules/promotion/eligibility.server.ts'
import { loadRules, rulesContext, saveRules } from '#app/modules/promotion/rules.server.ts'
import { DEFAULT_RULES, type PromotionRuleSet } from '#app/modules/promotion/rules.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { auditsLike, insertRecord } from '../performance/helpers.ts'
import { atToday, coreExam, gradedAttempt, knowledgeScore, promotable, quarterScore, TODAY, violation } from './helpers.ts'

const { db } = withFreshDatabase()

const i18n = createInstance({ ...i18nConfig, lng: 'zh-CN', initImmediate: false })
void i18n.init()
const words = (checklist: Checklist, rule: RuleKey) =>
	checklist.items.find((i) => i.rule === rule)!.missing.map((m) => missingText(m, (k, v) => String(i18n.getFixedT('zh-CN')(k as never, v as never)), 'zh-CN'))
const itemOf = (checklist: Checklist, rule: RuleKey) => checklist.items.find((i) => i.rule === rule)!

async function setUp() {
	atToday()
	const hr = await createTestUser({ roles: ['hr_admin'], positionType: null, name: '人力' })
	const manager = await createTestUser({ roles: ['manager'], positionType: null, name: '王经理' })
	const east = createTestTeam('east', manager.id)
	const west = createTestTeam('west', null)
	const exam = coreExam()
	return { hr, manager, east, west, exam, hrActor: { id: hr.id, roles: ['staff', 'hr_admin'] } }
}

const checklist = (userId: number) => checklistFor(userId)!.checklist

describe('checklistFor: the facts from the database', () => {
	test('stored scores of the last 3 closed quarters, the core exam, product knowledge, tenure, no violation → eligible', async () => {
		const { exam, east } = await setUp()
		const rep = await createTestUser({ name: '赵敏', hireDate: '2024-03-01', teamId: east.id })
		promotable(rep.id, exam)
		// The current quarter does not count, however good it is.
		quarterScore(rep.id, '2026-Q4', 50)

		const found = checklistFor(rep.id)!
		expect(found.person).toMatchObject({ id: rep.id, name: '赵敏', teamZh: '华东销售团队' })
		expect(found.checklist.status).toBe('eligible')
		const quarters = quartersEvidence(found.checklist)
		expect(quarters.quarters.map((q) => [q.period, Math.round(q.score!)])).toEqual([
			['2026-Q3', 112],
			['2026-Q2', 105],
			['2026-Q1', 110],
		])
		expect(itemOf(found.checklist, 'exams').evidence).toEqual({
			required: true,
			exams: [{ slug: expect.stringMatching(/^core-/), title: '骨干：团队管理', titleEn: 'Core: team management', passedOn: '2026-05-10' }],
		})
		expect(itemOf(found.checklist, 'capability').evidence).toEqual({
			period: '2026-Q3',
			indicators: [expect.objectContaining({ code: 'product_knowledge_score', value: 90, min: 80, met: true })],
		})
		expect(itemOf(found.checklist, 'tenure').evidence).toMatchObject({ hireDate: '2024-03-01', months: 32 })
		expect(found.lastDecision).toBeNull()
		expect(found.rules).toEqual(DEFAULT_RULES)
	})

	test('one quarter short: the oldest quarter below 100 → nearly, "再有 1 个季度达标"', async () => {
		const { exam } = await setUp()
		const rep = await createTestUser({ hireDate: '2024-03-01' })
		promotable(rep.id, exam, [112, 105, 96])
		const result = checklist(rep.id)
		expect(result.status).toBe('nearly')
		expect(result.unmet).toEqual(['quarters'])
		expect(words(result, 'quarters')).toEqual(['再有 1 个季度达标（加权得分 ≥ 100）'])
	})

	test('a quarter with no score breaks the run, and a disputed record is left out of the score', async () => {
		const { exam } = await setUp()
		const gap = await createTestUser({ hireDate: '2024-03-01' })
		quarterScore(gap.id, '2026-Q3', 120)
		quarterScore(gap.id, '2026-Q1', 120)
		gradedAttempt(gap.id, exam, { passed: true, closedAt: '2026-05-10T03:00:00Z' })
		knowledgeScore(gap.id, 90)
		expect(quartersEvidence(checklist(gap.id))).toMatchObject({ run: 1, quarters: [{ score: 120 }, { score: null }, { score: 120 }] })
		expect(words(checklist(gap.id), 'quarters')).toEqual(['再有 2 个季度达标（加权得分 ≥ 100）'])

		const disputed = await createTestUser({ hireDate: '2024-03-01' })
		promotable(disputed.id, exam)
		// The Q3 revenue is disputed: off the score until resolved, so Q3 no longer reaches 100.
		db().update(kpiRecords).set({ status: 'disputed' }).where(and(eq(kpiRecords.userId, disputed.id), eq(kpiRecords.date, '2026-07-15'))).run()
		markStale(db(), ['2026-07-15'])
		expect(checklist(disputed.id).status).toBe('not_yet')
		expect(quartersEvidence(checklist(disputed.id)).run).toBe(0)
	})

	test('a violation 5 months ago blocks (12 months needed); one 13 months ago does not', async () => {
		const { exam, hr } = await setUp()
		const recent = await createTestUser({ hireDate: '2024-03-01' })
		promotable(recent.id, exam, [112, 120, 110])
		violation(recent.id, '2026-06-28', hr.id)
		const blocked = checklist(recent.id)
		expect(itemOf(blocked, 'integrity')).toMatchObject({ met: false, evidence: { lastViolationOn: '2026-06-28', count: 1, clearOn: '2027-06-28' } })
		expect(words(blocked, 'integrity')).toEqual(['距上次诚信违规满 12 个月还差 7 个月'])
		expect(blocked.status).toBe('nearly')
		// Its deduction came off Q2's stored score (120 − 10).
		expect(quartersEvidence(blocked).quarters[1]!.score).toBeCloseTo(110, 6)

		const old = await createTestUser({ hireDate: '2024-03-01' })
		promotable(old.id, exam)
		violation(old.id, '2025-10-20', hr.id)
		expect(itemOf(checklist(old.id), 'integrity').met).toBe(true)
		expect(checklist(old.id).status).toBe('eligible')
	})

	test('tenure: hired 10 months ago → "任职还差 2 个月"; 12 months to the day is enough', async () => {
		const { exam } = await setUp()
		const young = await createTestUser({ hireDate: '2026-01-10' })
		promotable(young.id, exam)
		expect(itemOf(checklist(young.id), 'tenure')).toMatchObject({ met: false, evidence: { months: 10, reachedOn: '2027-01-10' } })
		expect(words(checklist(young.id), 'tenure')).toEqual(['任职还差 2 个月'])
		const year = await createTestUser({ hireDate: '2025-11-28' })
		promotable(year.id, exam)
		expect(itemOf(checklist(year.id), 'tenure').met).toBe(true)
	})

	test('core exams: a failed attempt is not a pass; a retired or optional exam is not required; names in words', async () => {
		const { exam } = await setUp()
		coreExam('旧版骨干考试', 'Old core exam', { retired: true })
		coreExam('选修：演讲', 'Optional: speaking', { required: false })
		const rep = await createTestUser({ hireDate: '2024-03-01' })
		;(['2026-Q3', '2026-Q2', '2026-Q1'] as const).forEach((q) => quarterScore(rep.id, q, 110))
		knowledgeScore(rep.id, 90)
		gradedAttempt(rep.id, exam, { passed: false, closedAt: '2026-05-10T03:00:00Z' })
		const result = checklist(rep.id)
		expect(itemOf(result, 'exams').evidence).toMatchObject({ exams: [{ title: '骨干：团队管理', passedOn: null }] })
		expect(words(result, 'exams')).toEqual(['还需通过 1 门核心考试：骨干：团队管理'])
		expect(result.status).toBe('nearly')
	})

	test('capability: product knowledge of the last closed quarter; older values do not count; 72 reads "现为 72 分"', async () => {
		const { exam } = await setUp()
		const low = await createTestUser({ hireDate: '2024-03-01' })
		;(['2026-Q3', '2026-Q2', '2026-Q1'] as const).forEach((q) => quarterScore(low.id, q, 110))
		gradedAttempt(low.id, exam, { passed: true, closedAt: '2026-05-10T03:00:00Z' })
		knowledgeScore(low.id, 72)
		knowledgeScore(low.id, 95, '2026-05-15')
		expect(words(checklist(low.id), 'capability')).toEqual(['产品知识测试得分 需 ≥ 80 分（现为 72 分）'])

		const none = await createTestUser({ hireDate: '2024-03-01' })
		;(['2026-Q3', '2026-Q2', '2026-Q1'] as const).forEach((q) => quarterScore(none.id, q, 110))
		gradedAttempt(none.id, exam, { passed: true, closedAt: '2026-05-10T03:00:00Z' })
		knowledgeScore(none.id, 95, '2026-05-15')
		expect(words(checklist(none.id), 'capability')).toEqual(['产品知识测试得分 需 ≥ 80 分（2026年第3季度没有记录）'])
	})

	test("capability: another position's indicator does not apply; one's own does", async () => {
		const { exam, hrActor } = await setUp()
		expect(saveRules(hrActor, { ...DEFAULT_RULES, capabilityMins: { product_knowledge_score: 80, report_quality: 4 } })).toEqual({ ok: true })
		const rep = await createTestUser({ hireDate: '2024-03-01' })
		promotable(rep.id, exam)
		expect(itemOf(checklist(rep.id), 'capability').evidence).toMatchObject({ indicators: [{ code: 'product_knowledge_score' }] })
		expect(checklist(rep.id).status).toBe('eligible')
		const marketer = await createTestUser({ hireDate: '2024-03-01', positionType: 'marketing' })
		insertRecord(marketer.id, 'report_quality', '2026-08-01', 3.5)
		const capability = itemOf(checklist(marketer.id), 'capability')
		expect(capability.evidence).toMatchObject({ indicators: [{ code: 'product_knowledge_score', value: null }, { code: 'report_quality', value: 3.5, met: false }] })
	})
})

describe('promotionList', () => {
	test('eligible and nearly by default, eligible first; filters by status, team and position; HR and leavers are not listed', async () => {
		const { exam, east, west, hr } = await setUp()
		const ready = await createTestUser({ name: '乙', hireDate: '2024-03-01', teamId: east.id })
		promotable(ready.id, exam)
		const short = await createTestUser({ name: '甲', hireDate: '2024-03-01', teamId: west.id })
		promotable(short.id, exam, [112, 105, 90])
		const far = await createTestUser({ name: '丙', hireDate: '2026-09-01', teamId: east.id })
		const marketer = await createTestUser({ name: '丁', hireDate: '2024-03-01', teamId: east.id, positionType: 'marketing' })
		promotable(marketer.id, exam, [112, 105, 110], { code: 'leads', target: 600 })
		const gone = await createTestUser({ name: '戊', hireDate: '2024-03-01', teamId: east.id })
		promotable(gone.id, exam)
		db().update(users).set({ deactivatedAt: new Date('2026-10-01T00:00:00Z') }).where(eq(users.id, gone.id)).run()

		const list = promotionList()
		expect(list.rows.map((r) => [r.name, r.status])).toEqual([
			['丁', 'eligible'],
			['乙', 'eligible'],
			['甲', 'nearly'],
		])
		expect(list.counts).toEqual({ eligible: 2, nearly: 1, not_yet: 1 })
		const shortRow = list.rows.find((r) => r.id === short.id)!
		expect(shortRow).toMatchObject({ run: 2, unmet: ['quarters'], missing: ['promotion.missing.quarters?count=1&score=100'], teamEn: 'East team' })
		expect(shortRow.latestScore).toBeCloseTo(112, 6)

		expect(promotionList({ status: 'not_yet' }).rows.map((r) => r.id)).toEqual([far.id])
		expect(promotionList({ status: 'all' }).rows.map((r) => r.id)).not.toContain(hr.id)
		expect(promotionList({ status: 'all' }).rows).toHaveLength(4)
		expect(promotionList({ teamId: west.id }).rows.map((r) => r.id)).toEqual([short.id])
		expect(promotionList({ positionType: 'marketing' }).rows.map((r) => r.id)).toEqual([marketer.id])
		expect(promotionList({ status: 'eligible', teamId: east.id, positionType: 'sales_rep' }).rows.map((r) => r.id)).toEqual([ready.id])
	})
})

describe('decide', () => {
	test('approving an eligible person: decision row with the checklist, the new title, one audit row with before and after', async () => {
		const { exam, hr, hrActor } = await setUp()
		const rep = await createTestUser({ name: '赵敏', hireDate: '2024-03-01' })
		promotable(rep.id, exam)
		const result = decide(hrActor, rep.id, { decision: 'approved', newTitle: ' 华东销售主管 ' })
		expect(result).toMatchObject({ ok: true, name: '赵敏' })
		expect(db().select({ title: users.title }).from(users).where(eq(users.id, rep.id)).get()!.title).toBe('华东销售主管')
		const [row] = db().select().from(promotionDecisions).all()
		expect(row).toMatchObject({ userId: rep.id, decision: 'approved', newTitle: '华东销售主管', reason: null, decidedById: hr.id })
		expect((row!.checklist as Checklist).status).toBe('eligible')
		const audits = auditsLike('promotion.')
		expect(audits.map((a) => [a.action, a.entity, a.entityId, a.actorId])).toEqual([['promotion.approve', 'user', String(rep.id), hr.id]])
		expect(audits[0]!.data).toMatchObject({ before: { title: null }, after: { title: '华东销售主管' }, status: 'eligible' })
		expect(checklistFor(rep.id)!.lastDecision).toMatchObject({ decision: 'approved', newTitle: '华东销售主管', decidedOn: TODAY, decidedByName: '人力' })
	})

	test('approving someone not eligible is refused with the count of unmet rules; nothing is written', async () => {
		const { exam, hrActor } = await setUp()
		const rep = await createTestUser({ hireDate: '2024-03-01' })
		promotable(rep.id, exam, [112, 105, 90])
		expect(decide(hrActor, rep.id, { decision: 'approved', newTitle: '销售主管' })).toEqual({
			ok: false,
			fieldErrors: { decision: ['promotion.errors.notEligible?count=1'] },
			formErrors: [],
		})
		expect(db().select().from(promotionDecisions).all()).toEqual([])
		expect(db().select({ title: users.title }).from(users).where(eq(users.id, rep.id)).get()!.title).toBeNull()
		expect(auditsLike('promotion.')).toEqual([])
	})

	test('reject needs a reason; with one it is recorded and audited, the title unchanged; no deciding on oneself; only HR', async () => {
		const { exam, hr, hrActor, manager } = await setUp()
		const rep = await createTestUser({ hireDate: '2024-03-01' })
		promotable(rep.id, exam)
		expect(decide(hrActor, rep.id, { decision: 'rejected', reason: '  ' })).toMatchObject({ ok: false, fieldErrors: { reason: ['promotion.errors.reasonRequired?min=5'] } })
		expect(decide(hrActor, hr.id, { decision: 'rejected', reason: '自己的决定' })).toMatchObject({ ok: false, formErrors: ['promotion.errors.self'] })
		expect(decide({ id: manager.id, roles: ['staff', 'manager'] }, rep.id, { decision: 'rejected', reason: '再观察一个季度' })).toEqual({ ok: false, reason: 'forbidden' })
		expect(decide(hrActor, 999_999, { decision: 'rejected', reason: '再观察一个季度' })).toEqual({ ok: false, reason: 'notFound' })
		expect(db().select().from(promotionDecisions).all()).toEqual([])

		expect(decide(hrActor, rep.id, { decision: 'rejected', reason: '再观察一个季度' })).toMatchObject({ ok: true })
		expect(db().select().from(promotionDecisions).all()).toMatchObject([{ decision: 'rejected', reason: '再观察一个季度', newTitle: null }])
		expect(auditsLike('promotion.')).toMatchObject([{ action: 'promotion.reject', reason: '再观察一个季度', data: { before: { title: null }, after: { title: null } } }])
	})
})

describe('saveRules', () => {
	test('an impossible rule set is refused and nothing changes; a valid one is saved, audited and read by the checklist', async () => {
		const { exam, hr, hrActor } = await setUp()
		const rep = await createTestUser({ hireDate: '2024-03-01' })
		promotable(rep.id, exam, [112, 105, 90])
		const before = db().select().from(promotionRules).get()

		expect(rulesContext().maxScore).toBe(133.5)
		const impossible: Array<Partial<PromotionRuleSet>> = [
			{ consecutiveQuarters: 0 },
			{ minScore: 140 },
			{ capabilityMins: { product_knowledge_score: 101 } },
			{ capabilityMins: { coaching_score: 6 } },
			{ minTenureMonths: 601 },
		]
		for (const bad of impossible)
			expect(saveRules(hrActor, { ...DEFAULT_RULES, ...bad })).toMatchObject({ ok: false })
		expect(saveRules({ id: rep.id, roles: ['staff'] }, DEFAULT_RULES)).toEqual({ ok: false, reason: 'forbidden' })
		expect(db().select().from(promotionRules).get()).toEqual(before)
		expect(auditsLike('promotion.')).toEqual([])

		expect(saveRules(hrActor, { ...DEFAULT_RULES, consecutiveQuarters: 2, targetTitle: '高级销售主管' })).toEqual({ ok: true })
		expect(loadRules()).toMatchObject({ consecutiveQuarters: 2, targetTitle: '高级销售主管' })
		const [audit] = auditsLike('promotion.rules')
		expect(audit).toMatchObject({ actorId: hr.id, data: { before: { consecutiveQuarters: 3 }, after: { consecutiveQuarters: 2, targetTitle: '高级销售主管' } } })
		// Two quarters are now enough: the person who was one short is eligible.
		expect(checklist(rep.id)).toMatchObject({ status: 'eligible', targetTitle: '高级销售主管' })
	})
})
