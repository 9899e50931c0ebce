// When two organisation names look the same to a person. Recipients recognise each other — and maintainers pick
// recipients — by name, so a second "Bluefin OS" written with a Cyrillic "В", in capitals, or as "Bluefin-OS" must not
// pass as a different organisation unnoticed, and a message must not name a recipient just by spelling it differently.
//
// The comparison follows the skeleton of Unicode Technical Standard #39 (section 4): NFD, each character replaced by
// its prototype from Unicode's confusables table (the `unhomoglyph` package ships that table), NFD again. On top of
// UTS #39 it folds compatibility forms (NFKC: fullwidth letters, ligatures) and letter case, and it ignores
// everything that is not a letter, mark or digit (spaces, hyphens, dots), comparing the words run together.
import unhomoglyph from "unhomoglyph";

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// UTS #39 drops default-ignorable code points before taking the skeleton: variation selectors, the combining grapheme
// joiner, Hangul fillers and the like are letters or marks to a regex but show nothing, so "Blue\u034Ffin OS" must
// read as "Bluefin OS". (Names refuse them outright; messages may carry them.)
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

function skeleton(text: string): string {
  return unhomoglyph(text.normalize("NFD")).normalize("NFD");
}

// Case and confusables interact: the table maps "I" to "l" but leaves "i" alone, and maps the Cyrillic capital "В"
// to "B" but its lower case "в" to the small capital "ʙ". So the skeleton is taken of the name in one case, then
// lower-cased: once from upper case ("ВLUEFIN", "Вluefin" and "Bluefin" agree; so do "LINUX" and "Linux") and once
// from lower case (look-alikes that exist only as small letters, such as the Cyrillic "һ" for "h"). Two names match
// when either form agrees.
const FOLDS: Array<(text: string) => string> = [
  (text) => skeleton(skeleton(text.replace(INVISIBLE, "").normalize("NFKC").toUpperCase()).toLowerCase()),
  (text) => skeleton(skeleton(text.replace(INVISIBLE, "").normalize("NFKC").toLowerCase()).toLowerCase()),
];

// A message that names a recipient without its accents ("Societe Generale" for "Société Générale") still names it:
// for mentions, marks are dropped too. (Between two organisation names an accent stays a visible difference.)
const MENTION_FOLDS = FOLDS.map((fold) => (text: string) => fold(text).normalize("NFD").replace(/\p{M}/gu, ""));

function words(text: string, fold: (text: string) => string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** The forms a name is compared by: its words folded and run together (one per fold; equal forms collapse). */
export function nameKeys(name: string): string[] {
  return [...new Set(FOLDS.map((fold) => words(name, fold).join("")).filter((key) => key.length > 0))];
}

/** True when a person could take one name for the other. */
export function looksAlike(a: string, b: string): boolean {
  const keys = new Set(nameKeys(a));
  return nameKeys(b).some((key) => keys.has(key));
}

/** The organisations among `others` whose name could be taken for `name`, in their order. */
export function lookalikesOf<T extends { name: string }>(name: string, others: readonly T[]): T[] {
  return lookalikeIndex(others)(name);
}

/** `lookalikesOf` for many names against one list (an import): each name is folded once, not once per pair. */
export function lookalikeIndex<T extends { name: string }>(others: readonly T[]): (name: string) => T[] {
  const byKey = new Map<string, number[]>();
  others.forEach((other, index) => {
    for (const key of nameKeys(other.name)) byKey.set(key, [...(byKey.get(key) ?? []), index]);
  });
  return (name) => [...new Set(nameKeys(name).flatMap((key) => byKey.get(key) ?? []))].sort((a, b) => a - b).map((index) => others[index]!);
}

/**
 * The names in `names` that `text` mentions, however spelled: letter case, look-alike letters, spaces, hyphens and
 * dots do not matter, but a mention must start and end at word boundaries ("Acme" is not found in "Acmes" or
 * "Packmen"). Names shorter than two letters or digits are never looked for.
 */
export function namesMentioned(text: string, names: readonly string[]): string[] {
  // The text is folded once per fold, not once per name: a notice can have hundreds of recipients.
  const texts = MENTION_FOLDS.map((fold) => words(text, fold));
  return names.filter((name) =>
    MENTION_FOLDS.some((fold, i) => {
      const target = words(name, fold).join("");
      return target.length >= 2 && mentions(texts[i]!, target);
    }),
  );
}

/** Whether whole consecutive words of `tokens`, run together, spell `target`. */
function mentions(tokens: string[], target: string): boolean {
  for (let start = 0; start < tokens.length; start++) {
    let run = "";
    for (let end = start; end < tokens.length && run.length < target.length; end++) {
      run += tokens[end];
      if (run === target) return true;
    }
  }
  return false;
}
