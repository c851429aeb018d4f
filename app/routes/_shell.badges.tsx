import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { BadgeList, LevelCard, NominationsTable, PointsHistory } from '#app/components/gamification/index.ts'
import { useProblemTexts } from '#app/components/kpi/index.ts'
import { TextareaField } from '#app/components/textarea-field.tsx'
import { Badge, Button, Card, EmptyState, FormErrors, Select } from '#app/components/ui/index.ts'
import { nominationSchema, REASON_MAX } from '#app/modules/gamification/badges.ts'
import { badgeCatalogueFor, badgesOf, nominateStar, nominationsBy, nomineesFor, pointsHistory } from '#app/modules/gamification/badges.server.ts'
import { pointsSummary } from '#app/modules/gamification/points.server.ts'
import { formatPeriod } from '#app/modules/performance/format.ts'
import { monthOf, shiftPeriod } from '#app/modules/performance/periods.ts'
import { forbidden, hasRole, requireUser } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'points.page.title')

/** Months a manager is offered for 月度之星: this one and the five before (the action accepts any month already over). */
const NOMINATION_MONTHS = 6

/** My level, my badges, every badge's criteria, my latest points; for managers the 月度之星 nomination form. */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const month = monthOf(businessDate(now()))
	return {
		level: pointsSummary(user.id),
		catalogue: badgeCatalogueFor(user.id),
		mine: badgesOf(user.id),
		history: pointsHistory(user.id, 10),
		star: hasRole(user, 'manager')
			? {
					people: nomineesFor(user.id),
					months: Array.from({ length: NOMINATION_MONTHS }, (_, i) => shiftPeriod(month, i)),
					nominations: nominationsBy(user.id).map(({ id, name, month: m, status, decisionNote }) => ({ id, name, month: m, status, decisionNote })),
				}
			: null,
	}
}

/** A manager nominates one of their own people (intent `nominate`); anyone else, or someone else's person, is 403. */
export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	if (!hasRole(user, 'manager')) throw forbidden()
	const formData = await readFormData(request)
	if (formData.get('intent') !== 'nominate') throw badRequest('Unknown intent')
	const submission = parseWithZod(formData, { schema: nominationSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { userId, month, reason } = submission.value
	const nominated = nominateStar(user, userId, month, reason)
	if (!nominated.ok) {
		if ('reason' in nominated) throw forbidden()
		return data({ result: submission.reply({ fieldErrors: nominated.fieldErrors, formErrors: nominated.formErrors }) }, { status: 400 })
	}
	const name = nomineesFor(user.id).find((p) => p.id === userId)?.name ?? ''
	return redirectWithToast('/badges', { key: 'points.star.nominated', values: { name, month } })
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function Catalogue({ catalogue }: { catalogue: LoaderData['catalogue'] }) {
	const { t } = useTranslation()
	const problems = useProblemTexts()
	return (
		<ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 *:min-w-0">
			{catalogue.map((entry) => (
				<li key={entry.code} className="h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
					<h3 className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
						{t(`points.badges.${entry.code}.name`)}
						{entry.held > 0 ? (
							<Badge tone="success">{entry.held > 1 ? t('points.page.heldTimes', { count: entry.held }) : t('points.page.held')}</Badge>
						) : (
							<Badge>{t('points.page.notHeld')}</Badge>
						)}
					</h3>
					<p className="mt-1 text-sm text-slate-800">{problems([entry.criteria])?.[0]}</p>
					<p className="mt-2 flex flex-wrap gap-x-3 text-xs text-slate-600">
						<span>{t(`points.kinds.${entry.kind}`)}</span>
						<span>{t('points.page.holders', { count: entry.holders })}</span>
					</p>
				</li>
			))}
		</ul>
	)
}

function NominationForm({ star, lastResult }: { star: NonNullable<LoaderData['star']>; lastResult?: SubmissionResult<string[]> }) {
	const { t, i18n } = useTranslation()
	const problems = useProblemTexts()
	const navigation = useNavigation()
	const [form, fields] = useForm<z.input<typeof nominationSchema>, z.output<typeof nominationSchema>>({
		id: 'nominate-star',
		lastResult,
		defaultValue: { month: star.months[0] },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: nominationSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	if (star.people.length === 0) return <p className="text-sm text-slate-700">{t('points.star.noPeople')}</p>
	return (
		<Form method="post" className="max-w-xl space-y-4" aria-labelledby="star-heading" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="nominate" />
			<FormErrors id={form.errorId} errors={problems(form.errors)} />
			<div className="grid gap-4 sm:grid-cols-2">
				<Select label={t('points.star.person')} errors={problems(fields.userId.errors)} {...getSelectProps(fields.userId)} key={fields.userId.key}>
					<option value="">{t('points.star.choose')}</option>
					{star.people.map((p) => (
						<option key={p.id} value={p.id}>
							{p.name}
						</option>
					))}
				</Select>
				<Select label={t('points.star.month')} errors={problems(fields.month.errors)} {...getSelectProps(fields.month)} key={fields.month.key}>
					{star.months.map((m) => (
						<option key={m} value={m}>
							{formatPeriod(m, i18n.language)}
						</option>
					))}
				</Select>
			</div>
			<TextareaField field={fields.reason} label={t('points.star.reason')} hint={t('points.star.reasonHint')} errors={problems(fields.reason.errors)} maxLength={REASON_MAX} />
			<Button type="submit" disabled={navigation.state === 'submitting'}>
				{t('points.star.submit')}
			</Button>
		</Form>
	)
}

export default function BadgesPage() {
	const { level, catalogue, mine, history, star } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('points.page.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('points.page.intro')}</p>
			<div className="space-y-8">
				<div className="grid gap-4 md:grid-cols-2 *:min-w-0">
					<LevelCard level={level} link={false} />
					<Card aria-labelledby="my-badges">
						<h2 id="my-badges" className="mb-3 text-lg font-semibold text-slate-900">
							{t('points.page.mineHeading')}
						</h2>
						<BadgeList badges={mine} empty={t('points.page.mineEmpty')} />
					</Card>
				</div>

				<section aria-labelledby="catalogue-heading">
					<h2 id="catalogue-heading" className="mb-3 text-xl font-semibold text-slate-900">
						{t('points.page.catalogueHeading')}
					</h2>
					<Catalogue catalogue={catalogue} />
				</section>

				<section aria-labelledby="history-heading">
					<h2 id="history-heading" className="mb-1 text-xl font-semibold text-slate-900">
						{t('points.page.historyHeading')}
					</h2>
					<p className="mb-3 max-w-prose text-sm text-slate-700">{t('points.level.howTo')}</p>
					<PointsHistory rows={history} />
				</section>

				{star ? (
					<section aria-labelledby="star-heading" className="space-y-4">
						<div>
							<h2 id="star-heading" className="mb-1 text-xl font-semibold text-slate-900">
								{t('points.star.heading')}
							</h2>
							<p className="max-w-prose text-sm text-slate-700">{t('points.star.intro')}</p>
						</div>
						{star.people.length === 0 && star.nominations.length === 0 ? (
							<EmptyState title={t('points.star.noPeople')} />
						) : (
							<>
								<NominationForm star={star} lastResult={actionData?.result} />
								<h3 className="text-lg font-semibold text-slate-900">{t('points.star.mineHeading')}</h3>
								<NominationsTable rows={star.nominations} caption={t('points.star.mineCaption')} empty={t('points.star.mineEmpty')} />
							</>
						)}
					</section>
				) : null}
			</div>
		</>
	)
}
