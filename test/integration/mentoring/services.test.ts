import { and, asc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { PositionType, Role } from '#db/schema/auth.ts'
import { kbArticles } from '#db/schema/knowledge.ts'
import { lessons } from '#db/schema/learning.ts'
import { coachingSessions, mentorCapacities, mentorPairings, pairingFocus } from '#db/schema/mentoring.ts'
import { kpiRecords } from '#db/schema/performance.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { markLessonComplete } from '#app/modules/learning/progress.server.ts'
import { assignItem, assignmentsOf, completeAssignment, openAssignmentsFor, recommendationsFor } from '#app/modules/mentoring/assignments.server.ts'
import { COACHING_INDICATOR, logCoaching } from '#app/modules/mentoring/coaching.server.ts'
import { mentorDashboard, pairingRow } from '#app/modules/mentoring/dashboard.server.ts'
import { impactReport, pairingImpactOf } from '#app/modules/mentoring/impact.server.ts'
import { createPairing, endPairing, runningCountOf, setCapacity, type Viewer } from '#app/modules/mentoring/pairings.server.ts'
import { assignSchema, coachingSchema, RUBRIC_CRITERIA, type CoachingInput, type PairingInput } from '#app/modules/mentoring/rules.ts'
import { pairingSuggestions } from '#app/modules/mentoring/suggestions.server.ts'
import { evaluateAlerts } from '#app/modules/performance/alerts.server.ts'
import { kpiViewFor } from '#app/modules/performance/scores.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestTeam, createTestUser } from '#test/helpers/fixtures.ts'
import { auditsLike, indicatorId, insertRecord, insertTarget, stalePeriods } from '#test/integration/performance/helpers.ts'

const { db } = withFreshDatabase()

/** Friday 27 November 2026, noon in Shanghai. */
const NOW = new Date('2026-11-27T04:00:00Z')
const TODAY = '2026-11-27'
const YESTERDAY = new Date('2026-11-26T04:00:00Z')

const viewer = (id: number, ...roles: Role[]): Viewer => ({ id, roles: ['staff', ...roles] })

const count = (table: string) => (db().$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
/** What a refused action must leave untouched. */
const footprint = () => ({
	pairings: count('mentor_pairings'),
	focus: count('pairing_focus'),
	capacities: count('mentor_capacities'),
	sessions: count('coaching_sessions'),
	assignments: count('mentoring_assignments'),
	records: count('kpi_records'),
	audits: count('audit_log'),
})

/** A pairing as `pairingSchema` hands it to the module: by default from today, open-ended, focus weekly visits. */
function pairing(input: Pick<PairingInput, 'menteeId' | 'mentorId'> & Partial<PairingInput>): PairingInput {
	return {
		startsOn: TODAY,
		endsOn: null,
		focus: [{ indicatorId: indicatorId('weekly_visits'), fromValue: null, toValue: null, dueOn: null }],
		...input,
	}
}

/** Creates a pairing that must succeed; its id. */
function paired(input: Pick<PairingInput, 'menteeId' | 'mentorId'> & Partial<PairingInput>, actor: Viewer): number {
	const result = createPairing(pairing(input), actor)
	if (!result.ok) throw new Error(`pairing refused: ${JSON.stringify(result)}`)
	return result.pairingId
}

/** A coaching log entry as the form posts it (scores as strings), parsed by the route's schema. */
function coaching(kind: CoachingInput['kind'], occurredOn: string, scores?: readonly number[], startsOn = '2026-11-01'): CoachingInput {
	const rubric = scores ? Object.fromEntries(RUBRIC_CRITERIA.map((c, n) => [c, String(scores[n])])) : {}
	return coachingSchema({ today: TODAY, startsOn }).parse({
		kind,
		occurredOn,
		notes: '价格异议时先确认预算范围，再用案例证明 ROI',
		nextSteps: '下周三再演练一次竞品对比',
		...rubric,
	})
}

type Person = { id: number; viewer: Viewer }
async function person(name: string, options: { roles?: Role[]; teamId?: number | null; positionType?: PositionType | null; hireDate?: string } = {}): Promise<Person> {
	const { id } = await createTestUser({ name, ...options })
	return { id, viewer: viewer(id, ...(options.roles ?? [])) }
}

/** HR, two teams with their managers, three mentors, a colleague without the mentor role and five mentees in the east team. */
async function org() {
	setClock(NOW)
	const hr = await person('周人力', { roles: ['hr_admin'], positionType: null })
	const manager = await person('陈经理', { roles: ['manager'] })
	const east = createTestTeam('east', manager.id)
	const otherManager = await person('吴经理', { roles: ['manager'] })
	const south = createTestTeam('south', otherManager.id)
	const mentor = await person('王导师', { roles: ['mentor'], teamId: east.id, hireDate: '2022-03-01' })
	const mentor2 = await person('孙导师', { roles: ['mentor'], teamId: east.id, hireDate: '2021-06-01' })
	const mentor3 = await person('马导师', { roles: ['mentor'], teamId: south.id, hireDate: '2020-09-01' })
	const colleague = await person('普通同事', { teamId: east.id, hireDate: '2022-01-10' })
	const mentees: Person[] = []
	for (const name of ['李娜', '张伟', '刘芳', '杨洋', '黄杰']) mentees.push(await person(name, { teamId: east.id, hireDate: '2026-05-01' }))
	const outsider = await person('华南新人', { teamId: south.id, hireDate: '2026-05-01' })
	return { hr, manager, otherManager, east, south, mentor, mentor2, mentor3, colleague, mentees: mentees as [Person, Person, Person, Person, Person], outsider }
}

describe('createPairing', () => {
	test('HR pairs a mentee with focus goals: the pairing, its focus rows and one audit row', async () => {
		const { hr, mentor, mentees } = await org()
		const [a] = mentees
		const before = footprint()
		const result = createPairing(
			pairing({
				menteeId: a.id,
				mentorId: mentor.id,
				startsOn: '2026-11-20',
				focus: [
					{ indicatorId: indicatorId('lead_conversion'), fromValue: 8, toValue: 15, dueOn: '2026-12-31' },
					{ indicatorId: indicatorId('weekly_visits'), fromValue: null, toValue: null, dueOn: null },
				],
			}),
			hr.viewer,
		)
		expect(result).toEqual({ ok: true, pairingId: expect.any(Number) })
		const id = (result as { pairingId: number }).pairingId
		expect(db().select().from(mentorPairings).where(eq(mentorPairings.id, id)).get()).toMatchObject({
			mentorId: mentor.id,
			menteeId: a.id,
			startsOn: '2026-11-20',
			endsOn: null,
			createdById: hr.id,
			endedById: null,
			endReason: null,
		})
		expect(db().select().from(pairingFocus).where(eq(pairingFocus.pairingId, id)).orderBy(asc(pairingFocus.position)).all()).toEqual([
			{ pairingId: id, indicatorId: indicatorId('lead_conversion'), position: 0, fromValue: 8, toValue: 15, dueOn: '2026-12-31' },
			{ pairingId: id, indicatorId: indicatorId('weekly_visits'), position: 1, fromValue: null, toValue: null, dueOn: null },
		])
		const audits = auditsLike('mentoring.')
		expect(audits).toHaveLength(1)
		expect(audits[0]).toMatchObject({ action: 'mentoring.pairing.create', entity: 'mentor_pairing', entityId: String(id), actorId: hr.id, actorRole: 'hr_admin' })
		expect(footprint()).toEqual({ ...before, pairings: before.pairings + 1, focus: before.focus + 2, audits: before.audits + 1 })
	})

	test('a manager pairs someone of their own team', async () => {
		const { manager, mentor, mentees } = await org()
		const id = paired({ menteeId: mentees[0].id, mentorId: mentor.id }, manager.viewer)
		expect(auditsLike('mentoring.pairing.create')).toMatchObject([{ entityId: String(id), actorId: manager.id, actorRole: 'manager' }])
	})

	test('each refusal names its field and writes nothing', async () => {
		const { hr, manager, mentor, mentor2, mentor3, colleague, mentees, outsider } = await org()
		const [a, b, c, d, e] = mentees
		// a is paired with mentor2 until 15 December (exclusive); mentor is full with b, c and d.
		paired({ menteeId: a.id, mentorId: mentor2.id, startsOn: '2026-11-01', endsOn: '2026-12-15' }, hr.viewer)
		for (const mentee of [b, c, d]) paired({ menteeId: mentee.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		const before = footprint()
		const refused = (fieldErrors: Record<string, string[]>) => ({ ok: false, fieldErrors, formErrors: [] })
		const cases: Array<[string, PairingInput, Viewer, Record<string, string[]>]> = [
			['self', pairing({ menteeId: mentor3.id, mentorId: mentor3.id }), hr.viewer, { mentorId: ['mentoring.errors.self'] }],
			['already paired (inside)', pairing({ menteeId: a.id, mentorId: mentor3.id, startsOn: '2026-12-10' }), hr.viewer, { menteeId: ['mentoring.errors.alreadyPaired'] }],
			[
				'already paired (ends inside)',
				pairing({ menteeId: a.id, mentorId: mentor3.id, startsOn: '2026-10-01', endsOn: '2026-11-02' }),
				hr.viewer,
				{ menteeId: ['mentoring.errors.alreadyPaired'] },
			],
			['not a mentor', pairing({ menteeId: e.id, mentorId: colleague.id }), hr.viewer, { mentorId: ['mentoring.errors.mentor'] }],
			['mentor full', pairing({ menteeId: e.id, mentorId: mentor.id }), hr.viewer, { mentorId: ['mentoring.errors.capacityFull?capacity=3'] }],
			['outside the team', pairing({ menteeId: outsider.id, mentorId: mentor3.id }), manager.viewer, { menteeId: ['mentoring.errors.menteeNotYours'] }],
			[
				'unknown indicator',
				pairing({ menteeId: e.id, mentorId: mentor3.id, focus: [{ indicatorId: 99_999, fromValue: null, toValue: null, dueOn: null }] }),
				hr.viewer,
				{ 'focus[0].indicatorId': ['mentoring.errors.focusIndicator'] },
			],
		]
		for (const [name, input, actor, fieldErrors] of cases) {
			expect(createPairing(input, actor), name).toEqual(refused(fieldErrors))
			expect(footprint(), name).toEqual(before)
		}
		// The end is exclusive: a's next pairing may start on the day the current one ends.
		expect(createPairing(pairing({ menteeId: a.id, mentorId: mentor3.id, startsOn: '2026-12-15' }), hr.viewer)).toMatchObject({ ok: true })
	})

	test('after HR lowers a capacity to 1, a mentor with one mentee is full', async () => {
		const { hr, manager, mentor3, colleague, mentees } = await org()
		paired({ menteeId: mentees[0].id, mentorId: mentor3.id }, hr.viewer)
		expect(setCapacity(mentor3.id, 1, manager.viewer)).toEqual({ ok: false, reason: 'forbidden' })
		expect(setCapacity(colleague.id, 1, hr.viewer)).toEqual({ ok: false, reason: 'mentor' })
		expect(setCapacity(mentor3.id, 1, hr.viewer)).toEqual({ ok: true })
		expect(db().select().from(mentorCapacities).all()).toMatchObject([{ userId: mentor3.id, capacity: 1, updatedById: hr.id }])
		expect(auditsLike('mentoring.capacity.set')).toMatchObject([{ entityId: String(mentor3.id), data: { before: { capacity: 3 }, after: { capacity: 1 } } }])
		const before = footprint()
		expect(createPairing(pairing({ menteeId: mentees[1].id, mentorId: mentor3.id }), hr.viewer)).toEqual({
			ok: false,
			fieldErrors: { mentorId: ['mentoring.errors.capacityFull?capacity=1'] },
			formErrors: [],
		})
		expect(footprint()).toEqual(before)
	})

	test('a pairing that ended yesterday frees its mentor’s slot and its mentee', async () => {
		const { hr, mentor, mentor2, mentees } = await org()
		const [a, b, c, d] = mentees
		const ids = [a, b, c].map((m) => paired({ menteeId: m.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer))
		setClock(YESTERDAY)
		expect(endPairing(ids[0]!, '学员调岗', hr.viewer)).toEqual({ ok: true })
		setClock(NOW)
		expect(db().select().from(mentorPairings).where(eq(mentorPairings.id, ids[0]!)).get()!.endsOn).toBe('2026-11-26')
		expect(runningCountOf(mentor.id, TODAY)).toBe(2)
		expect(createPairing(pairing({ menteeId: d.id, mentorId: mentor.id }), hr.viewer)).toMatchObject({ ok: true })
		expect(createPairing(pairing({ menteeId: a.id, mentorId: mentor2.id }), hr.viewer)).toMatchObject({ ok: true })
		expect(runningCountOf(mentor.id, TODAY)).toBe(3)
	})

	test('the database triggers refuse a raw insert that bypasses the module: self, overlap, capacity', async () => {
		const { hr, mentor, mentor2, mentor3, mentees } = await org()
		const [a, b, c, d, e] = mentees
		paired({ menteeId: a.id, mentorId: mentor2.id, startsOn: '2026-11-01' }, hr.viewer)
		for (const mentee of [b, c, d]) paired({ menteeId: mentee.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		db().insert(mentorCapacities).values({ userId: mentor3.id, capacity: 0 }).run()
		const before = footprint()
		const insertRaw = (values: typeof mentorPairings.$inferInsert) => {
			try {
				db().insert(mentorPairings).values(values).run()
			} catch (error) {
				return error
			}
			return null
		}
		const trigger = (rule: string) => expect.objectContaining({ name: 'SqliteError', code: 'SQLITE_CONSTRAINT_TRIGGER', message: rule })
		expect(insertRaw({ mentorId: e.id, menteeId: e.id, startsOn: TODAY })).toEqual(trigger('pairing_self'))
		expect(insertRaw({ mentorId: mentor2.id, menteeId: a.id, startsOn: '2027-01-04' })).toEqual(trigger('pairing_mentee_paired'))
		expect(insertRaw({ mentorId: mentor.id, menteeId: e.id, startsOn: TODAY })).toEqual(trigger('pairing_capacity'))
		// A capacity HR set is the trigger's limit too.
		expect(insertRaw({ mentorId: mentor3.id, menteeId: e.id, startsOn: TODAY })).toEqual(trigger('pairing_capacity'))
		expect(footprint()).toEqual(before)
	})
})

describe('endPairing', () => {
	test('keeps the row with today as its end, the reason and an audit row; a second end is refused', async () => {
		const { hr, manager, mentor, mentees } = await org()
		const id = paired({ menteeId: mentees[0].id, mentorId: mentor.id, startsOn: '2026-10-01' }, hr.viewer)
		expect(endPairing(id, '学员已调往华南团队', manager.viewer)).toEqual({ ok: true })
		expect(db().select().from(mentorPairings).where(eq(mentorPairings.id, id)).get()).toMatchObject({
			startsOn: '2026-10-01',
			endsOn: TODAY,
			endedById: manager.id,
			endReason: '学员已调往华南团队',
		})
		expect(auditsLike('mentoring.pairing.end')).toMatchObject([
			{ entityId: String(id), actorId: manager.id, actorRole: 'manager', reason: '学员已调往华南团队', data: { before: { endsOn: null }, after: { endsOn: TODAY } } },
		])
		const before = footprint()
		expect(endPairing(id, '再结束一次', hr.viewer)).toEqual({ ok: false, reason: 'ended' })
		expect(footprint()).toEqual(before)
	})

	test('only HR or the mentee’s manager may end it: the mentor, the mentee and another manager are refused', async () => {
		const { hr, otherManager, mentor, mentees } = await org()
		const id = paired({ menteeId: mentees[0].id, mentorId: mentor.id, startsOn: '2026-10-01' }, hr.viewer)
		const before = footprint()
		for (const actor of [mentor.viewer, mentees[0].viewer, otherManager.viewer]) expect(endPairing(id, '不合适', actor)).toEqual({ ok: false, reason: 'forbidden' })
		expect(endPairing(9_999, '不存在', hr.viewer)).toEqual({ ok: false, reason: 'forbidden' })
		expect(footprint()).toEqual(before)
		expect(db().select().from(mentorPairings).where(eq(mentorPairings.id, id)).get()!.endsOn).toBeNull()
	})

	test('an ended pairing takes no more coaching', async () => {
		const { hr, mentor, mentees } = await org()
		const id = paired({ menteeId: mentees[0].id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		endPairing(id, '目标已达成', hr.viewer)
		const before = footprint()
		expect(logCoaching(id, coaching('role_play', '2026-11-20', [3, 3, 3, 3, 3, 3]), mentor.viewer)).toEqual({ ok: false, reason: 'ended' })
		expect(footprint()).toEqual(before)
	})
})

describe('coaching: a scored rubric becomes the mentee’s 演练评分 capability record', () => {
	const coachingRecords = () => db().select().from(kpiRecords).where(eq(kpiRecords.indicatorId, indicatorId(COACHING_INDICATOR))).all()

	test('a role-play writes the session and a coaching_score record (the rubric mean, on that day), marks the month and quarter stale and audits both', async () => {
		const { hr, mentor, mentees } = await org()
		const [a] = mentees
		const id = paired({ menteeId: a.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		expect(stalePeriods()).toEqual([])
		// 3, 4, 5, 3, 4, 4 → 23 ÷ 6 = 3.83
		const result = logCoaching(id, coaching('role_play', '2026-11-20', [3, 4, 5, 3, 4, 4]), mentor.viewer)
		expect(result).toEqual({ ok: true, sessionId: expect.any(Number), recordId: expect.any(Number) })
		const { sessionId, recordId } = result as { sessionId: number; recordId: number }
		expect(db().select().from(coachingSessions).where(eq(coachingSessions.id, sessionId)).get()).toMatchObject({
			pairingId: id,
			kind: 'role_play',
			occurredOn: '2026-11-20',
			notes: '价格异议时先确认预算范围，再用案例证明 ROI',
			nextSteps: '下周三再演练一次竞品对比',
			fabeFeature: 3,
			fabeAdvantage: 4,
			fabeBenefit: 5,
			fabeEvidence: 3,
			objectionHandling: 4,
			closing: 4,
			recordId,
			loggedById: mentor.id,
		})
		expect(coachingRecords()).toEqual([
			expect.objectContaining({ id: recordId, userId: a.id, date: '2026-11-20', value: 3.83, source: 'assessment', status: 'valid', evidence: `coaching:${sessionId}` }),
		])
		expect(stalePeriods()).toEqual(['2026-11', '2026-Q4'])
		expect(auditsLike('mentoring.coaching.create')).toMatchObject([
			{ entityId: String(sessionId), actorId: mentor.id, actorRole: 'mentor', data: { after: { pairingId: id, kind: 'role_play', recordId } } },
		])
		expect(auditsLike('kpi.record.assessment')).toMatchObject([
			{ action: 'kpi.record.assessment_create', entityId: String(recordId), data: { userId: a.id, indicator: COACHING_INDICATOR, before: null, after: { value: 3.83 } } },
		])
		// The mentee's /kpi lists it as a capability indicator with that value (weight 0: outside the template).
		const shown = kpiViewFor(a.id, '2026-Q4').indicators.find((i) => i.indicator.code === COACHING_INDICATOR)
		expect(shown).toMatchObject({ indicator: { category: 'capability', unit: 'score' }, weight: 0, actual: 3.83 })
	})

	test('a second scored session the same day updates the same record to the mean of both; a ride-along writes none', async () => {
		const { hr, mentor, mentees } = await org()
		const [a] = mentees
		const id = paired({ menteeId: a.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		const first = logCoaching(id, coaching('role_play', '2026-11-20', [3, 4, 5, 3, 4, 4]), mentor.viewer) as { sessionId: number; recordId: number }
		// 5, 5, 4, 4, 4, 4 → 4.33; the day: (3.83 + 4.33) ÷ 2 = 4.08
		const second = logCoaching(id, coaching('script_drill', '2026-11-20', [5, 5, 4, 4, 4, 4]), mentor.viewer) as { sessionId: number; recordId: number }
		expect(second.recordId).toBe(first.recordId)
		expect(coachingRecords()).toEqual([
			expect.objectContaining({ id: first.recordId, value: 4.08, evidence: `coaching:${first.sessionId},${second.sessionId}` }),
		])
		expect(auditsLike('kpi.record.assessment').map((r) => r.action)).toEqual(['kpi.record.assessment_create', 'kpi.record.assessment_update'])
		expect(auditsLike('kpi.record.assessment_update')[0]!.data).toMatchObject({ before: { value: 3.83 }, after: { value: 4.08 } })

		const ride = logCoaching(id, coaching('ride_along', '2026-11-21'), mentor.viewer)
		expect(ride).toEqual({ ok: true, sessionId: expect.any(Number), recordId: null })
		expect(db().select().from(coachingSessions).where(eq(coachingSessions.id, (ride as { sessionId: number }).sessionId)).get()).toMatchObject({
			kind: 'ride_along',
			fabeFeature: null,
			closing: null,
			recordId: null,
		})
		expect(coachingRecords()).toHaveLength(1)
		expect(auditsLike('mentoring.coaching.create')).toHaveLength(3)
		expect(kpiViewFor(a.id, '2026-11').indicators.find((i) => i.indicator.code === COACHING_INDICATOR)?.actual).toBe(4.08)
	})

	test('only the pairing’s mentor may log: another mentor, the mentee and HR are refused and nothing is written', async () => {
		const { hr, mentor, mentor2, mentees } = await org()
		const id = paired({ menteeId: mentees[0].id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		const before = footprint()
		for (const actor of [mentor2.viewer, mentees[0].viewer, hr.viewer])
			expect(logCoaching(id, coaching('role_play', '2026-11-20', [4, 4, 4, 4, 4, 4]), actor)).toEqual({ ok: false, reason: 'forbidden' })
		expect(logCoaching(9_999, coaching('ride_along', '2026-11-20'), mentor.viewer)).toEqual({ ok: false, reason: 'forbidden' })
		expect(footprint()).toEqual(before)
		expect(stalePeriods()).toEqual([])
	})
})

describe('assignments (the real content/ folder)', () => {
	const TYPE_ORDER: Record<string, number> = { objection: 0, case: 1, faq: 2 }
	const articleId = (slug: string) => db().select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, slug)).get()!.id
	const lessonId = (tier: 'new' | 'intermediate' | 'core', slug: string) =>
		db().select({ id: lessons.id }).from(lessons).where(and(eq(lessons.tier, tier), eq(lessons.slug, slug))).get()!.id

	test('recommendations: articles and open-tier lessons tagged with the indicators, objection scripts first, completed lessons left out', async () => {
		await syncContent({ root: 'content' })
		const { hr, mentor, mentees } = await org()
		const [a] = mentees
		const id = paired({ menteeId: a.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)

		// Per indicator: the first three tagged items, objection scripts, cases, FAQs (newest first), then lessons.
		const tagged = db()
			.select({ slug: kbArticles.slug, type: kbArticles.type, indicators: kbArticles.indicators, updatedOn: kbArticles.updatedOn })
			.from(kbArticles)
			.all()
			.filter((r) => r.indicators.includes('weekly_visits'))
			.sort((x, y) => TYPE_ORDER[x.type]! - TYPE_ORDER[y.type]! || y.updatedOn.localeCompare(x.updatedOn) || x.slug.localeCompare(y.slug))
		expect(tagged.length).toBeGreaterThan(3)
		const visits = recommendationsFor(id, a.id, ['weekly_visits'])
		expect(visits.map((r) => r.href)).toEqual(tagged.slice(0, 3).map((r) => `/kb/${r.slug}`))
		expect(visits[0]!.label).toBe('objection')
		for (const r of visits) expect(r).toMatchObject({ kind: 'article', matches: ['weekly_visits'], assigned: false })

		// 客户投诉处理满意度: two FAQs, then the first new-hire lesson tagged with it (the mentee's only open tier).
		const complaints = recommendationsFor(id, a.id, ['complaint_satisfaction'])
		expect(complaints.map((r) => [r.kind, r.label, r.href])).toEqual([
			['article', 'faq', '/kb/how-weighted-score-works'],
			['article', 'faq', '/kb/stop-gaming-the-numbers'],
			['lesson', 'new', '/tracks/new/contract-approval'],
		])
		// Indicator by indicator in the order given; an item comes once, under the first indicator that brings it.
		const both = recommendationsFor(id, a.id, ['complaint_satisfaction', 'lead_conversion'])
		expect(both.slice(0, 3).map((r) => r.href)).toEqual(complaints.map((r) => r.href))
		expect(both.slice(3).map((r) => r.label)).toEqual(['objection', 'objection', 'objection'])
		expect(new Set(both.map((r) => r.href)).size).toBe(both.length)
		// A completed lesson is not recommended: the next one tagged with the indicator takes its place.
		markLessonComplete(a.id, lessonId('new', 'contract-approval'), NOW)
		expect(recommendationsFor(id, a.id, ['complaint_satisfaction']).filter((r) => r.kind === 'lesson').map((r) => r.href)).toEqual(['/tracks/new/fabe-evidence'])
		expect(recommendationsFor(id, a.id, [])).toEqual([])
	})

	test('assigning: once per item and by the pairing’s mentor only; the mentee marks an article done; a lesson is done when completed on the track', async () => {
		await syncContent({ root: 'content' })
		const { hr, mentor, mentor2, mentees } = await org()
		const [a] = mentees
		const id = paired({ menteeId: a.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		const article = assignSchema({ today: TODAY }).parse({ item: `article:${articleId('bad-timing')}`, dueOn: '2026-12-04' })
		const lesson = assignSchema({ today: TODAY }).parse({ item: `lesson:${lessonId('new', 'fabe-four-steps')}`, dueOn: '2026-12-01' })

		const first = assignItem(id, article, mentor.viewer)
		expect(first).toEqual({ ok: true, assignmentId: expect.any(Number) })
		const articleAssignment = (first as { assignmentId: number }).assignmentId
		let before = footprint()
		expect(assignItem(id, article, mentor.viewer)).toEqual({ ok: false, fieldErrors: { item: ['mentoring.errors.alreadyAssigned'] }, formErrors: [] })
		for (const actor of [mentor2.viewer, a.viewer, hr.viewer])
			expect(assignItem(id, lesson, actor)).toEqual({ ok: false, fieldErrors: {}, formErrors: ['mentoring.errors.forbidden'] })
		expect(footprint()).toEqual(before)
		expect(recommendationsFor(id, a.id, ['weekly_visits']).find((r) => r.href === '/kb/bad-timing')).toMatchObject({ assigned: true })
		expect(auditsLike('mentoring.assignment.create')).toMatchObject([{ entityId: String(articleAssignment), actorId: mentor.id, data: { after: { kind: 'article' } } }])

		const lessonAssignment = (assignItem(id, lesson, mentor.viewer) as { assignmentId: number }).assignmentId
		// Open ones, earliest due first.
		expect(openAssignmentsFor(a.id).map((v) => [v.id, v.kind, v.href, v.dueOn])).toEqual([
			[lessonAssignment, 'lesson', '/tracks/new/fabe-four-steps', '2026-12-01'],
			[articleAssignment, 'article', '/kb/bad-timing', '2026-12-04'],
		])

		before = footprint()
		expect(completeAssignment(articleAssignment, mentor.viewer)).toEqual({ ok: false, reason: 'forbidden' })
		expect(completeAssignment(lessonAssignment, a.viewer)).toEqual({ ok: false, reason: 'lesson' })
		expect(footprint()).toEqual(before)
		expect(completeAssignment(articleAssignment, a.viewer)).toEqual({ ok: true })
		expect(auditsLike('mentoring.assignment.complete')).toMatchObject([{ entityId: String(articleAssignment), actorId: a.id }])
		expect(openAssignmentsFor(a.id).map((v) => v.id)).toEqual([lessonAssignment])

		markLessonComplete(a.id, lessonId('new', 'fabe-four-steps'), NOW)
		expect(openAssignmentsFor(a.id)).toEqual([])
		expect(assignmentsOf([id]).map((v) => [v.id, v.doneAt !== null, v.overdue])).toEqual([
			[lessonAssignment, true, false],
			[articleAssignment, true, false],
		])
	})
})

describe('pairingSuggestions', () => {
	test('a rep below baseline on weekly visits gets top-quartile mentors of their position type with capacity left, same region first', async () => {
		setClock(NOW)
		const hr = await person('周人力', { roles: ['hr_admin'], positionType: null })
		const east = createTestTeam('east')
		const south = createTestTeam('south')
		const mentor = (name: string, teamId: number, positionType: PositionType = 'sales_rep') =>
			person(name, { roles: ['mentor'], teamId, positionType, hireDate: '2021-03-01' })
		const mA = await mentor('东区导师', east.id)
		const mB = await mentor('南区导师', south.id)
		const mFull = await mentor('满员导师', east.id)
		const mLow = await mentor('普通导师', east.id)
		const mMarketing = await mentor('市场导师', east.id, 'marketing')
		const rep = await person('落后代表', { teamId: east.id })
		const pairedRep = await person('已结对代表', { teamId: east.id })
		const fillers = [await person('代表甲', { teamId: east.id }), await person('代表乙', { teamId: south.id }), await person('代表丙', { teamId: south.id })]

		// Weekly visits (baseline 12, target 15, challenge 20) in 2026-Q2 and Q3, and October (2026-Q4).
		// Nine sales reps: the top quartile is the best ⌈9/4⌉ = 3, i.e. 20, 20, 19 → mFull, mB, mA.
		const quarterly: Array<[Person, number, number]> = [
			[mFull, 20, 14],
			[mB, 20, 14],
			[mA, 19, 14],
			[mLow, 12, 14],
			[rep, 9, 8],
			[pairedRep, 9, 8],
			[fillers[0]!, 14, 13],
			[fillers[1]!, 15, 15],
			[fillers[2]!, 13, 12],
		]
		for (const [p, closedQuarters, october] of quarterly) {
			for (const quarter of ['2026-Q2', '2026-Q3', '2026-Q4']) insertTarget(p.id, 'weekly_visits', quarter, 12, 15, 20)
			insertRecord(p.id, 'weekly_visits', '2026-05-04', closedQuarters)
			insertRecord(p.id, 'weekly_visits', '2026-08-03', closedQuarters)
			insertRecord(p.id, 'weekly_visits', '2026-10-05', october)
		}
		// The marketing mentor is the best at visits, but another position type.
		for (const quarter of ['2026-Q2', '2026-Q3']) insertTarget(mMarketing.id, 'weekly_visits', quarter, 12, 15, 20)
		insertRecord(mMarketing.id, 'weekly_visits', '2026-05-04', 30)
		insertRecord(mMarketing.id, 'weekly_visits', '2026-08-03', 30)
		// mFull may have one mentee and has them.
		setCapacity(mFull.id, 1, hr.viewer)
		paired({ menteeId: pairedRep.id, mentorId: mFull.id, startsOn: '2026-11-01' }, hr.viewer)

		const rows = pairingSuggestions('all')
		expect(rows.map((r) => [r.menteeId, r.indicator.code])).toEqual([[rep.id, 'weekly_visits']])
		const [row] = rows
		expect(row).toMatchObject({ reason: 'below', value: 8, month: '2026-10', positionType: 'sales_rep' })
		expect(row!.suggestions).toEqual([
			expect.objectContaining({ mentorId: mA.id, sameRegion: true, capacityLeft: 3, achievement: 19 / 15 }),
			expect.objectContaining({ mentorId: mB.id, sameRegion: false, capacityLeft: 3, achievement: 20 / 15 }),
		])
		for (const left of [mFull, mLow, mMarketing]) expect(row!.suggestions.map((s) => s.mentorId)).not.toContain(left.id)
		// A manager's view of some people gives the same rows for them; the paired rep is not listed.
		expect(pairingSuggestions([rep.id, pairedRep.id]).map((r) => r.menteeId)).toEqual([rep.id])
		expect(pairingSuggestions([pairedRep.id])).toEqual([])
	})
})

describe('measured impact', () => {
	/** Monthly values, one record in each month (the month's mean is that value). */
	function monthly(userId: number, code: string, values: Record<string, number>) {
		for (const [month, value] of Object.entries(values)) insertRecord(userId, code, `${month}-10`, value)
	}
	const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']
	const series = (...values: number[]) => Object.fromEntries(months.map((m, n) => [m, values[n]!]))

	test('a mentee who rises after the start while unpaired peers stay about flat: the exact effect; too new says “since”; nobody comparable says “peers”', async () => {
		setClock(NOW)
		const hr = await person('周人力', { roles: ['hr_admin'], positionType: null })
		const mentor = await person('王导师', { roles: ['mentor'], hireDate: '2019-03-01' })
		const mentor2 = await person('孙导师', { roles: ['mentor'], hireDate: '2019-03-01' })
		// Hired 2026-02-01: intermediate (6 months) when the pairing starts on 2026-08-10.
		const intermediate = { hireDate: '2026-02-01' }
		const mentee = await person('李娜', intermediate)
		const peer1 = await person('同期甲', intermediate)
		const peer2 = await person('同期乙', intermediate)
		const pairedPeer = await person('同期丙（有导师）', intermediate)
		const veteran = await person('老员工', { hireDate: '2019-06-01' })
		monthly(mentee.id, 'weekly_visits', series(10, 10, 10, 12, 14, 16))
		monthly(peer1.id, 'weekly_visits', series(12, 12, 12, 12, 12, 12))
		monthly(peer2.id, 'weekly_visits', series(14, 14, 14, 15, 15, 15))
		// Not peers: paired themselves during the window, or of another tier.
		monthly(pairedPeer.id, 'weekly_visits', series(5, 5, 5, 30, 30, 30))
		monthly(veteran.id, 'weekly_visits', series(30, 30, 30, 30, 30, 30))
		const id = paired({ menteeId: mentee.id, mentorId: mentor.id, startsOn: '2026-08-10' }, hr.viewer)
		paired({ menteeId: pairedPeer.id, mentorId: mentor2.id, startsOn: '2026-09-01' }, hr.viewer)

		const [visits, ...rest] = pairingImpactOf(pairingRow(id)!)
		expect(rest).toEqual([])
		// Mentee 10 → 14 (+4); peers (12 and 14 → 13) → (12 and 15 → 13.5), +0.5; effect 3.5 = 35 % of 10.
		expect(visits!.impact).toEqual({
			status: 'ok',
			before: 10,
			since: 14,
			change: 4,
			changeRatio: 0.4,
			peerBefore: 13,
			peerSince: 13.5,
			peerChange: 0.5,
			effect: 3.5,
			effectRatio: 0.35,
			improved: true,
			monthsBefore: ['2026-05', '2026-06', '2026-07'],
			monthsSince: ['2026-08', '2026-09', '2026-10'],
		})
		expect(visits).toMatchObject({
			indicator: { code: 'weekly_visits', direction: 'higher' },
			startMonth: '2026-08',
			peerCount: 2,
			months,
			mentee: [10, 10, 10, 12, 14, 16],
			peers: [13, 13, 13, 13.5, 13.5, 13.5],
		})

		// Started this month: no closed month since the start yet.
		const newcomer = await person('新结对', { positionType: 'customer_success', hireDate: '2026-02-01' })
		monthly(newcomer.id, 'followup_frequency', { '2026-08': 6, '2026-09': 7, '2026-10': 6 })
		const fresh = createPairing(
			pairing({ menteeId: newcomer.id, mentorId: mentor.id, startsOn: '2026-11-02', focus: [{ indicatorId: indicatorId('followup_frequency'), fromValue: null, toValue: null, dueOn: null }] }),
			hr.viewer,
		) as { pairingId: number }
		expect(pairingImpactOf(pairingRow(fresh.pairingId)!)[0]!.impact).toMatchObject({ status: 'insufficient', missing: 'since', have: 0, need: 2 })

		// The only marketing person: data on both sides, but nobody to compare with.
		const alone = await person('唯一市场专员', { positionType: 'marketing', hireDate: '2026-02-01' })
		monthly(alone.id, 'leads', series(400, 420, 410, 500, 520, 540))
		const lonely = createPairing(
			pairing({ menteeId: alone.id, mentorId: mentor2.id, startsOn: '2026-08-10', focus: [{ indicatorId: indicatorId('leads'), fromValue: null, toValue: null, dueOn: null }] }),
			hr.viewer,
		) as { pairingId: number }
		expect(pairingImpactOf(pairingRow(lonely.pairingId)!)[0]).toMatchObject({ peerCount: 0, impact: { status: 'insufficient', missing: 'peers', have: 0, need: 2 } })

		// HR's report: per mentor, the measured pairings' mean effect; the unmeasured ones counted, not averaged.
		const report = impactReport()
		expect(report.pairings.find((p) => p.id === id)!.impact!.impact).toMatchObject({ status: 'ok', effect: 3.5 })
		expect(report.mentors.find((m) => m.mentorId === mentor.id)).toEqual({
			mentorId: mentor.id,
			mentorName: '王导师',
			pairings: 2,
			measured: 1,
			unmeasured: 1,
			improved: 1,
			beatPeers: 1,
			meanEffectRatio: 0.35,
		})
		expect(report.mentors.find((m) => m.mentorId === mentor2.id)).toMatchObject({ pairings: 2, measured: 1, unmeasured: 1 })
	})
})

describe('mentorDashboard', () => {
	test('a mentee with an open alert comes before a never-coached one; an ended pairing is not shown', async () => {
		const { hr, mentor, mentees } = await org()
		const [a, b, c] = mentees
		const withAlert = paired({ menteeId: a.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		paired({ menteeId: b.id, mentorId: mentor.id, startsOn: '2026-11-01' }, hr.viewer)
		const ended = paired({ menteeId: c.id, mentorId: mentor.id, startsOn: '2026-10-01' }, hr.viewer)
		endPairing(ended, '已结束', hr.viewer)
		// Lead conversion under 10 % on the last three days opens the seed's alert for a.
		for (const date of ['2026-11-25', '2026-11-26', '2026-11-27']) {
			insertRecord(a.id, 'leads_assigned', date, 20)
			insertRecord(a.id, 'leads_won', date, 1)
		}
		expect(evaluateAlerts()).toHaveLength(1)
		logCoaching(withAlert, coaching('ride_along', '2026-11-25'), mentor.viewer)

		const cards = mentorDashboard(mentor.id)
		expect(cards.map((card) => card.pairing.menteeId)).toEqual([a.id, b.id])
		expect(cards[0]).toMatchObject({ lastCoachingOn: '2026-11-25', daysSinceCoaching: 2, facts: { openAlerts: 1 } })
		expect(cards[0]!.alerts).toMatchObject([{ userId: a.id, indicator: { code: 'lead_conversion' } }])
		expect(cards[0]!.reasons).toContain('alerts')
		expect(cards[1]).toMatchObject({ lastCoachingOn: null, daysSinceCoaching: null, alerts: [], reasons: ['neverCoached'] })
		expect(mentorDashboard(mentees[3].id)).toEqual([])
	})
})
