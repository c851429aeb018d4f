import {
	data,
	redirect,
	type ActionFunctionArgs,
	type HeadersFunction,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import {
	attemptPath,
	ExamBadges,
	ExamFactsLine,
	ExamStateText,
	stateTone,
	TierLockedText,
	type ExamStateView,
} from '#app/components/exam-catalog.tsx'
import { BackLink, Button, ButtonLink, Card, CardTitle, cn, ConfirmDialog, EmptyState, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { getExam, startAttempt } from '#app/modules/exams/attempts.server.ts'
import { attemptHref, attemptHrefFor, examForPerson, refusalFor } from '#app/modules/exams/catalog.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const NO_STORE = { 'Cache-Control': 'no-store' }

// Per-person state: never cached, whether the page was loaded or re-rendered after a refused start.
export const headers: HeadersFunction = () => NO_STORE

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
	if (!data) return pageTitle(matches, 'errors.notFoundTitle')
	const root = matches.find((m) => m?.id === 'root')?.data as { locale?: string } | undefined
	return pageTitle(matches, 'exams.examTitle', { title: root?.locale === 'en' ? data.exam.titleEn : data.exam.title })
}

function notFound(): never {
	throw new Response('No such exam', { status: 404, statusText: 'Not Found' })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const found = params.exam ? examForPerson(params.exam, user.id) : null
	if (!found) notFound()
	return data(found, { headers: NO_STORE })
}

const StartSchema = z.object({ intent: z.literal('start') })

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const exam = params.exam ? getExam(params.exam) : undefined
	if (!exam) notFound()
	const formData = await readFormData(request)
	if (!StartSchema.safeParse({ intent: formData.get('intent') }).success) throw badRequest('Unknown intent')
	const result = startAttempt(user.id, exam)
	if (result.ok) return redirectWithToast(attemptHref(exam.slug, result.attemptId), { key: 'exams.start.started' }, { status: 303 })
	if (result.reason === 'open_attempt') {
		// One exam at a time: a second start (another tab, a double click) goes back to the one in progress.
		const href = result.attemptId ? attemptHrefFor(result.attemptId, user.id) : null
		if (href) throw redirect(href, 303)
		throw new Response('An attempt is already open', { status: 409 })
	}
	const refused = refusalFor(exam, user.id, result.reason, 'until' in result ? result.until : undefined)
	return data({ refused }, { status: 409, headers: NO_STORE })
}

type Refusal = ReturnType<typeof refusalFor>

function RefusedMessage({ refused }: { refused: Refusal }) {
	const { t, i18n } = useTranslation()
	let message: React.ReactNode
	switch (refused.kind) {
		case 'tier_locked':
			message = (
				<>
					<TierLockedText state={refused} refused />{' '}
					<Link to="/tracks" className="font-medium underline">
						{t('exams.actions.tracks')}
					</Link>
				</>
			)
			break
		case 'passed':
			message = t('exams.refused.passed')
			break
		case 'no_attempts_left':
			message = t('exams.refused.noAttemptsLeft')
			break
		case 'cooldown':
			message = t('exams.refused.cooldown', { time: formatDateTime(refused.until, i18n.language) })
			break
	}
	return (
		<p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
			{message}
		</p>
	)
}

function StartForm({ closedBook }: { closedBook: boolean }) {
	const { t } = useTranslation()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'start'
	const form = (label: string) => (
		<Form method="post">
			<input type="hidden" name="intent" value="start" />
			<Button type="submit" disabled={busy}>
				{label}
			</Button>
		</Form>
	)
	if (!closedBook) return form(t('exams.start.submit'))
	// Closed book: a confirm step (works without JavaScript) says what starting locks.
	return (
		<ConfirmDialog variant="primary" trigger={t('exams.start.confirmTrigger')} title={t('exams.start.confirmTitle')}>
			{form(t('exams.start.confirmSubmit'))}
		</ConfirmDialog>
	)
}

function StateAction({ slug, closedBook, state }: { slug: string; closedBook: boolean; state: ExamStateView }) {
	const { t } = useTranslation()
	switch (state.kind) {
		case 'ready':
			return <StartForm closedBook={closedBook} />
		case 'open':
			return <ButtonLink to={attemptPath(slug, state.attemptId)}>{t('exams.actions.resume')}</ButtonLink>
		case 'busy':
			return <ButtonLink to={state.href}>{t('exams.actions.goToOpen')}</ButtonLink>
		case 'tier_locked':
			return (
				<ButtonLink to="/tracks" variant="secondary">
					{t('exams.actions.tracks')}
				</ButtonLink>
			)
		case 'passed':
			return (
				<ButtonLink to={attemptPath(slug, state.attemptId)} variant="secondary">
					{t('exams.actions.result')}
				</ButtonLink>
			)
		case 'cooldown':
		case 'no_attempts_left':
			return (
				<ButtonLink to={attemptPath(slug, state.lastAttemptId)} variant="secondary">
					{t('exams.actions.result')}
				</ButtonLink>
			)
	}
}

function CooldownRule({ minutes }: { minutes: number }) {
	const { t } = useTranslation()
	if (minutes <= 0) return <>{t('exams.rules.noCooldown')}</>
	if (minutes % 60 === 0) return <>{t('exams.rules.cooldownHours', { count: minutes / 60 })}</>
	return <>{t('exams.rules.cooldownMinutes', { count: minutes })}</>
}

export default function ExamPage() {
	const { exam, state, history } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const when = (instant: Date) => formatDateTime(instant, i18n.language)
	const attemptsLeft = Math.max(0, exam.maxAttempts - history.length)

	return (
		<>
			<BackLink to="/exams">
				<span aria-hidden="true">←&nbsp;</span>
				{t('exams.backToList')}
			</BackLink>
			<header className="mb-6">
				<h1 className="text-2xl font-bold text-slate-900" lang={en ? 'en' : 'zh-CN'}>
					{en ? exam.titleEn : exam.title}
				</h1>
				<p className="mt-1 text-base text-slate-600" lang={en ? 'zh-CN' : 'en'}>
					{en ? exam.title : exam.titleEn}
				</p>
				<div className="mt-3 flex flex-wrap gap-1">
					<ExamBadges exam={exam} />
				</div>
				<p className="mt-3 max-w-prose text-slate-800">{en ? exam.descriptionEn : exam.description}</p>
				<div className="mt-3">
					<ExamFactsLine exam={exam} />
				</div>
			</header>

			<div className="grid gap-6 lg:grid-cols-2">
				<Card aria-labelledby="exam-rules">
					<h2 id="exam-rules" className="mb-3 text-lg font-semibold text-slate-900">
						{t('exams.rules.heading')}
					</h2>
					<ul className="list-disc space-y-2 pl-5 text-slate-800">
						<li>{t('exams.rules.timeLimit', { count: Math.round(exam.timeLimitSeconds / 60) })}</li>
						<li>{t('exams.rules.passMark', { mark: exam.passMark })}</li>
						<li>{t('exams.rules.questions', { count: exam.questionsPerAttempt })}</li>
						<li>{t('exams.rules.attempts', { max: exam.maxAttempts, left: attemptsLeft })}</li>
						<li>
							<CooldownRule minutes={exam.cooldownMinutes} />
						</li>
						<li className={exam.closedBook ? 'font-medium text-amber-900' : undefined}>
							{exam.closedBook ? t('exams.rules.closedBook') : t('exams.rules.openBook')}
						</li>
					</ul>
				</Card>

				<Card aria-labelledby="exam-start">
					<h2 id="exam-start" className="mb-3 text-lg font-semibold text-slate-900">
						{t('exams.start.heading')}
					</h2>
					{actionData?.refused ? <RefusedMessage refused={actionData.refused} /> : null}
					<p className={cn('mb-4 font-medium', stateTone(state))}>
						<span className="sr-only">{t('exams.state.label')}</span>
						<ExamStateText exam={exam} state={state} />
					</p>
					<StateAction slug={exam.slug} closedBook={exam.closedBook} state={state} />
				</Card>
			</div>

			<div className="mt-8">
				<CardTitle>
					<span id="exam-history">{t('exams.history.heading')}</span>
				</CardTitle>
				{history.length === 0 ? (
					<EmptyState title={t('exams.history.empty')} />
				) : (
					<Table caption={t('exams.history.heading')}>
						<thead>
							<tr>
								<Th>{t('exams.history.number')}</Th>
								<Th>{t('exams.history.started')}</Th>
								<Th>{t('exams.history.closed')}</Th>
								<Th>{t('exams.history.closedBy')}</Th>
								<Th>{t('exams.history.score')}</Th>
								<Th>{t('exams.history.result')}</Th>
								<Th>{t('exams.history.focusLosses')}</Th>
								<Th>
									<span className="sr-only">{t('exams.history.view')}</span>
								</Th>
							</tr>
						</thead>
						<tbody>
							{[...history].reverse().map((a) => (
								<Tr key={a.id}>
									<Td className="whitespace-nowrap">{t('exams.history.numberValue', { number: a.number })}</Td>
									<Td className="whitespace-nowrap">{when(a.startedAt)}</Td>
									<Td className="whitespace-nowrap">{a.closedAt ? when(a.closedAt) : t('exams.history.inProgress')}</Td>
									<Td>
										{a.closedBy === 'submit'
											? t('exams.history.closedBySubmit')
											: a.closedBy === 'deadline'
												? t('exams.history.closedByDeadline')
												: t('exams.history.inProgress')}
									</Td>
									<Td>{a.score ?? '—'}</Td>
									<Td>
										{a.passed === null ? (
											'—'
										) : a.passed ? (
											<span className="font-medium text-green-800">{t('exams.history.passed')}</span>
										) : (
											<span className="text-red-800">{t('exams.history.failed')}</span>
										)}
									</Td>
									<Td>{a.focusLosses}</Td>
									<Td>
										<Link
											to={attemptPath(exam.slug, a.id)}
											className="inline-flex min-h-11 items-center text-brand-700 underline"
											aria-label={t('exams.history.viewLabel', { number: a.number })}
										>
											{t('exams.history.view')}
										</Link>
									</Td>
								</Tr>
							))}
						</tbody>
					</Table>
				)}
			</div>
		</>
	)
}
