import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ExamBadges, ExamStateText, stateTone } from '#app/components/exam-catalog.tsx'
import { ReasonField } from '#app/components/reason-field.tsx'
import { BackLink, Badge, Button, Card, FormErrors, useErrorText } from '#app/components/ui/index.ts'
import { getExam, grantExtraAttempt } from '#app/modules/exams/attempts.server.ts'
import { examCatalogFor } from '#app/modules/exams/catalog.server.ts'
import { getProfile } from '#app/modules/auth/users.server.ts'
import { requireManagerOf } from '#app/utils/auth.server.ts'
import { readFormData } from '#app/utils/http.server.ts'
import { pageTitle } from '#app/utils/meta.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const GrantSchema = z.object({
	exam: z.string().min(1).max(80),
	reason: z
		.string({ error: 'exams.grant.reasonTooShort' })
		.trim()
		.min(5, { error: 'exams.grant.reasonTooShort' })
		.max(500, { error: 'exams.grant.reasonTooLong' }),
})

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	data ? pageTitle(matches, 'exams.grant.title', { name: data.person.name }) : pageTitle(matches, 'errors.notFoundTitle')

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' })

function personOf(userId: number) {
	const person = Number.isSafeInteger(userId) && userId > 0 ? getProfile(userId) : undefined
	if (!person) throw new Response('No such person', { status: 404, statusText: 'Not Found' })
	return person
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const userId = Number(params.userId)
	// The person's own manager or HR; nobody grants themselves attempts.
	await requireManagerOf(request, userId)
	const person = personOf(userId)
	const exams = examCatalogFor(userId).flatMap((group) => group.exams)
	return { person: { id: userId, name: person.name }, exams }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const userId = Number(params.userId)
	const actor = await requireManagerOf(request, userId)
	personOf(userId)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: GrantSchema })
	const slug = String(formData.get('exam') ?? '')
	if (submission.status !== 'success') return data({ exam: slug, result: submission.reply() }, { status: 400 })
	const exam = getExam(submission.value.exam)
	if (!exam) throw new Response('No such exam', { status: 404, statusText: 'Not Found' })
	const granted = grantExtraAttempt(actor.id, userId, exam, submission.value.reason)
	if (!granted.ok)
		return data({ exam: slug, result: submission.reply({ formErrors: [`exams.grant.refused.${granted.reason}`] }) }, { status: 409 })
	return redirectWithToast(`/team/${userId}/exams`, { key: 'exams.grant.granted' })
}

type LoaderExam = ReturnType<typeof useLoaderData<typeof loader>>['exams'][number]

function GrantForm({ exam }: { exam: LoaderExam }) {
	const { t } = useTranslation()
	const tr = useErrorText()
	const navigation = useNavigation()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm<z.input<typeof GrantSchema>>({
		id: `grant-${exam.slug}`,
		lastResult: actionData?.exam === exam.slug ? actionData.result : undefined,
		defaultValue: { exam: exam.slug },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantSchema }),
		shouldValidate: 'onSubmit',
	})
	return (
		<Form method="post" {...getFormProps(form)} className="mt-3 space-y-2">
			<input {...getInputProps(fields.exam, { type: 'hidden' })} />
			<ReasonField
				field={fields.reason}
				hintId={`grant-${exam.slug}-hint`}
				label={t('exams.grant.reason')}
				hint={t('exams.grant.reasonHint')}
				rows={2}
			/>
			<FormErrors id={form.errorId} errors={tr(form.errors)} />
			<Button type="submit" disabled={navigation.state === 'submitting'}>
				{t('exams.grant.submit')}
			</Button>
		</Form>
	)
}

/** A manager's view of one person's exams: where each stands, and one more attempt for whoever used them all. */
export default function PersonExams() {
	const { person, exams } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	return (
		<>
			<BackLink to={`/team/${person.id}/tier`}>{t('exams.grant.toTier')}</BackLink>
			<h1 className="mb-2 text-2xl font-bold text-slate-900">{t('exams.grant.title', { name: person.name })}</h1>
			<p className="mb-6 max-w-prose text-slate-700">{t('exams.grant.intro')}</p>
			<ul className="space-y-3">
				{exams.map((exam) => (
					<li key={exam.slug}>
						<Card aria-labelledby={`exam-${exam.slug}`}>
							<div className="flex flex-wrap items-center gap-2">
								<h2 id={`exam-${exam.slug}`} className="text-lg font-semibold text-slate-900">
									{en ? exam.titleEn : exam.title}
								</h2>
								<ExamBadges exam={exam} />
							</div>
							<p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-800">
								<Badge>{t('exams.grant.used', { used: exam.attemptsUsed, max: exam.maxAttempts })}</Badge>
								<span className={stateTone(exam.state)}>
									<ExamStateText exam={exam} state={exam.state} />
								</span>
							</p>
							{exam.state.kind === 'no_attempts_left' ? <GrantForm exam={exam} /> : null}
						</Card>
					</li>
				))}
			</ul>
		</>
	)
}
