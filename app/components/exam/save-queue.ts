/** One question's state as the taker left it. */
export type AnswerValue = { chosen: string[]; flagged: boolean }

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error' | 'signedOut' | 'stale'

/** What the answers endpoint sends back for an accepted write. */
export type SaveSync = { seq: number; endsAt: string; now: string }

type QueueOptions = {
	url: string
	seq: number
	onStatus: (status: SaveStatus) => void
	/** After every accepted write: the server's clock and the shown end, to re-sync the countdown. */
	onSync: (sync: SaveSync) => void
	/** The attempt is no longer open (submitted elsewhere or past its deadline) or no longer ours. */
	onClosed: () => void
	fetchImpl?: typeof fetch
	retryMs?: number
}

/**
 * Autosave, one write at a time: the attempt's sequence number only moves forward with each
 * accepted write, so two writes in flight from one tab would make the tab conflict with itself.
 * Changes made while a write is in flight wait; the latest value of each question wins.
 */
export function createSaveQueue({ url, seq: initialSeq, onStatus, onSync, onClosed, fetchImpl = fetch, retryMs = 2000 }: QueueOptions) {
	let seq = initialSeq
	const pending = new Map<number, AnswerValue>()
	let inFlight = false
	let stopped = false
	let backoff = retryMs
	let retryTimer: ReturnType<typeof setTimeout> | undefined
	let waiters: Array<(drained: boolean) => void> = []

	function settleWaiters(drained: boolean) {
		const now = waiters
		waiters = []
		for (const w of now) w(drained)
	}

	function requeue(position: number, value: AnswerValue) {
		if (!pending.has(position)) pending.set(position, value)
	}

	function scheduleRetry(status: SaveStatus) {
		onStatus(status)
		settleWaiters(false)
		clearTimeout(retryTimer)
		retryTimer = setTimeout(() => void pump(), backoff)
		backoff = Math.min(backoff * 2, 30_000)
	}

	function stop() {
		stopped = true
		clearTimeout(retryTimer)
		settleWaiters(false)
	}

	type Reply = { seq?: unknown; endsAt?: unknown; now?: unknown; error?: unknown }

	async function send(payload: object): Promise<{ response: Response | null; body: Reply | null }> {
		try {
			const response = await fetchImpl(url, {
				method: 'POST',
				credentials: 'same-origin',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify(payload),
			})
			const body = (await response.json().catch(() => null)) as Reply | null
			return { response, body }
		} catch {
			return { response: null, body: null }
		}
	}

	async function pump(): Promise<void> {
		if (inFlight || stopped) return
		const next = pending.entries().next()
		if (next.done) {
			settleWaiters(true)
			return
		}
		const [position, value] = next.value
		pending.delete(position)
		inFlight = true
		onStatus('saving')
		const { response, body } = await send({ seq, position, chosen: value.chosen, flagged: value.flagged })
		inFlight = false
		if (stopped) return
		if (response?.ok && body && typeof body.seq === 'number') {
			seq = body.seq
			backoff = retryMs
			onSync({ seq: body.seq, endsAt: String(body.endsAt), now: String(body.now) })
			if (pending.size === 0) onStatus('saved')
			return pump()
		}
		const status = response?.status
		if (status === 409 && body?.error === 'closed') {
			stop()
			return onClosed()
		}
		if (status === 409) {
			if (typeof body?.seq === 'number') seq = body.seq
			stop()
			return onStatus('stale')
		}
		if (status === 404) {
			stop()
			return onClosed()
		}
		// A refused write (400) would be refused again: drop it, say so, go on with the others.
		if (status === 400) {
			onStatus('error')
			return pump()
		}
		requeue(position, value)
		scheduleRetry(status === 401 ? 'signedOut' : 'error')
	}

	return {
		/** Saves this question's latest state (replacing any unsent one). */
		enqueue(position: number, value: AnswerValue) {
			if (stopped) return
			pending.set(position, value)
			void pump()
		},
		/** Sends what is waiting now (skipping a retry's back-off); true once everything is saved. */
		flush(timeoutMs = 8000): Promise<boolean> {
			if (stopped) return Promise.resolve(false)
			if (!inFlight && pending.size === 0) return Promise.resolve(true)
			return new Promise<boolean>((resolve) => {
				const timer = setTimeout(() => resolve(false), timeoutMs)
				waiters.push((drained) => {
					clearTimeout(timer)
					resolve(drained)
				})
				if (!inFlight) {
					clearTimeout(retryTimer)
					void pump()
				}
			})
		},
		seq: () => seq,
		busy: () => inFlight || pending.size > 0,
		stopped: () => stopped,
		dispose: stop,
	}
}

export type SaveQueue = ReturnType<typeof createSaveQueue>
