/**
 * Where this kiosk is: the office (a library) this PC is enrolled for, read from the device's
 * IndexedDB. A PC that is not enrolled, or whose office has no coordinates, has no place, and
 * the kiosk lists offices in their usual order.
 */
export const kioskPlace = $state({
	/** The enrolled office's id, or null (not enrolled, or not read yet). */
	officeId: null as string | null
});

let asked = false;

export function loadKioskPlace(): void {
	if (asked) return;
	asked = true;
	// Loaded on demand: the kiosk's first paint does not wait for IndexedDB.
	void import('$lib/client/office/device')
		.then(({ currentDevice }) => currentDevice())
		.then((row) => {
			kioskPlace.officeId = row?.officeId ?? null;
		})
		.catch(() => {
			// No IndexedDB (private window): the usual order.
		});
}
