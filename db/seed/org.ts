import { eq } from 'drizzle-orm'
import type { Tx } from '../client.server.ts'
import { regions, teams, userRoles, users, type PositionType, type Role } from '../schema/auth.ts'
import type { Random } from './random.ts'

export const DEMO_PASSWORD = 'ascent-demo'

/** Days before `today` (YYYY-MM-DD), as a YYYY-MM-DD date. */
function daysBefore(today: string, days: number) {
	const d = new Date(`${today}T00:00:00Z`)
	d.setUTCDate(d.getUTCDate() - days)
	return d.toISOString().slice(0, 10)
}

const REGIONS = [
	{ code: 'east', nameZh: '华东', nameEn: 'East China', team: { code: 'east-sales', nameZh: '华东销售团队', nameEn: 'East China team' } },
	{ code: 'south', nameZh: '华南', nameEn: 'South China', team: { code: 'south-sales', nameZh: '华南销售团队', nameEn: 'South China team' } },
	{ code: 'north', nameZh: '华北', nameEn: 'North China', team: { code: 'north-sales', nameZh: '华北销售团队', nameEn: 'North China team' } },
] as const

type RegionCode = (typeof REGIONS)[number]['code']

type Person = {
	email: string
	name: string
	position: PositionType | null
	region: RegionCode | null
	tenureDays: number
	roles: Role[]
}

/** The fixed demo logins of ARCHITECTURE §7; tests and the README rely on them. */
export const demoLogins: Person[] = [
	{ email: 'hr@example.com', name: '周敏', position: null, region: null, tenureDays: 4 * 365 + 20, roles: ['hr_admin'] },
	{ email: 'manager@example.com', name: '陈刚', position: 'sales_rep', region: 'east', tenureDays: 6 * 365, roles: ['manager'] },
	{ email: 'mentor@example.com', name: '王磊', position: 'sales_rep', region: 'east', tenureDays: 3 * 365 + 40, roles: ['mentor'] },
	{ email: 'rep@example.com', name: '李娜', position: 'sales_rep', region: 'east', tenureDays: 220, roles: [] },
	{ email: 'newhire@example.com', name: '张伟', position: 'sales_rep', region: 'east', tenureDays: 21, roles: [] },
	{ email: 'marketing@example.com', name: '刘洋', position: 'marketing', region: 'east', tenureDays: 160, roles: [] },
	{ email: 'cs@example.com', name: '赵静', position: 'customer_success', region: 'east', tenureDays: 2 * 365 + 75, roles: [] },
]

const SURNAMES = [
	['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
	['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
	['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['高', 'gao'], ['罗', 'luo'],
] as const
const GIVEN = [
	['芳', 'fang'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['涛', 'tao'],
	['明', 'ming'], ['超', 'chao'], ['秀英', 'xiuying'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂英', 'guiying'],
	['婷', 'ting'], ['浩然', 'haoran'], ['子涵', 'zihan'], ['欣怡', 'xinyi'], ['宇轩', 'yuxuan'], ['思远', 'siyuan'],
	['晓东', 'xiaodong'], ['雪梅', 'xuemei'], ['建国', 'jianguo'], ['海燕', 'haiyan'], ['志强', 'zhiqiang'],
] as const

/** Roughly half reps, a quarter each marketing and customer success; tenures from days to years. */
function generatePeople(random: Random, perRegion: number, taken: Set<string>): Person[] {
	const people: Person[] = []
	for (const region of REGIONS) {
		const existing = demoLogins.filter((p) => p.region === region.code).length
		const needsManager = !demoLogins.some((p) => p.region === region.code && p.roles.includes('manager'))
		for (let i = existing; i < perRegion; i++) {
			let name = ''
			let email = ''
			do {
				const [sz, sp] = random.pick(SURNAMES)
				const [gz, gp] = random.pick(GIVEN)
				name = sz + gz
				email = `${sp}.${gp}${taken.has(`${sp}.${gp}@example.com`) ? random.int(2, 99) : ''}@example.com`
			} while (taken.has(email))
			taken.add(email)
			const isManager = needsManager && i === existing
			const roll = random.next()
			const position: PositionType = isManager || roll < 0.5 ? 'sales_rep' : roll < 0.75 ? 'marketing' : 'customer_success'
			// Tenure bands: a fifth new hires, a third intermediate, the rest core.
			const band = random.next()
			const tenureDays = isManager
				? random.int(4 * 365, 8 * 365)
				: band < 0.2
					? random.int(5, 88)
					: band < 0.53
						? random.int(95, 360)
						: random.int(370, 6 * 365)
			const roles: Role[] = isManager ? ['manager'] : tenureDays >= 540 && random.next() < 0.35 ? ['mentor'] : []
			people.push({ email, name, position, region: region.code, tenureDays, roles })
		}
	}
	return people
}

export function seedOrg(tx: Tx, { random, today, passwordHash }: { random: Random; today: string; passwordHash: string }) {
	const regionIds = new Map<RegionCode, number>()
	const teamIds = new Map<RegionCode, number>()
	for (const region of REGIONS) {
		const { id: regionId } = tx
			.insert(regions)
			.values({ code: region.code, nameZh: region.nameZh, nameEn: region.nameEn })
			.returning({ id: regions.id })
			.get()
		regionIds.set(region.code, regionId)
		const { id: teamId } = tx
			.insert(teams)
			.values({ ...region.team, regionId })
			.returning({ id: teams.id })
			.get()
		teamIds.set(region.code, teamId)
	}

	const taken = new Set(demoLogins.map((p) => p.email))
	const people = [...demoLogins, ...generatePeople(random, 20, taken)]
	const ids = new Map<string, number>()
	for (const person of people) {
		const teamId = person.region ? teamIds.get(person.region)! : null
		const { id } = tx
			.insert(users)
			.values({
				email: person.email,
				name: person.name,
				passwordHash,
				positionType: person.position,
				teamId,
				hireDate: daysBefore(today, person.tenureDays),
			})
			.returning({ id: users.id })
			.get()
		ids.set(person.email, id)
		const roles = Array.from(new Set<Role>(['staff', ...person.roles]))
		tx.insert(userRoles)
			.values(roles.map((role) => ({ userId: id, role })))
			.run()
		if (person.roles.includes('manager') && teamId)
			tx.update(teams).set({ managerId: id }).where(eq(teams.id, teamId)).run()
	}
	const roster = people.map((p) => ({ id: ids.get(p.email)!, email: p.email, tenureDays: p.tenureDays, hireDate: daysBefore(today, p.tenureDays), position: p.position }))
	return { people: people.length, ids, roster }
}
