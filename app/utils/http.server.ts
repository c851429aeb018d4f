import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'

export const FORM_MAX_BYTES = 64 * 1024
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024

export function badRequest(reason: string): Response {
	return new Response(reason, { status: 400, statusText: 'Bad Request' })
}

export function tooLarge(maxBytes: number): Response {
	return new Response(`Request body larger than ${maxBytes} bytes`, { status: 413, statusText: 'Payload Too Large' })
}

/** Reads at most `maxBytes` of a body; a larger one is refused with 413 before it is all in memory. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
	const declared = Number(request.headers.get('content-length') ?? NaN)
	if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes)
	if (!request.body) return new Uint8Array()
	const chunks: Uint8Array[] = []
	let size = 0
	const reader = request.body.getReader()
	for (;;) {
		const { done, value } = await reader.read()
		if (done) break
		size += value.byteLength
		if (size > maxBytes) {
			await reader.cancel()
			throw tooLarge(maxBytes)
		}
		chunks.push(value)
	}
	const body = new Uint8Array(size)
	let offset = 0
	for (const c of chunks) {
		body.set(c, offset)
		offset += c.byteLength
	}
	return body
}

/**
 * The form data of a POST, within a size limit. A body that is not a form (or is a broken one) is a
 * 400 with the reason, never a 500.
 */
export async function readFormData(request: Request, maxBytes = FORM_MAX_BYTES): Promise<FormData> {
	const type = request.headers.get('content-type') ?? ''
	if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type))
		throw badRequest('Expected a form body (application/x-www-form-urlencoded or multipart/form-data)')
	const body = await readBody(request, maxBytes)
	try {
		return await new Response(body, { headers: { 'content-type': type } }).formData()
	} catch {
		throw badRequest('Malformed form body')
	}
}

/** Whether a request says it carries a multipart/form-data body (with its boundary). */
export function isMultipart(request: Request): boolean {
	return /^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '')
}

export type UploadedFile = { bytes: Uint8Array; fileName: string | null }

/**
 * The bytes (and name, where the browser sent one) of the file in one field of a multipart POST. The
 * whole body is capped first (the file's limit plus room for the other fields), so many parts cannot
 * add up either. A body that is not multipart is a 400 with `notMultipart`; a file over `maxBytes` a 413.
 */
export async function readUploadedFile(
	request: Request,
	{
		maxBytes = UPLOAD_MAX_BYTES,
		field = 'file',
		notMultipart = 'Expected a multipart/form-data body with a file',
	}: { maxBytes?: number; field?: string; notMultipart?: string } = {},
): Promise<UploadedFile> {
	if (!isMultipart(request)) throw badRequest(notMultipart)
	const type = request.headers.get('content-type') ?? ''
	const body = await readBody(request, maxBytes + FORM_MAX_BYTES)
	let formData: FormData
	try {
		formData = await unstable_parseMultipartFormData(
			new Request(request.url, { method: 'POST', headers: { 'content-type': type }, body }),
			unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
		)
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) throw tooLarge(maxBytes)
		throw badRequest('Malformed multipart body')
	}
	const file = formData.get(field)
	if (!(file instanceof Blob)) throw badRequest(`Expected a file in the field "${field}"`)
	return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file instanceof File ? file.name : null }
}
