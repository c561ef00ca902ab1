/** Département of a commune: from its INSEE code when known (exact), else from its postcode (nearly always right). */
export function departementOf(insee: string | null, postcode: string | null): string | null {
  if (insee) {
    if (/^2[AB]/.test(insee)) return insee.slice(0, 2);
    if (insee.startsWith('97')) return insee.slice(0, 3);
    return insee.slice(0, 2);
  }
  if (!postcode) return null;
  // Corsica shares the 20xxx postcodes: Corse-du-Sud below 20200, Haute-Corse from it.
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  if (postcode.startsWith('97')) return postcode.slice(0, 3);
  // 98xxx are Monaco and the Pacific territories, 00xxx does not exist: no département.
  if (postcode.startsWith('98') || postcode.startsWith('00')) return null;
  return postcode.slice(0, 2);
}
