/**
 * Registers the service worker through workbox-window (via vite-plugin-pwa's virtual module)
 * and exposes whether a new version waits, so the layout can offer to reload. We prompt
 * rather than reload on our own: a clerk may be in the middle of a visit.
 */

export const pwaState = $state({ needRefresh: false, registered: false });

let update: ((reload?: boolean) => Promise<void>) | undefined;

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
		onRegisteredSW() {
			pwaState.registered = true;
		}
	});
}

export function applyUpdate() {
	pwaState.needRefresh = false;
	void update?.(true);
}

export function dismissUpdate() {
	pwaState.needRefresh = false;
}
