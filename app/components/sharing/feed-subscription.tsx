import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui/index.ts'

/**
 * The personal calendar feed: create, replace or turn off the subscription address. A new address is
 * shown once, right after it was made (only its hash is kept), in a read-only field easy to copy.
 */
export function FeedSubscription({ active, newUrl }: { active: boolean; newUrl: string | null }) {
	const { t } = useTranslation()
	return (
		<div className="space-y-3">
			<p className="max-w-prose text-sm text-slate-700">{t('sharing.feed.intro')}</p>
			{newUrl ? (
				<div role="status" className="space-y-1 rounded-md border border-green-300 bg-green-50 p-3">
					<label htmlFor="feed-url" className="block text-sm font-medium text-slate-900">
						{t('sharing.feed.newUrl')}
					</label>
					<input
						id="feed-url"
						readOnly
						value={newUrl}
						aria-describedby="feed-url-hint"
						className="block min-h-11 w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
					/>
					<p id="feed-url-hint" className="text-sm font-medium text-green-900">
						{t('sharing.feed.onlyNow')}
					</p>
				</div>
			) : (
				<p className="text-sm text-slate-900">{active ? t('sharing.feed.active') : t('sharing.feed.none')}</p>
			)}
			<div className="flex flex-wrap items-start gap-3">
				<Form method="post" preventScrollReset>
					<input type="hidden" name="intent" value="feed-issue" />
					<Button type="submit" variant={active ? 'secondary' : 'primary'} aria-describedby={active ? 'feed-replace-hint' : undefined}>
						{active ? t('sharing.feed.replace') : t('sharing.feed.issue')}
					</Button>
				</Form>
				{active ? (
					<Form method="post" preventScrollReset>
						<input type="hidden" name="intent" value="feed-revoke" />
						<Button type="submit" variant="danger">
							{t('sharing.feed.revoke')}
						</Button>
					</Form>
				) : null}
			</div>
			{active ? (
				<p id="feed-replace-hint" className="text-sm text-slate-700">
					{t('sharing.feed.replaceHint')}
				</p>
			) : null}
		</div>
	)
}
