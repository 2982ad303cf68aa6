// The engine's entry, shared by both front ends: settings in, one outcome per image out. It
// opens the transport, obtains credentials (static, or keyless through the front end's token
// source), builds the signed Security Center client and gates the images. Nothing here can end
// in `pass` by accident: a failure before any image was gated makes every image an error.
import { AcsClient } from '../alibaba/client.js';
import type { SigningKey } from '../alibaba/signer.js';
import type { Deadline } from '../infra/deadline.js';
import { describeError } from '../infra/errors.js';
import { createTransport, type Transport } from '../infra/http.js';
import type { Logger } from '../infra/log.js';
import { registerSecret } from '../infra/secrets.js';
import { USER_AGENT } from '../infra/version.js';
import type { Config } from '../inputs/config.js';
import type { IdTokenSource, KeylessOptions } from './credentials.js';
import { gateImages } from './images.js';
import type { ImageOutcome } from './outcome.js';
import { ramActionsFor } from './ram-policy.js';

export interface RunPorts {
  /** Proxy settings (HTTPS_PROXY, NO_PROXY) are read from here. */
  env: NodeJS.ProcessEnv;
  deadline: Deadline;
  log: Logger;
  /** The front end's OIDC token source; loaded only by keyless runs. */
  idTokenSource: (opts: KeylessOptions) => Promise<IdTokenSource>;
}

/** Every image ends with established counts or an error; nothing here can throw past it. */
export async function runGate(config: Config, ports: RunPorts): Promise<ImageOutcome[]> {
  const { deadline, log } = ports;
  let transport: Transport | undefined;
  try {
    transport = createTransport(ports.env, config.maxConcurrency);
    const credentials = await credentialProvider(config, transport, ports);
    const client = new AcsClient({
      transport,
      credentials,
      deadline,
      log,
      userAgent: USER_AGENT,
      maxConcurrency: config.maxConcurrency,
      ramActions: ramActionsFor(config),
    });
    return await gateImages(config, client, log, deadline);
  } catch (err) {
    // Nothing was established (e.g. no credentials could be obtained): every image is an error.
    const error = describeError(err);
    return config.images.map((target) => ({ target, requestIds: [], error, lists: {}, notes: [] }));
  } finally {
    // Never let a slow close hold the step open; keep-alive sockets are dropped with the process.
    void transport?.close().catch(() => {});
  }
}

/** Where each request's signing key comes from; keyless credentials are obtained once, here. */
async function credentialProvider(
  config: Config,
  transport: Transport,
  ports: RunPorts,
): Promise<() => Promise<SigningKey>> {
  const creds = config.credentials;
  if (creds.kind === 'keys') return () => Promise.resolve(creds);
  for (const notice of creds.notices) ports.log.notice(notice);
  const { keylessSigningKey } = await import('./credentials.js');
  const opts: KeylessOptions = {
    transport,
    deadline: ports.deadline,
    log: ports.log,
    mask: registerSecret,
    userAgent: USER_AGENT,
  };
  const key = await keylessSigningKey(creds, opts, await ports.idTokenSource(opts));
  return () => Promise.resolve(key);
}
