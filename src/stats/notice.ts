/** Said wherever the figures are: on the page, in the JSON, in the CSV's documentation. */
export const SLOTS_ARE_NOT_DOSES =
  'Un créneau n’est pas une dose : c’est un rendez-vous libre qu’une plateforme de réservation affichait au ' +
  'moment du relevé. Un même créneau peut être compté à plusieurs relevés, être réservé puis libéré, et ' +
  'certaines plateformes proposent la seconde injection avec la première. Ces chiffres ne disent ni combien ' +
  'de doses sont livrées, ni combien de personnes sont vaccinées.';
