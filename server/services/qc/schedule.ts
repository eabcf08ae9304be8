/**
 * Runs the frame refresh in the background after pushes, coalesced per server: while one runs,
 * further requests make it run once more when it ends, so a burst of pushes costs two
 * refreshes, not one per push, and a push never waits for quality control.
 */
import type { App } from '../../app';
import { refreshQc } from './frame';

interface State {
	running: Promise<void> | null;
	again: boolean;
}

const states = new WeakMap<App, State>();

export function scheduleQcRefresh(app: App): Promise<void> {
	let s = states.get(app);
	if (!s) {
		s = { running: null, again: false };
		states.set(app, s);
	}
	const state = s;
	if (state.running) {
		state.again = true;
		return state.running;
	}
	state.running = (async () => {
		try {
			do {
				state.again = false;
				try {
					await refreshQc(app);
				} catch (e) {
					console.error('[klatiene] quality-control refresh failed:', e);
				}
			} while (state.again);
		} finally {
			state.running = null;
		}
	})();
	return state.running;
}

/** Resolves when no refresh is running (tests wait on it after a push). */
export function qcIdle(app: App): Promise<void> {
	return states.get(app)?.running ?? Promise.resolve();
}
