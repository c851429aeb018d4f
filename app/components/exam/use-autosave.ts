import { useEffect, useRef, useState } from 'react'
import { createSaveQueue, type AnswerValue, type SaveQueue, type SaveStatus, type SaveSync } from './save-queue.ts'

/**
 * The page's autosave queue (see createSaveQueue) and its status for the aria-live region. One queue
 * per mount: the page remounts it when the server's answers are reloaded.
 */
export function useAutosave({ url, seq, onSync, onClosed }: { url: string; seq: number; onSync: (sync: SaveSync) => void; onClosed: () => void }) {
	const [status, setStatus] = useState<SaveStatus>('idle')
	const handlers = useRef({ onSync, onClosed })
	useEffect(() => {
		handlers.current = { onSync, onClosed }
	})
	const current = useRef<SaveQueue | null>(null)
	const initialSeq = useRef(seq)
	useEffect(() => {
		const queue = createSaveQueue({
			url,
			seq: current.current?.seq() ?? initialSeq.current,
			onStatus: setStatus,
			onSync: (sync) => handlers.current.onSync(sync),
			onClosed: () => handlers.current.onClosed(),
		})
		current.current = queue
		// Leaving with a write unsent: the browser asks first.
		function warn(event: BeforeUnloadEvent) {
			if (queue.busy() && !queue.stopped()) event.preventDefault()
		}
		window.addEventListener('beforeunload', warn)
		return () => {
			window.removeEventListener('beforeunload', warn)
			queue.dispose()
		}
	}, [url])
	// A stable handle for event handlers; nothing can be enqueued before the effect has run.
	const [queue] = useState(() => ({
		enqueue: (position: number, value: AnswerValue) => current.current?.enqueue(position, value),
		flush: (timeoutMs?: number) => current.current?.flush(timeoutMs) ?? Promise.resolve(false),
		seq: () => current.current?.seq() ?? initialSeq.current,
		stopped: () => current.current?.stopped() ?? false,
	}))
	return { queue, status }
}

/**
 * Records each time the exam page is left (tab hidden or window blurred) and for how long, reported
 * when the person comes back. A signal for managers, never a verdict.
 */
export function useFocusLossReport(url: string, active: boolean) {
	useEffect(() => {
		if (!active) return
		let awaySince: number | null = null
		function leave() {
			awaySince ??= Date.now()
		}
		function back() {
			if (awaySince === null || document.visibilityState === 'hidden') return
			const awayMs = Date.now() - awaySince
			awaySince = null
			void fetch(url, {
				method: 'POST',
				credentials: 'same-origin',
				keepalive: true,
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ type: 'focus', awayMs }),
			}).catch(() => undefined)
		}
		function onVisibility() {
			if (document.visibilityState === 'hidden') leave()
			else back()
		}
		document.addEventListener('visibilitychange', onVisibility)
		window.addEventListener('blur', leave)
		window.addEventListener('focus', back)
		return () => {
			document.removeEventListener('visibilitychange', onVisibility)
			window.removeEventListener('blur', leave)
			window.removeEventListener('focus', back)
		}
	}, [url, active])
}
