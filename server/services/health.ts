import { sql } from 'kysely';
import type { App } from '../app-context';
import { currentCatalogVersion } from '../repositories/catalog-meta';

export interface Health {
	ok: boolean;
	database: 'sqlite' | 'postgres';
	catalogVersion: number | null;
	time: number;
}

export async function healthOf(app: App): Promise<Health> {
	const base = { database: app.database.dialect, time: app.now() };
	try {
		await sql`select 1`.execute(app.database.db);
		return { ok: true, catalogVersion: await currentCatalogVersion(app.database.db), ...base };
	} catch {
		return { ok: false, catalogVersion: null, ...base };
	}
}
