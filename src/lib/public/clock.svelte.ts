/**
 * The current time for pages that show it ("open until 17:00", "4 days left"). It starts at the
 * moment the page renders, is re-read right after hydration (so a page served from a cache is not
 * stale) and then on every minute boundary. Call it during component initialisation.
 */
export function minuteClock(): { readonly now: number } {
	let now = $state(Date.now());
	$effect(() => {
		now = Date.now();
		let interval: ReturnType<typeof setInterval> | undefined;
		const timeout = setTimeout(
			() => {
				now = Date.now();
				interval = setInterval(() => (now = Date.now()), 60_000);
			},
			60_000 - (Date.now() % 60_000)
		);
		return () => {
			clearTimeout(timeout);
			clearInterval(interval);
		};
	});
	return {
		get now() {
			return now;
		}
	};
}
