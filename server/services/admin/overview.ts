/** The back office's first page: what there is, at a glance. */
import type { App } from '../../app-context';
import { auditHead } from '../../repositories/audit-log';
import { currentCatalogVersion } from '../../repositories/catalog-meta';

export async function overview(app: App) {
	const db = app.database.db;
	const [byStatus, offices, staff, devices, head, catalogVersion] = await Promise.all([
		db.selectFrom('initiative').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
		db.selectFrom('office').select((eb) => ['kind', eb.fn.countAll<number>().as('n')]).where('active', '=', 1).groupBy('kind').execute(),
		db.selectFrom('staff').select((eb) => ['role', eb.fn.countAll<number>().as('n')]).where('active', '=', 1).groupBy('role').execute(),
		db
			.selectFrom('device')
			.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('flagged').as('flagged')])
			.where('status', '=', 'active')
			.executeTakeFirstOrThrow(),
		auditHead(db),
		currentCatalogVersion(db)
	]);
	const count = (rows: { n: number | string }[], pick: (r: never) => boolean = () => true) =>
		rows.filter((r) => pick(r as never)).reduce((s, r) => s + Number(r.n), 0);
	return {
		initiatives: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])) as Record<string, number>,
		kacs: count(offices.filter((r) => r.kind === 'kac')),
		libraries: count(offices.filter((r) => r.kind === 'library')),
		staff: Object.fromEntries(staff.map((r) => [r.role, Number(r.n)])) as Record<string, number>,
		devices: Number(devices.n),
		flaggedDevices: Number(devices.flagged ?? 0),
		auditEntries: Number(head.seq),
		catalogVersion: Number(catalogVersion)
	};
}
