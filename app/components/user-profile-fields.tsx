import { getCollectionProps, getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { assignableRoles, positionOptions } from '#app/modules/auth/user-form.ts'
import { Input, Select, useErrorText } from './ui/index.ts'

type Team = { id: number; nameZh: string; nameEn: string; regionZh: string; regionEn: string }

/**
 * The fields HR sets on a person (name, position, team, hire date, roles), shared by the create and
 * edit forms so both look and validate the same.
 */
export function UserProfileFields({
	fields,
	teams,
	today,
}: {
	fields: {
		name: FieldMetadata<string>
		positionType: FieldMetadata<string | undefined>
		teamId: FieldMetadata<number | undefined>
		hireDate: FieldMetadata<string>
		roles: FieldMetadata<string[]>
	}
	teams: readonly Team[]
	today: string
}) {
	const { t, i18n } = useTranslation()
	const tr = useErrorText()
	const en = i18n.language === 'en'
	const rolesHint = `${fields.roles.id}-hint`
	return (
		<>
			<Input
				label={t('admin.name')}
				errors={tr(fields.name.errors)}
				autoComplete="off"
				{...getInputProps(fields.name, { type: 'text' })}
			/>
			<Select label={t('admin.position')} errors={tr(fields.positionType.errors)} {...getSelectProps(fields.positionType)}>
				<option value="">{t('positions.none')}</option>
				{positionOptions.map((p) => (
					<option key={p} value={p}>
						{t(`positions.${p}`)}
					</option>
				))}
			</Select>
			<Select label={t('admin.team')} errors={tr(fields.teamId.errors)} {...getSelectProps(fields.teamId)}>
				<option value="">{t('admin.noTeam')}</option>
				{teams.map((team) => (
					<option key={team.id} value={team.id}>
						{en ? `${team.nameEn} (${team.regionEn})` : `${team.nameZh}（${team.regionZh}）`}
					</option>
				))}
			</Select>
			<Input
				label={t('admin.hireDate')}
				errors={tr(fields.hireDate.errors)}
				max={today}
				{...getInputProps(fields.hireDate, { type: 'date' })}
			/>
			<fieldset className="space-y-2" aria-describedby={rolesHint}>
				<legend className="text-sm font-medium text-slate-800">{t('admin.roles')}</legend>
				<p id={rolesHint} className="text-sm text-slate-600">
					{t('admin.rolesHint')}
				</p>
				<div className="flex flex-wrap gap-x-6 gap-y-2">
					{getCollectionProps(fields.roles, { type: 'checkbox', options: [...assignableRoles] }).map(
						({ key, ...props }) => (
							<label key={key} className="inline-flex min-h-11 items-center gap-2 text-sm text-slate-900">
								<input {...props} className="size-5 rounded border-slate-400" />
								{t(`roles.${props.value as (typeof assignableRoles)[number]}`)}
							</label>
						),
					)}
				</div>
				{fields.roles.errors?.length ? (
					<p id={fields.roles.errorId} className="text-sm text-red-700">
						{tr(fields.roles.errors)?.join(' ')}
					</p>
				) : null}
			</fieldset>
		</>
	)
}
