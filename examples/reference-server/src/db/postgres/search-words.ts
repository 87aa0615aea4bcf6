/**
 * The archive's words on Postgres, read as SQLite's FTS5 reads them (`unicode61 remove_diacritics 2`):
 * a word is a run of letters and digits, compared in lower case without its diacritics. A message is
 * indexed as its folded words (`messages_search.text`), so that Postgres's own parser, which would keep an
 * email or a URL whole, sees only plain words; and a snippet is cut from the message as SQLite's
 * `snippet()` cuts it. Diacritics are removed by Unicode's decomposition: letters it does not decompose
 * (ø, ł, đ) stay as they are, where SQLite folds some of them.
 */

/** Letters, digits and the marks that go with them: what SQLite's tokenizer keeps in a word. */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** How many words SQLite's `snippet(…, 12)` shows. */
const SNIPPET_WORDS = 12;

/**
 * A word as the index compares it: in lower case, its diacritics removed.
 *
 * @example
 * ```ts
 * fold('Facturé'); // 'facture'
 * ```
 */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * What `messages_search.text` holds for a message: its folded words, one space apart.
 *
 * @example
 * ```ts
 * indexedText('Écrivez à ana@example.com'); // 'ecrivez a ana example com'
 * ```
 */
export function indexedText(text: string): string {
  return (text.match(WORD) ?? []).map(fold).join(' ');
}

/**
 * The words an agent typed, folded, at most eight (as `ftsQuery` of archive-store.ts takes them).
 *
 * @example
 * ```ts
 * queryWords('Facturé "mai'); // ['facture', 'mai']
 * ```
 */
export function queryWords(query: string): string[] {
  return (query.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8).map(fold);
}

/**
 * The `to_tsquery('simple', …)` of folded words: each quoted and matched as a prefix, all required.
 *
 * @example
 * ```ts
 * tsQuery(['facture', 'mai']); // "'facture':* & 'mai':*"
 * ```
 */
export function tsQuery(words: readonly string[]): string {
  return words.map((word) => `'${word}':*`).join(' & ');
}

/** A word of a message: where it starts and ends, and what it is once folded. */
interface Token {
  start: number;
  end: number;
  folded: string;
}

const tokensOf = (text: string): Token[] =>
  [...text.matchAll(WORD)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    folded: fold(match[0]),
  }));

/**
 * Whether the message holds a word starting with each of `words` (folded): what matches it in the index.
 *
 * @example
 * ```ts
 * matchesAll('Ma facture de mai', ['fact', 'mai']); // true
 * ```
 */
export function matchesAll(text: string, words: readonly string[]): boolean {
  const tokens = tokensOf(text);
  return words.every((word) => tokens.some((token) => token.folded.startsWith(word)));
}

/**
 * The score of the window of {@link SNIPPET_WORDS} words from `from`, as SQLite's snippet counts it: 1000
 * for each query word found in it, 1 for each repetition; with where the window would start to centre
 * its matches.
 */
function score(hits: ReadonlyArray<{ at: number; word: number }>, from: number, size: number) {
  const seen = new Set<number>();
  let total = 0;
  let first = -1;
  let last = 0;
  for (const hit of hits) {
    if (hit.at < from || hit.at >= from + SNIPPET_WORDS) continue;
    total += seen.has(hit.word) ? 1 : 1000;
    seen.add(hit.word);
    if (first < 0) first = hit.at;
    last = hit.at + 1;
  }
  const centred = Math.min(first - Math.trunc((SNIPPET_WORDS - (last - first)) / 2), size - SNIPPET_WORDS);
  return { total, centred: Math.max(0, centred) };
}

/**
 * The snippet of a matching message, cut as SQLite's `snippet(messages_fts, 0, '', '', '…', 12)` cuts
 * it: the twelve words around the query's words (from the start of their sentence when that keeps them
 * in), `…` where the text goes on.
 *
 * @example
 * ```ts
 * snippetOf('Bonjour. Ma facture de mai est fausse', ['facture']); // 'Bonjour. Ma facture de mai est fausse'
 * ```
 */
export function snippetOf(text: string, words: readonly string[]): string {
  const tokens = tokensOf(text);
  const hits = tokens.flatMap((token, at) =>
    words.flatMap((word, index) => (token.folded.startsWith(word) ? [{ at, word: index }] : [])),
  );
  // Where sentences start: the first word, and each word after a '.' or a ':' and some spaces.
  const sentences = tokens
    .map((token, at) => ({ at, before: /([.:])?[ \t\n\r]+$/.exec(text.slice(0, token.start)) }))
    .filter(({ at, before }) => at === 0 || before?.[1] !== undefined)
    .map(({ at }) => at);
  let best = { total: 0, start: 0 };
  for (const hit of hits) {
    const centred = score(hits, hit.at, tokens.length);
    if (centred.total > best.total) best = { total: centred.total, start: centred.centred };
    if (tokens.length <= SNIPPET_WORDS) continue;
    const sentence = sentences.filter((at) => at <= hit.at).at(-1) ?? 0;
    if (sentence < hit.at) {
      const total = score(hits, sentence, tokens.length).total + (sentence === 0 ? 120 : 100);
      if (total > best.total) best = { total, start: sentence };
    }
  }
  const last = best.start + SNIPPET_WORDS - 1;
  const from = best.start > 0 ? (tokens[best.start]?.start ?? 0) : 0;
  const cut = last >= tokens.length - 1 ? text.length : (tokens[last]?.end ?? text.length);
  return `${best.start > 0 ? '…' : ''}${text.slice(from, cut)}${last >= tokens.length - 1 ? '' : '…'}`;
}
