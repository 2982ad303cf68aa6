// Issue 20's two false passes, each seen passing `high:0` before its fix: a malicious-file page
// that repeats the previous page's row, and an SCA level count that is `null`.
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const DIGEST = '3'.repeat(64);
const MD5 = 'f'.repeat(32);

const run = (inputs: Record<string, string>) =>
  runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': DIGEST, 'list-findings': '0', ...inputs }),
    env: { GITHUB_WORKSPACE: ctx.workspace },
  });

describe('a malicious sample whose file pages repeat a row', () => {
  const handled = { FilePath: '/srv/www/ok.php', Layer: 'a'.repeat(64), Status: 1 };
  const unhandled = { FilePath: '/srv/www/shell.php', Layer: 'a'.repeat(64), Status: 0 };

  beforeEach(() => {
    // The count query agrees with the grouped row (handled): nothing to count.
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    ctx.sim.handlers.set('DescribeGroupedMaliciousFiles', () => ({
      body: {
        PageInfo: { CurrentPage: 1, PageSize: 100, TotalCount: 1, Count: 1 },
        GroupedMaliciousFileResponse: [
          { MaliciousMd5: MD5, MaliciousName: 'WebShell', Level: 'serious', Status: 1 },
        ],
      },
    }));
  });

  const serve = (second: Record<string, unknown>) =>
    ctx.sim.handlers.set('DescribeAffectedMaliciousFileImages', (ctx) => {
      const page = Number(ctx.params['CurrentPage']);
      return {
        body: {
          PageInfo: { CurrentPage: page, PageSize: 1, TotalCount: 2, Count: 1 },
          AffectedMaliciousFileImagesResponse: [page === 1 ? handled : second],
        },
      };
    });

  test('page 2 repeating page 1 (the unhandled file never shown): error, not pass', async () => {
    serve(handled);
    const r = await run({ 'max-malicious-files': 'high:0' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(
      /DescribeAffectedMaliciousFileImages.*a second time/,
    );
  });

  test('rows with an Id are told apart by it', async () => {
    ctx.sim.handlers.set('DescribeAffectedMaliciousFileImages', (ctx) => {
      const page = Number(ctx.params['CurrentPage']);
      return {
        body: {
          PageInfo: { CurrentPage: page, PageSize: 1, TotalCount: 2, Count: 1 },
          AffectedMaliciousFileImagesResponse: [{ ...handled, Id: 7, FilePath: `/p${page}` }],
        },
      };
    });
    const r = await run({ 'max-malicious-files': 'high:0' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/a second time/);
  });

  test('the same list with distinct rows is read, and the unhandled file fails the limit', async () => {
    serve(unhandled);
    const r = await run({ 'max-malicious-files': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(reportOf(r).images[0]?.levels['malicious-files']).toMatchObject({ high: 1 });
  });
});

describe('an SCA level count that is not a whole number', () => {
  test.each([
    ['null', null],
    ['a fraction', 0.5],
    ['negative', -1],
    ['text', 'many'],
    ['an object', {}],
  ])('AsapCount %s: the level is unknown, counted as high', async (_name, asap) => {
    ctx.sim.addImage({ digest: DIGEST, counts: { ImageScaVulCount: 1 } });
    ctx.sim.handlers.set('DescribeImageGroupedVulList', () => ({
      body: {
        CurrentPage: 1,
        PageSize: 100,
        TotalCount: 1,
        GroupedVulItems: [
          { Name: 'sca:x', Type: 'sca', AsapCount: asap, LaterCount: 0, NntfCount: 1, Status: 0 },
        ],
      },
    }));
    const r = await run({ 'max-sca-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('fail');
    expect(reportOf(r).images[0]?.levels['sca-vulns']).toMatchObject({ high: 1 });
  });

  test('an absent AsapCount is 0: the item is low', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: { ImageScaVulCount: 1 } });
    ctx.sim.handlers.set('DescribeImageGroupedVulList', () => ({
      body: {
        CurrentPage: 1,
        PageSize: 100,
        TotalCount: 1,
        GroupedVulItems: [{ Name: 'sca:x', Type: 'sca', LaterCount: 0, NntfCount: 1, Status: 0 }],
      },
    }));
    const r = await run({ 'max-sca-vulns': 'high:0' });
    expect(r.outputs['result']).toBe('pass');
  });
});
