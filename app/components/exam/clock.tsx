import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BUSINESS_TIME_ZONE } from '#app/utils/dates.ts'
import { cn } from '#app/components/ui/cn.ts'

/**
 * The server's clock as seen from the browser: the time left is the shown end minus the server's
 * now, ticked locally from there and re-synced by every autosave response. Before hydration it
 * is whatever the server computed, so the first render matches.
 */
export function useExamClock(endsAtIso: string, serverNowIso: string) {
	const clock = useRef({ endsAt: Date.parse(endsAtIso), offset: 0 })
	const [remainingMs, setRemainingMs] = useState(() => Date.parse(endsAtIso) - Date.parse(serverNowIso))
	const [ticking, setTicking] = useState(false)
	const tick = useCallback(() => setRemainingMs(clock.current.endsAt - (Date.now() + clock.current.offset)), [])
	useEffect(() => {
		clock.current = { endsAt: Date.parse(endsAtIso), offset: Date.parse(serverNowIso) - Date.now() }
		tick()
		setTicking(true)
		const timer = setInterval(tick, 500)
		return () => clearInterval(timer)
	}, [endsAtIso, serverNowIso, tick])
	const resync = useCallback(
		(endsAt: string, now: string) => {
			const end = Date.parse(endsAt)
			const serverNow = Date.parse(now)
			if (Number.isNaN(end) || Number.isNaN(serverNow)) return
			clock.current = { endsAt: end, offset: serverNow - Date.now() }
			tick()
		},
		[tick],
	)
	/** Milliseconds until an instant on the server's clock. */
	const msUntil = useCallback((instant: number) => instant - (Date.now() + clock.current.offset), [])
	return { remainingMs: Math.max(0, remainingMs), ticking, resync, msUntil }
}

export function formatClockTime(iso: string, locale: string) {
	return new Intl.DateTimeFormat(locale, { timeZone: BUSINESS_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
		new Date(iso),
	)
}

function formatRemaining(ms: number) {
	const total = Math.ceil(ms / 1000)
	const h = Math.floor(total / 3600)
	const m = Math.floor((total % 3600) / 60)
	const s = total % 60
	const mm = String(m).padStart(h ? 2 : 1, '0')
	const ss = String(s).padStart(2, '0')
	return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}

const ANNOUNCE_AT_MINUTES = [5, 1] as const

/**
 * The end time as text (all a page without JavaScript can honestly show) and, once the page runs,
 * the countdown. Screen readers hear the time left at 5 and 1 minutes, not every second.
 */
export function Countdown({ endsAt, remainingMs, ticking }: { endsAt: string; remainingMs: number; ticking: boolean }) {
	const { t, i18n } = useTranslation()
	const [announcement, setAnnouncement] = useState('')
	const announced = useRef(new Set<number>())
	useEffect(() => {
		if (!ticking || remainingMs <= 0) return
		const due = ANNOUNCE_AT_MINUTES.filter((m) => remainingMs <= m * 60_000 && !announced.current.has(m))
		if (!due.length) return
		for (const m of due) announced.current.add(m)
		setAnnouncement(t('examTaking.minutesLeft', { count: Math.min(...due) }))
	}, [remainingMs, ticking, t])
	const low = remainingMs <= 60_000
	return (
		<div className="text-right">
			{ticking ? (
				<p className={cn('text-sm', low ? 'text-red-800' : 'text-slate-700')}>
					<span>{t('examTaking.remaining')} </span>
					<span role="timer" className={cn('font-mono text-xl font-semibold tabular-nums', low ? 'text-red-800' : 'text-slate-900')}>
						{formatRemaining(remainingMs)}
					</span>
				</p>
			) : null}
			<p className="text-xs text-slate-600">{t('examTaking.endsAt', { time: formatClockTime(endsAt, i18n.language) })}</p>
			<p className="sr-only" aria-live="polite">
				{announcement}
			</p>
		</div>
	)
}
