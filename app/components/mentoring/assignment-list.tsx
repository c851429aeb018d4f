import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { AssignmentView } from '#app/modules/mentoring/assignments.server.ts'
import { businessDate } from '#app/utils/dates.ts'
import { useLocalTitle } from '../learning.tsx'
import { Badge, Button, cn } from '../ui/index.ts'

export type AssignmentListProps = {
	assignments: readonly AssignmentView[]
	/** The mentee: may mark an open article done. */
	canComplete: boolean
	/** Where the "mark as done" form comes back to (the home page posts with `/`). */
	redirectTo: string
	headingLevel?: 'h3' | 'h4'
}

/**
 * Content the mentor assigned: what, by when, and done / overdue / to do. The mentee marks an article
 * done with a plain form posted to the pairing page (`intent=complete`); a lesson is done on the track.
 */
export function AssignmentList({ assignments, canComplete, redirectTo, headingLevel: Heading = 'h3' }: AssignmentListProps) {
	const { t } = useTranslation()
	const title = useLocalTitle()
	return (
		<ul className="divide-y divide-slate-100">
			{assignments.map((a) => {
				const titleId = `assignment-${a.id}`
				const done = a.doneAt !== null
				return (
					<li key={a.id} className={cn('flex flex-wrap items-start justify-between gap-x-4 gap-y-2 py-3', a.overdue && 'rounded-md bg-red-50 px-2')}>
						<div className="min-w-0 flex-1 basis-56">
							<Heading id={titleId} className="font-medium break-words">
								<Link to={a.href} className="text-brand-700 underline underline-offset-2">
									{title(a)}
								</Link>
							</Heading>
							<p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
								<span>{a.kind === 'article' ? t('mentoring.assignments.article') : t('mentoring.assignments.lesson')}</span>
								<span className={cn('tabular-nums', a.overdue && 'font-semibold text-red-800')}>{t('mentoring.assignments.due', { date: a.dueOn })}</span>
								{done ? (
									<Badge tone="success">
										{t('mentoring.assignments.doneOn', {
											date: businessDate(a.doneAt!),
										})}
									</Badge>
								) : a.overdue ? (
									<Badge tone="danger">{t('mentoring.assignments.overdue')}</Badge>
								) : (
									<Badge>{t('mentoring.assignments.open')}</Badge>
								)}
							</p>
						</div>
						{done ? null : a.kind === 'lesson' ? (
							<p className="text-sm text-slate-700">{t('mentoring.assignments.lessonOnTrack')}</p>
						) : canComplete ? (
							<Form method="post" action={`/mentoring/${a.pairingId}`} preventScrollReset>
								<input type="hidden" name="intent" value="complete" />
								<input type="hidden" name="assignmentId" value={a.id} />
								<input type="hidden" name="redirectTo" value={redirectTo} />
								<Button type="submit" variant="secondary" aria-describedby={titleId}>
									{t('mentoring.assignments.complete')}
								</Button>
							</Form>
						) : null}
					</li>
				)
			})}
		</ul>
	)
}
