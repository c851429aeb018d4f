import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import type { Indicator } from '#db/schema/performance.ts'
import { ReasonField } from '#app/components/reason-field.tsx'
import { BackLink, Badge, Button, Card, EmptyState, FormErrors, Input, Select, Table, Td, Th, Tr, useErrorText } from '#app/components/ui/index.ts'
import { formatIndicatorValue, localName } from '#app/modules/performance/format.ts'
import { INTEGRITY_DEDUCTION, violationConsequence } from '#app/modules/performance/integrity.ts'
import {
	disputeRecord,
	kpiPerson,
	manualIndicators,
	recordOwner,
	recordsOf,
	recordViolation,
	resolveDispute,
	saveManualRecord,
	violationsOf,
	type ManualRecordRefusal,
	type ViolationRefusal,
} from '#app/modules/performance/manual.server.ts'
import { addDays } from '#app/modules/performance/periods.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { forbidden, requireRole } from '#app/utils/auth.server.ts'
import { now } from '#app/utils/clock.server.ts'
import { businessDate, formatDateTime, isIsoDate } from '#app/utils/dates.ts'
import { badRequest, readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const DEFAULT_DAYS = 60
const RECORD_LIMIT = 300
const TEXT_MAX = 500

const reason = z
	.string({ error: 'audit.person.errors.reasonTooShort' })
	.trim()
	.min(2, { error: 'audit.person.errors.reasonTooShort' })
	.max(TEXT_MAX, { error: 'audit.person.errors.reasonTooLong' })

function dateField(today: string) {
	return z
		.string({ error: 'audit.person.errors.date' })
		.trim()
		.refine(isIsoDate, { error: 'audit.person.errors.date', abort: true })
		.refine((date) => date <= today, { error: 'audit.person.errors.futureDate' })
}

/** Shared by the browser (instant feedback) and the action; `units` holds the indicators that take records. */
function manualSchema({ today, units }: { today: string; units: Record<string, string> }) {
	return z
		.object({
			intent: z.literal('manual'),
			indicatorId: z
				.number({ error: 'audit.person.errors.indicator' })
				.int({ error: 'audit.person.errors.indicator' })
				.refine((id) => String(id) in units, { error: 'audit.person.errors.indicator' }),
			date: dateField(today),
			value: z.number({ error: 'audit.person.errors.value' }).min(0, { error: 'audit.person.errors.value' }),
			evidence: z.string().trim().max(TEXT_MAX, { error: 'audit.person.errors.evidenceTooLong' }).optional(),
			reason,
		})
		.superRefine((v, ctx) => {
			// Percentages are stored in percentage points; 1500 is a typo for 15.
			if (units[String(v.indicatorId)] === 'percent' && v.value > 100)
				ctx.addIssue({ code: 'custom', path: ['value'], message: 'audit.person.errors.percentRange' })
		})
}

const StatusSchema = z.object({
	intent: z.enum(['dispute', 'resolve']),
	recordId: z.number().int().positive(),
	reason,
})

function violationSchema(today: string) {
	return z.object({
		intent: z.literal('violation'),
		occurredOn: dateField(today),
		note: z
			.string({ error: 'audit.person.errors.noteTooShort' })
			.trim()
			.min(2, { error: 'audit.person.errors.noteTooShort' })
			.max(TEXT_MAX, { error: 'audit.person.errors.noteTooLong' }),
		recordId: z.number({ error: 'audit.person.errors.recordNotFound' }).int().positive().optional(),
	})
}

const isoDate = z.string().refine(isIsoDate)
// A hand-edited URL with a bad value falls back to the default rather than failing.
const Query = z.object({
	indicator: z.coerce.number().int().positive().optional().catch(undefined),
	from: isoDate.optional().catch(undefined),
	to: isoDate.optional().catch(undefined),
})

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data ? pageTitle(matches, 'audit.person.title', { name: data.person.name }) : pageTitle(matches, 'errors.notFoundTitle')

function loadPerson(param: string | undefined) {
	const person = kpiPerson(Number(param))
	if (!person) throw new Response('No such person', { status: 404, statusText: 'Not Found' })
	return person
}

function unitsOf(list: ReadonlyArray<{ id: number; unit: string }>) {
	return Object.fromEntries(list.map((i) => [String(i.id), i.unit]))
}

const pick = (i: Pick<Indicator, 'id' | 'code' | 'nameZh' | 'nameEn' | 'unit' | 'grain'>) => ({
	id: i.id,
	code: i.code,
	nameZh: i.nameZh,
	nameEn: i.nameEn,
	unit: i.unit,
	grain: i.grain,
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const person = loadPerson(params.userId)
	const today = businessDate(now())
	const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
	let to = query.to ?? (query.from && query.from > today ? query.from : today)
	let from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1))
	if (from > to) [from, to] = [to, from]
	const indicators = listIndicators().map(pick)
	const indicatorId = indicators.some((i) => i.id === query.indicator) ? query.indicator : undefined
	const records = recordsOf(person.id, { from, to, indicatorId, limit: RECORD_LIMIT + 1 })
	const violations = violationsOf(person.id)
	const nextOrdinal = violations.length + 1
	return {
		person: { id: person.id, name: person.name, email: person.email },
		// Segregation of duties: HR sees their own records here but changes none of them.
		canEdit: actor.id !== person.id,
		today,
		filter: { from, to, indicatorId: indicatorId ?? null },
		indicators,
		manualIndicators: manualIndicators().map(pick),
		records: records.slice(0, RECORD_LIMIT),
		truncated: records.length > RECORD_LIMIT,
		violations,
		next: { ordinal: nextOrdinal, ...violationConsequence(nextOrdinal) },
		deduction: INTEGRITY_DEDUCTION,
	}
}

/** Back to the page the form was on, filters kept. */
function pageUrl(request: Request, userId: number) {
	const search = new URL(request.url).searchParams
	const kept = new URLSearchParams()
	for (const key of ['indicator', 'from', 'to']) {
		const value = search.get(key)
		if (value) kept.set(key, value)
	}
	const qs = kept.toString()
	return `/admin/kpi/people/${userId}${qs ? `?${qs}` : ''}`
}

const manualErrors: Record<Exclude<ManualRecordRefusal, 'forbidden' | 'ownRecord' | 'personNotFound'>, [string, string]> = {
	indicatorRefused: ['indicatorId', 'audit.person.errors.indicator'],
	invalidDate: ['date', 'audit.person.errors.date'],
	futureDate: ['date', 'audit.person.errors.futureDate'],
	invalidValue: ['value', 'audit.person.errors.value'],
	percentRange: ['value', 'audit.person.errors.percentRange'],
	reasonRequired: ['reason', 'audit.person.errors.reasonTooShort'],
	tooLong: ['reason', 'audit.person.errors.reasonTooLong'],
}

const violationErrors: Record<Exclude<ViolationRefusal, 'forbidden' | 'ownRecord' | 'personNotFound'>, [string, string]> = {
	invalidDate: ['occurredOn', 'audit.person.errors.date'],
	futureDate: ['occurredOn', 'audit.person.errors.futureDate'],
	noteRequired: ['note', 'audit.person.errors.noteTooShort'],
	tooLong: ['note', 'audit.person.errors.noteTooLong'],
	recordNotFound: ['recordId', 'audit.person.errors.recordNotFound'],
}

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const person = loadPerson(params.userId)
	if (actor.id === person.id) throw forbidden('Nobody changes their own KPI records')
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	const here = pageUrl(request, person.id)
	const today = businessDate(now())

	if (intent === 'manual') {
		const schema = manualSchema({ today, units: unitsOf(manualIndicators()) })
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success') return data({ form: 'manual', result: submission.reply() }, { status: 400 })
		const { indicatorId, date, value, evidence, reason } = submission.value
		const saved = saveManualRecord({ userId: person.id, indicatorId, date, value, evidence, reason }, actor)
		if (!saved.ok) {
			if (saved.reason === 'forbidden' || saved.reason === 'ownRecord') throw forbidden()
			if (saved.reason === 'personNotFound') throw new Response('No such person', { status: 404, statusText: 'Not Found' })
			const [field, key] = manualErrors[saved.reason]
			return data({ form: 'manual', result: submission.reply({ fieldErrors: { [field]: [key] } }) }, { status: 400 })
		}
		return redirectWithToast(here, saved.changed ? { key: 'audit.person.toasts.saved' } : { kind: 'info', key: 'audit.person.toasts.unchanged' })
	}

	if (intent === 'dispute' || intent === 'resolve') {
		const recordId = Number(formData.get('recordId'))
		// A record of somebody else is not this page's to change.
		if (!Number.isSafeInteger(recordId) || recordOwner(recordId) !== person.id)
			throw new Response('No such record for this person', { status: 404, statusText: 'Not Found' })
		const form = `${intent}-${recordId}`
		const submission = parseWithZod(formData, { schema: StatusSchema })
		if (submission.status !== 'success') return data({ form, result: submission.reply() }, { status: 400 })
		const change = intent === 'dispute' ? disputeRecord : resolveDispute
		const done = change(recordId, submission.value.reason, actor)
		if (!done.ok) {
			if (done.reason === 'forbidden' || done.reason === 'ownRecord') throw forbidden()
			const formErrors =
				done.reason === 'alreadyDisputed'
					? ['audit.person.errors.alreadyDisputed']
					: done.reason === 'notDisputed'
						? ['audit.person.errors.notDisputed']
						: done.reason === 'notFound'
							? ['audit.person.errors.recordNotFound']
							: []
			const fieldErrors: Record<string, string[]> = done.reason === 'tooLong' ? { reason: ['audit.person.errors.reasonTooLong'] } : done.reason === 'reasonRequired' ? { reason: ['audit.person.errors.reasonTooShort'] } : {}
			return data({ form, result: submission.reply({ formErrors, fieldErrors }) }, { status: 400 })
		}
		return redirectWithToast(here, { key: intent === 'dispute' ? 'audit.person.toasts.disputed' : 'audit.person.toasts.resolved' })
	}

	if (intent === 'violation') {
		const submission = parseWithZod(formData, { schema: violationSchema(today) })
		if (submission.status !== 'success') return data({ form: 'violation', result: submission.reply() }, { status: 400 })
		const recorded = recordViolation({ userId: person.id, ...submission.value }, actor)
		if (!recorded.ok) {
			if (recorded.reason === 'forbidden' || recorded.reason === 'ownRecord') throw forbidden()
			if (recorded.reason === 'personNotFound') throw new Response('No such person', { status: 404, statusText: 'Not Found' })
			const [field, key] = violationErrors[recorded.reason]
			return data({ form: 'violation', result: submission.reply({ fieldErrors: { [field]: [key] } }) }, { status: 400 })
		}
		return redirectWithToast(here, {
			key: recorded.outcome === 'dismissal' ? 'audit.person.toasts.violationDismissal' : 'audit.person.toasts.violationWarning',
			values: { n: recorded.ordinal, points: recorded.deduction },
		})
	}

	throw badRequest('Unknown intent')
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type IndicatorOption = LoaderData['indicators'][number]
type RecordRow = LoaderData['records'][number]

function StatusForm({ record, intent, label }: { record: RecordRow; intent: 'dispute' | 'resolve'; label: string }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const tr = useErrorText()
	const id = `${intent}-${record.id}`
	const mine = actionData?.form === id
	const [form, fields] = useForm<z.input<typeof StatusSchema>>({
		id,
		lastResult: actionData?.form === id ? actionData.result : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<details open={mine || undefined} className="min-w-64">
			<summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline">
				{t(`audit.person.${intent}.open`)}
				<span className="sr-only"> {label}</span>
			</summary>
			<Form method="post" className="mt-2 space-y-2" {...getFormProps(form)}>
				<input type="hidden" name="intent" value={intent} />
				<input type="hidden" name="recordId" value={record.id} />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<ReasonField
					field={fields.reason}
					hintId={`${id}-reason-hint`}
					label={t(`audit.person.${intent}.reasonLabel`)}
					hint={t(`audit.person.${intent}.reasonHint`)}
					rows={2}
				/>
				<Button type="submit" variant={intent === 'dispute' ? 'danger' : 'secondary'} disabled={navigation.state === 'submitting'}>
					{t(`audit.person.${intent}.submit`)}
				</Button>
			</Form>
		</details>
	)
}

function ManualForm({ indicators, today }: { indicators: IndicatorOption[]; today: string }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const tr = useErrorText()
	const schema = manualSchema({ today, units: unitsOf(indicators) })
	const [form, fields] = useForm<z.input<typeof schema>>({
		id: 'manual-record',
		lastResult: actionData?.form === 'manual' ? actionData.result : undefined,
		defaultValue: { intent: 'manual', date: today },
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<Card aria-labelledby="manual-heading">
			<h2 id="manual-heading" className="mb-1 text-lg font-semibold text-slate-900">
				{t('audit.person.manual.heading')}
			</h2>
			<p className="mb-3 max-w-prose text-sm text-slate-700">{t('audit.person.manual.intro')}</p>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="manual" />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<Select label={t('audit.person.manual.indicator')} errors={tr(fields.indicatorId.errors)} {...getSelectProps(fields.indicatorId)}>
					<option value="">{t('audit.person.manual.choose')}</option>
					{indicators.map((i) => (
						<option key={i.id} value={i.id}>
							{t('audit.person.manual.indicatorOption', { name: localName(i, i18n.language), unit: t(`kpiTerms.unit.${i.unit}`) })}
						</option>
					))}
				</Select>
				<Input
					label={t('audit.person.manual.date')}
					hint={t('audit.person.manual.dateHint')}
					errors={tr(fields.date.errors)}
					max={today}
					{...getInputProps(fields.date, { type: 'date', ariaDescribedBy: `${fields.date.id}-hint` })}
				/>
				<Input
					label={t('audit.person.manual.value')}
					hint={t('audit.person.manual.valueHint')}
					errors={tr(fields.value.errors)}
					min={0}
					step="any"
					inputMode="decimal"
					{...getInputProps(fields.value, { type: 'number', ariaDescribedBy: `${fields.value.id}-hint` })}
				/>
				<Input
					label={t('audit.person.manual.evidence')}
					hint={t('audit.person.manual.evidenceHint')}
					errors={tr(fields.evidence.errors)}
					maxLength={TEXT_MAX}
					autoComplete="off"
					{...getInputProps(fields.evidence, { type: 'text', ariaDescribedBy: `${fields.evidence.id}-hint` })}
				/>
				<ReasonField
					field={fields.reason}
					hintId="manual-reason-hint"
					label={t('audit.person.manual.reasonLabel')}
					hint={t('audit.person.manual.reasonHint')}
				/>
				<Button type="submit" disabled={navigation.state === 'submitting'}>
					{t('audit.person.manual.submit')}
				</Button>
			</Form>
		</Card>
	)
}

function ViolationForm({ today, records, next }: { today: string; records: RecordRow[]; next: LoaderData['next'] }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const tr = useErrorText()
	const schema = violationSchema(today)
	const [form, fields] = useForm<z.input<typeof schema>>({
		id: 'violation',
		lastResult: actionData?.form === 'violation' ? actionData.result : undefined,
		defaultValue: { intent: 'violation', occurredOn: today },
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<Card aria-labelledby="violation-form-heading">
			<h3 id="violation-form-heading" className="mb-1 text-lg font-semibold text-slate-900">
				{t('audit.person.violations.form.heading')}
			</h3>
			<p className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm font-medium text-amber-900">
				{t(`audit.person.violations.form.next.${next.outcome}`, { n: next.ordinal, points: next.deduction })}
			</p>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="violation" />
				<FormErrors id={form.errorId} errors={tr(form.errors)} />
				<Input
					label={t('audit.person.violations.form.occurredOn')}
					hint={t('audit.person.violations.form.occurredOnHint')}
					errors={tr(fields.occurredOn.errors)}
					max={today}
					{...getInputProps(fields.occurredOn, { type: 'date', ariaDescribedBy: `${fields.occurredOn.id}-hint` })}
				/>
				<ReasonField
					field={fields.note}
					hintId="violation-note-hint"
					label={t('audit.person.violations.form.note')}
					hint={t('audit.person.violations.form.noteHint')}
				/>
				<Select
					label={t('audit.person.violations.form.record')}
					hint={t('audit.person.violations.form.recordHint')}
					errors={tr(fields.recordId.errors)}
					{...getSelectProps(fields.recordId, { ariaDescribedBy: `${fields.recordId.id}-hint` })}
				>
					<option value="">{t('audit.person.violations.form.noRecord')}</option>
					{records.map((r) => (
						<option key={r.id} value={r.id}>
							{`#${r.id} · ${r.date} · ${localName(r, i18n.language)} · ${formatIndicatorValue(r.value, r.unit, i18n.language)}`}
						</option>
					))}
				</Select>
				<Button type="submit" variant="danger" disabled={navigation.state === 'submitting'}>
					{t('audit.person.violations.form.submit')}
				</Button>
			</Form>
		</Card>
	)
}

export default function KpiPersonPage() {
	const { person, canEdit, today, filter, indicators, manualIndicators, records, truncated, violations, next, deduction } =
		useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const locale = i18n.language
	const recordLabel = (r: RecordRow) => `${localName(r, locale)} ${r.date}`
	return (
		<>
			<BackLink to="/admin/kpi">{t('audit.person.backToKpi')}</BackLink>
			<h1 className="mb-1 text-2xl font-bold text-slate-900">{t('audit.person.title', { name: person.name })}</h1>
			<p className="mb-2 text-sm break-all text-slate-600">{person.email}</p>
			<p className="mb-4 max-w-prose text-sm text-slate-700">{t('audit.person.intro')}</p>
			{canEdit ? null : (
				<p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{t('audit.person.selfNotice')}
				</p>
			)}

			<section aria-labelledby="records-heading" className="mb-8">
				<h2 id="records-heading" className="mb-3 text-xl font-semibold text-slate-900">
					{t('audit.person.records.heading')}
				</h2>
				<Form method="get" aria-label={t('audit.person.filters.heading')} className="mb-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
					<Select label={t('audit.person.filters.indicator')} name="indicator" defaultValue={filter.indicatorId ?? ''}>
						<option value="">{t('audit.person.filters.allIndicators')}</option>
						{indicators.map((i) => (
							<option key={i.id} value={i.id}>
								{localName(i, locale)}
							</option>
						))}
					</Select>
					<Input label={t('audit.person.filters.from')} name="from" type="date" defaultValue={filter.from} />
					<Input label={t('audit.person.filters.to')} name="to" type="date" defaultValue={filter.to} />
					<div className="flex items-end">
						<Button type="submit" variant="secondary">
							{t('audit.person.filters.submit')}
						</Button>
					</div>
				</Form>
				<p className="mb-2 text-sm text-slate-700">{t('audit.person.disputedHint')}</p>
				{truncated ? (
					<p role="status" className="mb-2 text-sm font-medium text-amber-900">
						{t('audit.person.records.truncated', { count: records.length })}
					</p>
				) : null}
				{records.length === 0 ? (
					<EmptyState title={t('audit.person.records.empty')} />
				) : (
					<Table caption={t('audit.person.records.caption', { name: person.name, from: filter.from, to: filter.to })}>
						<thead>
							<tr>
								<Th>{t('audit.person.records.date')}</Th>
								<Th>{t('audit.person.records.indicator')}</Th>
								<Th className="text-right">{t('audit.person.records.value')}</Th>
								<Th>{t('audit.person.records.source')}</Th>
								<Th>{t('audit.person.records.evidence')}</Th>
								<Th>{t('audit.person.records.status')}</Th>
								{canEdit ? <Th>{t('audit.person.records.actions')}</Th> : null}
							</tr>
						</thead>
						<tbody>
							{records.map((r) => (
								<Tr key={r.id}>
									<Td className="whitespace-nowrap">{r.date}</Td>
									<Td className="whitespace-nowrap">{localName(r, locale)}</Td>
									<Td className="text-right whitespace-nowrap tabular-nums">{formatIndicatorValue(r.value, r.unit, locale)}</Td>
									<Td className="whitespace-nowrap">{t(`kpiTerms.source.${r.source}`)}</Td>
									<Td className="max-w-56 break-words">{r.evidence ?? ''}</Td>
									<Td>
										<Badge tone={r.status === 'disputed' ? 'warning' : 'success'}>{t(`audit.person.status.${r.status}`)}</Badge>
									</Td>
									{canEdit ? (
										<Td>
											<StatusForm record={r} intent={r.status === 'disputed' ? 'resolve' : 'dispute'} label={recordLabel(r)} />
										</Td>
									) : null}
								</Tr>
							))}
						</tbody>
					</Table>
				)}
			</section>

			{canEdit ? (
				<div className="mb-8 max-w-2xl">
					<ManualForm indicators={manualIndicators} today={today} />
				</div>
			) : null}

			<section aria-labelledby="violations-heading" className="mb-8">
				<h2 id="violations-heading" className="mb-2 text-xl font-semibold text-slate-900">
					{t('audit.person.violations.heading')}
				</h2>
				<p className="mb-3 max-w-prose text-sm text-slate-700">{t('audit.person.violations.rule', { points: deduction })}</p>
				{violations.length === 0 ? (
					<EmptyState title={t('audit.person.violations.empty')} />
				) : (
					<Table caption={t('audit.person.violations.caption', { name: person.name })}>
						<thead>
							<tr>
								<Th>{t('audit.person.violations.ordinal')}</Th>
								<Th>{t('audit.person.violations.occurredOn')}</Th>
								<Th>{t('audit.person.violations.outcome')}</Th>
								<Th className="text-right">{t('audit.person.violations.deduction')}</Th>
								<Th>{t('audit.person.violations.note')}</Th>
								<Th>{t('audit.person.violations.record')}</Th>
								<Th>{t('audit.person.violations.recordedBy')}</Th>
							</tr>
						</thead>
						<tbody>
							{violations.map((v) => (
								<Tr key={v.id}>
									<Td className="whitespace-nowrap">{t('audit.person.violations.ordinalValue', { n: v.ordinal })}</Td>
									<Td className="whitespace-nowrap">{v.occurredOn}</Td>
									<Td>
										<Badge tone={v.outcome === 'dismissal' ? 'danger' : 'warning'}>{t(`audit.person.violations.outcomes.${v.outcome}`)}</Badge>
									</Td>
									<Td className="text-right whitespace-nowrap tabular-nums">{t('audit.person.violations.deductionValue', { points: v.deduction })}</Td>
									<Td className="min-w-48 break-words">{v.note}</Td>
									<Td className="whitespace-nowrap">{v.recordId === null ? '' : `#${v.recordId}`}</Td>
									<Td className="whitespace-nowrap">
										{t('audit.person.violations.recordedByValue', { name: v.recordedByName, time: formatDateTime(v.recordedAt, locale) })}
									</Td>
								</Tr>
							))}
						</tbody>
					</Table>
				)}
				{canEdit ? (
					<div className="mt-4 max-w-2xl">
						<ViolationForm today={today} records={records} next={next} />
					</div>
				) : null}
			</section>
		</>
	)
}
