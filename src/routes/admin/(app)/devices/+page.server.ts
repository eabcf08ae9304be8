import { fail } from '@sveltejs/kit';
import { officesForAdmin } from '$server/repositories/admin-catalog';
import { devicesForAdmin, pendingEnrollmentCodes } from '$server/repositories/admin-staff';
import { practiceTotalsByOffice } from '$server/repositories/practice-counts';
import { formValues, type Problems } from '$server/services/admin/problems';
import { createEnrollmentCodeAsAdmin, ENROLLMENT_FORM_FIELDS } from '$server/services/admin/staff';
import { revokeDevice } from '$server/services/enrollment';
import { CLOCK_TOLERANCE_MS } from '$server/services/sync';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const db = app.database.db;
	const officeFilter = event.url.searchParams.get('office') ?? '';
	const [devices, codes, offices, practice] = await Promise.all([devicesForAdmin(db), pendingEnrollmentCodes(db, app.now()), officesForAdmin(db), practiceTotalsByOffice(db)]);
	return {
		officeFilter,
		clockToleranceMs: CLOCK_TOLERANCE_MS,
		devices: devices
			.filter((d) => !officeFilter || d.office_slug === officeFilter)
			.map((d) => ({
				id: d.id,
				kind: d.kind,
				status: d.status,
				office: { lv: d.office_name_lv, en: d.office_name_en },
				enrolledAt: Number(d.enrolled_at),
				revokedAt: d.revoked_at === null ? null : Number(d.revoked_at),
				lastSeq: Number(d.last_seq),
				lastSyncAt: d.last_sync_at === null ? null : Number(d.last_sync_at),
				clockOffsetMs: d.clock_offset_ms === null ? null : Number(d.clock_offset_ms),
				flags: d.flagged === 1 ? (d.flag_reason ?? '').split(',').filter(Boolean) : []
			})),
		codes: codes.map((c) => ({ id: c.code_hash.slice(0, 12), kind: c.kind, office: { lv: c.office_name_lv, en: c.office_name_en }, expiresAt: Number(c.expires_at) })),
		// Issue 19: practice visits per office, for training; billing never reads them.
		practice: practice
			.filter((p) => !officeFilter || p.office_slug === officeFilter)
			.map((p) => ({ slug: p.office_slug, office: { lv: p.office_name_lv, en: p.office_name_en }, total: Number(p.total) })),
		offices: offices.filter((o) => o.active === 1).map((o) => ({ slug: o.slug, kind: o.kind, name: { lv: o.name_lv, en: o.name_en } }))
	};
};

export const actions: Actions = {
	code: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const values = formValues(await event.request.formData(), ENROLLMENT_FORM_FIELDS);
		const r = await createEnrollmentCodeAsAdmin(app, values, actor);
		if (!r.ok) return fail(400, { action: 'code', values, problems: r.problems });
		return { action: 'code', values, code: r.code, expiresAt: r.expiresAt, kind: r.kind };
	},
	revoke: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const data = await event.request.formData();
		const deviceId = String(data.get('deviceId') ?? '');
		// Two steps: the first press asks, the second (confirm=yes) revokes.
		if (data.get('confirm') !== 'yes') return { action: 'confirm-revoke', deviceId };
		const changed = await revokeDevice(app.database.db, deviceId, app.now(), actor);
		if (!changed) return fail(400, { action: 'revoke', deviceId, problems: { _form: 'device_not_active' } as Problems });
		return { action: 'revoke', deviceId, revoked: true };
	}
};
