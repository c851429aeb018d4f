import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { asc, eq, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { closeDatabase, getDb, openDatabase, setDatabase } from '#db/client.server.ts'
import { auditLog } from '#db/schema/audit.ts'
import { users } from '#db/schema/auth.ts'
import { indicators, kpiAlerts, kpiImportBatches, kpiImportChanges, kpiRecords, kpiStalePeriods } from '#db/schema/performance.ts'
import { verifyAuditChain } from '#app/modules/audit/audit.server.ts'
import { commitImport, dryRun, importHistory, revertBatch, sha256Hex, stagingDir } from '#app/modules/performance/import.server.ts'
import { action as importAction, loader as importLoader } from '#app/routes/_shell.admin.kpi.import.tsx'
import { loader as csvTemplateLoader } from '#app/routes/_shell.admin.kpi.import.template[.csv].ts'
import { loader as xlsxTemplateLoader } from '#app/routes/_shell.admin.kpi.import.template[.xlsx].ts'
import { setClock } from '#app/utils/clock.server.ts'
import { popToast } from '#app/utils/toast.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { formRequest, getRequest, ORIGIN, sessionCookieFor, settle } from '#test/helpers/requests.ts'
import { indicatorId } from './helpers.ts'

const { db } = withFreshDatabase()

const TEMPLATE_DB = path.resolve('test/.tmp/template.db')
const TODAY = new Date('2026-03-02T02:00:00Z') // 10:00 in Shanghai, 2026-03-02
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('test/fixtures/kpi', name)))
/** A CSV as Chinese Excel saves UTF-8: BOM and CRLF. */
const csv = (...lines: string[]) => new Uint8Array(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`))
const HEADER = '邮箱,指标,日期,数值,证据'

// Staged uploads live beside DATABASE_PATH; each test gets its own directory.
let stageRoot = ''
const previousDatabasePath = process.env.DATABASE_PATH
beforeEach(() => {
	stageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-kpi-stage-'))
	process.env.DATABASE_PATH = path.join(stageRoot, 'ascent.db')
})
afterEach(() => {
	if (previousDatabasePath === undefined) delete process.env.DATABASE_PATH
	else process.env.DATABASE_PATH = previousDatabasePath
	fs.rmSync(stageRoot, { recursive: true, force: true })
})

async function setup() {
	setClock(TODAY)
	const hr = await createTestUser({ email: 'hr@example.com', name: '周敏', roles: ['hr_admin'], positionType: null })
	const rep = await createTestUser({ email: 'rep@example.com', name: '李娜', password: null })
	const lina = await createTestUser({ email: 'li.na@example.com', name: '李娜二', password: null })
	return { hr, rep, lina }
}

const count = (table: typeof kpiRecords | typeof kpiImportBatches | typeof kpiImportChanges) =>
	db().select({ n: sql<number>`count(*)` }).from(table).get()!.n
const auditRows = () => db().select().from(auditLog).orderBy(asc(auditLog.id)).all()
const kpiAudit = () => auditRows().filter((a) => a.action.startsWith('kpi.'))
const records = () =>
	db()
		.select({
			email: users.email,
			code: indicators.code,
			date: kpiRecords.date,
			value: kpiRecords.value,
			evidence: kpiRecords.evidence,
			source: kpiRecords.source,
			batchId: kpiRecords.batchId,
		})
		.from(kpiRecords)
		.innerJoin(users, eq(users.id, kpiRecords.userId))
		.innerJoin(indicators, eq(indicators.id, kpiRecords.indicatorId))
		.orderBy(asc(kpiRecords.id))
		.all()
const brief = (problems: Array<{ line: number; column: string; key: string }>) =>
	problems.map((p) => [p.line, p.column, p.key.replace('kpiImport.errors.', '')])

describe('dry run and commit', () => {
	test('a GB18030 file from Chinese Excel: the dry run counts it and writes nothing; the commit writes it all', async () => {
		const { hr } = await setup()
		const file = { bytes: fixture('records-gb18030.csv'), fileName: '二月数据.csv' }

		const dry = await dryRun(file)
		expect(dry.problems).toEqual([])
		expect(dry.counts).toEqual({ rows: 3, insert: 3, update: 0, unchanged: 0 })
		expect(dry.mapping?.columns).toEqual({ email: 0, indicator: 1, date: 2, value: 3, evidence: 4 })
		expect(dry.alreadyImported).toBeNull()
		expect(count(kpiRecords)).toBe(0)
		expect(count(kpiImportBatches)).toBe(0)

		const outcome = await commitImport(file, hr)
		expect(outcome).toEqual({ status: 'committed', batchId: expect.any(Number), rows: 3, inserted: 3, updated: 0, unchanged: 0 })
		const batchId = outcome.status === 'committed' ? outcome.batchId : 0
		expect(records()).toEqual([
			{ email: 'rep@example.com', code: 'revenue', date: '2026-02-27', value: 12800, evidence: '合同 HT-0227（客户赵䶮）', source: 'import', batchId },
			{ email: 'rep@example.com', code: 'new_customers', date: '2026-02-27', value: 2, evidence: null, source: 'import', batchId },
			// Weekly indicators are recorded on the Monday of the week.
			{ email: 'li.na@example.com', code: 'weekly_visits', date: '2026-02-23', value: 15, evidence: null, source: 'import', batchId },
		])
		const batch = db().select().from(kpiImportBatches).get()!
		expect(batch).toMatchObject({ kind: 'file', fileName: '二月数据.csv', sha256: sha256Hex(file.bytes), actorId: hr.id, rows: 3, inserted: 3, updated: 0, unchanged: 0 })
		expect(db().select().from(kpiImportChanges).all().map((c) => [c.batchId, c.previousValue])).toEqual([
			[batchId, null],
			[batchId, null],
			[batchId, null],
		])
		// One audit row for the batch (no per-row noise for inserts).
		const audit = kpiAudit()
		expect(audit.map((a) => [a.action, a.actorId, a.batchId])).toEqual([['kpi.import', hr.id, batchId]])
		expect(JSON.parse(audit[0]!.data)).toMatchObject({ fileName: '二月数据.csv', sha256: sha256Hex(file.bytes), rows: 3, inserted: 3, updated: 0, unchanged: 0 })
		expect(verifyAuditChain()).toBeNull()
		// The stored scores of February and Q1 are rebuilt on the next read.
		expect(db().select().from(kpiStalePeriods).all().map((p) => p.period).sort()).toEqual(['2026-02', '2026-Q1'])
		expect(importHistory()).toEqual([
			expect.objectContaining({ id: batchId, kind: 'file', fileName: '二月数据.csv', actor: { id: hr.id, name: '周敏', email: 'hr@example.com' }, rows: 3, inserted: 3, revertedAt: null }),
		])
	})

	test('uploading the same file again is a no-op, and the dry run says so', async () => {
		const { hr } = await setup()
		const file = { bytes: fixture('records-gb18030.csv'), fileName: 'a.csv' }
		const first = await commitImport(file, hr)
		const before = { audit: auditRows().length, records: records() }

		const again = await commitImport({ ...file, fileName: 'renamed.csv' }, hr)

		expect(again).toEqual({ status: 'alreadyImported', alreadyImported: first.status === 'committed' ? first.batchId : -1 })
		expect(count(kpiImportBatches)).toBe(1)
		expect(auditRows().length).toBe(before.audit)
		expect(records()).toEqual(before.records)
		expect((await dryRun(file)).alreadyImported).toEqual({ batchId: first.status === 'committed' ? first.batchId : -1, at: TODAY.getTime() })
	})

	test('a row whose key is already imported updates the value, audited with before and after; identical rows are unchanged', async () => {
		const { hr } = await setup()
		const first = await commitImport({ bytes: fixture('records-gb18030.csv'), fileName: 'a.csv' }, hr)
		const second = {
			bytes: csv(HEADER, 'rep@example.com,revenue,2026-02-27,"13,500",', 'rep@example.com,new_customers,2026-02-27,2,', 'rep@example.com,revenue,2026-02-28,900,'),
			fileName: 'b.csv',
		}
		expect((await dryRun(second)).counts).toEqual({ rows: 3, insert: 1, update: 1, unchanged: 1 })

		const outcome = await commitImport(second, hr)
		expect(outcome).toMatchObject({ status: 'committed', rows: 3, inserted: 1, updated: 1, unchanged: 1 })
		const firstId = first.status === 'committed' ? first.batchId : -1
		const secondId = outcome.status === 'committed' ? outcome.batchId : -1
		const revenue = records().filter((r) => r.code === 'revenue')
		// The evidence the row did not give is kept.
		expect(revenue).toEqual([
			expect.objectContaining({ date: '2026-02-27', value: 13500, evidence: '合同 HT-0227（客户赵䶮）', batchId: secondId }),
			expect.objectContaining({ date: '2026-02-28', value: 900, batchId: secondId }),
		])
		expect(records().find((r) => r.code === 'new_customers')).toMatchObject({ value: 2, batchId: firstId })
		const updates = kpiAudit().filter((a) => a.action === 'kpi.record.update')
		expect(updates).toHaveLength(1)
		expect(updates[0]).toMatchObject({ actorId: hr.id, batchId: secondId, entity: 'kpi_record' })
		expect(JSON.parse(updates[0]!.data)).toMatchObject({
			date: '2026-02-27',
			before: { value: 12800, evidence: '合同 HT-0227（客户赵䶮）' },
			after: { value: 13500, evidence: '合同 HT-0227（客户赵䶮）' },
		})
		const changes = db().select().from(kpiImportChanges).where(eq(kpiImportChanges.batchId, secondId)).all()
		expect(changes.map((c) => [c.previousValue, c.previousBatchId])).toEqual(
			expect.arrayContaining([
				[12800, firstId],
				[null, null],
			]),
		)
		expect(changes).toHaveLength(2)
		expect(verifyAuditChain()).toBeNull()
	})

	test('reverting restores what a batch changed; a batch cannot be reverted under a later one or twice', async () => {
		const { hr } = await setup()
		const fileA = { bytes: fixture('records-gb18030.csv'), fileName: 'a.csv' }
		const a = await commitImport(fileA, hr)
		const b = await commitImport({ bytes: csv(HEADER, 'rep@example.com,revenue,2026-02-27,13500,', 'rep@example.com,revenue,2026-02-28,900,'), fileName: 'b.csv' }, hr)
		const aId = a.status === 'committed' ? a.batchId : -1
		const bId = b.status === 'committed' ? b.batchId : -1
		db().delete(kpiStalePeriods).run()

		expect(revertBatch(aId, hr)).toEqual({
			ok: false,
			batchId: aId,
			reason: 'superseded',
			laterBatchId: bId,
			record: { email: 'rep@example.com', nameZh: '销售额', nameEn: 'Sales revenue', code: 'revenue', date: '2026-02-27' },
		})
		expect(records()).toHaveLength(4)

		expect(revertBatch(bId, hr)).toEqual({ ok: true, batchId: bId, deleted: 1, restored: 1 })
		expect(records().map((r) => [r.code, r.date, r.value, r.batchId])).toEqual([
			['revenue', '2026-02-27', 12800, aId],
			['new_customers', '2026-02-27', 2, aId],
			['weekly_visits', '2026-02-23', 15, aId],
		])
		expect(db().select().from(kpiStalePeriods).all().map((p) => p.period).sort()).toEqual(['2026-02', '2026-Q1'])
		expect(revertBatch(bId, hr)).toEqual({ ok: false, batchId: bId, reason: 'alreadyReverted' })

		expect(revertBatch(aId, hr)).toEqual({ ok: true, batchId: aId, deleted: 3, restored: 0 })
		expect(records()).toEqual([])
		expect(importHistory().map((h) => [h.id, h.revertedAt, h.revertedBy])).toEqual([
			[bId, TODAY.getTime(), { id: hr.id, name: '周敏' }],
			[aId, TODAY.getTime(), { id: hr.id, name: '周敏' }],
		])
		expect(kpiAudit().map((x) => x.action)).toEqual([
			'kpi.import',
			'kpi.record.update',
			'kpi.import',
			'kpi.record.update',
			'kpi.import.revert',
			'kpi.import.revert',
		])
		expect(verifyAuditChain()).toBeNull()
		// A reverted file may be imported again.
		expect(await commitImport(fileA, hr)).toMatchObject({ status: 'committed', inserted: 3 })
		expect(revertBatch(999, hr)).toEqual({ ok: false, batchId: 999, reason: 'notFound' })
	})

	test('a record changed by hand since the import blocks the revert', async () => {
		const { hr } = await setup()
		const a = await commitImport({ bytes: fixture('records-gb18030.csv'), fileName: 'a.csv' }, hr)
		const aId = a.status === 'committed' ? a.batchId : -1
		db().update(kpiRecords).set({ value: 1, batchId: null }).where(eq(kpiRecords.indicatorId, indicatorId('new_customers'))).run()

		expect(revertBatch(aId, hr)).toMatchObject({ ok: false, reason: 'manual', record: { email: 'rep@example.com', code: 'new_customers' } })
		expect(records()).toHaveLength(3)
	})

	test('.xlsx: line numbers are worksheet rows; Excel dates, percent cells and links are read; formulas are refused', async () => {
		const { hr } = await setup()
		const build = async (withFormula: boolean) => {
			const workbook = new ExcelJS.Workbook()
			const sheet = workbook.addWorksheet('数据')
			sheet.getRow(1).values = ['Email', 'Indicator', 'Date', 'Value', 'Evidence']
			sheet.getRow(2).values = [{ text: 'rep@example.com', hyperlink: 'mailto:rep@example.com' }, '销售额', new Date(Date.UTC(2026, 1, 27)), 12800.5, 'SO-1']
			// Row 3 left empty; row 4 a percent-formatted cell (Excel stores 92.5 % as 0.925).
			sheet.getRow(4).values = ['li.na@example.com', 'complaint_satisfaction', '2026-02-10', 0.925]
			sheet.getRow(4).getCell(4).numFmt = '0.0%'
			sheet.getRow(5).values = ['li.na@example.com', 'new_customers', new Date(Date.UTC(2026, 1, 28)), withFormula ? { formula: 'B2*2', result: 4 } : 4]
			return new Uint8Array(await workbook.xlsx.writeBuffer())
		}
		const bad = await dryRun({ bytes: await build(true), fileName: 'crm.xlsx' })
		expect(bad.format).toBe('xlsx')
		expect(brief(bad.problems)).toEqual([[5, 'Value', 'formula']])
		expect(bad.counts).toEqual({ rows: 3, insert: 2, update: 0, unchanged: 0 })

		expect(await commitImport({ bytes: await build(false), fileName: 'crm.xlsx' }, hr)).toMatchObject({ status: 'committed', inserted: 3 })
		expect(records().map((r) => [r.email, r.code, r.date, r.value, r.evidence])).toEqual([
			['rep@example.com', 'revenue', '2026-02-27', 12800.5, 'SO-1'],
			['li.na@example.com', 'complaint_satisfaction', '2026-02-01', 92.5, null],
			['li.na@example.com', 'new_customers', '2026-02-28', 4, null],
		])
	})

	test('a required column with an unrecognised header is chosen from the file’s headers', async () => {
		const { hr } = await setup()
		const bytes = csv('员工账号,指标,日期,数值', 'rep@example.com,revenue,2026-02-27,100', 'li.na@example.com,revenue,2026-02-27,200')
		const dry = await dryRun({ bytes, fileName: 'crm.csv' })
		expect(brief(dry.problems)).toEqual([[1, '邮箱', 'missingColumn']])
		expect(dry.mapping?.missing).toEqual(['email'])
		expect(dry.mapping?.labels).toEqual(['员工账号', '指标', '日期', '数值'])
		expect(dry.counts.rows).toBe(2)

		const chosen = await dryRun({ bytes, fileName: 'crm.csv', choice: { email: 0 } })
		expect(chosen.problems).toEqual([])
		expect(chosen.counts).toEqual({ rows: 2, insert: 2, update: 0, unchanged: 0 })
		expect(await commitImport({ bytes, fileName: 'crm.csv' }, hr)).toMatchObject({ status: 'invalid' })
		expect(await commitImport({ bytes, fileName: 'crm.csv', choice: { email: 0 } }, hr)).toMatchObject({ status: 'committed', inserted: 2 })
	})

	test('files that cannot be read are one problem for the whole file', async () => {
		await setup()
		const check = async (bytes: Uint8Array, fileName = 'x.csv') => brief((await dryRun({ bytes, fileName })).problems)
		const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('邮箱,指标\r\n', 'utf16le')])
		expect(await check(utf16)).toEqual([[0, '', 'encoding']])
		expect(await check(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls')).toEqual([[0, '', 'xls']])
		expect(await check(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.xlsx')).toEqual([[0, '', 'xlsx']])
		expect(await check(new Uint8Array())).toEqual([[0, '', 'empty']])
		expect(await check(csv(HEADER))).toEqual([[2, '', 'noRows']])
		// An unclosed quote is reported at the line that opened it.
		expect(await check(csv(HEADER, 'rep@example.com,revenue,2026-02-27,1,', 'rep@example.com,revenue,2026-02-26,1,"oops'))).toEqual([[3, '', 'csv']])
		// Semicolons (Excel in a European locale) are understood.
		const semi = await dryRun({ bytes: csv('email;indicator;date;value', 'rep@example.com;revenue;2026-02-27;1'), fileName: 'x.csv' })
		expect(semi.problems).toEqual([])
		expect(semi.counts.insert).toBe(1)
	})

	test('alert rules run for the people in a batch once it has committed', async () => {
		const { hr, rep } = await setup()
		// The seeded rule: lead conversion (won ÷ assigned) below 10 % three days running.
		const lines = ['2026-02-27', '2026-02-28', '2026-03-01'].flatMap((d) => [`rep@example.com,leads_assigned,${d},20,`, `rep@example.com,leads_won,${d},1,`])
		expect(await commitImport({ bytes: csv(HEADER, ...lines), fileName: 'leads.csv' }, hr)).toMatchObject({ status: 'committed', inserted: 6 })
		const alerts = db().select().from(kpiAlerts).all()
		expect(alerts.map((a) => [a.userId, a.status, a.fromDate, a.toDate])).toEqual([[rep.id, 'open', '2026-02-27', '2026-03-01']])
	})
})

/**
 * 10,000 rows, every tenth one (1,000 in all) with exactly one planted error, the kinds in turn. Valid
 * rows include Chinese indicator names, quoted evidence with line breaks inside (so physical lines and
 * rows differ) and CRLF line ends; the "wrong encoding" rows carry GB18030 bytes in a UTF-8 file.
 */
function plantedFile(emails: readonly string[]) {
	const codes = ['new_customers', 'leads_assigned', 'leads_won', 'leads', 'content_reach', 'revenue', 'expansion_revenue', 'resolution_time']
	const zhNames: Record<string, string> = { new_customers: '新客户数', leads: '线索量', revenue: '销售额', content_reach: '内容曝光量' }
	const dates = Array.from({ length: 25 }, (_, d) => new Date(Date.UTC(2026, 0, 15 + d)).toISOString().slice(0, 10))
	const gbBytes = Buffer.from([191, 205, 187, 167, 194, 250, 210, 226]) // "客户满意" in GB18030
	const chunks: Buffer[] = [Buffer.from(`\uFEFF${HEADER}\r\n`)]
	const expected: Array<[number, string, string]> = []
	const duplicates: Array<[number, number]> = []
	const keys: Array<{ email: string; code: string; date: string; line: number }> = []
	let line = 2
	const kinds = ['date', 'negative', 'unknownPerson', 'unknownIndicator', 'duplicateInFile', 'formula', 'cellEncoding'] as const
	for (let i = 0; i < 10_000; i++) {
		const email = emails[i % emails.length]!
		const code = codes[Math.floor(i / emails.length) % codes.length]!
		const date = dates[Math.floor(i / (emails.length * codes.length))]!
		let cells = [email, i % 3 === 0 ? (zhNames[code] ?? code) : code, date, String((i % 37) + 1), '']
		let tail: Buffer | null = null
		let lines = 1
		if (i % 100 === 3) {
			cells[4] = '"第一行\r\n第二行 ""引号"""'
			lines = 2
		} else if (i % 10 === 7) cells[4] = `CRM 订单 SO-${i}`
		if (i % 10 === 5) {
			const kind = kinds[((i - 5) / 10) % kinds.length]!
			const n = (i - 5) / 10
			switch (kind) {
				case 'date': {
					const bad = ['2026-02-30', '2026/13/01', '昨天', '2026-03-05'][n % 4]!
					cells[2] = bad
					expected.push([line, '日期', bad === '2026-03-05' ? 'dateInFuture' : 'date'])
					break
				}
				case 'negative':
					cells[3] = `-${(n % 9) + 1}`
					expected.push([line, '数值', 'negative'])
					break
				case 'unknownPerson':
					cells[0] = `nobody${i}@example.com`
					expected.push([line, '邮箱', 'unknownPerson'])
					break
				case 'unknownIndicator':
					cells[1] = '销售量'
					expected.push([line, '指标', 'unknownIndicator'])
					break
				case 'duplicateInFile': {
					const original = keys[i - 5]!
					cells = [original.email.toUpperCase(), original.code, original.date, '7', '']
					expected.push([line, '邮箱', 'duplicateInFile'])
					duplicates.push([line, original.line])
					break
				}
				case 'formula': {
					const which = n % 3
					if (which === 0) cells[4] = '"=HYPERLINK(""http://evil.example"",""点我"")"'
					else if (which === 1) cells[3] = '+5'
					else cells[1] = '@revenue'
					expected.push([line, which === 0 ? '证据' : which === 1 ? '数值' : '指标', 'formula'])
					break
				}
				case 'cellEncoding':
					tail = gbBytes
					expected.push([line, '证据', 'cellEncoding'])
					break
			}
		}
		keys.push({ email: cells[0]!, code, date: cells[2]!, line })
		chunks.push(Buffer.from(cells.join(',')))
		if (tail) chunks.push(tail)
		chunks.push(Buffer.from('\r\n'))
		line += lines
	}
	return { bytes: new Uint8Array(Buffer.concat(chunks)), expected, duplicates }
}

describe('bad input', () => {
	test('10,000 rows with 1,000 planted errors: exactly those errors, at the right lines, and nothing written', async () => {
		const { hr } = await setup()
		const emails = Array.from({ length: 50 }, (_, i) => `rep${i}@example.com`)
		const insert = getDb().$client.prepare(`insert into users (email, name, position_type, hire_date) values (?, ?, 'sales_rep', '2025-01-01')`)
		for (const email of emails) insert.run(email, email)
		const { bytes, expected, duplicates } = plantedFile(emails)
		expect(expected).toHaveLength(1000)

		const dry = await dryRun({ bytes, fileName: 'planted.csv' })
		expect(dry.problemCount).toBe(1000)
		expect(brief(dry.problems)).toEqual(expected)
		// The duplicates name the line of the first occurrence.
		expect(dry.problems.filter((p) => p.key === 'kpiImport.errors.duplicateInFile').map((p) => [p.line, p.values.line])).toEqual(duplicates)
		expect(dry.counts.rows).toBe(10_000)
		expect(dry.counts.insert).toBe(9000)

		const before = auditRows().length
		expect(await commitImport({ bytes, fileName: 'planted.csv' }, hr)).toMatchObject({ status: 'invalid' })
		expect(count(kpiRecords)).toBe(0)
		expect(count(kpiImportBatches)).toBe(0)
		expect(count(kpiImportChanges)).toBe(0)
		expect(auditRows().length).toBe(before)
	})

	test('a process killed in the middle of an import leaves no row of that batch', { timeout: 120_000 }, async () => {
		closeDatabase()
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-kpi-kill-'))
		try {
			const file = path.join(dir, 'kill.db')
			fs.copyFileSync(TEMPLATE_DB, file)
			setDatabase(openDatabase(file))
			const raw = getDb().$client
			const people = Array.from({ length: 200 }, (_, i) => `kill${i}@example.com`)
			const insert = raw.prepare(`insert into users (email, name, position_type, hire_date) values (?, ?, ?, '2025-01-01')`)
			raw.transaction(() => people.forEach((email) => insert.run(email, email, 'sales_rep')))()
			const actorId = Number(insert.run('kill.hr@example.com', 'HR', null).lastInsertRowid)
			const codes = ['revenue', 'new_customers', 'leads_assigned', 'leads_won', 'leads']
			const lines = [HEADER]
			for (let d = 0; d < 150; d++) {
				const date = new Date(Date.UTC(2026, 2, 1 - d)).toISOString().slice(0, 10)
				for (const email of people) for (const code of codes) lines.push(`${email},${code},${date},${d % 17},`)
			}
			const rows = lines.length - 1
			const csvFile = path.join(dir, 'big.csv')
			fs.writeFileSync(csvFile, lines.join('\r\n'))
			closeDatabase()

			const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/kpi/kill-import.ts'], {
				env: { ...process.env, DATABASE_PATH: file, KPI_IMPORT_FILE: csvFile, KPI_IMPORT_ACTOR: String(actorId), KPI_IMPORT_HOLD_AT: '100000', ASCENT_NOW: TODAY.toISOString(), NODE_ENV: 'test' },
				stdio: ['ignore', 'pipe', 'pipe'],
			})
			let out = ''
			let err = ''
			child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
			let killedAt = 0
			const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
			child.stdout!.on('data', (chunk: Buffer) => {
				out += chunk.toString()
				const written = [...out.matchAll(/written (\d+)/g)].map((m) => Number(m[1]))
				if (!killedAt && written.some((n) => n >= 100_000)) {
					killedAt = Math.max(...written)
					child.kill('SIGKILL')
				}
			})
			await exited
			expect(child.signalCode, err).toBe('SIGKILL')
			expect(killedAt).toBe(100_000)
			expect(killedAt).toBeLessThan(rows)
			expect(out).not.toContain('done')
			// The killed transaction had already spilled pages into the WAL; none of them may count.
			expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0)

			setDatabase(openDatabase(file))
			const n = (table: string) => (getDb().$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
			expect(n('kpi_records')).toBe(0)
			expect(n('kpi_import_batches')).toBe(0)
			expect(n('kpi_import_changes')).toBe(0)
			expect(n('kpi_stale_periods')).toBe(0)
			expect((getDb().$client.prepare(`select count(*) as n from audit_log where action like 'kpi.%'`).get() as { n: number }).n).toBe(0)
			expect(getDb().$client.pragma('integrity_check', { simple: true })).toBe('ok')

			// The database is intact: the same file imports completely afterwards.
			setClock(TODAY)
			const again = await commitImport({ bytes: new Uint8Array(fs.readFileSync(csvFile)), fileName: 'big.csv' }, { id: actorId })
			expect(again).toMatchObject({ status: 'committed', inserted: rows })
			expect(n('kpi_records')).toBe(rows)
		} finally {
			closeDatabase()
			fs.rmSync(dir, { recursive: true, force: true })
		}
	})
})

describe('/admin/kpi/import', () => {
	const args = (request: Request) => ({ request, params: {}, context: {} })
	type LoaderData = Awaited<ReturnType<typeof importLoader>>

	function upload(bytes: Uint8Array, cookie: string, { fileName = 'crm.csv', scripted = false } = {}) {
		const form = new FormData()
		form.append('file', new File([Buffer.from(bytes)], fileName, { type: 'text/csv' }))
		const headers: Record<string, string> = { cookie, origin: ORIGIN }
		if (scripted) headers['x-requested-with'] = 'XMLHttpRequest'
		return new Request(`${ORIGIN}/admin/kpi/import`, { method: 'POST', headers, body: form })
	}

	async function toastOf(res: Response) {
		const cookie = res.headers.get('set-cookie')!.split(';')[0]!
		return (await popToast(new Request(ORIGIN, { headers: { cookie } }))).toast
	}

	test('upload → dry run → commit → history → revert, all with plain forms', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const bytes = fixture('records-gb18030.csv')
		const sha = sha256Hex(bytes)

		const uploaded = (await settle(() => importAction(args(upload(bytes, cookie, { fileName: '二月.csv' }))))) as Response
		expect(uploaded.status).toBe(302)
		expect(uploaded.headers.get('location')).toBe(`/admin/kpi/import?file=${sha}`)
		expect(fs.existsSync(path.join(stagingDir(), sha))).toBe(true)
		expect(stagingDir()).toBe(path.join(stageRoot, 'kpi-import'))

		const page = (await importLoader(args(getRequest(`/admin/kpi/import?file=${sha}`, { cookie })))) as LoaderData
		expect(page.dry).toMatchObject({ fileName: '二月.csv', sha256: sha, problemCount: 0, counts: { rows: 3, insert: 3, update: 0, unchanged: 0 } })
		expect(page.dry?.mapping?.headers.map((h) => [h.label, h.field])).toEqual([
			['邮箱', 'email'],
			['指标', 'indicator'],
			['日期', 'date'],
			['数值', 'value'],
			['证据', 'evidence'],
		])
		expect(count(kpiRecords)).toBe(0)

		const committed = (await settle(() => importAction(args(formRequest('/admin/kpi/import', { intent: 'commit', file: sha }, { cookie }))))) as Response
		expect(committed.status).toBe(302)
		expect(committed.headers.get('location')).toBe('/admin/kpi/import')
		const batchId = db().select().from(kpiImportBatches).get()!.id
		expect(await toastOf(committed)).toEqual({ kind: 'success', key: 'kpiImport.toast.committed', values: { batch: batchId, inserted: '3', updated: '0', unchanged: '0' } })
		expect(count(kpiRecords)).toBe(3)
		expect(fs.existsSync(path.join(stagingDir(), sha))).toBe(false)

		const after = (await importLoader(args(getRequest('/admin/kpi/import', { cookie })))) as LoaderData
		expect(after.dry).toBeNull()
		expect(after.history.map((h) => [h.id, h.fileName, h.sha256, h.inserted, h.actor?.name])).toEqual([[batchId, '二月.csv', sha, 3, '周敏']])

		const reverted = (await settle(() => importAction(args(formRequest('/admin/kpi/import', { intent: 'revert', batchId: String(batchId) }, { cookie }))))) as Response
		expect(await toastOf(reverted)).toEqual({ kind: 'success', key: 'kpiImport.toast.reverted', values: { batch: batchId, deleted: '3', restored: '0' } })
		expect(count(kpiRecords)).toBe(0)
		const again = (await settle(() => importAction(args(formRequest('/admin/kpi/import', { intent: 'revert', batchId: String(batchId) }, { cookie }))))) as Response
		expect(await toastOf(again)).toMatchObject({ kind: 'error', key: 'kpiImport.toast.revertAlready' })
	})

	test('a file with problems shows them on the page and cannot be committed', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const bytes = csv(HEADER, 'rep@example.com,revenue,2026-02-27,1,', 'nobody@example.com,revenue,2026-02-27,-1,=1')
		const sha = sha256Hex(bytes)
		await settle(() => importAction(args(upload(bytes, cookie))))
		const page = (await importLoader(args(getRequest(`/admin/kpi/import?file=${sha}`, { cookie })))) as LoaderData
		expect(page.dry?.problemCount).toBe(3)
		expect(brief(page.dry!.problems)).toEqual([
			[3, '邮箱', 'unknownPerson'],
			[3, '数值', 'negative'],
			[3, '证据', 'formula'],
		])
		expect(page.dry?.reasons.map((r) => r.count)).toEqual([1, 1, 1])

		const res = (await settle(() => importAction(args(formRequest('/admin/kpi/import', { intent: 'commit', file: sha }, { cookie }))))) as Response
		expect(res.headers.get('location')).toBe(`/admin/kpi/import?file=${sha}`)
		expect(await toastOf(res)).toMatchObject({ kind: 'error', key: 'kpiImport.toast.invalid' })
		expect(count(kpiRecords)).toBe(0)
	})

	test('the column choice travels from the mapping form to the commit', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const bytes = csv('账号,指标,日期,数值', 'rep@example.com,revenue,2026-02-27,5')
		const sha = sha256Hex(bytes)
		await settle(() => importAction(args(upload(bytes, cookie))))
		const missing = (await importLoader(args(getRequest(`/admin/kpi/import?file=${sha}`, { cookie })))) as LoaderData
		expect(missing.dry?.mapping?.missing).toEqual(['email'])
		const chosen = (await importLoader(args(getRequest(`/admin/kpi/import?file=${sha}&map.email=0`, { cookie })))) as LoaderData
		expect(chosen.dry?.problemCount).toBe(0)
		expect(chosen.dry?.choice).toEqual([['map.email', '0']])
		await settle(() => importAction(args(formRequest('/admin/kpi/import', { intent: 'commit', file: sha, 'map.email': '0' }, { cookie }))))
		expect(records().map((r) => [r.email, r.value])).toEqual([['rep@example.com', 5]])
	})

	test('a scripted upload is sent to a page without the dry run; an unknown file has expired', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const bytes = fixture('records-gb18030.csv')
		const res = (await settle(() => importAction(args(upload(bytes, cookie, { scripted: true }))))) as Response
		expect(res.headers.get('location')).toBe(`/admin/kpi/import?file=${sha256Hex(bytes)}&staged=1`)
		const staged = (await importLoader(args(getRequest(res.headers.get('location')!, { cookie })))) as LoaderData
		expect(staged.dry).toBeNull()
		expect(staged.expired).toBe(false)
		const gone = (await importLoader(args(getRequest(`/admin/kpi/import?file=${'0'.repeat(64)}`, { cookie })))) as LoaderData
		expect(gone.expired).toBe(true)
		const traversal = (await importLoader(args(getRequest('/admin/kpi/import?file=../../etc/passwd', { cookie })))) as LoaderData
		expect(traversal.expired).toBe(true)
	})

	test('an upload declared larger than 100 MB is refused before it is read', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const request = new Request(`${ORIGIN}/admin/kpi/import`, {
			method: 'POST',
			headers: { cookie, origin: ORIGIN, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(101 * 1024 * 1024) },
			body: '--x--',
		})
		const res = (await settle(() => importAction(args(request)))) as Response
		expect(res.status).toBe(413)
	})

	test('only HR reaches the page, its actions and the templates', async () => {
		await setup()
		const staff = await createTestUser({ email: 'staff@example.com' })
		const cookie = await sessionCookieFor(staff.id)
		const runs: Array<() => Promise<unknown>> = [
			() => importLoader(args(getRequest('/admin/kpi/import', { cookie }))),
			() => importAction(args(formRequest('/admin/kpi/import', { intent: 'revert', batchId: '1' }, { cookie }))),
			() => csvTemplateLoader(args(getRequest('/admin/kpi/import/template.csv', { cookie }))),
			() => xlsxTemplateLoader(args(getRequest('/admin/kpi/import/template.xlsx', { cookie }))),
		]
		for (const run of runs) {
			const res = (await settle(run)) as Response
			expect(res.status).toBe(403)
		}
	})

	test('the templates download and import cleanly as they are', async () => {
		const { hr } = await setup()
		const cookie = await sessionCookieFor(hr.id)
		const csvRes = (await csvTemplateLoader(args(getRequest('/admin/kpi/import/template.csv', { cookie })))) as Response
		expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(csvRes.headers.get('content-disposition')).toMatch(/^attachment; filename="ascent-kpi-import-template.csv"/)
		const csvBytes = new Uint8Array(await csvRes.arrayBuffer())
		expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csvBytes)
		expect(text.startsWith('\uFEFF邮箱,指标,日期,数值,证据\r\n')).toBe(true)
		expect(text.endsWith('\r\n')).toBe(true)
		expect(text.replace(/\r\n/g, '')).not.toContain('\n')
		expect(text).toContain('rep@example.com')
		const fromCsv = await dryRun({ bytes: csvBytes, fileName: 'template.csv' })
		expect(fromCsv.problems).toEqual([])
		expect(fromCsv.counts.insert).toBe(6)

		const xlsxRes = (await xlsxTemplateLoader(args(getRequest('/admin/kpi/import/template.xlsx?lng=en', { cookie })))) as Response
		expect(xlsxRes.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
		const xlsxBytes = new Uint8Array(await xlsxRes.arrayBuffer())
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(Buffer.from(xlsxBytes) as unknown as ExcelJS.Buffer)
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['KPI data', 'Importable indicators'])
		expect(workbook.worksheets[0]!.getRow(1).values).toEqual([undefined, 'email', 'indicator', 'date', 'value', 'evidence'])
		expect(workbook.worksheets[0]!.getRow(2).getCell(3).value).toBeInstanceOf(Date)
		const fromXlsx = await dryRun({ bytes: xlsxBytes, fileName: 'template.xlsx' })
		expect(fromXlsx.problems).toEqual([])
		expect(await commitImport({ bytes: xlsxBytes, fileName: 'template.xlsx' }, hr)).toMatchObject({ status: 'committed', inserted: 6 })
	})
})
