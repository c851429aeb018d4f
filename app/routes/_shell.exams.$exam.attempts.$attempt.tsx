import {
	data,
	type ActionFunctionArgs,
	type HeadersFunction,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Countdown, useExamClock } from '#app/components/exam/clock.tsx'
import { QuestionFieldset, QuestionNavigator, useOptionLabel, type QuestionType } from '#app/components/exam/questions.tsx'
import type { AnswerValue, SaveStatus } from '#app/components/exam/save-queue.ts'
import { useAutosave, useFocusLossReport } from '#app/components/exam/use-autosave.ts'
import { Badge, Button, ButtonLink, Card, ConfirmDialog, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { saveAnswers, submitAttempt, type Attempt } from '#app/modules/exams/attempts.server.ts'
import { GRACE_MS } from '#app/modules/exams/rules.ts'
import { attemptAt, changedWrites, resultView, takingView, type PostedAnswer } from '#app/modules/exams/taking.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const NO_STORE = { 'Cache-Control': 'no-store' }
const SEE_OTHER = { status: 303 }

// An exam page is never cached: not by the browser's back button, not by a proxy.
export const headers: HeadersFunction = () => NO_STORE

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
	if (!data) return pageTitle(matches, 'errors.notFoundTitle')
	const root = matches.find((m) => m?.id === 'root')?.data as { locale?: string } | undefined
	const title = root?.locale === 'en' ? data.exam.titleEn : data.exam.title
	return pageTitle(matches, data.state === 'open' ? 'examTaking.title' : 'examTaking.resultTitle', { title })
}

/** The signed-in person's own attempt at the exam the URL names; anything else is 404, never shown. */
function findAttempt(params: LoaderFunctionArgs['params'], userId: number) {
	const id = /^[1-9]\d{0,14}$/.test(params.attempt ?? '') ? Number(params.attempt) : null
	const found = id === null ? null : attemptAt(params.exam ?? '', id, userId)
	if (!found) throw new Response('No such attempt', { status: 404, statusText: 'Not Found' })
	return found
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const { attempt, exam } = findAttempt(params, user.id)
	const view = attempt.status === 'open' ? takingView(attempt, exam) : resultView(attempt, exam, user.id)
	return data(view, { headers: NO_STORE })
}

const IntentSchema = z.object({ intent: z.enum(['save', 'submit']), seq: z.string().regex(/^\d{1,9}$/).transform(Number) })
const ChosenSchema = z.array(z.string().min(1).max(16)).max(6)

function closedToast(attempt: Pick<Attempt, 'closedBy'>) {
	return { kind: 'info' as const, key: attempt.closedBy === 'deadline' ? 'examTaking.toast.timeUp' : 'examTaking.toast.alreadySubmitted' }
}

/**
 * The whole form, as a browser without JavaScript posts it: every question's chosen options and
 * flag. "Save" stores what changed; "submit" stores it and grades, once. Either way the answer is a
 * 303 back to this URL, which then shows the attempt as it stands (the result once graded).
 */
export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const { attempt, exam } = findAttempt(params, user.id)
	const formData = await readFormData(request)
	const parsed = IntentSchema.safeParse({ intent: formData.get('intent'), seq: formData.get('seq') })
	if (!parsed.success) throw badRequest('intent must be save or submit, with the attempt’s seq')
	const url = `/exams/${exam.slug}/attempts/${attempt.id}`
	if (attempt.status !== 'open') return redirectWithToast(url, closedToast(attempt), SEE_OTHER)

	const posted: PostedAnswer[] = []
	for (let position = 1; position <= attempt.questionCount; position++) {
		const chosen = ChosenSchema.safeParse(formData.getAll(`q${position}`))
		if (!chosen.success) throw badRequest(`q${position}: at most 6 option ids of up to 16 characters`)
		posted.push({ position, chosen: chosen.data, flagged: formData.get(`flag${position}`) === 'on' })
	}
	const writes = changedWrites(attempt.id, posted)
	const { intent, seq } = parsed.data
	const result = intent === 'save' ? saveAnswers(attempt.id, user.id, seq, writes) : submitAttempt(attempt.id, user.id, { seq, writes })
	if (result.ok) return redirectWithToast(url, { key: intent === 'save' ? 'examTaking.toast.saved' : 'examTaking.toast.submitted' }, SEE_OTHER)
	if (result.status === 404) throw new Response('No such attempt', { status: 404, statusText: 'Not Found' })
	if (result.status === 400) throw badRequest(`${result.reason} (question ${result.position})`)
	if (result.reason === 'stale') return redirectWithToast(url, { kind: 'error', key: 'examTaking.toast.stale' }, SEE_OTHER)
	// Closed meanwhile: by another submit (a double click, another tab) or by its deadline.
	return redirectWithToast(url, closedToast(attemptAt(exam.slug, attempt.id, user.id)?.attempt ?? attempt), SEE_OTHER)
}

type View = ReturnType<typeof useLoaderData<typeof loader>>
type OpenView = Extract<View, { state: 'open' }>
type GradedView = Extract<View, { state: 'graded' }>

export default function AttemptPage() {
	const view = useLoaderData<typeof loader>()
	// A new seq from the server (after a form post) re-reads its answers: remount with them.
	if (view.state === 'open') return <TakingPage key={`${view.attempt.id}:${view.attempt.seq}`} view={view} />
	return <ResultPage view={view} />
}

function useHydrated() {
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	return hydrated
}

function reload() {
	window.location.reload()
}

/** The open attempt: one form of fieldsets, saved as you go with JavaScript, posted whole without. */
function TakingPage({ view }: { view: OpenView }) {
	const { t, i18n } = useTranslation()
	const { exam, attempt, questions } = view
	const title = i18n.language === 'en' ? exam.titleEn : exam.title
	const pageUrl = `/exams/${exam.slug}/attempts/${attempt.id}`
	const answersUrl = `${pageUrl}/answers`
	const hydrated = useHydrated()
	const [answers, setAnswers] = useState(() => new Map<number, AnswerValue>(questions.map((q) => [q.position, { chosen: q.chosen, flagged: q.flagged }])))
	const clock = useExamClock(attempt.endsAt, attempt.now)
	const { queue, status } = useAutosave({
		url: answersUrl,
		seq: attempt.seq,
		onSync: (sync) => clock.resync(sync.endsAt, sync.now),
		// Submitted in another tab or past its deadline: the server now shows the result.
		onClosed: reload,
	})
	useFocusLossReport(answersUrl, true)
	const timeUp = clock.ticking && clock.remainingMs <= 0
	const { msUntil } = clock
	useEffect(() => {
		if (!timeUp) return
		void queue.flush()
		// Writes are accepted for a short grace after the shown end; once it is over, a reload
		// lets the server close the attempt and show the result.
		const closesAt = Date.parse(attempt.endsAt) + GRACE_MS
		const timer = setTimeout(reload, Math.max(0, msUntil(closesAt)) + 1000)
		return () => clearTimeout(timer)
	}, [timeUp, queue, msUntil, attempt.endsAt])

	const submit = useSubmit()
	const navigation = useNavigation()
	const [flushing, setFlushing] = useState(false)
	const busy = flushing || navigation.state !== 'idle'

	function change(position: number, value: AnswerValue) {
		setAnswers((previous) => new Map(previous).set(position, value))
		queue.enqueue(position, value)
	}

	// With JavaScript: let autosave finish first, then post the form with the seq it reached.
	function onSubmit(event: FormEvent<HTMLFormElement>) {
		event.preventDefault()
		const form = event.currentTarget
		const submitter = (event.nativeEvent as SubmitEvent).submitter
		const intent = submitter instanceof HTMLButtonElement && submitter.value === 'submit' ? 'submit' : 'save'
		setFlushing(true)
		void queue.flush().then((drained) => {
			setFlushing(false)
			if (!drained || queue.stopped()) return
			const formData = new FormData(form)
			formData.set('intent', intent)
			formData.set('seq', String(queue.seq()))
			submit(formData, { method: 'post', action: pageUrl })
		})
	}

	const values = [...answers.values()]
	const unanswered = values.filter((a) => a.chosen.length === 0).length
	const flagged = values.filter((a) => a.flagged).length
	const statusText: Record<SaveStatus, string> = {
		idle: t('examTaking.status.idle'),
		saving: t('examTaking.status.saving'),
		saved: t('examTaking.status.saved'),
		error: t('examTaking.status.error'),
		signedOut: t('examTaking.status.signedOut'),
		// Said by the alert below, with its reload button.
		stale: '',
	}
	const summary = `${t('examTaking.submitSummary', { unanswered, flagged })}${hydrated ? '' : t('examTaking.submitSummaryAsSaved')}`

	return (
		<div className="mx-auto max-w-5xl">
			<header className="sticky top-0 z-10 -mx-4 mb-4 border-b border-slate-200 bg-white px-4 py-3 shadow-sm">
				<div className="flex items-start justify-between gap-3">
					<div className="min-w-0">
						<h1 className="text-lg font-bold text-slate-900 sm:text-xl">{title}</h1>
						<p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
							<span>{t('examTaking.attemptNumber', { number: attempt.number })}</span>
							{exam.closedBook ? <Badge tone="warning">{t('examTaking.closedBook')}</Badge> : null}
						</p>
					</div>
					<Countdown endsAt={attempt.endsAt} remainingMs={clock.remainingMs} ticking={clock.ticking} />
				</div>
				<p role="status" className="mt-1 min-h-5 text-sm text-slate-700">
					{hydrated ? statusText[status] : null}
				</p>
			</header>

			{exam.closedBook ? <p className="mb-4 text-sm text-slate-700">{t('examTaking.closedBookNote')}</p> : null}
			{status === 'stale' ? (
				<div role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
					<p>{t('examTaking.status.stale')}</p>
					<Button variant="secondary" className="mt-2" onClick={reload}>
						{t('examTaking.reload')}
					</Button>
				</div>
			) : null}
			{timeUp ? (
				<p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{t('examTaking.timeUp')}
				</p>
			) : null}

			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_15rem]">
				<aside className="lg:order-2">
					<div className="rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-32">
						<QuestionNavigator
							items={questions.map((q) => {
								const value = answers.get(q.position)
								return { position: q.position, answered: Boolean(value?.chosen.length), flagged: Boolean(value?.flagged) }
							})}
						/>
					</div>
				</aside>
				<Form method="post" action={pageUrl} onSubmit={onSubmit} aria-label={t('examTaking.questionsLabel')} className="space-y-4 lg:order-1">
					<input type="hidden" name="seq" value={attempt.seq} />
					{questions.map((q) => (
						<QuestionFieldset
							key={q.position}
							question={q}
							value={answers.get(q.position) ?? { chosen: [], flagged: false }}
							onChange={(value) => change(q.position, value)}
							locked={timeUp}
						/>
					))}
					<div className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4">
						<Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
							{t('examTaking.save')}
						</Button>
						<ConfirmDialog trigger={t('examTaking.submit')} title={summary} variant="secondary">
							<Button type="submit" name="intent" value="submit" disabled={busy}>
								{t('examTaking.submitConfirm')}
							</Button>
						</ConfirmDialog>
					</div>
				</Form>
			</div>
		</div>
	)
}

function ResultPage({ view }: { view: GradedView }) {
	const { t, i18n } = useTranslation()
	const label = useOptionLabel()
	const { exam, attempt, topics, wrongPositions, reveal, openAttempt, questions } = view
	const en = i18n.language === 'en'
	const sep = t('examTaking.listSeparator')
	const closedAt = formatDateTime(new Date(attempt.closedAt), i18n.language)
	const reviewNote =
		exam.review === 'never'
			? t('examTaking.review.never')
			: openAttempt
				? t('examTaking.review.openAttempt')
				: exam.closedBook
					? t('examTaking.review.closedBook')
					: t('examTaking.review.openBook')

	return (
		<div className="mx-auto max-w-4xl space-y-6">
			<header>
				<h1 className="text-2xl font-bold text-slate-900">{en ? exam.titleEn : exam.title}</h1>
				<p className="mt-1 text-sm text-slate-700">{t('examTaking.attemptNumber', { number: attempt.number })}</p>
			</header>

			<Card aria-labelledby="result-heading">
				<h2 id="result-heading" className="mb-3 text-lg font-semibold text-slate-900">
					{t('examTaking.resultHeading')}
				</h2>
				<div className="flex flex-wrap items-center gap-3">
					<p className="text-4xl font-bold text-slate-900">
						<span className="sr-only">{t('examTaking.score')} </span>
						{t('examTaking.scoreValue', { score: attempt.score })}
					</p>
					<Badge tone={attempt.passed ? 'success' : 'danger'}>{attempt.passed ? t('examTaking.passed') : t('examTaking.failed')}</Badge>
				</div>
				<ul className="mt-3 space-y-1 text-sm text-slate-800">
					<li>{t('examTaking.passMark', { passMark: exam.passMark })}</li>
					<li>{t('examTaking.correctCount', { correct: attempt.correctCount, total: attempt.questionCount })}</li>
					<li>
						{attempt.closedBy === 'deadline'
							? t('examTaking.closedByDeadline', { time: closedAt })
							: t('examTaking.closedBySubmit', { time: closedAt })}
					</li>
					{attempt.focusLosses > 0 ? <li>{t('examTaking.focusLosses', { count: attempt.focusLosses })}</li> : null}
					<li>
						{wrongPositions.length
							? t('examTaking.wrongList', { list: wrongPositions.map((n) => t('examTaking.navItem', { number: n })).join(sep) })
							: t('examTaking.allRight')}
					</li>
				</ul>
			</Card>

			<div>
				<h2 id="topics-heading" className="mb-3 text-lg font-semibold text-slate-900">
					{t('examTaking.topicsHeading')}
				</h2>
				<Table caption={t('examTaking.topicsHeading')}>
					<thead>
						<tr>
							<Th>{t('examTaking.topic')}</Th>
							<Th className="text-right">{t('examTaking.topicCorrect')}</Th>
							<Th className="text-right">{t('examTaking.topicTotal')}</Th>
							<Th className="text-right">{t('examTaking.topicRate')}</Th>
						</tr>
					</thead>
					<tbody>
						{topics.map((topic) => (
							<Tr key={topic.code}>
								<Td>{en ? topic.nameEn : topic.name}</Td>
								<Td className="text-right tabular-nums">{topic.correct}</Td>
								<Td className="text-right tabular-nums">{topic.total}</Td>
								<Td className="text-right tabular-nums">
									{t('examTaking.percent', { value: topic.total ? Math.round((topic.correct * 100) / topic.total) : 0 })}
								</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			</div>

			<section aria-labelledby="questions-heading">
				<h2 id="questions-heading" className="mb-3 text-lg font-semibold text-slate-900">
					{t('examTaking.questionsHeading')}
				</h2>
				{reveal ? null : <p className="mb-3 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800">{reviewNote}</p>}
				<ol className="space-y-4">
					{questions.map((q) => (
						<li key={q.position} id={`r${q.position}`} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
							<div className="flex flex-wrap items-center justify-between gap-2">
								<h3 className="text-sm font-medium text-brand-800">
									{t('examTaking.questionLegend', { number: q.position, type: t(`examTaking.types.${q.type as QuestionType}`) })}
								</h3>
								<Badge tone={q.correct ? 'success' : 'danger'}>{q.correct ? t('examTaking.right') : t('examTaking.wrong')}</Badge>
							</div>
							<p className="mt-1 text-base font-semibold whitespace-pre-line text-slate-900">{q.prompt}</p>
							<ul className="mt-3 space-y-2">
								{q.options.map((option) => {
									const chosen = q.chosen.includes(option.id)
									const isAnswer = 'isAnswer' in option && option.isAnswer === true
									return (
										<li
											key={option.id}
											className={
												isAnswer
													? 'rounded-md border border-green-600 bg-green-50 px-3 py-2 text-slate-900'
													: chosen
														? 'rounded-md border border-slate-500 bg-slate-50 px-3 py-2 text-slate-900'
														: 'rounded-md border border-slate-200 px-3 py-2 text-slate-800'
											}
										>
											<span>{label(option)}</span>
											{chosen || isAnswer ? (
												<span className="ml-2 inline-flex flex-wrap gap-1 align-middle">
													{chosen ? <Badge tone={q.correct ? 'success' : 'neutral'}>{t('examTaking.yourChoice')}</Badge> : null}
													{isAnswer ? <Badge tone="success">{t('examTaking.rightAnswer')}</Badge> : null}
												</span>
											) : null}
										</li>
									)
								})}
							</ul>
							{q.chosen.length === 0 ? <p className="mt-2 text-sm text-slate-700">{t('examTaking.noAnswer')}</p> : null}
							{'explanation' in q && typeof q.explanation === 'string' ? (
								<p className="mt-3 rounded-md bg-slate-50 p-3 text-sm text-slate-800">{t('examTaking.explanation', { text: q.explanation })}</p>
							) : null}
						</li>
					))}
				</ol>
			</section>

			<div className="flex flex-wrap gap-3">
				<ButtonLink to={`/exams/${exam.slug}`}>{t('examTaking.backToExam')}</ButtonLink>
				<ButtonLink to="/" variant="secondary">
					{t('examTaking.home')}
				</ButtonLink>
			</div>
		</div>
	)
}
