/**
 * The exam-day benchmark's database: migrated, the real `content/` synced, and N new hires (hired a
 * month ago, so the new-hire tier is open) who all share one password. Built in-process with the
 * real modules, so the rows look exactly like the app's own.
 */
import fs from 'node:fs'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { closeDatabase, getDb, migrateDatabase, openDatabase, setDatabase } from '#db/client.server.ts'
import { attemptQuestions, exams } from '#db/schema/exams.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { insertUser } from '#app/modules/auth/users.server.ts'
import { syncContent } from '#app/modules/content/sync.server.ts'
import { getExam, saveAnswers, startAttempt } from '#app/modules/exams/attempts.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'

export const TAKER_PASSWORD = 'exam-day-bench-password'
const PREFERRED_EXAM = 'product-knowledge'

export type ExamDayData = {
	examSlug: string
	questionsPerAttempt: number
	takers: Array<{ id: number; email: string }>
	syncMs: number
	usersMs: number
}

export function takerEmail(i: number) {
	return `taker${String(i).padStart(5, '0')}@bench.example.com`
}

export async function prepareExamDayDatabase(file: string, takerCount: number): Promise<ExamDayData> {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
	const db = openDatabase(file)
	setDatabase(db)
	try {
		migrateDatabase(db)
		let t = performance.now()
		await syncContent({ root: 'content', db })
		const syncMs = performance.now() - t

		// The product exam when it exists, else the first required new-hire exam.
		const exam =
			db.select().from(exams).where(and(eq(exams.slug, PREFERRED_EXAM), isNull(exams.retiredAt))).get() ??
			db
				.select()
				.from(exams)
				.where(and(eq(exams.tier, 'new'), eq(exams.required, true), isNull(exams.retiredAt)))
				.orderBy(asc(exams.slug))
				.get()
		if (!exam) throw new Error('content/exams has no required new-hire exam to take')

		t = performance.now()
		// One argon2 hash for everyone: each login still verifies it at full cost.
		const passwordHash = await hashPassword(TAKER_PASSWORD)
		const hireDate = businessDate(new Date(now().getTime() - 30 * 24 * 60 * 60 * 1000))
		const takers = db.transaction((tx) =>
			Array.from({ length: takerCount }, (_, i) => {
				const email = takerEmail(i + 1)
				const id = insertUser(
					{ email, name: `考生 ${i + 1}`, positionType: 'sales_rep', teamId: null, hireDate, roles: [], passwordHash },
					null,
					tx,
				)
				return { id, email }
			}),
		)
		db.$client.pragma('wal_checkpoint(TRUNCATE)')
		return { examSlug: exam.slug, questionsPerAttempt: exam.questionsPerAttempt, takers, syncMs, usersMs: performance.now() - t }
	} finally {
		closeDatabase()
	}
}

/**
 * The database's share of an autosave, without HTTP: the real saveAnswers on a copy of the bench
 * database (so the server's run is untouched), round-robin over `takerIds`' fresh attempts.
 */
export function saveAnswersInProcess(file: string, examSlug: string, takerIds: number[], writes: number): { times: number[]; cpuMs: number } {
	const copy = file.replace(/\.db$/, '-in-process.db')
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true })
	fs.copyFileSync(file, copy)
	setDatabase(openDatabase(copy))
	try {
		const exam = getExam(examSlug)!
		const attempts = takerIds.map((userId) => {
			const started = startAttempt(userId, exam)
			if (!started.ok) throw new Error(`in-process start refused: ${started.reason}`)
			const rows = getDb()
				.select({ position: attemptQuestions.position, options: attemptQuestions.options })
				.from(attemptQuestions)
				.where(eq(attemptQuestions.attemptId, started.attemptId))
				.all()
			return { userId, attemptId: started.attemptId, seq: 0, rows }
		})
		const times: number[] = []
		const cpuBefore = process.cpuUsage()
		for (let i = 0; i < writes; i++) {
			const a = attempts[i % attempts.length]!
			const row = a.rows[i % a.rows.length]!
			const t = performance.now()
			const result = saveAnswers(a.attemptId, a.userId, a.seq, [{ position: row.position, chosen: [row.options[i % row.options.length]!.id] }])
			times.push(performance.now() - t)
			if (!result.ok) throw new Error(`in-process saveAnswers refused: ${result.reason}`)
			a.seq = result.seq
		}
		const cpu = process.cpuUsage(cpuBefore)
		return { times, cpuMs: (cpu.user + cpu.system) / 1000 }
	} finally {
		closeDatabase()
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true })
	}
}
