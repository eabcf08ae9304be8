/**
 * Registers the service worker through workbox-window (via vite-plugin-pwa's virtual module)
 * and exposes whether a new version waits, so the office screen can offer it. We prompt
 * rather than reload on our own: an update reloads the page, which would end a citizen's
 * window, so it is applied only when the clerk asks and no citizen is at the screen.
 */

import type { OfficeFilesReply } from '$lib/office-cache';

export const pwaState = $state({ needRefresh: false, registered: false, dismissed: false });

const UPDATE_CHECK_EVERY_MS = 60 * 60_000;

let update: ((reload?: boolean) => Promise<void>) | undefined;
let registration: ServiceWorkerRegistration | undefined;
let citizenAtScreen: () => boolean = () => false;

/**
 * Registers the worker once the page has run: workbox-window is loaded on demand, so it never
 * delays the first paint (the worker itself is installed in the background anyway).
 */
export async function startPwa() {
	if (!('serviceWorker' in navigator)) return;
	const { registerSW } = await import('virtual:pwa-register');
	update = registerSW({
		immediate: true,
		onNeedRefresh() {
			pwaState.needRefresh = true;
		},
		onNeedReload: reloadOnce,
		onRegisteredSW(_url, r) {
			registration = r;
			pwaState.registered = true;
		}
	});
	// An office PC keeps one page open for days, and a browser looks for a new worker only when
	// a page loads: ask every hour, so a release without a protocol step is offered too.
	setInterval(checkForUpdate, UPDATE_CHECK_EVERY_MS);
}

/** Office mode says when a citizen is at the screen (a window or its receipt): no update then. */
export function holdUpdatesWhile(check: () => boolean) {
	citizenAtScreen = check;
}

export function updateAllowed(): boolean {
	return !citizenAtScreen();
}

/**
 * Asks the server for a new service worker now, rather than at the next navigation: the sync
 * engine calls it when the server no longer accepts this app's protocol.
 */
export async function checkForUpdate() {
	try {
		await registration?.update();
	} catch {
		// Offline or the server is restarting: the next check finds it.
	}
}

let reloading = false;
let reloadWhenFree = false;
/**
 * The new worker took over (this tab's "Update now", or another tab's): reload into the new
 * app, but a tab with a citizen at the screen waits until the citizen is done (`citizenLeft`).
 */
function reloadOnce() {
	if (reloading) return;
	if (!updateAllowed()) {
		reloadWhenFree = true;
		return;
	}
	reloading = true;
	location.reload();
}

/** Office mode calls this when the receipt is put away: a reload held for the citizen happens now. */
export function citizenLeft() {
	if (reloadWhenFree) reloadOnce();
}

/** Applies a waiting update (the page reloads), unless a citizen is at the screen. */
export function applyUpdate(): boolean {
	if (!updateAllowed()) return false;
	pwaState.needRefresh = false;
	// workbox-window reloads only if a worker controlled this page when it registered, which is
	// not so in the session that enrolled the PC: reload when the new worker takes over.
	navigator.serviceWorker?.addEventListener('controllerchange', reloadOnce, { once: true });
	void update?.(true);
	return true;
}

/** "Later": the floating prompt goes; the office screen still offers the update. */
export function dismissUpdate() {
	pwaState.dismissed = true;
}

/**
 * An office PC (enrolled as `kac`) asks the service worker to keep office mode's files, which it
 * does not precache (a library kiosk never runs them): after enrolment and at every start of
 * office mode, so a PC enrolled before the worker did this is covered too. Resolves with the
 * worker's answer, or null where there is no worker.
 */
export async function keepOfficeFiles(): Promise<OfficeFilesReply | null> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
	const worker = (await navigator.serviceWorker.ready).active;
	if (!worker) return null;
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = (e) => resolve(e.data as OfficeFilesReply);
		worker.postMessage({ type: 'OFFICE_DEVICE' }, [channel.port2]);
	});
}
