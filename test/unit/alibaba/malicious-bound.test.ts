// The 2,000 bound counts findings; malicious file paths have a bound of their own, 20,000 per
// image over all its samples (issue 20 item 12). A fake caller pages like Security Center.
import { endpointForRegion, type Endpoint } from '../../../src/alibaba/endpoints.js';
import {
  listMaliciousFiles,
  ListBoundError,
  type SasCaller,
} from '../../../src/alibaba/findings-api.js';
import type { RpcAnswer, RpcCall } from '../../../src/alibaba/client.js';

const ENDPOINT = endpointForRegion('cn-shanghai') as Endpoint;
const DIGEST = 'd'.repeat(64);

function fake(samples: number, pathsPerSample: number): SasCaller {
  return {
    call(call: RpcCall): Promise<RpcAnswer> {
      const param = (n: string) => call.params.find(([k]) => k === n)?.[1];
      const size = Number(param('PageSize'));
      const page = Number(param('CurrentPage'));
      const count = (total: number) => Math.max(0, Math.min(size, total - (page - 1) * size));
      const at = (i: number) => (page - 1) * size + i;
      if (call.action === 'DescribeGroupedMaliciousFiles') {
        const rows = Array.from({ length: count(samples) }, (_, i) => ({
          MaliciousMd5: String(at(i)).padStart(32, '0'),
          Level: 'serious',
        }));
        return Promise.resolve({
          body: {
            PageInfo: {
              CurrentPage: page,
              PageSize: size,
              TotalCount: samples,
              Count: rows.length,
            },
            GroupedMaliciousFileResponse: rows,
          },
        });
      }
      const rows = Array.from({ length: count(pathsPerSample) }, (_, i) => ({
        FilePath: `/bin/${param('MaliciousMd5')}/${at(i)}`,
      }));
      return Promise.resolve({
        body: {
          PageInfo: {
            CurrentPage: page,
            PageSize: size,
            TotalCount: pathsPerSample,
            Count: rows.length,
          },
          AffectedMaliciousFileImagesResponse: rows,
        },
      });
    },
  };
}

async function failure(api: SasCaller): Promise<ListBoundError> {
  try {
    await listMaliciousFiles(api, ENDPOINT, { digest: DIGEST });
  } catch (err) {
    expect(err).toBeInstanceOf(ListBoundError);
    return err as ListBoundError;
  }
  throw new Error('expected a ListBoundError');
}

test('one sample at 2,001 paths is read whole: one finding', async () => {
  const list = await listMaliciousFiles(fake(1, 2_001), ENDPOINT, { digest: DIGEST });
  expect(list.records).toHaveLength(1);
  expect(list.records[0]?.files).toHaveLength(2_001);
});

test('more than 20,000 paths over the samples of one image: its own message', async () => {
  const err = await failure(fake(3, 7_000));
  expect(err.limit).toBe(20_000);
  expect(err.message).toMatch(/21,000 malicious file paths \(over all its samples\).*20,000/);
});

test('more than 2,000 samples: the findings bound', async () => {
  const err = await failure(fake(2_001, 1));
  expect(err.limit).toBe(2_000);
  expect(err.message).toMatch(/2,001 malicious-file findings.*2,000/);
});
