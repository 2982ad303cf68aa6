// inert(): no text can start a runner log line of its own, or smuggle a workflow command in.
import { inert } from '../../../src/infra/log.js';

test.each([
  ['a plain line', 'attempt 1 failed', 'attempt 1 failed'],
  ['LF', 'a\n::error::x', 'a ⏎ ::error::x'],
  ['CRLF', 'a\r\n::add-mask::x', 'a ⏎ ::add-mask::x'],
  ['CR', 'a\r::error::x', 'a ⏎ ::error::x'],
  ['U+2028 and U+2029', 'a\u2028b\u2029c', 'a ⏎ b ⏎ c'],
  ['NEL, VT and FF', 'a\u0085b\u000bc\u000cd', 'a ⏎ b ⏎ c ⏎ d'],
  ['a leading command', '::warning::x: scan pending', '› ::warning::x: scan pending'],
  ['a leading command after spaces', ' \u00a0\t::error::x', '›  \u00a0\t::error::x'],
  ['the legacy prefix anywhere', 'ok ##[error]x', 'ok #\u200b#[error]x'],
])('%s', (_, text, expected) => {
  expect(inert(text)).toBe(expected);
});

test('no line of any flattened text starts a command', () => {
  const hostile = ['\n::error::f', '\r\n  ::stop-commands::t', '\u2028::add-mask::m'];
  for (const h of hostile) {
    for (const line of inert(`prefix${h}${h}`).split(/\r\n|\r|\n/)) {
      expect(line.trimStart().startsWith('::')).toBe(false);
    }
  }
});
