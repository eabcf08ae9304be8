/**
 * Runs frame refreshes in the background, coalesced per server: while one runs, further
 * requests are gathered and run once more when it ends, so a burst of pushes costs two
 * refreshes, not one per push, and a push never waits for quality control.
 *
 * After a push only the windows it accepted signatures into are refreshed (frame.ts); opening
 * the call list or the dashboard asks for the full refresh and waits for it.
 */
import type { App } from '../../app-context';
import { log } from '../../log';
import { refreshQc, refreshQcWindows } from './frame';

interface State {
	running: Promise<void> | null;
	full: boolean;
	windows: Set<string>;
	/** Windows of a refresh that failed: retried with the next one, not in a loop. */
	failed: Set<string>;
}

const states = new WeakMap<App, State>();

function stateOf(app: App): State {
	let s = states.get(app);
	if (!s) {
		s = { running: null, full: false, windows: new Set(), failed: new Set() };
		states.set(app, s);
	}
	return s;
}

function run(app: App, state: State): Promise<void> {
	if (state.running) return state.running;
	state.running = (async () => {
		try {
			while (state.full || state.windows.size) {
				const full = state.full;
				const ids = [...state.failed, ...state.windows];
				state.full = false;
				state.windows = new Set();
				state.failed = new Set();
				try {
					await (full ? refreshQc(app, ids) : refreshQcWindows(app, ids));
				} catch (e) {
					for (const id of ids) state.failed.add(id);
					log.error({ err: e, windows: ids.length }, 'quality-control refresh failed');
				}
			}
		} finally {
			state.running = null;
		}
	})();
	return state.running;
}

/** The full refresh; resolves when it has run. */
export function scheduleQcRefresh(app: App): Promise<void> {
	const state = stateOf(app);
	state.full = true;
	return run(app, state);
}

/** The refresh after a push: these windows' visits enter the frame. */
export function scheduleQcRefreshOf(app: App, windowIds: Iterable<string>): Promise<void> {
	const state = stateOf(app);
	for (const id of windowIds) state.windows.add(id);
	return run(app, state);
}

/** Resolves when no refresh is running (tests wait on it after a push). */
export function qcIdle(app: App): Promise<void> {
	return states.get(app)?.running ?? Promise.resolve();
}
