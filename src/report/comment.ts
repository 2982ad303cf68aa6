// What the pull request comment says, and which comment is this gate's: the key, the hidden
// marker and the body (the same Markdown the job summary shows). No GitHub call is made here;
// github/comments.ts owns those.
//
// The marker `<!-- sas-image-gate:<hash> -->` is the SHA-256 of the key, so no untrusted text is
// ever embedded raw.
import { sha256Hex } from '../infra/hash.js';
import type { ImageSelector } from '../core/selector.js';
import type { Result } from '../core/verdict.js';
import { scrub } from '../infra/secrets.js';
import { shortenBytes } from '../infra/text.js';
import { escapeShort } from './escape.js';
import type { Report } from './model.js';
import { renderMarkdown } from './render.js';

/** Render cap: well under GitHub's 65,536-character body limit, leaving room for the markers. */
/** The comment's budget in UTF-8 bytes (GitHub's limit is 65,536; its unit is not documented, bytes is the safe reading). */
export const COMMENT_MAX_BYTES = 60_000;
export const GITHUB_BODY_LIMIT = 65_536;
const MARKER_NAME = 'sas-image-gate';
const STATE_RE = /<!-- sas-image-gate-result:(pass|fail|error) -->/;

/**
 * What names an image's repository, never its digest or tag (they change on every push):
 * repo-instance-id, repo-id, repo-region-id; for an image given without them, image-uuid /
 * cluster-id. '' when none is given.
 */
export function repositoryKey(selector: ImageSelector): string {
  const repo = [
    ['repo-instance-id', selector.repoInstanceId],
    ['repo-id', selector.repoId],
    ['repo-region-id', selector.repoRegionId],
  ] as const;
  const fallback = [
    ['image-uuid', selector.uuid],
    ['cluster-id', selector.clusterId],
  ] as const;
  const chosen = repo.some(([, v]) => v !== undefined) ? repo : fallback;
  return chosen
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/**
 * What tells this gate's comment apart: workflow name, job id, and either comment-key or the
 * images' repository keys. Never the digest or the tag: a new push must update the comment, not
 * add one.
 */
export function commentKeyMaterial(
  config: { images: ReadonlyArray<{ selector: ImageSelector }>; comment?: { key: string } },
  env: NodeJS.ProcessEnv,
): string {
  const custom = config.comment?.key ?? '';
  const scope: Record<string, unknown> = {
    v: 1,
    workflow: env['GITHUB_WORKFLOW'] ?? '',
    job: env['GITHUB_JOB'] ?? '',
  };
  if (custom !== '') {
    scope['key'] = custom;
  } else {
    const repos = new Set<string>();
    for (const { selector } of config.images) {
      const repo = repositoryKey(selector);
      if (repo !== '') repos.add(repo);
    }
    scope['repositories'] = [...repos].sort();
  }
  return JSON.stringify(scope);
}

export function keyHash(material: string): string {
  return sha256Hex(material);
}

export function markerFor(hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('marker: not a SHA-256 hex digest');
  return `<!-- ${MARKER_NAME}:${hash} -->`;
}

function stateLine(result: Result): string {
  return `<!-- ${MARKER_NAME}-result:${result} -->`;
}

/** The result an earlier comment of ours recorded, if any. */
export function previousResult(body: string): Result | undefined {
  const m = STATE_RE.exec(body);
  return m ? (m[1] as Result) : undefined;
}

/** Run link, workflow, job and time: safe Markdown (URL parts validated, text escaped). */
export function runFooter(env: NodeJS.ProcessEnv, now: Date, customKey = ''): string[] {
  const server = (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '');
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  const runId = env['GITHUB_RUN_ID'] ?? '';
  const attempt = env['GITHUB_RUN_ATTEMPT'] ?? '';
  const okServer = /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~/-]*)?$/.test(server);
  const okRepo = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository);
  const okRun = /^\d{1,20}$/.test(runId);
  const attemptText = /^\d{1,6}$/.test(attempt) ? `, attempt ${attempt}` : '';
  const run =
    okServer && okRepo && okRun
      ? `[run ${runId}${attemptText}](${server}/${repository}/actions/runs/${runId})`
      : `run ${okRun ? runId : '(unknown)'}${attemptText}`;
  const parts = [`Written by ${run}`];
  const workflow = env['GITHUB_WORKFLOW'] ?? '';
  const job = env['GITHUB_JOB'] ?? '';
  if (workflow !== '') parts.push(`workflow <code>${escapeShort(workflow, 100)}</code>`);
  if (job !== '') parts.push(`job <code>${escapeShort(job, 100)}</code>`);
  if (customKey !== '') parts.push(`comment key <code>${escapeShort(customKey, 100)}</code>`);
  const time = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  parts.push(`updated ${time}`);
  return ['---', `<sub>${parts.join(' · ')}</sub>`];
}

/** Shown when a pass replaces a comment that reported fail or error. */
export function resolvedPreamble(previous: Result): string {
  return `**The earlier failure is resolved.** The previous run of this gate on this pull request reported ${previous === 'fail' ? 'fail' : 'error'}; this run passes.`;
}

export function buildCommentBody(
  report: Report,
  opts: { failBuild: boolean; onError: 'fail' | 'warn' },
  marker: string,
  previous: Result | undefined,
  footer: string[],
): string {
  const preamble =
    report.result === 'pass' && (previous === 'fail' || previous === 'error')
      ? [resolvedPreamble(previous)]
      : [];
  const markdown = renderMarkdown(report, {
    failBuild: opts.failBuild,
    onError: opts.onError,
    maxBytes: COMMENT_MAX_BYTES,
    preamble,
    footer,
  });
  const body = scrub(`${marker}\n${stateLine(report.result)}\n${markdown}`);
  // scrub() could only lengthen a text by replacing a one- or two-character secret; stay safe.
  return shortenBytes(body, GITHUB_BODY_LIMIT - 1);
}
