import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterEach, expect, test } from 'vitest'
import { closeDatabase, getDb, openDatabase, setDatabase } from '#db/client.server.ts'
import { attemptQuestions, examAttempts, exams } from '#db/schema/exams.ts'
import { startAttempt } from '#app/modules/exams/attempts.server.ts'
import { upsertExam } from '#app/modules/exams/bank.server.ts'
import type { BankQuestion } from '#app/modules/exams/bank.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'

/*
 * Exam answers are acknowledged only after a durable commit (ARCHITECTURE §6). The server here is
 * test/helpers/autosave-server.ts — the real saveAnswers behind a bare HTTP listener on a connection
 * opened by openDatabase, because the suite runs before the build. It is SIGKILLed while autosaves
 * are in flight and restarted on the same file; every write that got a 2xx must be there.
 * A SIGKILL loses the process, not the OS page cache: this proves no write is acknowledged before it
 * committed and that the file recovers, not what an fsync survives on power loss.
 */

const TEMPLATE_DB = path.resolve('test/.tmp/template.db')
const TAKERS = 32
const QUESTIONS = 10
const OPTIONS = 4
const ACKS_BEFORE_KILL = 300

type Write = { seq: number; position: number; chosen: string[] }
type Chain = { userId: number; attemptId: number; options: Map<number, string[]>; acked: Write[]; pending: Write | null }

let dir = ''
const children: ChildProcess[] = []

afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
	closeDatabase()
	if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** Starts the autosave server on the file; resolves with its base URL once it listens. */
function startServer(file: string): Promise<{ child: ChildProcess; base: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/autosave-server.ts'], {
		env: { ...process.env, DATABASE_PATH: file, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	children.push(child)
	return new Promise((resolve, reject) => {
		let out = ''
		let err = ''
		child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString()
			const port = /listening (\d+)/.exec(out)?.[1]
			if (port) resolve({ child, base: `http://127.0.0.1:${port}` })
		})
		child.on('exit', (code) => reject(new Error(`autosave server exited ${code} before listening:\n${err}`)))
	})
}

function seedExamAndAttempts(file: string): Promise<Chain[]> {
	setDatabase(openDatabase(file))
	const questions: BankQuestion[] = Array.from({ length: QUESTIONS }, (_, i) => ({
		key: `q${i + 1}`,
		topic: 'all',
		type: 'single',
		prompt: `第 ${i + 1} 题`,
		options: Array.from({ length: OPTIONS }, (_, o) => ({ key: String.fromCharCode(97 + o), text: `选项 ${o + 1}` })),
		answer: ['a'],
		explanation: '—',
	}))
	getDb().transaction((tx) =>
		upsertExam(
			tx,
			{
				slug: 'durability',
				title: '持久性考试',
				titleEn: 'Durability exam',
				description: '—',
				descriptionEn: '—',
				tier: 'new',
				closedBook: true,
				required: false,
				timeLimitSeconds: 600,
				passMark: 60,
				maxAttempts: 3,
				cooldownMinutes: 0,
				review: 'never',
				topics: [{ code: 'all', name: '全部', nameEn: 'All', draw: QUESTIONS }],
				questionsPerAttempt: QUESTIONS,
				contentHash: 'test',
				sourcePath: 'test',
				syncedAt: new Date(),
			},
			questions,
		),
	)
	const exam = getDb().select().from(exams).where(eq(exams.slug, 'durability')).get()!
	return Promise.all(
		Array.from({ length: TAKERS }, async (_, i) => {
			const { id: userId } = await createTestUser({ email: `taker${i}@example.com`, password: null })
			const started = startAttempt(userId, exam)
			if (!started.ok) throw new Error(`start refused: ${started.reason}`)
			const rows = getDb().select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, started.attemptId)).all()
			const options = new Map(rows.map((r) => [r.position, r.options.map((o) => o.id)]))
			return { userId, attemptId: started.attemptId, options, acked: [], pending: null }
		}),
	)
}

test('every autosave acknowledged before a SIGKILL is in the database after the restart', async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-crash-'))
	const file = path.join(dir, 'crash.db')
	fs.copyFileSync(TEMPLATE_DB, file)
	const chains = await seedExamAndAttempts(file)
	closeDatabase()

	const first = await startServer(file)
	let acks = 0
	let inFlightAtKill = -1
	let kill!: () => void
	const killed = new Promise<void>((resolve) => (kill = resolve))

	// Each taker writes back to back (one write in flight, as the page does), cycling through the
	// questions and picking a different option each round, so a later write is told from an earlier one.
	const load = chains.map(async (chain) => {
		for (let k = 0; ; k++) {
			const position = (k % QUESTIONS) + 1
			const write = { seq: chain.acked.length, position, chosen: [chain.options.get(position)![Math.floor(k / QUESTIONS) % OPTIONS]!] }
			chain.pending = write
			let status: number
			let body: { seq?: number }
			try {
				const res = await fetch(`${first.base}/attempts/${chain.attemptId}/answers`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ userId: chain.userId, ...write }),
				})
				status = res.status
				body = (await res.json()) as { seq?: number }
			} catch {
				return // the server is gone: `pending` may or may not have committed
			}
			expect(status).toBe(200)
			expect(body.seq).toBe(write.seq + 1)
			chain.acked.push(write)
			chain.pending = null
			if (++acks === ACKS_BEFORE_KILL) {
				inFlightAtKill = chains.filter((c) => c.pending).length
				first.child.kill('SIGKILL')
				kill()
			}
		}
	})
	// A failed expectation in the load settles the race too, instead of waiting for a kill.
	await Promise.race([killed, Promise.all(load)])
	await Promise.all(load)
	await new Promise<void>((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve() : first.child.once('exit', () => resolve())))
	expect(first.child.signalCode).toBe('SIGKILL')

	// Restart on the same file: it opens (recovering the WAL) and takes writes again.
	const second = await startServer(file)
	setDatabase(openDatabase(file))
	let lost = 0
	let committedUnacknowledged = 0
	for (const chain of chains) {
		const attempt = getDb().select().from(examAttempts).where(eq(examAttempts.id, chain.attemptId)).get()!
		// The write in flight at the kill may have committed without its reply; nothing else may differ.
		const pendingCommitted = chain.pending !== null && attempt.seq === chain.acked.length + 1
		if (pendingCommitted) committedUnacknowledged++
		else expect(attempt.seq, `attempt ${chain.attemptId}: stored seq = acknowledged writes`).toBe(chain.acked.length)
		const writes = pendingCommitted ? [...chain.acked, chain.pending!] : chain.acked
		const expected = new Map<number, string[]>()
		for (const w of writes) expected.set(w.position, w.chosen)
		for (let position = 1; position <= QUESTIONS; position++) {
			const row = getDb()
				.select({ chosen: attemptQuestions.chosen })
				.from(attemptQuestions)
				.where(and(eq(attemptQuestions.attemptId, chain.attemptId), eq(attemptQuestions.position, position)))
				.get()!
			if (JSON.stringify(row.chosen) !== JSON.stringify(expected.get(position) ?? null)) lost++
		}
		if (chain === chains[0]) {
			// The restarted server carries on from the stored seq and still refuses a stale one.
			const post = (seq: number) =>
				fetch(`${second.base}/attempts/${chain.attemptId}/answers`, {
					method: 'POST',
					body: JSON.stringify({ userId: chain.userId, seq, position: 1, chosen: [chain.options.get(1)![0]!] }),
				})
			expect((await post(attempt.seq)).status).toBe(200)
			expect((await post(attempt.seq)).status).toBe(409)
		}
	}

	expect(acks).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL)
	expect(inFlightAtKill).toBeGreaterThan(0)
	expect(lost).toBe(0)
	expect(committedUnacknowledged).toBeLessThanOrEqual(inFlightAtKill)
})
