import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useProblemTexts } from '../kpi/use-problem-texts.ts'
import { Button, cn, FormErrors } from '../ui/index.ts'
import type { SessionCardView } from './types.ts'

/**
 * Going / not going for one session: two submit buttons of one form (no JavaScript needed). The
 * button of the current answer is marked pressed; a full session says that "going" joins the waitlist.
 */
export function RsvpForm({
	session,
	errors,
	withSessionId = false,
}: {
	session: Pick<SessionCardView, 'id' | 'title' | 'seatsLeft' | 'mine'>
	/** Refusal texts (keys) from the last try, if it was this session's. */
	errors?: string[]
	/** On the list page one action serves every session, so the form names it. */
	withSessionId?: boolean
}) {
	const { t } = useTranslation()
	const tr = useProblemTexts()
	const { status } = session.mine
	const joinsWaitlist = session.seatsLeft === 0 && status !== 'going' && status !== 'waitlisted'
	const hintId = `rsvp-${session.id}-hint`
	const errorId = `rsvp-${session.id}-error`
	const describedBy = [joinsWaitlist ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined
	return (
		<Form method="post" className="min-w-0 space-y-2" preventScrollReset>
			<input type="hidden" name="intent" value="rsvp" />
			{withSessionId ? <input type="hidden" name="sessionId" value={session.id} /> : null}
			<FormErrors id={errorId} errors={tr(errors)} />
			<fieldset className="min-w-0" aria-describedby={describedBy}>
				<legend className="text-sm font-medium text-slate-800">{t('sharing.rsvp.legend', { title: session.title })}</legend>
				<div className="mt-1 flex flex-wrap gap-2">
					<Button
						type="submit"
						name="answer"
						value="going"
						variant={status === 'going' || status === 'waitlisted' ? 'primary' : 'secondary'}
						aria-pressed={status === 'going' || status === 'waitlisted'}
					>
						{t('sharing.rsvp.going')}
					</Button>
					<Button type="submit" name="answer" value="declined" variant={status === 'declined' ? 'primary' : 'secondary'} aria-pressed={status === 'declined'}>
						{t('sharing.rsvp.declined')}
					</Button>
				</div>
				{joinsWaitlist ? (
					<p id={hintId} className={cn('mt-1 text-sm text-slate-700')}>
						{t('sharing.rsvp.fullHint')}
					</p>
				) : null}
			</fieldset>
		</Form>
	)
}
