import Dexie, { type EntityTable } from 'dexie';
import type {
	CatalogInitiative,
	CatalogOffice,
	InitiativeProgress
} from '$lib/domain/catalog-protocol';

export interface MetaRow {
	key: string;
	value: unknown;
}

/**
 * The device's own database. The catalog part holds only public data (initiatives, offices,
 * counts), which is why a library PC may keep it.
 */
export class DeviceDatabase extends Dexie {
	initiatives!: EntityTable<CatalogInitiative, 'id'>;
	offices!: EntityTable<CatalogOffice, 'id'>;
	progress!: EntityTable<InitiativeProgress, 'initiativeId'>;
	meta!: EntityTable<MetaRow, 'key'>;

	constructor(name = 'klatiene') {
		super(name);
		this.version(1).stores({
			initiatives: 'id, &slug, status',
			offices: 'id, &slug, kind, municipality',
			progress: 'initiativeId',
			meta: 'key'
		});
	}
}

let instance: DeviceDatabase | undefined;

export function deviceDb(): DeviceDatabase {
	instance ??= new DeviceDatabase();
	return instance;
}
