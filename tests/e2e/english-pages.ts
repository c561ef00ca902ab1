/**
 * Every public page type, for the English test (tests/e2e/english-pages.test.ts), which also
 * crawls the links from `/?lang=en`: a page only reachable by a form or from outside (a widget,
 * an error, a helper's mode) must be listed here. One line per page type, the path WITHOUT
 * `lang=en` (the test adds it). `{centre}` is a centre with online booking and slots, `{phoneCentre}`
 * one booked by phone only, `{noOnlineCentre}` one with no online booking (its /go page is ours).
 * Helpers adding a page: add its line here.
 */
export const ENGLISH_PAGES: readonly string[] = [
  '/',
  '/recherche?commune=35238&rayon=20',
  '/recherche?departement=35',
  '/recherche?q=zzzzzz',
  '/recherche?commune=abc',
  '/centres/{centre}',
  '/centres/{phoneCentre}',
  '/centres/nexiste-pas',
  '/go/{noOnlineCentre}',
  '/go/nexiste-pas',
  '/communes/35238',
  '/communes/35238?accompagnant=1',
  '/communes/00000',
  '/embed/communes/35238',
  '/embed/communes/35238?compact=1',
  '/embed/departements/35',
  '/embed/departements/zz',
  '/tableau/departements/35',
  '/tableau/communes/35238?rayon=20',
  '/tableau/departements/zz',
  '/statut',
  '/statistiques',
  '/statistiques?departement=35&periode=7j',
  '/statistiques?periode=nimportequoi',
  '/alertes/communes/35238?rayon=20',
  '/alertes/departements/35',
  '/alertes/communes/00000',
  '/mairies',
  '/mairies/lieu?q=Rennes',
  '/mairies/lieu?q=zzzzzz',
  '/page-qui-nexiste-pas',
];
