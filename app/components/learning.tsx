import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Tier, TierLock } from '#app/modules/learning/tier.ts'
import { isLanguage, fallbackLanguage } from '#app/i18n.ts'
import { ErrorPage } from '#app/root.tsx'
import { translatorFor } from '#app/utils/meta.ts'
import { Badge, ButtonLink, Card, ProgressBar } from './ui/index.ts'

type Bilingual = { title: string; titleEn: string }
type Progress = { requiredDone: number; requiredTotal: number; percent: number; lessonCount: number; completedCount: number }

/** A tier's name in the page's language, for `meta` (which has no hooks). */
export function tierNameFor(matches: readonly ({ id: string; data: unknown } | undefined)[], tier: Tier): string {
	const root = matches.find((m) => m?.id === 'root')?.data as { locale?: unknown } | undefined
	return String(translatorFor(isLanguage(root?.locale) ? root.locale : fallbackLanguage)(`tiers.${tier}`))
}

/** Picks the title in the reader's language. */
export function useLocalTitle() {
	const { i18n } = useTranslation()
	const en = i18n.language === 'en'
	return (item: Bilingual) => (en ? item.titleEn : item.title)
}

export function useProgressText() {
	const { t } = useTranslation()
	return (progress: Progress) =>
		progress.requiredTotal
			? t('learning.progressRequired', { done: progress.requiredDone, total: progress.requiredTotal, percent: progress.percent })
			: t('learning.progressAll', { done: progress.completedCount, total: progress.lessonCount, percent: progress.percent })
}

/** A progress bar with the words beside it, so the figure is visible as well as announced. */
export function TrackProgress({ progress, name }: { progress: Progress; name?: string }) {
	const { t } = useTranslation()
	const text = useProgressText()(progress)
	return (
		<div className="space-y-1">
			<ProgressBar value={progress.percent} label={name ? t('learning.named', { title: name, text }) : text} />
			<p className="text-sm text-slate-700">{text}</p>
		</div>
	)
}

const tenureMonths: Record<Tier, number> = { new: 0, intermediate: 3, core: 12 }

/** Why a tier is locked and what opens it, in words; required exams link to their pages. */
export function TierLockReasons({ tier, locks, examTitles }: { tier: Tier; locks: readonly TierLock[]; examTitles: Record<string, Bilingual> }) {
	const { t } = useTranslation()
	const title = useLocalTitle()
	return (
		<ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
			{locks.map((lock) => {
				switch (lock.kind) {
					case 'tenure':
						return <li key="tenure">{t('learning.locks.tenure', { months: tenureMonths[tier], date: lock.opensOn })}</li>
					case 'previous':
						return <li key="previous">{t('learning.locks.previous', { tier: t(`tiers.${lock.tier}`) })}</li>
					case 'override':
						return <li key="override">{t('learning.locks.override', { tier: t(`tiers.${lock.tier}`) })}</li>
					case 'exams': {
						const previous = tier === 'core' ? 'intermediate' : 'new'
						return (
							<li key="exams">
								{t('learning.locks.exams', { tier: t(`tiers.${previous}`) })}
								<ul className="mt-1 list-[circle] space-y-1 pl-5">
									{lock.missing.map((slug) => (
										<li key={slug}>
											<Link to={`/exams/${slug}`} className="text-brand-700 underline">
												{examTitles[slug] ? title(examTitles[slug]) : slug}
											</Link>
										</li>
									))}
								</ul>
							</li>
						)
					}
				}
			})}
		</ul>
	)
}

export function RequiredBadge({ required }: { required: boolean }) {
	const { t } = useTranslation()
	return <Badge tone={required ? 'brand' : 'neutral'}>{required ? t('learning.required') : t('learning.optional')}</Badge>
}

type TierLockData = { tierLock: { tier: Tier; locks: TierLock[]; examTitles: Record<string, Bilingual> } }

/** A lesson's minutes, required/optional badge and completion mark, as the track and lesson pages show them. */
export function LessonFacts({ lesson, markOpen = false }: { lesson: { minutes: number; required: boolean; completed: boolean }; markOpen?: boolean }) {
	const { t } = useTranslation()
	return (
		<>
			<span>{t('learning.minutes', { count: lesson.minutes })}</span>
			<RequiredBadge required={lesson.required} />
			{lesson.completed ? (
				<Badge tone="success">
					<span aria-hidden="true">✓&nbsp;</span>
					{t('learning.completed')}
				</Badge>
			) : markOpen ? (
				<span className="sr-only">{t('learning.notCompleted')}</span>
			) : null}
		</>
	)
}

function hasKey<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
	return typeof value === 'object' && value !== null && key in value
}

/**
 * The lesson page's errors: 403 for a tier not open yet, with what opens it; anything else
 * (including 423 during a closed-book exam) gets the shared error page.
 */
export function LessonBlocked() {
	const error = useRouteError()
	const { t } = useTranslation()
	if (isRouteErrorResponse(error) && error.status === 403 && hasKey(error.data, 'tierLock')) {
		const { tierLock } = error.data as TierLockData
		const tierName = t(`tiers.${tierLock.tier}`)
		return (
			<Card aria-labelledby="blocked-title" className="mx-auto max-w-xl">
				<p className="text-sm font-medium text-brand-700">{t('errors.status', { status: 403 })}</p>
				<h1 id="blocked-title" className="mt-1 text-2xl font-bold text-slate-900">
					{t('learning.blocked.tierTitle', { tier: tierName })}
				</h1>
				<p className="mt-3 mb-2 text-slate-700">{t('learning.blocked.tierBody')}</p>
				<TierLockReasons tier={tierLock.tier} locks={tierLock.locks} examTitles={tierLock.examTitles} />
				<div className="mt-6 flex flex-wrap gap-2">
					<ButtonLink to={`/tracks/${tierLock.tier}`} variant="secondary">
						{t('learning.viewTrack')}
					</ButtonLink>
					<ButtonLink to="/tracks">{t('learning.backToTracks')}</ButtonLink>
				</div>
			</Card>
		)
	}
	// 423 during a closed-book exam and every other error: the shared error page.
	return <ErrorPage error={error} inShell />
}
