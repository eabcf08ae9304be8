/** Adds the qc messages to the i18n layer: imported for its side effect by the area's pages. */
import { addMessages } from '../index.svelte';
import { qcLv } from '../messages/qc.lv';
import { qcEn } from '../messages/qc.en';

addMessages(qcLv, qcEn);
