import { error, fail } from '@sveltejs/kit';
import { renderMarkdown } from '$server/markdown';
import { countAcceptedSignatures } from '$server/repositories/admin-signatures';
import { initiativeById } from '$server/repositories/initiatives';
import { exportBlocker } from '$server/services/admin/export';
import {
	changeInitiativeStatus,
	INITIATIVE_FORM_FIELDS,
	initiativeFormOf,
	updateInitiativeAsAdmin
} from '$server/services/admin/initiatives';
import { formValues } from '$server/services/admin/problems';
import { editableFields, nextStatus, type InitiativeStatus } from '$lib/domain/initiative-status';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const row = await initiativeById(app.database.db, event.params.id);
	if (!row) error(404, 'No such initiative');
	const status = row.status as InitiativeStatus;
	return {
		initiative: {
			id: row.id,
			slug: row.slug,
			status,
			version: Number(row.version),
			title: { lv: row.title_lv, en: row.title_en },
			opensAt: Number(row.opens_at),
			closesAt: Number(row.closes_at),
			submittedAt: row.submitted_at === null ? null : Number(row.submitted_at),
			purgedAt: row.identities_purged_at === null ? null : Number(row.identities_purged_at),
			inPerson: await countAcceptedSignatures(app.database.db, row.id),
			online: Number(row.online_count),
			bodyHtml: { lv: row.body_html_lv, en: row.body_html_en }
		},
		form: initiativeFormOf(row),
		editable: editableFields(status),
		next: nextStatus(status),
		exportBlocker: exportBlocker(row),
		created: event.url.searchParams.has('created')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const data = await event.request.formData();
		const values = formValues(data, INITIATIVE_FORM_FIELDS);
		const r = await updateInitiativeAsAdmin(app, event.params.id, values, Number(data.get('version')), actor);
		if (!r.ok) return fail(r.problems._form === 'not_found' ? 404 : 400, { values, problems: r.problems });
		return { saved: true };
	},
	preview: async (event) => {
		await requireAdmin(event);
		const values = formValues(await event.request.formData(), INITIATIVE_FORM_FIELDS);
		return { values, preview: { lv: renderMarkdown(values.bodyLv), en: renderMarkdown(values.bodyEn) } };
	},
	status: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const to = String((await event.request.formData()).get('to') ?? '');
		const r = await changeInitiativeStatus(app, event.params.id, to, actor);
		if (!r.ok) return fail(r.problem === 'not_found' ? 404 : 400, { statusProblem: r.problem, to });
		return { statusChanged: r.status };
	}
};
