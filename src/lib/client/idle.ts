/**
 * Shared PCs left alone: the library kiosk returns to its start page, office mode locks.
 * `watchIdle` calls `onIdle` after `ms` without any input (pointer, key, touch, wheel) and
 * then waits again; any input restarts the wait.
 */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;

export interface IdleWatch {
	/** Starts the wait again, as input does. */
	restart(): void;
	stop(): void;
}

export function watchIdle(ms: number, onIdle: () => void): IdleWatch {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const restart = () => {
		clearTimeout(timer);
		timer = setTimeout(() => {
			onIdle();
			restart();
		}, ms);
	};
	for (const type of INPUT_EVENTS) addEventListener(type, restart, { capture: true, passive: true });
	restart();
	return {
		restart,
		stop() {
			clearTimeout(timer);
			for (const type of INPUT_EVENTS) removeEventListener(type, restart, { capture: true });
		}
	};
}

/** `?idle=SECONDS` on the URL shortens the delay, for tests and demos; otherwise `fallbackMs`. */
export function idleDelayFrom(url: URL, fallbackMs: number): number {
	const seconds = Number(url.searchParams.get('idle'));
	return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : fallbackMs;
}
