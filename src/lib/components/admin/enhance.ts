import type { SubmitFunction } from '@sveltejs/kit';

/** use:enhance that keeps what is in the fields after a save (the page reloads its data). */
export const keepFields: SubmitFunction = () => {
	return async ({ update }) => {
		await update({ reset: false });
	};
};
