import { error } from '@sveltejs/kit';
import { initiativeById } from '$server/repositories/initiatives';
import { recordAudit } from '$server/services/audit';
import { attachmentHeader, CSV_CONTENT_TYPE } from '$server/services/admin/csv';
import { exportFilename, initiativeSummary, summaryCsv } from '$server/services/admin/export';
import { requireAdmin } from '$lib/server/admin';
import type { RequestHandler } from './$types';

/** The summary (counts only, no personal data) as CSV; logged as an export all the same. */
export const GET: RequestHandler = async (event) => {
	const { app, actor } = await requireAdmin(event);
	const row = await initiativeById(app.database.db, event.params.id);
	if (!row) error(404, 'No such initiative');
	const locale = event.locals.locale;
	const summary = await initiativeSummary(app, row, locale);
	await recordAudit(
		app.database.db,
		{ actorType: actor.type, actorId: actor.id, action: 'export.summary', subjectType: 'initiative', subjectId: row.id, details: { slug: row.slug, total: summary.total } },
		app.now()
	);
	return new Response(summaryCsv(summary, locale), {
		headers: {
			'content-type': CSV_CONTENT_TYPE,
			'content-disposition': attachmentHeader(exportFilename('summary', row, app.now())),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
