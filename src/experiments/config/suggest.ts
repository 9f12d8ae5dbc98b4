/**
 * "Did you mean" for names: config paths and the values of named choices (activations,
 * initialisers, datasets, optimizers, backends). Pure string work, no schema.
 */

/**
 * Names other tools and papers use for a choice of ours, lower case with separators dropped
 * (PyTorch's kaiming_normal_ is our he_normal, swish is SiLU); matched after the spelling rules.
 */
const OTHER_NAMES: Readonly<Record<string, readonly string[]>> = {
  swish: ['silu'],
  kaiming: ['he_normal', 'he_uniform'],
  kaimingnormal: ['he_normal'],
  kaiminguniform: ['he_uniform'],
  xavier: ['glorot_uniform', 'glorot_normal'],
  xaviernormal: ['glorot_normal'],
  xavieruniform: ['glorot_uniform'],
  native: ['tensorflow'],
  tfjsnode: ['tensorflow'],
};

/** At most this many suggestions: more is a list, not a hint. */
const MAX_SUGGESTIONS = 3;

/** Lower case, without "_", "-", spaces and dots: "LeakyReLU", "leaky-relu" and "leaky_relu" are one name. */
const squash = (name: string) => name.toLowerCase().replace(/[_\-\s.]/g, '');

/** True when every character of `short` appears in `long` in order ("lrelu" in "leaky_relu"). */
function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const char of long) if (char === short[at]) at++;
  return at === short.length;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The choices `input` most likely meant, best first; empty when none is close. Tried in order,
 * the first rule that finds any wins: the same name spelt otherwise (case, "_" or "-"), another
 * tool's name for it, a choice it begins ("leaky"), its abbreviation (its letters in order, same
 * first letter: "lrelu"), then the fewest typing mistakes (at most one per three characters, at
 * least two).
 */
export function closestChoices(input: string, choices: readonly string[]): string[] {
  const wanted = squash(input);
  if (wanted === '') return [];
  const rules: ((choice: string) => boolean)[] = [
    (choice) => squash(choice) === wanted,
    (choice) => OTHER_NAMES[wanted]?.includes(choice) === true,
    (choice) => wanted.length >= 2 && squash(choice).startsWith(wanted),
    (choice) => wanted.length >= 2 && squash(choice)[0] === wanted[0] && isSubsequence(wanted, squash(choice)),
  ];
  for (const rule of rules) {
    const found = choices.filter(rule);
    if (found.length > 0) return found.slice(0, MAX_SUGGESTIONS);
  }
  const distances = choices.map((choice) => editDistance(wanted, squash(choice)));
  const best = Math.min(...distances);
  if (best > Math.max(2, Math.floor(wanted.length / 3))) return [];
  return choices.filter((_, i) => distances[i] === best).slice(0, MAX_SUGGESTIONS);
}

/** " (did you mean leaky_relu?)", " (did you mean he_normal or he_uniform?)", or "" when nothing is close. */
export function didYouMeanChoice(input: unknown, choices: readonly string[]): string {
  if (typeof input !== 'string' && typeof input !== 'number') return '';
  const found = closestChoices(String(input), choices);
  if (found.length === 0) return '';
  const listed = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} or ${found[found.length - 1]}`;
  return ` (did you mean ${listed}?)`;
}
