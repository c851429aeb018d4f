import {
	MaxPartSizeExceededError,
	redirect,
	unstable_composeUploadHandlers,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
	type UploadHandler,
} from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigate, useNavigation } from '@remix-run/react'
import { useId, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ImportColumnsTable } from '#app/components/import-columns.tsx'
import { BackLink, Badge, Button, buttonClass, Card, ConfirmDialog, Select, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { localName } from '#app/modules/performance/format.ts'
import {
	EVIDENCE_MAX,
	KPI_IMPORT_COLUMNS,
	KPI_IMPORT_FIELDS,
	type ColumnChoice,
	type KpiImportField,
	type KpiImportProblem,
} from '#app/modules/performance/import.ts'
import {
	commitImport,
	discardStaged,
	dryRun,
	importHistory,
	isSha256,
	KPI_UPLOAD_MAX_BYTES,
	readStaged,
	revertBatch,
	stageUpload,
	StagedFileTooLarge,
	type KpiDryRun,
} from '#app/modules/performance/import.server.ts'
import { listIndicators } from '#app/modules/performance/scores.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { formatDateTime } from '#app/utils/dates.ts'
import { badRequest, FORM_MAX_BYTES, isMultipart, readFormData, tooLarge } from '#app/utils/http.server.ts'
import { getLocale } from '#app/utils/i18n.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { columnLetter } from '#app/utils/spreadsheet.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'kpiImport.title')

const PATH = '/admin/kpi/import'
/** Problems listed on the page; the count and the per-reason totals cover the rest. */
const PROBLEMS_SHOWN = 1000

/** `map.<field>=<column index>`: a column chosen on the page for a field whose header was not recognised. */
function choiceFrom(params: { get(name: string): FormDataEntryValue | null }): ColumnChoice {
	const choice: ColumnChoice = {}
	for (const field of KPI_IMPORT_FIELDS) {
		const raw = params.get(`map.${field}`)
		if (typeof raw === 'string' && /^\d{1,4}$/.test(raw)) choice[field] = Number(raw)
	}
	return choice
}

function choiceParams(choice: ColumnChoice): Array<[string, string]> {
	return KPI_IMPORT_FIELDS.filter((f) => choice[f] !== undefined).map((f) => [`map.${f}`, String(choice[f])])
}

function dryRunView(dry: KpiDryRun, choice: ColumnChoice) {
	const byKey = new Map<KpiImportProblem['key'], number>()
	for (const p of dry.problems) byKey.set(p.key, (byKey.get(p.key) ?? 0) + 1)
	const mapping = dry.mapping
	const fieldOf = new Map<number, KpiImportField>()
	if (mapping) for (const field of KPI_IMPORT_FIELDS) if (mapping.columns[field] !== undefined) fieldOf.set(mapping.columns[field]!, field)
	return {
		sha256: dry.sha256,
		fileName: dry.fileName,
		format: dry.format,
		counts: dry.counts,
		alreadyImported: dry.alreadyImported,
		problemCount: dry.problemCount,
		problems: dry.problems.slice(0, PROBLEMS_SHOWN),
		reasons: [...byKey].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count),
		mapping: mapping
			? {
					line: mapping.line,
					headers: mapping.labels.map((label, index) => ({ index, label: label || columnLetter(index), field: fieldOf.get(index) ?? null })),
					missing: mapping.missing,
				}
			: null,
		choice: choiceParams(choice),
	}
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const params = new URL(request.url).searchParams
	const file = params.get('file')
	let dry: ReturnType<typeof dryRunView> | null = null
	let expired = false
	// `staged` marks the redirect a scripted upload follows: the page then asks for the dry run itself.
	if (file !== null && !params.has('staged')) {
		const staged = isSha256(file) ? readStaged(file) : null
		if (!staged) expired = true
		else {
			const choice = choiceFrom(params)
			dry = dryRunView(await dryRun({ ...staged, choice }), choice)
		}
	}
	const indicators = listIndicators().map((i) => ({
		code: i.code,
		nameZh: i.nameZh,
		nameEn: i.nameEn,
		unit: i.unit,
		grain: i.grain,
		importable: i.rollup === 'ratio' ? ('ratio' as const) : i.source === 'exam' ? ('exam' as const) : ('yes' as const),
		numeratorCode: i.numeratorCode,
		denominatorCode: i.denominatorCode,
	}))
	return {
		dry,
		expired,
		history: importHistory(),
		indicators,
		maxMb: Math.round(KPI_UPLOAD_MAX_BYTES / 1024 / 1024),
		evidenceMax: EVIDENCE_MAX,
	}
}

/** Streams the file part to the staging directory (never whole in memory twice); other fields stay small. */
async function stageFromMultipart(request: Request): Promise<string> {
	const declared = Number(request.headers.get('content-length') ?? NaN)
	if (Number.isFinite(declared) && declared > KPI_UPLOAD_MAX_BYTES + FORM_MAX_BYTES) throw tooLarge(KPI_UPLOAD_MAX_BYTES)
	let sha256: string | null = null
	const fileHandler: UploadHandler = async ({ name, filename, data }) => {
		if (name !== 'file' || sha256 !== null) return undefined
		sha256 = (await stageUpload(data, filename ?? '')).sha256
		return sha256
	}
	try {
		await unstable_parseMultipartFormData(
			request,
			unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: FORM_MAX_BYTES })),
		)
	} catch (error) {
		if (error instanceof StagedFileTooLarge) throw tooLarge(KPI_UPLOAD_MAX_BYTES)
		if (error instanceof MaxPartSizeExceededError) throw tooLarge(FORM_MAX_BYTES)
		throw badRequest('Malformed multipart body')
	}
	if (sha256 === null) throw badRequest('Expected a file in the field "file"')
	return sha256
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	if (isMultipart(request)) {
		const sha256 = await stageFromMultipart(request)
		// A scripted upload (progress bar) follows this redirect itself and then navigates to the dry run.
		const scripted = request.headers.get('x-requested-with') === 'XMLHttpRequest'
		return redirect(`${PATH}?file=${sha256}${scripted ? '&staged=1' : ''}`)
	}
	const form = await readFormData(request)
	const number = new Intl.NumberFormat(await getLocale(request))
	const n = (value: number) => number.format(value)
	const intent = form.get('intent')

	if (intent === 'commit') {
		const sha256 = String(form.get('file') ?? '')
		const staged = readStaged(sha256)
		if (!staged) return redirectWithToast(PATH, { kind: 'error', key: 'kpiImport.toast.expired' })
		const choice = choiceFrom(form)
		const outcome = await commitImport({ ...staged, choice }, actor)
		if (outcome.status === 'invalid') {
			const query = new URLSearchParams([['file', sha256], ...choiceParams(choice)])
			return redirectWithToast(`${PATH}?${query}`, { kind: 'error', key: 'kpiImport.toast.invalid' })
		}
		discardStaged(sha256)
		if (outcome.status === 'alreadyImported')
			return redirectWithToast(PATH, { kind: 'info', key: 'kpiImport.toast.alreadyImported', values: { batch: outcome.alreadyImported } })
		return redirectWithToast(PATH, {
			key: 'kpiImport.toast.committed',
			values: { batch: outcome.batchId, inserted: n(outcome.inserted), updated: n(outcome.updated), unchanged: n(outcome.unchanged) },
		})
	}

	if (intent === 'revert') {
		const batchId = Number(form.get('batchId'))
		if (!Number.isInteger(batchId) || batchId <= 0) throw badRequest('Expected a batch id')
		const outcome = revertBatch(batchId, actor)
		if (outcome.ok)
			return redirectWithToast(PATH, {
				key: 'kpiImport.toast.reverted',
				values: { batch: batchId, deleted: n(outcome.deleted), restored: n(outcome.restored) },
			})
		if (!('record' in outcome))
			return redirectWithToast(PATH, {
				kind: 'error',
				key: outcome.reason === 'notFound' ? 'kpiImport.toast.revertNotFound' : 'kpiImport.toast.revertAlready',
				values: { batch: batchId },
			})
		const locale = await getLocale(request)
		const record = { email: outcome.record.email, indicator: localName(outcome.record, locale), date: outcome.record.date }
		if (outcome.reason === 'superseded')
			return redirectWithToast(PATH, {
				kind: 'error',
				key: 'kpiImport.toast.revertSuperseded',
				values: { batch: batchId, later: outcome.laterBatchId, ...record },
			})
		return redirectWithToast(PATH, {
			kind: 'error',
			key: outcome.reason === 'referenced' ? 'kpiImport.toast.revertReferenced' : 'kpiImport.toast.revertManual',
			values: { batch: batchId, ...record },
		})
	}
	throw badRequest('Unknown intent')
}

const noteKeys = {
	email: 'kpiImport.columns.note.email',
	indicator: 'kpiImport.columns.note.indicator',
	date: 'kpiImport.columns.note.date',
	value: 'kpiImport.columns.note.value',
	evidence: 'kpiImport.columns.note.evidence',
} as const satisfies Record<KpiImportField, string>

type UploadState = { phase: 'idle' } | { phase: 'uploading'; loaded: number; total: number } | { phase: 'failed'; message: string }

/**
 * A plain multipart form; with JavaScript the file goes up through XMLHttpRequest so a <progress> bar
 * can show the upload, then the page navigates to the dry run.
 */
function UploadForm({ maxMb }: { maxMb: number }) {
	const { t, i18n } = useTranslation()
	const navigate = useNavigate()
	const navigation = useNavigation()
	const [state, setState] = useState<UploadState>({ phase: 'idle' })
	const inputId = useId()
	const percent = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 })
	// After the upload the page navigates to the dry run, which reads the whole file: say so meanwhile.
	const checking = navigation.state === 'loading' && navigation.location.search.includes('file=')

	function onSubmit(event: FormEvent<HTMLFormElement>) {
		const form = event.currentTarget
		const input = form.elements.namedItem('file') as HTMLInputElement | null
		const file = input?.files?.[0]
		if (!file || typeof XMLHttpRequest === 'undefined') return
		event.preventDefault()
		if (file.size > maxMb * 1024 * 1024) {
			setState({ phase: 'failed', message: t('kpiImport.upload.tooLarge', { max: maxMb }) })
			return
		}
		const xhr = new XMLHttpRequest()
		xhr.open('POST', form.action)
		xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest')
		xhr.upload.onprogress = (e) => setState({ phase: 'uploading', loaded: e.loaded, total: e.lengthComputable ? e.total : file.size })
		xhr.onload = () => {
			const sha256 = xhr.responseURL ? new URL(xhr.responseURL).searchParams.get('file') : null
			if (xhr.status < 400 && sha256) {
				setState({ phase: 'idle' })
				navigate(`${PATH}?file=${sha256}`)
			} else
				setState({
					phase: 'failed',
					message: xhr.status === 413 ? t('kpiImport.upload.tooLarge', { max: maxMb }) : t('kpiImport.upload.failed', { status: xhr.status }),
				})
		}
		xhr.onerror = () => setState({ phase: 'failed', message: t('kpiImport.upload.networkError') })
		setState({ phase: 'uploading', loaded: 0, total: file.size })
		xhr.send(new FormData(form))
	}

	const busy = state.phase === 'uploading' || checking
	return (
		<form method="post" encType="multipart/form-data" action={PATH} onSubmit={onSubmit} className="space-y-4">
			<div className="space-y-1">
				<label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
					{t('kpiImport.upload.file')}
				</label>
				<input
					id={inputId}
					type="file"
					name="file"
					required
					accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
					aria-describedby={`${inputId}-hint`}
					className="block w-full min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm"
				/>
				<p id={`${inputId}-hint`} className="text-sm text-slate-600">
					{t('kpiImport.upload.fileHint', { max: maxMb })}
				</p>
			</div>
			<div aria-live="polite" className="space-y-1 text-sm text-slate-800">
				{state.phase === 'uploading' ? (
					<>
						<progress className="h-2.5 w-full accent-brand-700" value={state.loaded} max={state.total || 1} aria-label={t('kpiImport.upload.progress')} />
						<p>{t('kpiImport.upload.progressText', { percent: percent.format(state.total ? (state.loaded / state.total) * 100 : 0) })}</p>
					</>
				) : checking ? (
					<>
						<progress className="h-2.5 w-full accent-brand-700" aria-label={t('kpiImport.upload.checking')} />
						<p>{t('kpiImport.upload.checking')}</p>
					</>
				) : state.phase === 'failed' ? (
					<p role="alert" className="text-red-700">
						{state.message}
					</p>
				) : null}
			</div>
			<div className="flex flex-wrap gap-3">
				<Button type="submit" disabled={busy}>
					{t('kpiImport.upload.submit')}
				</Button>
				<a href={`${PATH}/template.csv`} download className={buttonClass('secondary')}>
					{t('kpiImport.templates.csv')}
				</a>
				<a href={`${PATH}/template.xlsx`} download className={buttonClass('secondary')}>
					{t('kpiImport.templates.xlsx')}
				</a>
			</div>
		</form>
	)
}

type ReasonKey = KpiImportProblem['key'] extends `kpiImport.errors.${infer K}` ? K : never

type DryRunView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['dry']>

function DryRunSection({ dry }: { dry: DryRunView }) {
	const { t, i18n } = useTranslation()
	const navigation = useNavigation()
	const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language])
	const n = (value: number) => number.format(value)
	const fieldName = (field: KpiImportField) => t(`kpiImport.fields.${field}`)
	const ready = dry.problemCount === 0 && !dry.alreadyImported
	const writes = dry.counts.insert + dry.counts.update
	return (
		<section aria-labelledby="dry-run" className="mb-8 space-y-4">
			<h2 id="dry-run" className="text-xl font-semibold text-slate-900">
				{t('kpiImport.dryRun.heading')}
			</h2>
			<dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
				<dt className="font-medium text-slate-700">{t('kpiImport.dryRun.file')}</dt>
				<dd className="break-all text-slate-900">{dry.fileName}</dd>
				<dt className="font-medium text-slate-700">{t('kpiImport.dryRun.format')}</dt>
				<dd className="text-slate-900">{dry.format === 'xlsx' ? 'Excel (.xlsx)' : 'CSV'}</dd>
				<dt className="font-medium text-slate-700">{t('kpiImport.dryRun.hash')}</dt>
				<dd className="font-mono text-xs break-all text-slate-900">{dry.sha256}</dd>
			</dl>
			<h3 className="sr-only">{t('kpiImport.dryRun.counts')}</h3>
			<dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
				{(
					[
						['rows', dry.counts.rows],
						['insert', dry.counts.insert],
						['update', dry.counts.update],
						['unchanged', dry.counts.unchanged],
						['problems', dry.problemCount],
					] as const
				).map(([key, value]) => (
					<div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
						<dt className="text-xs text-slate-700">{t(`kpiImport.dryRun.${key}`)}</dt>
						<dd className={`text-xl font-semibold tabular-nums ${key === 'problems' && value > 0 ? 'text-red-700' : 'text-slate-900'}`}>{n(value)}</dd>
					</div>
				))}
			</dl>

			{dry.alreadyImported ? (
				<p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
					{t('kpiImport.dryRun.alreadyImported', {
						when: formatDateTime(dry.alreadyImported.at, i18n.language),
						batch: dry.alreadyImported.batchId,
					})}
				</p>
			) : null}

			{dry.mapping ? (
				<section className="space-y-3">
					<h3 id="mapping" className="text-lg font-semibold text-slate-900">
						{t('kpiImport.mapping.heading')}
					</h3>
					<Table caption={t('kpiImport.mapping.heading')}>
						<thead>
							<tr>
								<Th>{t('kpiImport.mapping.fileHeader')}</Th>
								<Th>{t('kpiImport.mapping.field')}</Th>
							</tr>
						</thead>
						<tbody>
							{dry.mapping.headers.map((h) => (
								<Tr key={h.index}>
									<Td className="whitespace-nowrap">{h.label}</Td>
									<Td>{h.field ? <Badge tone="brand">{fieldName(h.field)}</Badge> : <span className="text-slate-700">{t('kpiImport.mapping.ignored')}</span>}</Td>
								</Tr>
							))}
						</tbody>
					</Table>
					{dry.mapping.missing.length > 0 ? (
						<Form method="get" action={PATH} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
							<p className="text-sm text-slate-800">{t('kpiImport.mapping.missingHint')}</p>
							<input type="hidden" name="file" value={dry.sha256} />
							{dry.choice.map(([name, value]) => (
								<input key={name} type="hidden" name={name} value={value} />
							))}
							{dry.mapping.missing.map((field) => (
								<Select key={field} name={`map.${field}`} label={t('kpiImport.mapping.select', { field: fieldName(field) })} required defaultValue="">
									<option value="" disabled>
										{t('kpiImport.mapping.choose')}
									</option>
									{dry.mapping!.headers
										.filter((h) => h.field === null)
										.map((h) => (
											<option key={h.index} value={h.index}>
												{h.label}
											</option>
										))}
								</Select>
							))}
							<Button type="submit" variant="secondary">
								{t('kpiImport.mapping.apply')}
							</Button>
						</Form>
					) : null}
				</section>
			) : null}

			{dry.problemCount > 0 ? (
				<section className="space-y-3">
					<div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
						<h3 id="problems" className="font-semibold">
							{t('kpiImport.dryRun.problemsHeading', { count: dry.problemCount, formatted: n(dry.problemCount) })}
						</h3>
						{dry.problemCount > dry.problems.length ? (
							<p>{t('kpiImport.dryRun.problemsShown', { shown: n(dry.problems.length), total: n(dry.problemCount) })}</p>
						) : null}
					</div>
					{dry.reasons.length > 1 ? (
						<div>
							<h4 className="mb-1 text-sm font-semibold text-slate-800">{t('kpiImport.dryRun.byReason')}</h4>
							<ul className="flex flex-wrap gap-2 text-sm">
								{dry.reasons.map((r) => (
									<li key={r.key}>
										<Badge tone="danger">
											{t(`kpiImport.reasons.${r.key.replace('kpiImport.errors.', '') as ReasonKey}`)}
											{' × '}
											{n(r.count)}
										</Badge>
									</li>
								))}
							</ul>
						</div>
					) : null}
					<Table caption={t('kpiImport.dryRun.problemsHeading', { count: dry.problemCount, formatted: n(dry.problemCount) })}>
						<thead>
							<tr>
								<Th>{t('kpiImport.dryRun.line')}</Th>
								<Th>{t('kpiImport.dryRun.column')}</Th>
								<Th>{t('kpiImport.dryRun.reason')}</Th>
							</tr>
						</thead>
						<tbody>
							{dry.problems.map((p, i) => (
								<Tr key={`${p.line}-${p.column}-${i}`}>
									<Td className="tabular-nums">{p.line > 0 ? n(p.line) : t('kpiImport.dryRun.wholeFile')}</Td>
									<Td className="whitespace-nowrap">{p.column || '—'}</Td>
									<Td>{String(t(p.key as never, problemValues(p.values, n) as never))}</Td>
								</Tr>
							))}
						</tbody>
					</Table>
				</section>
			) : null}

			<div className="flex flex-wrap items-center gap-3">
				{ready ? (
					<Form method="post" action={PATH} className="flex flex-wrap items-center gap-3">
						<p className="w-full text-sm text-green-800" role="status">
							{t('kpiImport.dryRun.ready')}
						</p>
						<input type="hidden" name="intent" value="commit" />
						<input type="hidden" name="file" value={dry.sha256} />
						{dry.choice.map(([name, value]) => (
							<input key={name} type="hidden" name={name} value={value} />
						))}
						<Button type="submit" disabled={navigation.state === 'submitting'}>
							{t('kpiImport.dryRun.commit')} ({n(writes)})
						</Button>
					</Form>
				) : null}
				<Link to={PATH} className={buttonClass('ghost')}>
					{t('kpiImport.dryRun.another')}
				</Link>
			</div>
		</section>
	)
}

/** Line numbers inside messages ("already on line 12,345") read like the rest of the page. */
function problemValues(values: Record<string, string | number>, n: (value: number) => string) {
	return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' && (k === 'line' || k === 'max') ? n(v) : v]))
}

export default function KpiImportPage() {
	const { dry, expired, history, indicators, maxMb, evidenceMax } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language])
	const n = (value: number) => number.format(value)
	const when = (ms: number) => formatDateTime(ms, i18n.language)

	return (
		<>
			<BackLink to="/admin/kpi">{t('kpiImport.back')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('kpiImport.title')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('kpiImport.intro')}</p>

			{expired ? (
				<p role="alert" className="mb-6 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
					{t('kpiImport.dryRun.expired')}
				</p>
			) : null}

			{dry ? <DryRunSection dry={dry} /> : null}

			{/* Sections around a Table carry no name: the Table is already a region named like the heading (axe landmark-unique). */}
			<Card className="mb-8 max-w-2xl" aria-labelledby="upload">
				<h2 id="upload" className="mb-3 text-lg font-semibold text-slate-900">
					{t('kpiImport.upload.heading')}
				</h2>
				<UploadForm maxMb={maxMb} />
			</Card>

			<section className="mb-8">
				<h2 id="import-history" className="mb-3 text-lg font-semibold text-slate-900">
					{t('kpiImport.history.heading')}
				</h2>
				{history.length === 0 ? (
					<p className="text-sm text-slate-700">{t('kpiImport.history.empty')}</p>
				) : (
					<Table caption={t('kpiImport.history.heading')}>
						<thead>
							<tr>
								<Th>{t('kpiImport.history.batch')}</Th>
								<Th>{t('kpiImport.history.when')}</Th>
								<Th>{t('kpiImport.history.who')}</Th>
								<Th>{t('kpiImport.history.file')}</Th>
								<Th>{t('kpiImport.history.hash')}</Th>
								<Th className="text-right">{t('kpiImport.history.rows')}</Th>
								<Th className="text-right">{t('kpiImport.history.inserted')}</Th>
								<Th className="text-right">{t('kpiImport.history.updated')}</Th>
								<Th className="text-right">{t('kpiImport.history.unchanged')}</Th>
								<Th>{t('kpiImport.history.status')}</Th>
								<Th>{t('kpiImport.history.actions')}</Th>
							</tr>
						</thead>
						<tbody>
							{history.map((b) => (
								<Tr key={b.id}>
									<Td className="tabular-nums">#{b.id}</Td>
									<Td className="whitespace-nowrap">{when(b.createdAt)}</Td>
									<Td>
										{b.actor ? (
											b.actor.name
										) : b.token ? (
											<>
												{t('kpiImport.history.api')}
												<span className="block text-xs text-slate-700">{t('kpiImport.history.token', { name: b.token.name })}</span>
											</>
										) : (
											'—'
										)}
									</Td>
									<Td className="max-w-48 break-all">{b.kind === 'api' ? t('kpiImport.history.api') : b.fileName ?? '—'}</Td>
									<Td>
										<code className="text-xs" title={b.sha256}>
											{b.sha256.slice(0, 12)}
										</code>
									</Td>
									<Td className="text-right tabular-nums">{n(b.rows)}</Td>
									<Td className="text-right tabular-nums">{n(b.inserted)}</Td>
									<Td className="text-right tabular-nums">{n(b.updated)}</Td>
									<Td className="text-right tabular-nums">{n(b.unchanged)}</Td>
									<Td>
										{b.revertedAt ? (
											<>
												<Badge tone="neutral">{t('kpiImport.history.reverted')}</Badge>
												<span className="mt-1 block text-xs text-slate-700">
													{t('kpiImport.history.revertedBy', { name: b.revertedBy?.name ?? '—', when: when(b.revertedAt) })}
												</span>
											</>
										) : (
											<Badge tone="success">{t('kpiImport.history.active')}</Badge>
										)}
									</Td>
									<Td>
										{b.revertedAt ? null : (
											<ConfirmDialog trigger={t('kpiImport.history.revert')} title={t('kpiImport.history.revertConfirm', { batch: b.id })}>
												<Form method="post" action={PATH}>
													<input type="hidden" name="intent" value="revert" />
													<input type="hidden" name="batchId" value={b.id} />
													<Button type="submit" variant="danger">
														{t('kpiImport.history.revertSubmit')}
													</Button>
												</Form>
											</ConfirmDialog>
										)}
									</Td>
								</Tr>
							))}
						</tbody>
					</Table>
				)}
			</section>

			<section className="mb-8">
				<h2 id="import-columns" className="mb-3 text-lg font-semibold text-slate-900">
					{t('kpiImport.columns.heading')}
				</h2>
				<ImportColumnsTable
					heading={t('kpiImport.columns.heading')}
					labels={{ column: t('kpiImport.columns.column'), requirement: t('kpiImport.columns.requirement'), notes: t('kpiImport.columns.notes'), required: t('kpiImport.columns.required'), optional: t('kpiImport.columns.optional') }}
					columns={KPI_IMPORT_COLUMNS.map((c) => ({ ...c, note: t(noteKeys[c.field], { max: evidenceMax }) }))}
				/>
			</section>

			<section>
				<h2 id="import-indicators" className="mb-3 text-lg font-semibold text-slate-900">
					{t('kpiImport.indicators.heading')}
				</h2>
				<Table caption={t('kpiImport.indicators.heading')}>
					<thead>
						<tr>
							<Th>{t('kpiImport.indicators.code')}</Th>
							<Th>{t('kpiImport.indicators.name')}</Th>
							<Th>{t('kpiImport.indicators.unit')}</Th>
							<Th>{t('kpiImport.indicators.grain')}</Th>
							<Th>{t('kpiImport.indicators.importable')}</Th>
						</tr>
					</thead>
					<tbody>
						{indicators.map((i) => (
							<Tr key={i.code}>
								<Td>
									<code>{i.code}</code>
								</Td>
								<Td>{localName(i, i18n.language)}</Td>
								<Td>{t(`kpiTerms.unit.${i.unit}`)}</Td>
								<Td>{t(`kpiTerms.grain.${i.grain}`)}</Td>
								<Td>
									{i.importable === 'yes' ? (
										<Badge tone="success">{t('kpiImport.indicators.yes')}</Badge>
									) : i.importable === 'ratio' ? (
										t('kpiImport.indicators.ratio', { numerator: i.numeratorCode ?? '', denominator: i.denominatorCode ?? '' })
									) : (
										t('kpiImport.indicators.exam')
									)}
								</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			</section>
		</>
	)
}
