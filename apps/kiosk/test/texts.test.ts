// Every text of the kiosk exists in each of its languages (nl, fr, en, de), for visitors and for IT staff,
// and the translations are real ones, not copies of the Dutch.
import { describe, expect, it } from 'vitest';
import { STAFF_TEXTS } from '../src/renderer/staff-texts.ts';
import { LANGUAGES, TEXTS } from '../src/renderer/texts.ts';

const LANGS = LANGUAGES.map((l) => l.code);

/** Every leaf of a catalogue as text: functions are called with sample arguments. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function')
    out.set(
      path,
      String((value as (...a: unknown[]) => unknown)(3, 2, 1)) +
        String((value as (...a: unknown[]) => unknown)(1, 'x', 'y')),
    );
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value))
      for (const [p, t] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, t);
  return out;
}

describe.each([
  ['visitor screens', TEXTS],
  ['setup and IT screens', STAFF_TEXTS],
] as const)('the kiosk texts of the %s', (_name, catalogues) => {
  const dutch = leaves(catalogues.nl);

  it.each(LANGS)('has every key in %s, none of them empty', (lang) => {
    const texts = leaves(catalogues[lang]);
    expect([...texts.keys()].sort()).toEqual([...dutch.keys()].sort());
    for (const [key, text] of texts) expect(text.trim(), key).not.toBe('');
  });

  it.each(LANGS.filter((l) => l !== 'nl'))('translates the Dutch into %s', (lang) => {
    const texts = leaves(catalogues[lang]);
    const same = [...dutch].filter(([key, text]) => texts.get(key) === text).map(([key]) => key);
    // A few words are the same in both languages (a version, an API's name); most must not be.
    expect(same.length, same.join(', ')).toBeLessThanOrEqual(Math.ceil(dutch.size * 0.1));
  });
});
