import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import type { MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { formatIndicatorValue, formatPercent, formatPeriod, localName } from '#app/modules/performance/format.ts'
import { CAPACITY_MAX, PLACE_MAX, sessionSchema, TITLE_MAX, TOPIC_MAX } from '#app/modules/sharing/rules.ts'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { TextareaField } from '../textarea-field.tsx'
import { Button, ButtonLink, FormErrors, Input, Select } from '../ui/index.ts'

export type IndicatorChoice = { code: string; nameZh: string; nameEn: string }
export type SpeakerChoice = { id: number; name: string }
export type SuggestionView = {
	code: string
	nameZh: string
	nameEn: string
	unit: string
	month: string
	people: Array<{ userId: number; name: string; value: number; achievement: number }>
}

type Schema = ReturnType<typeof sessionSchema>

/**
 * The new-session form (`sessionSchema`): title, topic, a Shanghai date with start and end times,
 * place and/or link, seats, indicators as checkboxes, tags and speakers (a multiple select). Checked
 * in the browser with the action's schema; works without JavaScript.
 */
export function SessionForm({
	indicators,
	people,
	chosenIndicators,
	chosenSpeakers = [],
	defaultDate,
	lastResult,
	initial,
	going = 0,
	cancelTo = '/sessions',
}: {
	indicators: readonly IndicatorChoice[]
	people: readonly SpeakerChoice[]
	/** From `?indicators=` (the suggestion form), so the two forms agree. */
	chosenIndicators: readonly string[]
	/** From `?speakers=` (a suggestion picked without JavaScript). */
	chosenSpeakers?: readonly number[]
	defaultDate: string
	lastResult?: SubmissionResult<string[]>
	/** Editing: the session's current values (the form's defaults). */
	initial?: {
		title: string
		topic: string
		date: string
		startTime: string
		endTime: string
		place: string
		meetingUrl: string
		capacity: string
		indicators: string[]
		tags: string
		speakerIds: string[]
	}
	/** Editing: how many are going (seats may not drop below it). */
	going?: number
	cancelTo?: string
}) {
	const { t, i18n } = useTranslation()
	const locale = i18n.language
	const tr = useProblemTexts()
	const navigation = useNavigation()
	const schema = sessionSchema({ going, indicatorCodes: indicators.map((i) => i.code) })
	const [form, fields] = useForm<z.input<Schema>, z.output<Schema>>({
		id: initial ? 'session-edit' : 'session',
		lastResult,
		defaultValue: initial ?? { date: defaultDate, startTime: '19:00', endTime: '20:30', capacity: '30', indicators: [...chosenIndicators], speakerIds: chosenSpeakers.map(String) },
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const chosen = new Set((fields.indicators.initialValue as string[] | undefined) ?? chosenIndicators)
	const speakerDefault = new Set(((fields.speakerIds.initialValue as string[] | undefined) ?? []).map(String))
	const indicatorErrors = tr(fields.indicators.errors)
	return (
		<Form method="post" className="space-y-5" {...getFormProps(form)}>
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<Input label={t('sharing.form.titleLabel')} errors={tr(fields.title.errors)} maxLength={TITLE_MAX} {...getInputProps(fields.title, { type: 'text' })} key={fields.title.key} />
			<TextareaField field={fields.topic} label={t('sharing.form.topic')} hint={t('sharing.form.topicHint')} errors={tr(fields.topic.errors)} maxLength={TOPIC_MAX} rows={4} />
			<div className="grid gap-4 sm:grid-cols-3 *:min-w-0">
				<Input label={t('sharing.form.date')} errors={tr(fields.date.errors)} {...getInputProps(fields.date, { type: 'date' })} key={fields.date.key} />
				<Input label={t('sharing.form.startTime')} errors={tr(fields.startTime.errors)} {...getInputProps(fields.startTime, { type: 'time' })} key={fields.startTime.key} />
				<Input label={t('sharing.form.endTime')} errors={tr(fields.endTime.errors)} {...getInputProps(fields.endTime, { type: 'time' })} key={fields.endTime.key} />
			</div>
			<div className="grid gap-4 sm:grid-cols-2 *:min-w-0">
				<Input
					label={t('sharing.form.place')}
					hint={t('sharing.form.placeHint')}
					errors={tr(fields.place.errors)}
					maxLength={PLACE_MAX}
					{...getInputProps(fields.place, { type: 'text', ariaDescribedBy: `${fields.place.id}-hint` })}
					key={fields.place.key}
				/>
				<Input
					label={t('sharing.form.meetingUrl')}
					hint={t('sharing.form.meetingUrlHint')}
					errors={tr(fields.meetingUrl.errors)}
					{...getInputProps(fields.meetingUrl, { type: 'url', ariaDescribedBy: `${fields.meetingUrl.id}-hint` })}
					key={fields.meetingUrl.key}
				/>
				<Input
					label={t('sharing.form.capacity')}
					errors={tr(fields.capacity.errors)}
					min={1}
					max={CAPACITY_MAX}
					{...getInputProps(fields.capacity, { type: 'number' })}
					key={fields.capacity.key}
				/>
				<Input
					label={t('sharing.form.tagsLabel')}
					hint={t('sharing.form.tagsHint')}
					errors={tr(fields.tags.errors)}
					{...getInputProps(fields.tags, { type: 'text', ariaDescribedBy: `${fields.tags.id}-hint` })}
					key={fields.tags.key}
				/>
			</div>
			<fieldset className="min-w-0" aria-describedby={indicatorErrors?.length ? fields.indicators.errorId : undefined}>
				<legend className="text-sm font-medium text-slate-800">{t('sharing.form.indicatorsLegend')}</legend>
				<div className="mt-1 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
					{indicators.map((i) => (
						<label key={i.code} className="flex min-h-11 items-center gap-2 rounded-md px-2 text-sm text-slate-900 hover:bg-slate-50">
							<input type="checkbox" name={fields.indicators.name} value={i.code} defaultChecked={chosen.has(i.code)} className="size-5 accent-brand-700" />
							<span className="min-w-0 break-words">{localName(i, locale)}</span>
						</label>
					))}
				</div>
				{indicatorErrors?.length ? (
					<ul id={fields.indicators.errorId} className="mt-1 text-sm text-red-700">
						{indicatorErrors.map((e) => (
							<li key={e}>{e}</li>
						))}
					</ul>
				) : null}
			</fieldset>
			<Select
				label={t('sharing.form.speakersLabel')}
				hint={t('sharing.form.speakersHint')}
				errors={tr(fields.speakerIds.errors)}
				{...getSelectProps(fields.speakerIds, { ariaDescribedBy: `${fields.speakerIds.id}-hint` })}
				multiple
				size={8}
				defaultValue={[...speakerDefault]}
				key={fields.speakerIds.key}
			>
				{people.map((p) => (
					<option key={p.id} value={p.id}>
						{p.name}
					</option>
				))}
			</Select>
			<div className="flex flex-wrap gap-3">
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					{t('sharing.form.submit')}
				</Button>
				<ButtonLink to={cancelTo} variant="secondary">
					{t('sharing.form.cancel')}
				</ButtonLink>
			</div>
		</Form>
	)
}

/**
 * "Suggest speakers": a GET form of indicator checkboxes (the suggestions come back in the page's
 * query string, so this works without JavaScript), then the top people per indicator with their figures.
 */
export function SpeakerSuggestions({
	indicators,
	chosen,
	suggestions,
	speakers = [],
	speakerSelectId = 'session-speakerIds',
}: {
	indicators: readonly IndicatorChoice[]
	chosen: readonly string[]
	suggestions: readonly SuggestionView[]
	/** Speakers already picked through these links (`?speakers=`). */
	speakers?: readonly number[]
	/** The form's speaker select, which a pick fills in place once the page has JavaScript. */
	speakerSelectId?: string
}) {
	const { t, i18n } = useTranslation()
	const locale = i18n.language
	const picked = new Set(chosen)
	const pickedSpeakers = new Set(speakers)
	// Without JavaScript a pick is a link that reloads the page with the speaker chosen; with it, the
	// option is selected where it is, so nothing typed into the form is lost.
	const pickHref = (userId: number) => {
		const query = new URLSearchParams()
		for (const code of chosen) query.append('indicators', code)
		for (const id of new Set([...speakers, userId])) query.append('speakers', String(id))
		return `?${query}`
	}
	const pickInPlace = (userId: number) => (event: MouseEvent<HTMLAnchorElement>) => {
		const option = document.querySelector<HTMLOptionElement>(`#${CSS.escape(speakerSelectId)} option[value="${userId}"]`)
		if (!option) return
		event.preventDefault()
		option.selected = true
		option.parentElement?.dispatchEvent(new Event('change', { bubbles: true }))
		option.scrollIntoView({ block: 'nearest' })
		;(option.parentElement as HTMLSelectElement | null)?.focus()
	}
	return (
		<div className="space-y-4">
			<p className="text-sm text-slate-700">{t('sharing.form.suggestIntro')}</p>
			<Form method="get" className="space-y-3">
				{speakers.map((id) => (
					<input key={id} type="hidden" name="speakers" value={id} />
				))}
				<fieldset className="min-w-0">
					<legend className="text-sm font-medium text-slate-800">{t('sharing.form.suggestLegend')}</legend>
					<div className="mt-1 grid gap-1">
						{indicators.map((i) => (
							<label key={i.code} className="flex min-h-11 items-center gap-2 rounded-md px-2 text-sm text-slate-900 hover:bg-slate-50">
								<input type="checkbox" name="indicators" value={i.code} defaultChecked={picked.has(i.code)} className="size-5 accent-brand-700" />
								<span className="min-w-0 break-words">{localName(i, locale)}</span>
							</label>
						))}
					</div>
				</fieldset>
				<Button type="submit" variant="secondary">
					{t('sharing.form.suggestSubmit')}
				</Button>
			</Form>
			{chosen.length === 0 ? (
				<p className="text-sm text-slate-700">{t('sharing.form.suggestNone')}</p>
			) : (
				<div aria-live="polite" className="space-y-3">
					{suggestions.map((s) => (
						<div key={s.code}>
							<h3 className="text-sm font-semibold text-slate-900">{t('sharing.form.suggestHeading', { indicator: localName(s, locale), month: formatPeriod(s.month, locale) })}</h3>
							{s.people.length === 0 ? (
								<p className="text-sm text-slate-700">{t('sharing.form.suggestEmpty', { month: formatPeriod(s.month, locale) })}</p>
							) : (
								<ol className="mt-1 list-decimal space-y-0.5 pl-5 text-sm text-slate-900">
									{s.people.map((p) => (
										<li key={p.userId} className="break-words">
											{t('sharing.form.suggestPerson', {
												name: p.name,
												value: formatIndicatorValue(p.value, s.unit, locale),
												achievement: formatPercent(p.achievement, locale),
											})}{' '}
											{pickedSpeakers.has(p.userId) ? (
												<span className="text-slate-700">{t('sharing.form.suggestPicked')}</span>
											) : (
												<Link to={pickHref(p.userId)} onClick={pickInPlace(p.userId)} preventScrollReset className="inline-flex min-h-11 items-center text-brand-700 underline">
													{t('sharing.form.suggestPick', { name: p.name })}
												</Link>
											)}
										</li>
									))}
								</ol>
							)}
						</div>
					))}
				</div>
			)}
		</div>
	)
}
