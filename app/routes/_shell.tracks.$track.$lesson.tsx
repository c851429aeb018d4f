import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LessonBlocked, LessonFacts, tierNameFor, useLocalTitle } from '#app/components/learning.tsx'
import { Badge, Button, Card } from '#app/components/ui/index.ts'
import { requireKnowledgeUnlocked } from '#app/modules/exams/lock.server.ts'
import { lessonInTrack, markLessonComplete, tierAccess } from '#app/modules/learning/progress.server.ts'
import { tiers, type Tier } from '#app/modules/learning/tier.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { getLocale } from '#app/utils/i18n.server.ts'
import { renderMdxToHtml } from '#app/utils/mdx.server.tsx'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const Params = z.object({ track: z.enum(tiers), lesson: z.string().min(1) })
const CompleteSchema = z.object({ intent: z.literal('complete') })

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
	if (!data) return pageTitle(matches, 'learning.title')
	const root = matches.find((m) => m?.id === 'root')?.data as { locale?: string } | undefined
	const title = root?.locale === 'en' ? data.lesson.titleEn : data.lesson.title
	return pageTitle(matches, 'learning.lesson.title', { title, tier: tierNameFor(matches, data.tier) })
}

/** The lesson, if it exists and its tier is open to the person: 404 and 403 (with what opens the tier) otherwise. */
function findLesson(userId: number, params: Record<string, string | undefined>) {
	const parsed = Params.safeParse(params)
	if (!parsed.success) throw new Response('No such lesson', { status: 404, statusText: 'Not Found' })
	const tier: Tier = parsed.data.track
	const found = lessonInTrack(userId, tier, parsed.data.lesson)
	if (!found) throw new Response('No such lesson', { status: 404, statusText: 'Not Found' })
	const { open, locks, examTitles } = tierAccess(userId, tier)
	if (!open) throw data({ tierLock: { tier, locks, examTitles } }, { status: 403, statusText: 'Forbidden' })
	return { tier, ...found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	requireKnowledgeUnlocked(user.id)
	const { tier, lesson, code, contentHash, module, previous, next } = findLesson(user.id, params)
	const html = await renderMdxToHtml(code, contentHash, await getLocale(request))
	return { tier, lesson, module, previous, next, html }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	requireKnowledgeUnlocked(user.id)
	const { tier, lesson } = findLesson(user.id, params)
	const submission = CompleteSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!submission.success) throw badRequest('Unknown intent')
	// Always the signed-in person: the form carries no user id to trust.
	markLessonComplete(user.id, lesson.id)
	return redirectWithToast(`/tracks/${tier}/${lesson.slug}`, { key: 'learning.lesson.marked' })
}

export function ErrorBoundary() {
	return <LessonBlocked />
}

function IndicatorList({ codes }: { codes: string[] }) {
	const { t, i18n } = useTranslation()
	if (!codes.length) return null
	return (
		<div className="mt-3">
			<h2 className="text-sm font-semibold text-slate-900">{t('learning.lesson.indicators')}</h2>
			<ul className="mt-1 flex flex-wrap gap-1">
				{codes.map((code) => (
					<li key={code}>
						<Badge>{i18n.exists(`learning.indicators.${code}`) ? t(`learning.indicators.${code}` as 'learning.indicators.revenue') : code}</Badge>
					</li>
				))}
			</ul>
		</div>
	)
}

export default function LessonPage() {
	const { tier, lesson, module, previous, next, html } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const title = useLocalTitle()
	const navigation = useNavigation()
	const en = i18n.language === 'en'
	const trackName = t('learning.tierTrack', { tier: t(`tiers.${tier}`) })
	return (
		<>
			<nav aria-label={t('learning.lesson.breadcrumb')} className="mb-3 text-sm">
				<ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-700">
					<li>
						<Link to="/tracks" className="text-brand-700 underline">
							{t('learning.title')}
						</Link>
					</li>
					<li aria-hidden="true">/</li>
					<li>
						<Link to={`/tracks/${tier}`} className="text-brand-700 underline">
							{trackName}
						</Link>
					</li>
					<li aria-hidden="true">/</li>
					<li aria-current="page" className="min-w-0 break-words">
						{title(lesson)}
					</li>
				</ol>
			</nav>
			<article aria-labelledby="lesson-title" className="min-w-0">
				<header className="mb-6">
					<p className="text-sm text-slate-700">{t('learning.lesson.module', { title: title(module) })}</p>
					<h1 id="lesson-title" className="mt-1 text-2xl font-bold text-slate-900">
						{title(lesson)}
					</h1>
					<p className="mt-2 max-w-prose text-slate-800">{en ? lesson.summaryEn : lesson.summary}</p>
					<p className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-700">
						<LessonFacts lesson={lesson} />
					</p>
					<IndicatorList codes={lesson.indicators} />
				</header>
				<div
					className="kb-article max-w-prose text-base text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_strong]:font-semibold [&_strong]:text-slate-900"
					// Trusted: compiled from this repository's content/ at sync time and rendered on the server.
					dangerouslySetInnerHTML={{ __html: html }}
				/>
			</article>
			<Card className="mt-8 max-w-prose">
				{lesson.completed ? (
					<p className="flex items-center gap-2 font-medium text-green-900">
						<span aria-hidden="true">✓</span>
						{t('learning.lesson.doneNote')}
					</p>
				) : (
					<Form method="post" preventScrollReset>
						<input type="hidden" name="intent" value="complete" />
						<Button type="submit" disabled={navigation.state === 'submitting'}>
							{t('learning.lesson.markComplete')}
						</Button>
					</Form>
				)}
			</Card>
			<nav aria-label={t('learning.lesson.pager')} className="mt-6 flex max-w-prose flex-col gap-3 sm:flex-row sm:justify-between">
				{previous ? (
					<Link to={`/tracks/${tier}/${previous.slug}`} rel="prev" className="flex min-h-11 flex-col rounded-md border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50">
						<span className="text-xs text-slate-700">
							<span aria-hidden="true">←&nbsp;</span>
							{t('learning.lesson.previous')}
						</span>
						<span className="font-medium text-brand-700">{title(previous)}</span>
					</Link>
				) : (
					<span />
				)}
				{next ? (
					<Link
						to={`/tracks/${tier}/${next.slug}`}
						rel="next"
						className="flex min-h-11 flex-col rounded-md border border-slate-300 bg-white px-4 py-2 text-right hover:bg-slate-50"
					>
						<span className="text-xs text-slate-700">
							{t('learning.lesson.next')}
							<span aria-hidden="true">&nbsp;→</span>
						</span>
						<span className="font-medium text-brand-700">{title(next)}</span>
					</Link>
				) : (
					<p className="text-sm text-slate-700">{t('learning.lesson.last')}</p>
				)}
			</nav>
		</>
	)
}
