import { describe, expect, it } from 'vitest';
import { FAILING_SHARE, statusSentences } from '../../../src/format/status-sentence.ts';
import { en } from '../../../src/i18n/en.ts';

// Issue 15, point 10: /statut opens with a plain sentence, for someone who is not an engineer.
const NOW = new Date('2021-01-14T09:30:00Z'); // 10 h 30 in Paris
const label = (provider: string) =>
  ({ doctolib: 'Doctolib', maiia: 'Maiia', keldoc: 'Keldoc' })[provider] ?? provider;

type Stats = Parameters<typeof statusSentences>[0][number];
function stats(provider: string, overrides: Partial<Stats> = {}): Stats {
  return {
    provider,
    enabled: true,
    breaker: { state: 'closed', opened_at: null },
    paused_until: null,
    paused_status: null,
    error_rate: 0,
    polls_last_hour: 120,
    failed_polls_last_hour: 0,
    ...overrides,
  } as Stats;
}

describe('the first sentences of /statut', () => {
  it('says everything works when every platform answers', () => {
    expect(statusSentences([stats('doctolib'), stats('maiia')], NOW, label)).toEqual([
      'Tout fonctionne : chaque plateforme de réservation répond normalement.',
    ]);
  });

  it('names the platform in trouble and since when, Paris time, then what it means', () => {
    const sentences = statusSentences(
      [
        stats('doctolib', {
          breaker: { state: 'open', opened_at: '2021-01-14T08:12:00Z' },
        } as Partial<Stats>),
        stats('maiia'),
      ],
      NOW,
      label,
    );
    expect(sentences[0]).toMatch(/^Doctolib a des difficultés depuis .*9 h 12/);
    expect(sentences).toContain('Les autres plateformes fonctionnent normalement.');
    expect(sentences.at(-1)).toContain('jamais « aucun créneau »');
  });

  it('says which platform asked to wait and until when, and which answers badly', () => {
    const sentences = statusSentences(
      [
        stats('keldoc', { paused_until: '2021-01-14T10:00:00Z', paused_status: 503 } as Partial<Stats>),
        stats('maiia', { error_rate: FAILING_SHARE + 0.1, failed_polls_last_hour: 42 }),
      ],
      NOW,
      label,
    );
    expect(sentences[0]).toMatch(/^Keldoc nous demande de patienter : reprise .*11 h 00/);
    expect(sentences[1]).toMatch(/^Maiia répond mal : 35/);
    expect(sentences).not.toContain('Les autres plateformes fonctionnent normalement.');
  });

  it('leaves out a platform the operator disabled, and says so in English under ?lang=en', () => {
    expect(statusSentences([stats('doctolib', { enabled: false, error_rate: 1 })], NOW, label, en)).toEqual([
      en.statut.allGood,
    ]);
    expect(statusSentences([], NOW, label)[0]).toMatch(/^Créneau n’a encore interrogé aucune plateforme/);
  });
});
