import { error } from '@sveltejs/kit';
import { issuedStatement } from '$server/services/admin/statements';
import { requireAdmin } from '$lib/server/admin';
import type { PageServerLoad } from './$types';

/** An issued statement, printable, exactly as it was issued. */
export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const statement = await issuedStatement(app, event.params.id);
	if (!statement) error(404, 'No such statement');
	return { statement, justIssued: event.url.searchParams.has('issued') };
};
