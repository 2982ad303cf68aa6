// The client's reading of the server's clock: a Date far from the runner's is not believed.
import { trustedDate } from '../../../src/alibaba/client.js';

describe('the server Date (issue 20 item 8)', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  test.each([
    ['Mon, 01 Jun 2026 12:00:00 GMT', now],
    ['Mon, 01 Jun 2026 12:04:59 GMT', now + 299_000],
    ['Mon, 01 Jun 2026 11:55:00 GMT', now - 300_000],
    ['Mon, 01 Jun 2026 12:05:01 GMT', undefined],
    ['Mon, 01 Jun 2026 11:54:59 GMT', undefined],
    ['Thu, 01 Jan 2099 00:00:00 GMT', undefined],
    ['not a date', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, want) => {
    expect(trustedDate(header, now)).toBe(want);
  });
});
