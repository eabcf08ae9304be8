import { fail } from '@sveltejs/kit';
import { importInitiatives } from '$server/services/admin/initiatives';
import type { Problems } from '$server/services/admin/problems';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The text to import: an uploaded file wins over the box; the box keeps it for corrections. */
async function sourceOf(data: FormData): Promise<string> {
	const file = data.get('file');
	if (file instanceof File && file.size > 0) return await file.text();
	return String(data.get('text') ?? '');
}

export const load: PageServerLoad = async (event) => {
	await requireAdmin(event);
	return {};
};

async function run(event: RequestEvent, dryRun: boolean) {
	const { app, actor } = await requireAdmin(event);
	const text = await sourceOf(await event.request.formData());
	if (!text.trim()) return fail(400, { text, report: null, problems: { text: 'required' } as Problems, dryRun });
	const report = await importInitiatives(app, text, { dryRun, actor });
	if (!report.ok) return fail(400, { text, report, problems: {} as Problems, dryRun });
	return { text: report.written ? '' : text, report, problems: {} as Problems, dryRun };
}

export const actions: Actions = {
	check: (event) => run(event, true),
	import: (event) => run(event, false)
};
