import { catalogStatus } from './catalog-status.svelte';

export const network = $state({ browserOnline: true });

/** Online means the browser has a network and the last call to our server got through. */
export function isOnline(): boolean {
	return network.browserOnline && catalogStatus.serverReachable;
}

export function watchNetwork(onReconnect: () => void): () => void {
	network.browserOnline = navigator.onLine;
	const up = () => {
		network.browserOnline = true;
		onReconnect();
	};
	const down = () => (network.browserOnline = false);
	addEventListener('online', up);
	addEventListener('offline', down);
	return () => {
		removeEventListener('online', up);
		removeEventListener('offline', down);
	};
}
