import { asc, eq, isNull } from 'drizzle-orm'
import { drawAttempt } from '#app/modules/exams/draw.ts'
import { gradeAttempt, isCorrect } from '#app/modules/exams/grading.ts'
import { tenureMonths, tierByTenure, type Tier } from '#app/modules/learning/tier.ts'
import type { Tx } from '../client.server.ts'
import { attemptQuestions, examAttempts, examQuestions, exams } from '../schema/exams.ts'
import { clearances, lessonCompletions, lessons, trackModules } from '../schema/learning.ts'
import type { Random } from './random.ts'

type Person = { id: number; email: string; hireDate: string; position: string | null }
type Exam = typeof exams.$inferSelect
type Question = { id: number; key: string; topic: string; type: string; options: Array<{ key: string }>; answer: string[] }

const DAY = 86_400_000

/** 10:00 in Shanghai, n days after a YYYY-MM-DD date. */
function dayAt(date: string, plusDays: number, hour = 10) {
	return new Date(new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`).getTime() + plusDays * DAY)
}

/**
 * Lesson progress and exam history that fit each person's tenure: veterans passed the tiers below
 * them (mostly first time, some on a retake), new hires are spread along the track — one cleared,
 * one in cooldown after failing the product exam, newhire@example.com part-way and not yet cleared.
 * Attempts are drawn and graded by the same functions the app uses. Content must be synced first.
 */
export function seedLearning(tx: Tx, { random, now, roster }: { random: Random; now: Date; roster: Person[] }) {
	const live = tx.select().from(exams).where(isNull(exams.retiredAt)).orderBy(asc(exams.slug)).all()
	const bank = new Map<number, Question[]>()
	for (const exam of live)
		bank.set(exam.id, tx.select().from(examQuestions).where(eq(examQuestions.examId, exam.id)).all())
	const trackLessons = tx
		.select({ id: lessons.id, tier: lessons.tier, required: lessons.required })
		.from(lessons)
		.innerJoin(trackModules, eq(trackModules.id, lessons.moduleId))
		.orderBy(asc(trackModules.position), asc(lessons.position))
		.all()
	const lessonsOf = (tier: Tier) => trackLessons.filter((l) => l.tier === tier)
	const required = (tier: Tier) => live.filter((e) => e.tier === tier && e.required)
	const numbers = new Map<string, number>()
	let attempts = 0

	const complete = (userId: number, tier: Tier, count: number, from: Date) =>
		lessonsOf(tier)
			.slice(0, count)
			.forEach((lesson, i) =>
				tx
					.insert(lessonCompletions)
					.values({ userId, lessonId: lesson.id, completedAt: new Date(from.getTime() + i * DAY) })
					.onConflictDoNothing()
					.run(),
			)

	/** One graded attempt that scores at least (pass) or below (fail) the pass mark. */
	const take = (userId: number, exam: Exam, startedAt: Date, pass: boolean) => {
		const questions = bank.get(exam.id)!
		const seed = random.int(-0x8000_0000, 0x7fff_ffff)
		const drawn = drawAttempt(
			questions.map((q) => ({ key: q.key, topic: q.topic, type: q.type, optionKeys: q.options.map((o) => o.key) })),
			exam.topics,
			seed,
		)
		const n = drawn.length
		const needed = Math.ceil((exam.passMark * n) / 100)
		const right = pass ? random.int(needed, n) : random.int(Math.max(0, needed - 6), needed - 1)
		const rightPositions = new Set<number>()
		while (rightPositions.size < right) rightPositions.add(random.int(0, n - 1))
		const rows = drawn.map((d, i) => {
			const q = questions.find((x) => x.key === d.key)!
			const rightIds = d.options.filter((o) => q.answer.includes(o.key)).map((o) => o.id)
			const wrongId = d.options.find((o) => !q.answer.includes(o.key))!.id
			const chosen = rightPositions.has(i) ? rightIds : [wrongId]
			const keys = chosen.map((id) => d.options.find((o) => o.id === id)!.key)
			return { q, d, chosen, correct: isCorrect(q.answer, keys), position: i + 1 }
		})
		const grade = gradeAttempt(
			rows.map((r) => ({ topic: r.q.topic, correct: r.correct })),
			exam.passMark,
		)
		const key = `${userId}:${exam.id}`
		const number = (numbers.get(key) ?? 0) + 1
		numbers.set(key, number)
		const closedAt = new Date(startedAt.getTime() + Math.round(exam.timeLimitSeconds * (0.4 + random.next() * 0.5)) * 1000)
		const { id } = tx
			.insert(examAttempts)
			.values({
				examId: exam.id,
				userId,
				number,
				seed,
				status: 'graded',
				closedBy: 'submit',
				startedAt,
				endsAt: new Date(startedAt.getTime() + exam.timeLimitSeconds * 1000),
				deadlineAt: new Date(startedAt.getTime() + exam.timeLimitSeconds * 1000 + 30_000),
				closedAt,
				seq: n,
				correctCount: grade.correctCount,
				questionCount: n,
				score: grade.score,
				passed: grade.passed,
				focusLosses: random.next() < 0.15 ? random.int(1, 4) : 0,
			})
			.returning({ id: examAttempts.id })
			.get()
		tx.insert(attemptQuestions)
			.values(
				rows.map((r) => ({
					attemptId: id,
					position: r.position,
					questionId: r.q.id,
					options: r.d.options,
					chosen: r.chosen,
					answeredAt: closedAt,
					correct: r.correct,
				})),
			)
			.run()
		attempts++
		return closedAt
	}

	/** Passes every required exam of a tier, some on the second try; returns when the last was passed. */
	const passTier = (userId: number, tier: Tier, from: Date) => {
		let last = from
		required(tier).forEach((exam, i) => {
			let at = new Date(from.getTime() + i * 3 * DAY)
			if (random.next() < 0.25) {
				take(userId, exam, at, false)
				at = new Date(at.getTime() + Math.max(exam.cooldownMinutes * 60_000, DAY) + 2 * DAY)
			}
			last = take(userId, exam, at, true)
		})
		return last
	}
	const clear = (userId: number, at: Date) =>
		tx
			.insert(clearances)
			.values({ userId, clearedAt: at, clearedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at) })
			.run()

	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
	const newHires: Person[] = []
	for (const person of roster) {
		if (!person.position) continue
		const tier = tierByTenure(tenureMonths(person.hireDate, today))
		if (tier === 'new') {
			newHires.push(person)
			continue
		}
		complete(person.id, 'new', lessonsOf('new').length, dayAt(person.hireDate, 3))
		clear(person.id, passTier(person.id, 'new', dayAt(person.hireDate, 30)))
		if (tier === 'intermediate') {
			complete(person.id, 'intermediate', random.int(1, lessonsOf('intermediate').length), dayAt(person.hireDate, 100))
			continue
		}
		complete(person.id, 'intermediate', lessonsOf('intermediate').length, dayAt(person.hireDate, 100))
		passTier(person.id, 'intermediate', dayAt(person.hireDate, 200))
		complete(person.id, 'core', random.int(0, lessonsOf('core').length), dayAt(person.hireDate, 380))
		if (random.next() < 0.5) passTier(person.id, 'core', dayAt(person.hireDate, 420))
	}

	const [product, ...others] = [
		required('new').find((e) => e.slug === 'product-knowledge'),
		...required('new').filter((e) => e.slug !== 'product-knowledge'),
	]
	// The longest-serving new hires: one is cleared, one has just failed the product exam.
	const generated = newHires.filter((p) => p.email !== 'newhire@example.com').sort((a, b) => a.hireDate.localeCompare(b.hireDate))
	for (const [i, person] of newHires.entries()) {
		const started = dayAt(person.hireDate, 2)
		if (person.email === 'newhire@example.com') {
			// Three weeks in: product lessons read, the other required exams passed, the product exam still ahead.
			complete(person.id, 'new', 5, started)
			others.forEach((exam, j) => take(person.id, exam, dayAt(person.hireDate, 10 + j * 3), true))
		} else if (person === generated[0]) {
			complete(person.id, 'new', lessonsOf('new').length, started)
			clear(person.id, passTier(person.id, 'new', dayAt(person.hireDate, 12)))
		} else if (person === generated[1] && product) {
			// Failed the product exam three hours ago: in cooldown.
			complete(person.id, 'new', lessonsOf('new').length - 1, started)
			take(person.id, product, new Date(now.getTime() - 3 * 3_600_000), false)
		} else {
			complete(person.id, 'new', Math.min(i + 1, lessonsOf('new').length), started)
		}
	}
	return {
		get attempts() {
			return attempts
		},
		/** For later seed steps (ADR 010's demo): a graded attempt, and every required exam of a tier passed. */
		take,
		passTier,
		required,
	}
}
