/** Adds the office messages to the i18n layer: imported for its side effect by the area's pages. */
import { addMessages } from '../index.svelte';
import { officeLv } from '../messages/office.lv';
import { officeEn } from '../messages/office.en';

addMessages(officeLv, officeEn);
