import { isMonth } from '$lib/domain/billing';
import { statementsList } from '$server/repositories/billing-statements';
import { requireAdmin } from '$lib/server/admin';
import type { PageServerLoad } from './$types';

/** Issued statements, newest first (of one month with ?month=YYYY-MM). */
export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const asked = event.url.searchParams.get('month') ?? '';
	const month = isMonth(asked) ? asked : undefined;
	const rows = await statementsList(app.database.db, { month, limit: 500 });
	return {
		month: month ?? null,
		statements: rows.map((r) => ({
			id: r.id,
			number: Number(r.number),
			month: r.month,
			office: { lv: r.office_name_lv, en: r.office_name_en },
			municipality: r.municipality,
			visits: Number(r.visits),
			adjustmentUnits: Number(r.adjustment_units),
			totalCents: Number(r.total_cents),
			issuedAt: Number(r.issued_at),
			issuedBy: r.issued_by_name ?? null
		}))
	};
};
