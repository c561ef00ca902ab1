/** Words the demo registry builds names, addresses and notes from: invented, after real shapes. */

export const VENUES = [
  'Salle des fêtes',
  'Salle polyvalente',
  'Salle Jean Moulin',
  'Salle Pierre Mendès France',
  'Gymnase Léo Lagrange',
  'Espace Simone Veil',
  'Salle du Marché couvert',
  'Salle Marie Curie',
  'Halle des sports',
  'Salle Victor Hugo',
];

export const NEIGHBOURHOODS = [
  'du Centre',
  'de la Gare',
  'du Parc',
  'des Tilleuls',
  'Bellevue',
  'Saint-Exupéry',
  'des Quatre Vents',
  'du Val Fleuri',
  'Les Acacias',
  'du Moulin',
];

export const RESIDENCES = [
  'Les Tilleuls',
  'Le Clos Fleuri',
  'Les Jardins du Parc',
  'La Roseraie',
  'Le Bois Joli',
  'Les Glycines',
];

export const STREET_TYPES = ['rue', 'avenue', 'boulevard', 'place', 'allée', 'chemin', 'impasse', 'quai'];

export const STREET_NAMES = [
  'de la République',
  'Jean Jaurès',
  'Victor Hugo',
  'du Général de Gaulle',
  'Pasteur',
  'de la Liberté',
  'des Écoles',
  'Jules Ferry',
  'du 8 Mai 1945',
  'Gambetta',
  'de la Mairie',
  'des Lilas',
  'Louise Michel',
  'du Stade',
  'des Tanneurs',
  'Émile Zola',
];

/** Notes of centres that take no booking at all. */
export const WALK_IN_NOTES = [
  'Sans rendez-vous, se présenter sur place',
  "Réservé aux résidents d'EHPAD",
  'Vaccination des résidents et du personnel de l’établissement uniquement',
  'Sans rendez-vous, le matin uniquement',
];

export const BOOKING_NOTES = [
  'Ouvert aux personnes de plus de 75 ans',
  'Ouvert aux professionnels de santé et aux personnes de plus de 75 ans',
  'Se munir de sa carte Vitale',
  'Prise de rendez-vous pour les deux injections',
];

export const HEALTH_PROFESSIONALS_NOTE = 'Réservé aux professionnels de santé';

export const WEEKDAY_HOURS = [
  '9h-17h',
  '09:00-17:00',
  '09:00-13:00/14:00-18:00',
  '8h-20h',
  '14:00-18:00',
  '9h-12h',
];
export const SATURDAY_HOURS = ['9h-12h', '09:00-13:00', 'fermé', 'fermé'];
export const SUNDAY_HOURS = ['fermé', 'fermé', 'fermé', '10h-16h'];
