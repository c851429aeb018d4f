import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { KPI_API_MAX_RECORDS, writeApiRecords } from '#app/modules/performance/import.server.ts'
import { apiError, apiJson, methodNotAllowed, requireApiToken } from '#app/utils/api-auth.server.ts'
import { readBody } from '#app/utils/http.server.ts'
import { translatorFor } from '#app/utils/meta.ts'

/** 10,000 records with long evidence stay well under this. */
const BODY_MAX_BYTES = 8 * 1024 * 1024

export async function loader({ request }: LoaderFunctionArgs) {
	await requireApiToken(request, 'kpi:write')
	return methodNotAllowed(request, ['POST'])
}

/**
 * KPI records from an integration (CRM, BI): `{ records: [{ email, indicator, date, value, evidence? }] }`,
 * at most 10,000 per call, checked like an uploaded file and written all or nothing as one batch
 * (source "api", revertible from /admin/kpi/import). Problems come back by record index.
 */
export async function action({ request }: ActionFunctionArgs) {
	const token = await requireApiToken(request, 'kpi:write')
	if (request.method !== 'POST') return methodNotAllowed(request, ['POST'])
	if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? ''))
		return apiError(400, 'invalid_request', 'Send a JSON body with "Content-Type: application/json".')
	let body: Uint8Array
	try {
		body = await readBody(request, BODY_MAX_BYTES)
	} catch (error) {
		if (error instanceof Response && error.status === 413)
			return apiError(413, 'invalid_request', `The body is larger than ${BODY_MAX_BYTES} bytes; send at most ${KPI_API_MAX_RECORDS} records per request.`)
		throw error
	}
	let parsed: unknown
	try {
		parsed = JSON.parse(new TextDecoder().decode(body))
	} catch {
		return apiError(400, 'invalid_request', 'The body is not valid JSON.')
	}
	const records = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { records?: unknown }).records : undefined
	if (!Array.isArray(records)) return apiError(400, 'invalid_request', 'The body must be an object with a "records" array.')
	if (records.length === 0) return apiError(400, 'invalid_request', 'The "records" array is empty.')
	if (records.length > KPI_API_MAX_RECORDS)
		return apiError(413, 'invalid_request', `At most ${KPI_API_MAX_RECORDS} records per request; this one has ${records.length}. Split it into several requests.`)

	const outcome = writeApiRecords(records, token)
	if (!outcome.ok) {
		const t = translatorFor('en')
		const rows = new Set(outcome.problems.map((p) => p.index)).size
		return apiJson(
			{
				error: {
					code: 'invalid_request',
					message: `${outcome.problems.length} problem(s) in ${rows} record(s); nothing was written.`,
					problems: outcome.problems.map((p) => ({
						index: p.index,
						field: p.field,
						code: p.key.replace('kpiImport.errors.', ''),
						reason: String(t(p.key as never, p.values as never)),
					})),
				},
			},
			{ status: 400 },
		)
	}
	const { batchId, inserted, updated, unchanged } = outcome
	return apiJson({ batchId, inserted, updated, unchanged })
}
