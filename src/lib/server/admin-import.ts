/**
 * The back office's import pages (initiatives from JSON, offices from CSV) work alike: the text
 * comes from an uploaded file or the box, "check" is a dry run, "import" writes, and what was
 * typed stays in the box until an import is written.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { App } from '$server/app-context';
import type { Actor } from '$server/services/audit';
import type { Problems } from '$server/services/admin/problems';
import { requireAdmin } from './admin';

type Importer<R extends { ok: boolean; written: boolean }> = (
	app: App,
	text: string,
	o: { dryRun: boolean; actor: Actor }
) => Promise<R>;

/** The text to import: an uploaded file wins over the box; the box keeps it for corrections. */
async function sourceOf(data: FormData): Promise<string> {
	const file = data.get('file');
	if (file instanceof File && file.size > 0) return await file.text();
	return String(data.get('text') ?? '');
}

/** The page's two actions; each checks the administrator itself. */
export function importActions<R extends { ok: boolean; written: boolean }>(importer: Importer<R>) {
	async function run(event: RequestEvent, dryRun: boolean) {
		const { app, actor } = await requireAdmin(event);
		const text = await sourceOf(await event.request.formData());
		if (!text.trim()) return fail(400, { text, report: null, problems: { text: 'required' } as Problems, dryRun });
		const report = await importer(app, text, { dryRun, actor });
		if (!report.ok) return fail(400, { text, report, problems: {} as Problems, dryRun });
		return { text: report.written ? '' : text, report, problems: {} as Problems, dryRun };
	}
	return {
		check: (event: RequestEvent) => run(event, true),
		import: (event: RequestEvent) => run(event, false)
	};
}
