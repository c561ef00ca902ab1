import { describe, expect, it } from 'vitest';
import { reservedWording } from '../../../src/registry/import/reserved.ts';

describe('reservedWording', () => {
  it.each([
    ['Réservé aux professionnels de santé'],
    ['RESERVE AUX PROFESSIONNELS DE SANTE'],
    ['Centre réservé uniquement aux professionnels de santé du département'],
    ['réservée aux professionnelles de santé'],
    ['Professionnels de santé uniquement, sur présentation de la carte CPS'],
    ['Ouvert exclusivement aux personnels soignants'],
    ['Vaccination des personnels soignants'],
    ['Personnel soignant du CHU'],
    ['Pour les soignants de l’hôpital'],
    ['PS uniquement'],
    ['Vaccination réservée PS'],
    ['Centre réservé au personnel de l’établissement'],
  ])('reads %j as reserved for health professionals', (text) => {
    expect(reservedWording(text)).not.toBeNull();
  });

  it.each([
    ['Sur rendez-vous uniquement'],
    ['Ouvert à tous, y compris aux professionnels de santé'],
    ['Plus de 75 ans et personnels soignants'],
    ['Réservé aux plus de 75 ans'],
    ['Les professionnels de santé peuvent aussi appeler le 15'],
    ['Centre de vaccination de Pessac'],
    ['PSA Peugeot, site de Rennes'],
    [''],
  ])('does not read %j as reserved', (text) => {
    expect(reservedWording(text)).toBeNull();
  });

  it('looks at the name and the booking notes alike', () => {
    expect(reservedWording('Centre de vaccination du CHU', 'Réservé aux professionnels de santé')).toBe(
      'reserve aux professionnels de sante',
    );
    expect(reservedWording('Vaccination personnels soignants', '')).toBe('personnels soignants');
  });
});
