/** Adds the citizen messages to the i18n layer: imported for its side effect by the area's pages. */
import { addMessages } from '../index.svelte';
import { citizenLv } from '../messages/citizen.lv';
import { citizenEn } from '../messages/citizen.en';

addMessages(citizenLv, citizenEn);
