import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Badge, Button, ButtonLink, EmptyState, Input, Pagination, Table, Td, Th, Tr } from '#app/components/ui/index.ts'
import { assignableRoles } from '#app/modules/auth/user-form.ts'
import { listTeams, listUsers } from '#app/modules/auth/users.server.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { AdminTabs } from '#app/components/admin-tabs.tsx'

const PAGE_SIZE = 25
const ROLE_ORDER: readonly string[] = ['staff', ...assignableRoles]

// A bookmarked or hand-edited URL with a bad page number shows page 1 rather than an error.
const ListQuery = z.object({
	q: z.string().trim().max(100).catch(''),
	page: z.coerce.number().int().min(1).catch(1),
})

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'admin.usersTitle')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'hr_admin')
	const params = new URL(request.url).searchParams
	const { q, page } = ListQuery.parse({ q: params.get('q') ?? '', page: params.get('page') ?? 1 })
	const { rows, total } = listUsers({ query: q, page, pageSize: PAGE_SIZE })
	const teams = listTeams().map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn }))
	return { q, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total, rows, teams }
}

export default function UsersPage() {
	const { q, page, pages, total, rows, teams } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const teamName = (id: number | null) => {
		const team = teams.find((x) => x.id === id)
		return team ? (en ? team.nameEn : team.nameZh) : t('admin.noTeam')
	}
	const pageLink = (to: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(to) })}`

	return (
		<>
			<AdminTabs />
			<div className="mb-4 flex flex-wrap items-center justify-between gap-3">
				<h1 className="text-2xl font-bold text-slate-900">{t('admin.usersTitle')}</h1>
				<div className="flex flex-wrap gap-2">
					<ButtonLink to="/admin/users/new">{t('admin.newUser')}</ButtonLink>
					<ButtonLink to="/admin/users/import" variant="secondary">
						{t('admin.importUsers')}
					</ButtonLink>
				</div>
			</div>
			<Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-2">
				<Input label={t('admin.search')} name="q" type="search" defaultValue={q} className="min-w-0 flex-1 sm:max-w-md" />
				<Button type="submit" variant="secondary">
					{t('admin.searchSubmit')}
				</Button>
			</Form>
			<p className="mb-2 text-sm text-slate-700" aria-live="polite">
				{t('admin.total', { count: total })}
			</p>
			{rows.length === 0 ? (
				<EmptyState title={t('admin.noUsers')} />
			) : (
				<Table caption={t('admin.usersTitle')}>
					<thead>
						<tr>
							<Th>{t('admin.name')}</Th>
							<Th>{t('admin.email')}</Th>
							<Th>{t('admin.position')}</Th>
							<Th>{t('admin.team')}</Th>
							<Th>{t('admin.hireDate')}</Th>
							<Th>{t('admin.roles')}</Th>
							<Th>{t('admin.status')}</Th>
							<Th>{t('admin.actions')}</Th>
						</tr>
					</thead>
					<tbody>
						{rows.map((user) => (
							<Tr key={user.id}>
								<Td className="font-medium whitespace-nowrap">{user.name}</Td>
								<Td>{user.email}</Td>
								<Td className="whitespace-nowrap">{t(`positions.${user.positionType ?? 'none'}`)}</Td>
								<Td className="whitespace-nowrap">{teamName(user.teamId)}</Td>
								<Td className="whitespace-nowrap">{user.hireDate}</Td>
								<Td>
									<span className="flex flex-wrap gap-1">
										{[...user.roles].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b)).map((role) => (
											<Badge key={role} tone={role === 'staff' ? 'neutral' : 'brand'}>
												{t(`roles.${role}`)}
											</Badge>
										))}
									</span>
								</Td>
								<Td>
									<Badge tone={user.active ? 'success' : 'danger'}>
										{user.active ? t('admin.active') : t('admin.inactive')}
									</Badge>
								</Td>
								<Td>
									<Link
										to={`/admin/users/${user.id}`}
										className="inline-flex min-h-11 items-center text-brand-700 underline"
										aria-label={`${t('admin.edit')} ${user.name}`}
									>
										{t('admin.edit')}
									</Link>
								</Td>
							</Tr>
						))}
					</tbody>
				</Table>
			)}
			<Pagination
				page={page}
				pages={pages}
				hrefFor={pageLink}
				labels={{ nav: t('admin.pagination'), prev: t('admin.prev'), next: t('admin.next'), position: t('admin.page', { page: Math.min(page, pages), pages }) }}
			/>
		</>
	)
}
