import { eq } from 'drizzle-orm'
import { addDays, monthsOf, periodRange, quarterOf, shiftPeriod, weekStart } from '#app/modules/performance/periods.ts'
import type { Tx } from '../client.server.ts'
import type { PositionType } from '../schema/auth.ts'
import {
	indicators,
	integrityViolations,
	kpiRecords,
	kpiTargets,
	roleTemplates,
	targetAdjustments,
	templateWeights,
	type Indicator,
} from '../schema/performance.ts'
import type { Random } from './random.ts'

type Person = { id: number; email: string; tenureDays: number; hireDate: string; position: PositionType | null }
type Weighted = { indicator: Indicator; baseline: number; target: number; challenge: number }
type Row = typeof kpiRecords.$inferInsert

/** How well each demo login performs, relative to target (1 = exactly on it). */
const FORM: Record<string, number> = {
	'manager@example.com': 1.05,
	// The top performer and mentor: on or above target for every closed quarter (promotion material).
	'mentor@example.com': 1.18,
	// Below target on conversion, which is what the mentoring is for.
	'rep@example.com': 0.9,
	'newhire@example.com': 0.7,
	'marketing@example.com': 1.02,
	'cs@example.com': 0.97,
}

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits

/**
 * Four closed quarters and the current one of KPI history for everyone in a sales-line position:
 * targets from their template's defaults (scaled by seniority for amounts), weekly and monthly records
 * for the older months and daily process records for the last 30 days. rep@example.com's lead
 * conversion falls under 10 % on the last 3 days, so the seed's default alert opens for their mentor
 * (mentor@example.com, paired by seedMentoring) and manager. Also: one disputed record, one integrity
 * warning and one pending target adjustment, so the admin pages have something to show.
 */
export function seedPerformance(
	tx: Tx,
	{ random, today, roster, hrId, managerId }: { random: Random; today: string; roster: Person[]; hrId: number; managerId: number },
) {
	const byEmail = new Map(roster.map((p) => [p.email, p]))
	const rep = byEmail.get('rep@example.com')!
	const all = tx.select().from(indicators).all()
	const byCode = new Map(all.map((i) => [i.code, i]))
	const templates = new Map<PositionType, Weighted[]>()
	for (const t of tx.select().from(roleTemplates).all()) {
		const weights = tx
			.select()
			.from(templateWeights)
			.innerJoin(indicators, eq(indicators.id, templateWeights.indicatorId))
			.where(eq(templateWeights.templateId, t.id))
			.all()
		templates.set(
			t.positionType,
			weights.map(({ template_weights: w, indicators: indicator }) => ({
				indicator,
				baseline: w.baseline ?? 0,
				target: w.target ?? 0,
				challenge: w.challenge ?? 0,
			})),
		)
	}

	const current = quarterOf(today)
	const quarters = [4, 3, 2, 1, 0].map((n) => shiftPeriod(current, n))
	const recentFrom = addDays(today, -29)
	const records: Row[] = []
	const targets: Array<typeof kpiTargets.$inferInsert> = []
	const add = (userId: number, code: string, date: string, value: number) => {
		if (date > today) return
		records.push({ userId, indicatorId: byCode.get(code)!.id, date, value, source: 'import' })
	}

	for (const person of roster) {
		if (!person.position) continue
		const weighted = templates.get(person.position) ?? []
		// Amount targets grow with seniority; rates and scores are the same for everyone.
		const scale = Math.min(1.4, 0.6 + person.tenureDays / 900)
		const base = FORM[person.email] ?? 0.75 + random.next() * 0.55
		for (const [q, quarter] of quarters.entries()) {
			if (person.hireDate > periodRange(quarter).to) continue
			const form = Math.max(0.4, base + (q - 2) * 0.02 + (random.next() - 0.5) * 0.16)
			for (const w of weighted) {
				const amount = w.indicator.rollup === 'sum'
				const s = amount ? round(scale, 2) : 1
				targets.push({
					userId: person.id,
					indicatorId: w.indicator.id,
					period: quarter,
					baseline: w.baseline * s,
					target: w.target * s,
					challenge: w.challenge * s,
					originalTarget: w.target * s,
				})
				for (const month of monthsOf(quarter)) monthRecords(person, w, month, form, s)
			}
			if (person.position === 'sales_rep') salesLeads(person, quarter, form)
		}
	}

	/** Records of one weighted indicator for one month, shaped by its grain and roll-up. */
	function monthRecords(person: Person, w: Weighted, month: string, form: number, scale: number) {
		const code = w.indicator.code
		if (code === 'lead_conversion') return // computed from leads won ÷ leads assigned
		const noise = () => 1 + (random.next() - 0.5) * 0.2
		const start = `${month}-01`
		const higher = w.indicator.direction === 'higher'
		// What this person achieves against the target; lower-is-better values divide instead.
		const level = (target: number) => (higher ? target * form * noise() : target / (form * noise()))
		const capped = (value: number) => (w.indicator.unit === 'percent' ? Math.min(100, value) : value)
		if (w.indicator.grain === 'month') {
			// No monthly figure for a month before the person was hired.
			if (month < person.hireDate.slice(0, 7)) return
			add(person.id, code, start, round(capped(level(w.target)), 1))
			return
		}
		if (w.indicator.grain === 'week') {
			for (let day = weekStart(start); day.slice(0, 7) <= month; day = addDays(day, 7))
				if (day.slice(0, 7) === month && day >= person.hireDate) add(person.id, code, day, round(level(w.target)))
			return
		}
		// Day grain: daily records in the last 30 days, a record each Monday before; a summed amount
		// (e.g. revenue) is spread so the month adds up to about its share of the quarter's target.
		const summed = w.indicator.rollup === 'sum'
		const perDay = summed ? (w.target * scale) / 3 / 30 : w.target
		let carry = random.next()
		for (let date = start; date.slice(0, 7) === month; date = addDays(date, 1)) {
			if (date < person.hireDate) continue
			const recent = date >= recentFrom
			if (!recent && new Date(`${date}T00:00:00Z`).getUTCDay() !== 1) continue
			const value = level(perDay) * (summed && !recent ? 7 : 1)
			if (w.indicator.unit === 'cny') add(person.id, code, date, round(value, -2))
			else if (!summed) add(person.id, code, date, round(value, 1))
			else {
				// Whole counts (a new customer is one customer): carry the fraction to the next record.
				carry += value
				const whole = Math.floor(carry)
				carry -= whole
				if (whole > 0) add(person.id, code, date, whole)
			}
		}
	}

	/** Leads assigned and won: weekly for older months, daily for the last 30 days. */
	function salesLeads(person: Person, quarter: string, form: number) {
		const { from, to } = periodRange(quarter)
		for (let date = from; date <= to && date <= today; date = addDays(date, 1)) {
			if (date < person.hireDate) continue
			const recent = date >= recentFrom
			if (!recent && new Date(`${date}T00:00:00Z`).getUTCDay() !== 1) continue
			const assigned = recent ? random.int(15, 30) : random.int(110, 180)
			let rate = Math.max(0.1, 0.15 * form * (1 + (random.next() - 0.5) * 0.3))
			// rep@example.com: under 10 % on each of the last three days (the seed's alert rule).
			if (person.id === rep.id && recent) rate = date > addDays(today, -3) ? 0.05 + random.next() * 0.03 : Math.max(0.11, rate)
			const won = Math.max(0, Math.round(assigned * rate))
			add(person.id, 'leads_assigned', date, assigned)
			add(person.id, 'leads_won', date, won)
		}
	}

	for (let i = 0; i < targets.length; i += 500) tx.insert(kpiTargets).values(targets.slice(i, i + 500)).run()
	for (let i = 0; i < records.length; i += 500) tx.insert(kpiRecords).values(records.slice(i, i + 500)).run()

	// Something for HR to look at: a disputed record, a warning, a pending adjustment (a market shock).
	const someone = roster.find((p) => p.position === 'sales_rep' && !FORM[p.email] && p.tenureDays > 400)
	if (someone) {
		const revenue = byCode.get('revenue')!.id
		const record = tx
			.select({ id: kpiRecords.id, date: kpiRecords.date })
			.from(kpiRecords)
			.where(eq(kpiRecords.userId, someone.id))
			.all()
			.find((r) => r.date >= periodRange(current).from)
		if (record) tx.update(kpiRecords).set({ status: 'disputed' }).where(eq(kpiRecords.id, record.id)).run()
		tx.insert(integrityViolations)
			.values({
				userId: someone.id,
				occurredOn: addDays(today, -200),
				note: '同一客户重复登记拜访记录（虚假拜访），经核实属实。',
				ordinal: 1,
				outcome: 'warning',
				deduction: 10,
				recordedById: hrId,
				recordedAt: new Date(`${addDays(today, -198)}T10:00:00+08:00`),
			})
			.run()
		const target = tx
			.select()
			.from(kpiTargets)
			.where(eq(kpiTargets.userId, rep.id))
			.all()
			.find((t) => t.indicatorId === revenue && t.period === current)
		if (target)
			tx.insert(targetAdjustments)
				.values({
					targetId: target.id,
					fromTarget: target.target,
					toTarget: round(target.target * 0.85, -2),
					reason: '华东区主要客户预算冻结，本季度市场需求下滑，申请下调销售额目标。',
					proposedById: managerId,
					proposedAt: new Date(`${addDays(today, -2)}T09:30:00+08:00`),
				})
				.run()
	}
	return { records: records.length, targets: targets.length }
}
