// Which Security Center site serves a region, and how an `endpoint` override is accepted.
// Security Center keeps data on two sites; asking the wrong one answers zeros, not an error,
// so the map is explicit and an unknown region is refused instead of guessed. The map follows
// the official SDK's endpoint map and the product's endpoint page (both send cn-hongkong to
// the Shanghai site).
import { nearest, shorten } from '../infra/text.js';
import type { Endpoint } from '../core/selector.js';

export const CHINA_HOST = 'tds.cn-shanghai.aliyuncs.com';
export const INTERNATIONAL_HOST = 'tds.ap-southeast-1.aliyuncs.com';

const CHINA_SITE_REGIONS = [
  'cn-qingdao',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-hangzhou',
  'cn-shanghai',
  'cn-nanjing',
  'cn-fuzhou',
  'cn-shenzhen',
  'cn-heyuan',
  'cn-guangzhou',
  'cn-chengdu',
  'cn-wuhan-lr',
  'cn-zhengzhou-jva',
  'cn-hangzhou-finance',
  'cn-shanghai-finance-1',
  'cn-shenzhen-finance-1',
  'cn-beijing-finance-1',
  'cn-north-2-gov-1',
  'cn-heyuan-acdr-1',
  'cn-qingdao-acdr-ut-1',
  'cn-shanghai-mybk',
  'cn-hongkong',
];

const INTERNATIONAL_REGIONS = [
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'eu-central-1',
  'eu-west-1',
  'us-east-1',
  'us-west-1',
  'me-east-1',
  'me-central-1',
];

export const REGION_SITES: ReadonlyMap<string, string> = new Map([
  ...CHINA_SITE_REGIONS.map((r) => [r, CHINA_HOST] as const),
  ...INTERNATIONAL_REGIONS.map((r) => [r, INTERNATIONAL_HOST] as const),
]);

/** The known region closest in spelling to `region` (a typo's likely meaning), if any is close. */
export function nearestRegion(region: string): string | undefined {
  return nearest(region, REGION_SITES.keys());
}

export type { Endpoint };

/** What to add to a TLS failure's message for this endpoint. */
export function tlsAdvice(endpoint: Endpoint, input: string): string {
  const general = `Retrying cannot change this: check ${input}, and that the runner trusts the server's certificate (NODE_EXTRA_CA_CERTS adds a CA).`;
  if (!endpoint.schemeImplied) return general;
  const host = endpoint.host;
  const loopback = isLoopbackHost(new URL(endpoint.origin).hostname);
  return loopback
    ? `${input} was given as ${host} without a scheme, so https was used; a loopback simulator that speaks plain HTTP needs ${input}: http://${host}`
    : `${input} was given as ${host} without a scheme, so https was used. ${general}`;
}

export function endpointForRegion(regionId: string): Endpoint | undefined {
  const host = REGION_SITES.get(regionId);
  if (!host) return undefined;
  const site = host === CHINA_HOST ? 'China site' : 'international site';
  return { origin: `https://${host}`, host, site: `${host} (${site})` };
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Parses an `endpoint`-style input: a bare host name or an http(s) URL with no path.
 * Plain http is accepted only for loopback (the simulator); returns a problem text otherwise.
 */
export function parseEndpoint(raw: string): Endpoint | string {
  const schemeImplied = !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  const text = schemeImplied ? `https://${raw}` : raw;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a host name or URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use https';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'must use https (plain http is accepted only for a loopback address such as 127.0.0.1)';
  }
  if (url.username || url.password)
    return 'must not contain user info (user:password@); give credentials with their own inputs';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return 'must be a host name or an origin URL without a path, query or fragment';
  }
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)) return 'has an invalid host name';
  return { origin: url.origin, host: url.host, site: url.host, schemeImplied };
}

/**
 * An endpoint-style input, or the problem with it (naming the input). User info is never echoed:
 * it may be a password.
 */
export function readEndpointInput(name: string, raw: string): Endpoint | string {
  const parsed = parseEndpoint(raw);
  if (typeof parsed !== 'string') return parsed;
  const shown = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1***@');
  const text = shorten(shown, 80);
  return `${name}: ${JSON.stringify(text)} ${parsed}`;
}
