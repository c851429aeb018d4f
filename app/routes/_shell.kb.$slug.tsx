import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ArticleLinks, TypeBadge } from '#app/components/kb.tsx'
import { Button, Card, CardTitle, cn, FormErrors, useErrorText } from '#app/components/ui/index.ts'
import { requireKnowledgeUnlocked } from '#app/modules/exams/lock.server.ts'
import {
	feedbackSummary,
	getArticleBySlug,
	isBookmarked,
	myFeedback,
	recordView,
	relatedArticles,
	saveFeedback,
	toggleBookmark,
	viewCount,
} from '#app/modules/knowledge/articles.server.ts'
import { feedbackSchema } from '#app/modules/knowledge/feedback.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { getLocale } from '#app/utils/i18n.server.ts'
import { renderMdxToHtml } from '#app/utils/mdx.server.tsx'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const ActionSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('bookmark') }), feedbackSchema])

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
	if (!data) return pageTitle(matches, 'errors.notFoundTitle')
	const root = matches.find((m) => m?.id === 'root')?.data as { locale?: string } | undefined
	return pageTitle(matches, 'kb.articleTitle', { title: root?.locale === 'en' ? data.article.titleEn : data.article.title })
}

function findArticle(slug: string | undefined) {
	const article = slug ? getArticleBySlug(slug) : undefined
	if (!article) throw new Response('No such article', { status: 404, statusText: 'Not Found' })
	return article
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	requireKnowledgeUnlocked(user.id)
	const article = findArticle(params.slug)
	recordView(article.id, user.id)
	const html = await renderMdxToHtml(article.code, article.contentHash, await getLocale(request))
	// What the page shows; the compiled code and the search columns stay on the server.
	const { slug, type, title, titleEn, summary, summaryEn, tags, products, stage, objectionCategory, positions } = article
	const { author, updatedOn, verifiedBy, verifiedOn } = article
	return {
		article: {
			...{ slug, type, title, titleEn, summary, summaryEn, tags, products, stage, objectionCategory, positions },
			...{ author, updatedOn, verifiedBy, verifiedOn },
		},
		html,
		views: viewCount(article.id),
		related: relatedArticles(article),
		bookmarked: isBookmarked(user.id, article.id),
		feedback: { summary: feedbackSummary(article.id), mine: myFeedback(article.id, user.id) },
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	requireKnowledgeUnlocked(user.id)
	const article = findArticle(params.slug)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: ActionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const back = `/kb/${article.slug}`
	if (submission.value.intent === 'bookmark') {
		const bookmarked = toggleBookmark(user.id, article.id)
		return redirectWithToast(back, { key: bookmarked ? 'kb.bookmarked' : 'kb.unbookmarked' })
	}
	const { helpful, comment } = submission.value
	saveFeedback(article.id, user.id, helpful === 'yes', comment)
	return redirectWithToast(back, { key: 'kb.helpfulThanks' })
}

/**
 * The article body is server-rendered HTML (ADR 005). Once JavaScript runs, the copy buttons inside
 * each script are revealed and handled here by delegation; without it the text stays selectable.
 */
function ArticleBody({ html }: { html: string }) {
	const { t } = useTranslation()
	const container = useRef<HTMLDivElement>(null)
	const [announcement, setAnnouncement] = useState('')
	const copiedText = t('kb.copied')
	const failedText = t('kb.copyFailed')

	useEffect(() => {
		const root = container.current
		if (!root) return
		const timers = new Set<ReturnType<typeof setTimeout>>()
		for (const button of root.querySelectorAll<HTMLButtonElement>('[data-copy-script]')) button.hidden = false

		async function onClick(event: MouseEvent) {
			const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-copy-script]')
			if (!button || !root?.contains(button)) return
			const text = button.closest('[data-script]')?.querySelector<HTMLElement>('[data-script-text]')?.innerText.trim()
			if (!text) return
			const label = button.dataset.label ?? button.textContent ?? ''
			button.dataset.label = label
			let message = copiedText
			try {
				await navigator.clipboard.writeText(text)
			} catch {
				message = failedText
			}
			button.textContent = message
			setAnnouncement(message)
			const timer = setTimeout(() => {
				button.textContent = label
				setAnnouncement('')
				timers.delete(timer)
			}, 2000)
			timers.add(timer)
		}

		root.addEventListener('click', onClick)
		return () => {
			root.removeEventListener('click', onClick)
			for (const timer of timers) clearTimeout(timer)
		}
	}, [html, copiedText, failedText])

	return (
		<>
			<div
				ref={container}
				className="kb-article text-base text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_strong]:font-semibold [&_strong]:text-slate-900"
				// Trusted: compiled from this repository's content/ at sync time and rendered on the server.
				dangerouslySetInnerHTML={{ __html: html }}
			/>
			<p className="sr-only" aria-live="polite">
				{announcement}
			</p>
		</>
	)
}

function PrintButton() {
	const { t } = useTranslation()
	const [canPrint, setCanPrint] = useState(false)
	useEffect(() => setCanPrint(true), [])
	if (!canPrint) return null
	return (
		<Button variant="secondary" onClick={() => window.print()}>
			{t('kb.print')}
		</Button>
	)
}

function BookmarkForm({ bookmarked }: { bookmarked: boolean }) {
	const { t } = useTranslation()
	const navigation = useNavigation()
	const pending = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'bookmark'
	return (
		<Form method="post" preventScrollReset>
			<input type="hidden" name="intent" value="bookmark" />
			<Button type="submit" variant="secondary" aria-pressed={bookmarked} disabled={pending}>
				<span aria-hidden="true">{bookmarked ? '★' : '☆'}</span>
				{bookmarked ? t('kb.bookmarked') : t('kb.bookmark')}
			</Button>
		</Form>
	)
}

function FeedbackForm({
	summary,
	mine,
}: {
	summary: { yes: number; no: number }
	mine: { helpful: boolean; comment: string | null } | null
}) {
	const { t } = useTranslation()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const tr = useErrorText()
	const [form, fields] = useForm<z.input<typeof feedbackSchema>>({
		id: 'kb-feedback',
		lastResult: actionData?.result,
		defaultValue: { intent: 'feedback', helpful: mine ? (mine.helpful ? 'yes' : 'no') : undefined, comment: mine?.comment ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: feedbackSchema }),
		// Not onBlur: an error vanishing on blur moves the submit button away from the pointer mid-click.
		shouldRevalidate: 'onInput',
	})
	const helpfulErrors = tr(fields.helpful.errors)
	const commentErrors = tr(fields.comment.errors)
	const commentHintId = `${fields.comment.id}-hint`
	const answer = (helpful: boolean) => (helpful ? t('kb.helpfulYes') : t('kb.helpfulNo'))

	return (
		<Card aria-labelledby="kb-feedback-title" className="print:hidden">
			<h2 id="kb-feedback-title" className="mb-1 text-lg font-semibold text-slate-900">
				{t('kb.helpfulQuestion')}
			</h2>
			<p className="mb-3 text-sm text-slate-700">{t('kb.helpfulSummary', summary)}</p>
			{mine ? <p className="mb-3 text-sm text-slate-700">{t('kb.yourAnswer', { answer: answer(mine.helpful) })}</p> : null}
			<Form method="post" preventScrollReset className="space-y-4" {...getFormProps(form)}>
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<input type="hidden" name="intent" value="feedback" />
				<fieldset aria-describedby={helpfulErrors?.length ? fields.helpful.errorId : undefined}>
					<legend className="sr-only">{t('kb.helpfulQuestion')}</legend>
					<div className="flex flex-wrap gap-2">
						{(['yes', 'no'] as const).map((value) => (
							<label
								key={value}
								className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-900 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
							>
								<input
									type="radio"
									name={fields.helpful.name}
									value={value}
									defaultChecked={fields.helpful.initialValue === value}
									className="h-5 w-5 accent-brand-700"
								/>
								{answer(value === 'yes')}
							</label>
						))}
					</div>
					{helpfulErrors?.length ? (
						<ul id={fields.helpful.errorId} className="mt-1 text-sm text-red-700">
							{helpfulErrors.map((e) => (
								<li key={e}>{e}</li>
							))}
						</ul>
					) : null}
				</fieldset>
				<div className="space-y-1">
					<label htmlFor={fields.comment.id} className="block text-sm font-medium text-slate-800">
						{t('kb.helpfulComment')}
					</label>
					<textarea
						{...getTextareaProps(fields.comment, { ariaDescribedBy: commentHintId })}
						rows={3}
						className={cn(
							'block w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm',
							commentErrors?.length ? 'border-red-600' : 'border-slate-300',
						)}
					/>
					<p id={commentHintId} className="text-sm text-slate-600">
						{t('kb.commentHint')}
					</p>
					{commentErrors?.length ? (
						<ul id={fields.comment.errorId} className="space-y-0.5 text-sm text-red-700">
							{commentErrors.map((e) => (
								<li key={e}>{e}</li>
							))}
						</ul>
					) : null}
				</div>
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					{t('kb.helpfulSubmit')}
				</Button>
			</Form>
		</Card>
	)
}

export default function ArticlePage() {
	const { article, html, views, related, bookmarked, feedback } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const facts: Array<[string, React.ReactNode]> = []
	if (article.objectionCategory)
		facts.push([t('kb.filterCategory'), t(`kb.categories.${article.objectionCategory as 'price'}`)])
	if (article.stage) facts.push([t('kb.filterStage'), t(`kb.stages.${article.stage as 'lead'}`)])
	if (article.products.length) facts.push([t('kb.filterProduct'), article.products.join('、')])
	if (article.positions.length)
		facts.push([t('kb.filterPosition'), article.positions.map((p) => t(`positions.${p as 'sales_rep'}`)).join(en ? ', ' : '、')])

	return (
		<>
			<p className="mb-3 print:hidden">
				<Link to="/kb" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
					<span aria-hidden="true">←&nbsp;</span>
					{t('kb.backToSearch')}
				</Link>
			</p>
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
				<article aria-labelledby="kb-article-title" className="min-w-0">
					<header className="mb-6">
						<div className="mb-2 flex flex-wrap items-center gap-2">
							<TypeBadge type={article.type} />
						</div>
						<h1 id="kb-article-title" className="text-2xl font-bold text-slate-900" lang={en ? 'en' : 'zh-CN'}>
							{en ? article.titleEn : article.title}
						</h1>
						<p className="mt-1 text-base text-slate-600" lang={en ? 'zh-CN' : 'en'}>
							{en ? article.title : article.titleEn}
						</p>
						<p className="mt-3 max-w-prose text-slate-800">{en ? article.summaryEn : article.summary}</p>
						<p className="mt-3 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">
							<span>{t('kb.updated', { date: article.updatedOn })}</span>
							<span>
								{article.verifiedBy && article.verifiedOn
									? t('kb.verified', { name: article.verifiedBy, date: article.verifiedOn })
									: t('kb.notVerified')}
							</span>
							<span>{t('kb.author', { name: article.author })}</span>
							<span>{t('kb.views', { count: views })}</span>
						</p>
						<div className="mt-4 flex flex-wrap gap-2 print:hidden">
							<BookmarkForm bookmarked={bookmarked} />
							<PrintButton />
						</div>
					</header>
					<ArticleBody html={html} />
				</article>
				<aside className="space-y-4">
					<Card aria-labelledby="kb-facts">
						<h2 id="kb-facts" className="mb-3 text-lg font-semibold text-slate-900">
							{t('kb.meta')}
						</h2>
						<dl className="space-y-2 text-sm">
							{facts.map(([label, value]) => (
								<div key={label}>
									<dt className="text-slate-600">{label}</dt>
									<dd className="text-slate-900">{value}</dd>
								</div>
							))}
							<div>
								<dt className="text-slate-600">{t('kb.filterTag')}</dt>
								<dd>
									<ul className="mt-1 flex flex-wrap gap-1">
										{article.tags.map((tag) => (
											<li key={tag}>
												<Link
													to={`/kb?${new URLSearchParams({ tag })}`}
													className="inline-flex min-h-8 items-center rounded-full bg-slate-100 px-2.5 text-xs font-medium text-slate-800 hover:bg-slate-200"
												>
													{tag}
												</Link>
											</li>
										))}
									</ul>
								</dd>
							</div>
						</dl>
					</Card>
					{related.length ? (
						<Card className="print:hidden">
							<CardTitle>{t('kb.related')}</CardTitle>
							<ArticleLinks articles={related} />
						</Card>
					) : null}
				</aside>
			</div>
			<div className="mt-8 max-w-2xl">
				<FeedbackForm summary={feedback.summary} mine={feedback.mine} />
			</div>
		</>
	)
}
