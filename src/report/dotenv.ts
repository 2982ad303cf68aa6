// The outputs file (--outputs-file): the action's outputs, except `report` and `comment-url`, as
// `SAS_IMAGE_GATE_<OUTPUT>=value` lines for GitLab's `artifacts:reports:dotenv` (later jobs get
// them as variables) or for a shell to source. GitLab's reader is strict: no blank or comment
// lines, no multi-line values, no quote escapes, no spaces in values, and a file under 5 KB.
//
// Rules, so that no value can ever be read as something else:
// - A value keeps only the characters A-Z a-z 0-9 . _ : / , @ + = - (everything the outputs
//   hold in practice: results, counts, category names, digests, request ids, times, paths). Any
//   other character (white space, a line break, a quote, $, #, a control or non-ASCII
//   character) becomes `_`: a value is always one unquoted line, so it can neither start a second
//   variable nor be read as quoting, expansion or a comment by any dotenv reader. The outputs whose
//   value was changed are returned, for the caller to say so.
// - The file stays within 5,000 bytes (under 5 KB however it is counted). When the lists (request
//   ids, scan task ids, gated digests, exceeded) are too long, entries are dropped from the end of
//   the longest list, one at a time, and the list ends with `+N-more` (N the entries dropped): a
//   shortened list is visibly incomplete, never silently short, and its last entry can never be
//   taken for a digest or an id. A value that cannot fit even then (only an extreme path could
//   be that long) is left empty instead. The shortened outputs are returned too.
const PREFIX = 'SAS_IMAGE_GATE_';
/** Outputs the file leaves out: the whole report (too large) and the GitHub comment's URL. */
export const DOTENV_EXCLUDED: readonly string[] = ['report', 'comment-url'];
/** Lists that are shortened first when the file would be too large. */
const LISTS: readonly string[] = ['request-id', 'scan-task-id', 'gated-digests', 'exceeded'];
export const DOTENV_MAX_BYTES = 5000;

export interface DotenvFile {
  /** The file: one line per output, each ending in a newline. */
  text: string;
  /** Outputs whose value had characters replaced by `_`. */
  altered: string[];
  /** Outputs shortened to keep the file under its size limit. */
  shortened: string[];
}

/** SAS_IMAGE_GATE_<OUTPUT>: upper case, `_` for `-`. */
export function dotenvName(output: string): string {
  return `${PREFIX}${output.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** A value as one safe unquoted line: every character outside the kept set becomes `_`. */
export function dotenvValue(value: string): string {
  return value.replace(/[^A-Za-z0-9._:/,@+=-]/gu, '_');
}

interface Line {
  output: string;
  entries: string[];
  omitted: number;
  list: boolean;
}

function render(l: Line): string {
  const more = l.omitted > 0 ? [`+${l.omitted}-more`] : [];
  return `${dotenvName(l.output)}=${[...l.entries, ...more].join(',')}\n`;
}

function size(lines: readonly Line[]): number {
  return lines.reduce((n, l) => n + render(l).length, 0);
}

export function buildDotenv(outputs: Readonly<Record<string, string>>): DotenvFile {
  const altered: string[] = [];
  const lines: Line[] = [];
  for (const [output, raw] of Object.entries(outputs)) {
    if (DOTENV_EXCLUDED.includes(output)) continue;
    const value = dotenvValue(raw);
    if (value !== raw) altered.push(output);
    const list = LISTS.includes(output);
    const entries = list ? value.split(',').filter((e) => e !== '') : [value];
    lines.push({ output, entries, omitted: 0, list });
  }
  const shortened = new Set<string>();
  // Values are ASCII after dotenvValue: characters are bytes.
  const byLength = (a: Line, b: Line) => render(b).length - render(a).length;
  // A value that cannot fit even with every list cut to its marker (only an extreme path) is
  // emptied first, so the lists are not emptied for nothing.
  const floor = () =>
    size(
      lines.map((l) => (l.list ? { ...l, entries: [], omitted: l.entries.length + l.omitted } : l)),
    );
  while (floor() > DOTENV_MAX_BYTES) {
    const other = lines.filter((l) => !l.list && (l.entries[0] ?? '') !== '').sort(byLength)[0];
    if (!other) break;
    other.entries = [''];
    shortened.add(other.output);
  }
  while (size(lines) > DOTENV_MAX_BYTES) {
    const list = lines.filter((l) => l.list && l.entries.length > 0).sort(byLength)[0];
    if (!list) break;
    list.entries.pop();
    list.omitted++;
    shortened.add(list.output);
  }
  return { text: lines.map(render).join(''), altered, shortened: [...shortened] };
}
