import type { ExamState as CatalogExamState } from '#app/modules/exams/state.ts'

/** Where one exam stands for one person today, as the home page and the next step see it. */
export type ExamState =
	| { kind: 'passed' }
	| { kind: 'open'; attemptId: number; endsAt: Date }
	| { kind: 'ready' }
	| { kind: 'cooldown'; until: Date }
	| { kind: 'exhausted' }
	| { kind: 'tier_locked' }

/** The next step's reading of an exam's state in the catalogue (exams module). */
export function examStateOf(state: CatalogExamState): ExamState {
	switch (state.kind) {
		case 'ready':
			return { kind: 'ready' }
		case 'busy':
			// Another exam is open: resuming that one is the next step anyway.
			return { kind: 'ready' }
		case 'open':
			return { kind: 'open', attemptId: state.attemptId, endsAt: state.endsAt }
		case 'passed':
			return { kind: 'passed' }
		case 'cooldown':
			return { kind: 'cooldown', until: state.until }
		case 'no_attempts_left':
			return { kind: 'exhausted' }
		case 'tier_locked':
			return { kind: 'tier_locked' }
	}
}

export type StepLesson = { slug: string; required: boolean; completed: boolean }
export type StepExam = { slug: string; required: boolean; state: ExamState }

export type NextStep<L extends StepLesson, E extends StepExam> =
	| { kind: 'resume'; exam: E; attemptId: number; endsAt: Date }
	| { kind: 'lesson'; lesson: L }
	| { kind: 'exam'; exam: E }
	| { kind: 'cooldown'; exam: E; until: Date }
	/** Required exams not passed with no attempts left: only a manager can move the person on. */
	| { kind: 'exhausted'; exams: E[] }
	| { kind: 'optional'; lesson: L }
	| { kind: 'done' }

/**
 * The one thing to do next, in this order: finish an open exam attempt; the next required lesson
 * of the current tier (in track order); a required exam that can be taken now; wait for a required
 * exam's cooldown (the earliest to end); ask the manager about a required exam with no attempts
 * left; an optional lesson; an optional exam; nothing.
 */
export function nextStep<L extends StepLesson, E extends StepExam>(lessons: readonly L[], exams: readonly E[]): NextStep<L, E> {
	for (const exam of exams)
		if (exam.state.kind === 'open') return { kind: 'resume', exam, attemptId: exam.state.attemptId, endsAt: exam.state.endsAt }
	const required = lessons.find((l) => l.required && !l.completed)
	if (required) return { kind: 'lesson', lesson: required }
	const requiredExams = exams.filter((e) => e.required)
	const ready = requiredExams.find((e) => e.state.kind === 'ready')
	if (ready) return { kind: 'exam', exam: ready }
	let cooldown: { exam: E; until: Date } | null = null
	for (const exam of requiredExams)
		if (exam.state.kind === 'cooldown' && (!cooldown || exam.state.until.getTime() < cooldown.until.getTime()))
			cooldown = { exam, until: exam.state.until }
	if (cooldown) return { kind: 'cooldown', ...cooldown }
	const exhausted = requiredExams.filter((e) => e.state.kind === 'exhausted')
	if (exhausted.length) return { kind: 'exhausted', exams: exhausted }
	const optional = lessons.find((l) => !l.completed)
	if (optional) return { kind: 'optional', lesson: optional }
	const practice = exams.find((e) => !e.required && e.state.kind === 'ready')
	if (practice) return { kind: 'exam', exam: practice }
	return { kind: 'done' }
}
