// Markup GitHub adds on its own (issue 20 item 7): its renderer links e-mail addresses after
// `&#64;` is decoded, and its mention and issue-reference filters run on the rendered text. The
// summary and the comment are rendered here with micromark and its GFM extension (a pure
// JavaScript GFM implementation with autolink literals; the npm cmark-gfm bindings need a native
// build this workplace cannot download). To model cmark-gfm's autolinking after entity decoding,
// the rendered text is decoded and rendered once more: neither pass may produce a mailto: link,
// and no `@` or `#` in the text may be directly followed by a name a mention or reference takes.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { escapeShort, escapeText } from '../../../src/report/escape.js';
import { buildCommentBody } from '../../../src/report/comment.js';
import { failedRunReport } from '../../../src/report/model.js';

const render = (md: string) =>
  micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/** The visible text of rendered HTML: tags dropped, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const UNTRUSTED = [
  'security@example.com',
  '/srv/@acme/security-team',
  'fixed in #1234 by @octocat',
  'see owner/repo#12 and GH-7',
  'mailto:root@host.example',
];

function expectInert(markdown: string): void {
  const html = render(markdown);
  expect(html).not.toMatch(/href="mailto:/i);
  const text = textOf(html);
  // A mention or reference is '@' or '#' directly followed by a name or a number.
  expect(text).not.toMatch(/@[\p{L}\p{N}_-]/u);
  expect(text).not.toMatch(/#[\p{L}\p{N}_-]/u);
  // What cmark-gfm's autolinker sees once the entities are decoded.
  expect(render(text)).not.toMatch(/href="mailto:/i);
}

test.each(UNTRUSTED)('escaped text %s renders without links or mentions', (raw) => {
  expectInert(`Path: ${escapeText(raw)}`);
  expectInert(`| a | b |\n| --- | --- |\n| ${escapeShort(raw, 200)} | x |`);
  expectInert(`<code>${escapeText(raw)}</code>`);
});

test('the comment body of a run with such text renders without links or mentions', () => {
  const problems = UNTRUSTED.map((u) => `image-tag: ${u}`);
  const body = buildCommentBody(
    failedRunReport(problems.join('; '), problems),
    { failBuild: true, onError: 'fail' },
    '<!-- marker -->',
    undefined,
    [],
  );
  expectInert(body.replace('<!-- marker -->', ''));
});

test('the zero-width character comes directly after each @ and #', () => {
  expect(escapeText('a@b#c')).toBe('a&#64;\u200bb&#35;\u200bc');
});
