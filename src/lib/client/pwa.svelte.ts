/**
 * Registers the service worker through workbox-window (via vite-plugin-pwa's virtual module)
 * and exposes whether a new version waits, so the layout can offer to reload. We prompt
 * rather than reload on our own: a clerk may be in the middle of a visit.
 */
import { registerSW } from 'virtual:pwa-register';

export const pwaState = $state({ needRefresh: false, registered: false });

let update: ((reload?: boolean) => Promise<void>) | undefined;

export function startPwa() {
	if (!('serviceWorker' in navigator)) return;
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
