import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/audit.ts'
import { attemptQuestions, examAttempts, examQuestions, exams } from '#db/schema/exams.ts'
import { ContentSyncError, syncContent } from '#app/modules/content/sync.server.ts'
import {
	attemptForOwner,
	clearanceOf,
	examResults,
	getExam,
	saveAnswers,
	startAttempt,
	submitAttempt,
	sweepExpiredAttempts,
} from '#app/modules/exams/attempts.server.ts'
import { tierStateFor } from '#app/modules/learning/tier-state.server.ts'
import { setClock } from '#app/utils/clock.server.ts'
import { withFreshDatabase } from '#test/helpers/db.ts'
import { createTestUser } from '#test/helpers/fixtures.ts'
import { answerWrites as answers } from '#test/helpers/exams.ts'

const { db } = withFreshDatabase()
const FIXTURES = 'test/fixtures/content'
const T0 = new Date('2026-11-27T02:00:00Z')


async function newHire(hireDate = '2026-11-02') {
	await syncContent({ root: FIXTURES })
	return (await createTestUser({ hireDate })).id
}

describe('an attempt from start to result', () => {
	test('all right: graded 100, passed, audited, and the new hire is cleared for duty that day', async () => {
		setClock(T0)
		const userId = await newHire()
		expect(clearanceOf(userId)).toBeNull()
		const started = startAttempt(userId, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		expect(saveAnswers(started.attemptId, userId, 0, answers(started.attemptId, true))).toMatchObject({ ok: true, seq: 1 })
		expect(submitAttempt(started.attemptId, userId)).toEqual({ ok: true })
		const { attempt } = attemptForOwner(started.attemptId, userId)!
		expect(attempt).toMatchObject({ status: 'graded', closedBy: 'submit', score: 100, passed: true, correctCount: 4 })
		expect(clearanceOf(userId)).toMatchObject({ clearedOn: '2026-11-27' })
		const actions = db().select({ action: auditLog.action }).from(auditLog).all().map((r) => r.action)
		expect(actions).toEqual(expect.arrayContaining(['exam.graded', 'learning.cleared_for_duty']))
		expect(examResults(userId).map((r) => [r.examSlug, r.score, r.passed])).toEqual([['canary', 100, true]])
	})

	test('a failed attempt does not clear; the results by period include it', async () => {
		setClock(T0)
		const userId = await newHire()
		const started = startAttempt(userId, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		submitAttempt(started.attemptId, userId, { writes: answers(started.attemptId, false) })
		expect(attemptForOwner(started.attemptId, userId)!.attempt).toMatchObject({ score: 0, passed: false })
		expect(clearanceOf(userId)).toBeNull()
		expect(examResults(userId, { from: new Date('2026-11-01T00:00:00+08:00'), to: new Date('2026-12-01T00:00:00+08:00') })).toHaveLength(1)
		expect(examResults(userId, { from: new Date('2026-12-01T00:00:00+08:00') })).toHaveLength(0)
	})

	test('past the deadline the sweep grades what was saved, and later writes get 409', async () => {
		setClock(T0)
		const userId = await newHire()
		const started = startAttempt(userId, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		saveAnswers(started.attemptId, userId, 0, answers(started.attemptId, true))
		// 10-minute limit: at 10 min 20 s the grace still runs, so nothing is closed yet.
		setClock(new Date(T0.getTime() + 10 * 60_000 + 20_000))
		expect(sweepExpiredAttempts()).toBe(0)
		expect(saveAnswers(started.attemptId, userId, 1, [{ position: 1, flagged: true }])).toMatchObject({ ok: true, seq: 2 })
		setClock(new Date(T0.getTime() + 10 * 60_000 + 30_000))
		expect(saveAnswers(started.attemptId, userId, 2, [{ position: 1, flagged: false }])).toMatchObject({ status: 409, reason: 'closed' })
		expect(sweepExpiredAttempts()).toBe(0) // the late write already closed it
		const attempt = db().select().from(examAttempts).where(eq(examAttempts.id, started.attemptId)).get()!
		expect(attempt).toMatchObject({ status: 'graded', closedBy: 'deadline', score: 100, passed: true })
		expect(attempt.closedAt!.getTime()).toBe(attempt.deadlineAt.getTime())
	})

	test('the periodic sweep closes attempts nobody touches again', async () => {
		setClock(T0)
		const userId = await newHire()
		const started = startAttempt(userId, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		expect(sweepExpiredAttempts(new Date(T0.getTime() + 11 * 60_000))).toBe(1)
		expect(db().select().from(examAttempts).get()).toMatchObject({ status: 'graded', closedBy: 'deadline', score: 0 })
	})

	test('another person cannot write to or submit an attempt', async () => {
		setClock(T0)
		const userId = await newHire()
		const other = (await createTestUser()).id
		const started = startAttempt(userId, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		expect(saveAnswers(started.attemptId, other, 0, answers(started.attemptId, true))).toMatchObject({ status: 404 })
		expect(submitAttempt(started.attemptId, other)).toMatchObject({ status: 404 })
		expect(attemptForOwner(started.attemptId, other)).toBeNull()
		expect(db().select().from(examAttempts).get()).toMatchObject({ status: 'open', seq: 0 })
	})
})

describe('tiers and exams', () => {
	test('the intermediate tier opens at 3 months only once the new-hire required exams are passed', async () => {
		setClock(T0)
		const userId = await newHire('2026-08-01')
		const before = tierStateFor(userId)
		expect(before.current).toBe('new')
		expect(before.tiers[1]).toEqual({ tier: 'intermediate', open: false, locks: [{ kind: 'exams', missing: ['canary'] }] })
		const started = startAttempt(userId, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		submitAttempt(started.attemptId, userId, { writes: answers(started.attemptId, true) })
		expect(tierStateFor(userId).current).toBe('intermediate')
	})
})

describe('content changes under live attempts', () => {
	test('a question dropped from the bank is retired, and the attempt that drew it still grades', async () => {
		setClock(T0)
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-exams-'))
		fs.cpSync(FIXTURES, root, { recursive: true })
		await syncContent({ root })
		const userId = (await createTestUser({ hireDate: '2026-11-02' })).id
		const started = startAttempt(userId, getExam('canary')!)
		if (!started.ok) throw new Error(started.reason)
		const drawnKeys = db()
			.select({ key: examQuestions.key })
			.from(attemptQuestions)
			.innerJoin(examQuestions, eq(examQuestions.id, attemptQuestions.questionId))
			.all()
			.map((r) => r.key)
		const file = path.join(root, 'exams/canary.yaml')
		// Drop every question of the attempt that the bank can spare (topic alpha keeps 2 of 3, beta 2 of 3).
		const victim = ['a1', 'a2', 'a3'].find((k) => drawnKeys.includes(k))!
		const yaml = fs.readFileSync(file, 'utf8')
		const start = yaml.indexOf(`  - id: ${victim}\n`)
		const end = yaml.indexOf('  - id: ', start + 5)
		fs.writeFileSync(file, yaml.slice(0, start) + yaml.slice(end))
		const report = await syncContent({ root })
		expect(report.exams.compiled).toEqual(['canary'])
		expect(db().select().from(examQuestions).where(eq(examQuestions.key, victim)).get()).toMatchObject({ retired: true })
		expect(submitAttempt(started.attemptId, userId, { writes: answers(started.attemptId, true) })).toEqual({ ok: true })
		expect(attemptForOwner(started.attemptId, userId)!.attempt).toMatchObject({ score: 100 })
		// Removing the whole bank retires it: the result keeps its exam.
		fs.rmSync(file)
		await syncContent({ root })
		expect(db().select().from(exams).where(eq(exams.slug, 'canary')).get()!.retiredAt).not.toBeNull()
		expect(getExam('canary')).toBeUndefined()
		fs.rmSync(root, { recursive: true, force: true })
	})

	test('a bad bank fails the sync with the file and the reason, and nothing is written', async () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-exams-'))
		fs.cpSync(FIXTURES, root, { recursive: true })
		const file = path.join(root, 'exams/canary.yaml')
		fs.writeFileSync(
			file,
			fs
				.readFileSync(file, 'utf8')
				.replace('    answer: b\n    explanation: CANARY-EXPLANATION-A1', '    answer: e\n    explanation: CANARY-EXPLANATION-A1')
				.replace('topic: beta\n    type: single\n    prompt: 乙类第一题', 'topic: gamma\n    type: single\n    prompt: 乙类第一题')
				.replace('name_en: Beta\n    draw: 2', 'name_en: Beta\n    draw: 3'),
		)
		const error = await syncContent({ root }).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(ContentSyncError)
		const reasons = (error as ContentSyncError).problems.map((p) => `${path.basename(p.file)} ${p.field}: ${p.reason}`)
		expect(reasons).toEqual(
			expect.arrayContaining([
				'canary.yaml questions.0.answer: answer "e" is not among the options',
				'canary.yaml questions.3.topic: unknown topic "gamma"',
				'canary.yaml topics.1.draw: draws 3 questions but topic "beta" has 2',
			]),
		)
		expect(db().select().from(exams).all()).toHaveLength(0)
		expect(db().select().from(examQuestions).all()).toHaveLength(0)
		fs.rmSync(root, { recursive: true, force: true })
	})
})
