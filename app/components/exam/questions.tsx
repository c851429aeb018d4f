import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '#app/components/ui/cn.ts'
import type { AnswerValue } from './save-queue.ts'

export type QuestionType = 'single' | 'multiple' | 'true_false'
export type QuestionOption = { id: string; text: string; truth: string | null }
/** A question as the taker sees it: no key, no explanation, no topic. */
export type TakerQuestion = { position: number; type: QuestionType; prompt: string; options: QuestionOption[] }

/** True/false options carry no text of their own: they read True / False in the reader's language. */
export function useOptionLabel() {
	const { t } = useTranslation()
	return (option: QuestionOption) =>
		option.truth === 'true' ? t('examTaking.truthTrue') : option.truth === 'false' ? t('examTaking.truthFalse') : option.text
}

export function QuestionLegend({ position, type, prompt }: { position: number; type: QuestionType; prompt: string }) {
	const { t } = useTranslation()
	return (
		<>
			<span className="block text-sm font-medium text-brand-800">
				{t('examTaking.questionLegend', { number: position, type: t(`examTaking.types.${type}`) })}
			</span>
			<span className="mt-1 block text-base font-semibold whitespace-pre-line text-slate-900">{prompt}</span>
		</>
	)
}

/**
 * One question as a fieldset: radios for single choice and true/false, checkboxes for multiple
 * choice, and its "flag for review" box. Plain form controls, so the page works without JavaScript;
 * with it, every change goes to `onChange` (and from there to autosave).
 */
export function QuestionFieldset({
	question,
	value,
	onChange,
	locked = false,
}: {
	question: TakerQuestion
	value: AnswerValue
	onChange: (value: AnswerValue) => void
	/** Time is up: the controls stop changing. */
	locked?: boolean
}) {
	const { t } = useTranslation()
	const label = useOptionLabel()
	const hintId = useId()
	const n = question.position
	const multiple = question.type === 'multiple'
	function choose(id: string, checked: boolean) {
		if (locked) return
		const chosen = multiple ? (checked ? [...value.chosen.filter((c) => c !== id), id] : value.chosen.filter((c) => c !== id)) : [id]
		onChange({ ...value, chosen })
	}
	return (
		<div id={`q${n}`} className="scroll-mt-40 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
			<fieldset className="min-w-0" aria-describedby={multiple ? hintId : undefined}>
				<legend className="w-full">
					<QuestionLegend position={n} type={question.type} prompt={question.prompt} />
				</legend>
				{multiple ? (
					<p id={hintId} className="mt-1 text-sm text-slate-600">
						{t('examTaking.multipleHint')}
					</p>
				) : null}
				<ul className="mt-3 space-y-2">
					{question.options.map((option) => (
						<li key={option.id}>
							<label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-slate-300 px-3 py-2.5 text-slate-900 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
								<input
									type={multiple ? 'checkbox' : 'radio'}
									name={`q${n}`}
									value={option.id}
									checked={value.chosen.includes(option.id)}
									onChange={(event) => choose(option.id, event.currentTarget.checked)}
									className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
								/>
								<span>{label(option)}</span>
							</label>
						</li>
					))}
				</ul>
				<label className="mt-3 inline-flex min-h-11 cursor-pointer items-center gap-2 text-sm text-slate-800">
					<input
						type="checkbox"
						name={`flag${n}`}
						checked={value.flagged}
						onChange={(event) => {
							if (!locked) onChange({ ...value, flagged: event.currentTarget.checked })
						}}
						className="h-5 w-5 accent-amber-600"
					/>
					{t('examTaking.flag')}
				</label>
			</fieldset>
		</div>
	)
}

export type NavigatorItem = { position: number; answered: boolean; flagged: boolean }

/** Links to each question (#q1…#qN) showing which are answered and which are flagged. */
export function QuestionNavigator({ items }: { items: NavigatorItem[] }) {
	const { t } = useTranslation()
	const answered = items.filter((i) => i.answered).length
	const sep = t('examTaking.listSeparator')
	return (
		<nav aria-label={t('examTaking.navigator')}>
			<p className="mb-2 text-sm text-slate-700">{t('examTaking.progress', { answered, total: items.length })}</p>
			<ol className="flex flex-wrap gap-2">
				{items.map((item) => (
					<li key={item.position}>
						<a
							href={`#q${item.position}`}
							className={cn(
								'relative inline-flex h-11 w-11 items-center justify-center rounded-md border text-sm font-medium',
								item.answered ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-400 bg-white text-slate-900',
								item.flagged && 'ring-2 ring-amber-600 ring-offset-2',
							)}
						>
							<span aria-hidden="true">{item.position}</span>
							<span className="sr-only">
								{[
									t('examTaking.navItem', { number: item.position }),
									item.answered ? t('examTaking.navAnswered') : t('examTaking.navUnanswered'),
									...(item.flagged ? [t('examTaking.navFlagged')] : []),
								].join(sep)}
							</span>
							{item.flagged ? (
								<span aria-hidden="true" className="absolute -top-2 -right-2 rounded-full bg-white px-0.5 text-xs leading-none text-amber-800">
									⚑
								</span>
							) : null}
						</a>
					</li>
				))}
			</ol>
			<p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
				<span className="inline-flex items-center gap-1">
					<span className="inline-block h-3 w-3 rounded-sm bg-brand-700" />
					{t('examTaking.navAnswered')}
				</span>
				<span className="inline-flex items-center gap-1">
					<span className="inline-block h-3 w-3 rounded-sm border border-slate-400 bg-white" />
					{t('examTaking.navUnanswered')}
				</span>
				<span className="inline-flex items-center gap-1">
					<span className="text-amber-800">⚑</span>
					{t('examTaking.navFlagged')}
				</span>
			</p>
		</nav>
	)
}
