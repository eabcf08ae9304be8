import type {
	CatalogInitiative,
	CatalogOffice,
	CatalogPull,
	InitiativeProgress
} from '$lib/domain/catalog-protocol';

/** What catalog pages render, whether it came from the server or from the device. */
export interface CatalogView {
	initiatives: CatalogInitiative[];
	offices: CatalogOffice[];
	progress: Record<string, InitiativeProgress>;
	/** When the data was last fetched from the server (epoch ms), null if never. */
	updatedAt: number | null;
	source: 'server' | 'device';
}

export function viewOfPull(pull: CatalogPull): CatalogView {
	return {
		initiatives: pull.initiatives,
		offices: pull.offices,
		progress: Object.fromEntries(pull.progress.map((p) => [p.initiativeId, p])),
		updatedAt: pull.serverTime,
		source: 'server'
	};
}
