import { error, redirect } from '@sveltejs/kit';
import { attachmentHeader, CSV_CONTENT_TYPE } from '$server/services/admin/csv';
import { startSignatureExport } from '$server/services/admin/export';
import { requireAdmin } from '$lib/server/admin';
import type { RequestHandler } from './$types';

/**
 * The signature export itself: a POST with the one-time ticket the reason made (SvelteKit's
 * CSRF check covers form posts). The response body is a stream: rows are read and decrypted
 * as the download goes, never all at once.
 */
export const POST: RequestHandler = async (event) => {
	const { app, actor } = await requireAdmin(event);
	const ticket = String((await event.request.formData()).get('ticket') ?? '');
	const started = await startSignatureExport(app, event.params.id, ticket, actor);
	if (!started.ok) {
		if (started.problem === 'not_found') error(404, 'No such initiative');
		// Spent or expired: back to the form, which says so and asks for the reason again.
		redirect(303, `/admin/initiatives/${encodeURIComponent(event.params.id)}/export?problem=${started.problem}`);
	}
	return new Response(started.stream, {
		headers: {
			'content-type': CSV_CONTENT_TYPE,
			'content-disposition': attachmentHeader(started.filename),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
