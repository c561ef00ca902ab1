import { fr } from '../i18n/fr.ts';

/** Said wherever the figures are: on the page, in the JSON, in the CSV's documentation (words in src/i18n/pages-*.ts). */
export const SLOTS_ARE_NOT_DOSES = fr.stats.notDoses;
