import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ImportColumnsTable } from '#app/components/import-columns.tsx'
import { BackLink, Button, buttonClass, Card, Input, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { NAME_MAX } from '#app/modules/auth/user-form.ts'
import { IMPORT_COLUMNS, type ImportField } from '#app/modules/auth/user-import.ts'
import { importUsers } from '#app/modules/auth/user-import.server.ts'
import { listTeams } from '#app/modules/auth/users.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { readUploadedFile } from '#app/utils/http.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'admin.importTitle')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	return { columns: IMPORT_COLUMNS, teamExample: listTeams()[0]?.code ?? 'east-sales', nameMax: NAME_MAX }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'hr_admin')
	const { bytes } = await readUploadedFile(request, { notMultipart: 'Expected a multipart/form-data body with a CSV file' })
	const outcome = importUsers(bytes, actor.id)
	if (!outcome.ok) return data({ problems: outcome.problems }, { status: 400 })
	return redirectWithToast('/admin/users', { key: 'admin.importDone', values: { count: outcome.count } })
}

const noteKeys = {
	email: 'admin.importNoteEmail',
	name: 'admin.importNoteName',
	position: 'admin.importNotePosition',
	team: 'admin.importNoteTeam',
	hireDate: 'admin.importNoteHireDate',
	roles: 'admin.importNoteRoles',
} as const satisfies Record<ImportField, string>

export default function ImportUsersPage() {
	const { columns, teamExample, nameMax } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const problems = actionData?.problems ?? []

	return (
		<>
			<BackLink to="/admin/users">{t('admin.backToUsers')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('admin.importTitle')}</h1>
			<p className="mb-6 max-w-prose text-sm text-slate-700">{t('admin.importIntro')}</p>

			{problems.length > 0 ? (
				<section className="mb-6 space-y-3">
					{/* No aria-labelledby here or below: each Table is already a region with the heading's name (axe landmark-unique). */}
					<div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
						<h2 id="import-problems" className="font-semibold">
							{t('admin.importFailed', { count: problems.length })}
						</h2>
					</div>
					<Table caption={t('admin.importFailed', { count: problems.length })}>
						<thead>
							<tr>
								<Th>{t('admin.importLine')}</Th>
								<Th>{t('admin.importColumn')}</Th>
								<Th>{t('admin.importReason')}</Th>
							</tr>
						</thead>
						<tbody>
							{problems.map((p, i) => (
								<Tr key={`${p.line}-${p.column}-${i}`}>
									<Td className="tabular-nums">{p.line > 0 ? p.line : t('admin.importWholeFile')}</Td>
									<Td className="whitespace-nowrap">{p.column || '—'}</Td>
									<Td>{String(t(p.key as never, p.values as never))}</Td>
								</Tr>
							))}
						</tbody>
					</Table>
				</section>
			) : null}

			<Card className="mb-6 max-w-2xl">
				<Form method="post" encType="multipart/form-data" className="space-y-4">
					<Input label={t('admin.file')} type="file" name="file" accept=".csv,text/csv" required />
					<div className="flex flex-wrap gap-3">
						<Button type="submit" disabled={navigation.state === 'submitting'}>
							{t('admin.importSubmit')}
						</Button>
						<a href="/admin/users/template.csv" download className={buttonClass('secondary')}>
							{t('admin.downloadTemplate')}
						</a>
					</div>
				</Form>
			</Card>

			<section>
				<h2 id="import-columns" className="mb-3 text-lg font-semibold text-slate-900">
					{t('admin.importColumns')}
				</h2>
				<ImportColumnsTable
					heading={t('admin.importColumns')}
					labels={{ column: t('admin.importColumn'), requirement: t('admin.importRequirement'), notes: t('admin.importNotes'), required: t('admin.importColumnRequired'), optional: t('admin.importColumnOptional') }}
					columns={columns.map((c) => ({ ...c, note: t(noteKeys[c.field], { max: nameMax, example: teamExample }) }))}
				/>
			</section>
		</>
	)
}
