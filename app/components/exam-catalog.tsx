import type { ExamState } from '#app/modules/exams/state.ts'
import { useTranslation } from 'react-i18next'
import type { Tier } from '#app/modules/learning/tier.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { Badge, ButtonLink } from './ui/index.ts'

type ExamFacts = {
	slug: string
	tier: Tier
	closedBook: boolean
	required: boolean
	timeLimitSeconds: number
	passMark: number
	questionsPerAttempt: number
	maxAttempts: number
}

export type ExamStateView = ExamState

const previousTier: Record<Tier, Tier | null> = { new: null, intermediate: 'new', core: 'intermediate' }

export const attemptPath = (slug: string, attemptId: number) => `/exams/${slug}/attempts/${attemptId}`

export function ExamBadges({ exam }: { exam: Pick<ExamFacts, 'tier' | 'closedBook' | 'required'> }) {
	const { t } = useTranslation()
	return (
		<>
			<Badge tone={exam.closedBook ? 'warning' : 'neutral'}>{exam.closedBook ? t('exams.badges.closedBook') : t('exams.badges.openBook')}</Badge>
			{exam.required ? (
				<Badge tone="brand">
					{exam.tier === 'new' ? t('exams.badges.requiredClearance') : t('exams.badges.required', { tier: t(`tiers.${exam.tier}`) })}
				</Badge>
			) : null}
		</>
	)
}

/** Questions per attempt, time limit and pass mark on one line. */
export function ExamFactsLine({ exam }: { exam: ExamFacts }) {
	const { t } = useTranslation()
	const minutes = Math.round(exam.timeLimitSeconds / 60)
	return (
		<ul aria-label={t('exams.facts.label')} className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
			<li>{t('exams.facts.questions', { count: exam.questionsPerAttempt })}</li>
			<li>{t('exams.facts.minutes', { count: minutes })}</li>
			<li>{t('exams.facts.passMark', { mark: exam.passMark })}</li>
		</ul>
	)
}

/** The person's state in words, for the list and the exam page alike. */
export function ExamStateText({ exam, state }: { exam: ExamFacts; state: ExamStateView }) {
	const { t, i18n } = useTranslation()
	const when = (instant: Date) => formatDateTime(instant, i18n.language)
	switch (state.kind) {
		case 'ready':
			return <>{t('exams.state.ready', { left: state.attemptsLeft, max: exam.maxAttempts })}</>
		case 'open':
			return <>{t('exams.state.open', { time: when(state.endsAt) })}</>
		case 'busy':
			return <>{t('exams.state.busy', { title: i18n.language === 'en' ? state.titleEn : state.title })}</>
		case 'passed':
			return <>{t('exams.state.passed', { score: state.bestScore, date: when(state.passedAt) })}</>
		case 'cooldown':
			return <>{t('exams.state.cooldown', { time: when(state.until) })}</>
		case 'no_attempts_left':
			return <>{t('exams.state.noAttemptsLeft')}</>
		case 'tier_locked':
			return <TierLockedText state={state} />
	}
}

export function TierLockedText({ state, refused = false }: { state: Extract<ExamStateView, { kind: 'tier_locked' }>; refused?: boolean }) {
	const { t } = useTranslation()
	const tier = t(`tiers.${state.tier}`)
	const previous = previousTier[state.tier]
	return (
		<>
			{refused ? t('exams.refused.tierLocked', { tier }) : t('exams.state.tierLocked', { tier })}
			{state.opensOn ? <> {t('exams.state.tierOpensOn', { date: state.opensOn })}</> : null}
			{state.missing.length && previous ? <> {t('exams.state.tierNeedsExams', { tier: t(`tiers.${previous}`) })}</> : null}
		</>
	)
}

export function stateTone(state: ExamStateView) {
	switch (state.kind) {
		case 'passed':
			return 'text-green-800'
		case 'open':
		case 'ready':
			return 'text-brand-800'
		case 'cooldown':
		case 'busy':
			return 'text-amber-900'
		default:
			return 'text-slate-700'
	}
}

/** The list's one action for an exam: resume, see the result, or go to the exam page to start. */
export function ExamListAction({ exam, title, state }: { exam: ExamFacts; title: string; state: ExamStateView }) {
	const { t } = useTranslation()
	// Several rows share a label ("see result"): the exam's name tells screen-reader users which one.
	const which = <span className="sr-only"> · {title}</span>
	switch (state.kind) {
		case 'open':
			return (
				<ButtonLink to={attemptPath(exam.slug, state.attemptId)}>
					{t('exams.actions.resume')}
					{which}
				</ButtonLink>
			)
		case 'busy':
			return (
				<ButtonLink to={state.href} variant="secondary">
					{t('exams.actions.goToOpen')}
				</ButtonLink>
			)
		case 'passed':
			return (
				<ButtonLink to={attemptPath(exam.slug, state.attemptId)} variant="secondary">
					{t('exams.actions.result')}
					{which}
				</ButtonLink>
			)
		case 'cooldown':
		case 'no_attempts_left':
			return (
				<ButtonLink to={attemptPath(exam.slug, state.lastAttemptId)} variant="secondary">
					{t('exams.actions.result')}
					{which}
				</ButtonLink>
			)
		case 'tier_locked':
			return (
				<ButtonLink to="/tracks" variant="secondary">
					{t('exams.actions.tracks')}
				</ButtonLink>
			)
		case 'ready':
			return (
				<ButtonLink to={`/exams/${exam.slug}`}>
					{t('exams.actions.open')}
					{which}
				</ButtonLink>
			)
	}
}
