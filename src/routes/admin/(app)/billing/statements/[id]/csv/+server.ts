import { error } from '@sveltejs/kit';
import { formatStatementNumber } from '$lib/domain/billing-statement';
import { recordAudit } from '$server/services/audit';
import { attachmentHeader, CSV_CONTENT_TYPE } from '$server/services/admin/csv';
import { issuedStatement, statementCsv } from '$server/services/admin/statements';
import { requireAdmin } from '$lib/server/admin';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { app, actor } = await requireAdmin(event);
	const statement = await issuedStatement(app, event.params.id);
	if (!statement) error(404, 'No such statement');
	const number = formatStatementNumber(statement.number);
	await recordAudit(
		app.database.db,
		{ actorType: actor.type, actorId: actor.id, action: 'export.billing_statement', subjectType: 'billing_statement', subjectId: statement.id, details: { number: statement.number, month: statement.month } },
		app.now()
	);
	return new Response(statementCsv(statement, event.locals.locale), {
		headers: {
			'content-type': CSV_CONTENT_TYPE,
			'content-disposition': attachmentHeader(`${number}-${statement.office.slug}-${statement.month}.csv`),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
