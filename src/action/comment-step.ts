// The pull request comment step: whether to comment at all, on which pull request, with which
// body. It reads the event (github/event.ts), renders (report/comment.ts) and hands the GitHub
// calls to github/comments.ts. Loaded only by runs that may comment. Nothing here can change the
// verdict or the exit code: every problem ends as one notice (or warning) in the log.
import type { Deadline } from '../infra/deadline.js';
import { syncComment } from '../github/comments.js';
import { PULL_REQUEST_EVENTS, pullRequestFromEvent } from '../github/event.js';
import type { CommentSettings } from '../inputs/comment-settings.js';
import type { Logger } from '../infra/log.js';
import {
  buildCommentBody,
  commentKeyMaterial,
  keyHash,
  markerFor,
  previousResult,
  runFooter,
} from '../report/comment.js';
import type { Report } from '../report/model.js';
import type { ImageSelector } from '../core/selector.js';
import { USER_AGENT } from '../infra/version.js';

/** What the comment step reads of the configuration (a bad-input run has only part of it). */
export interface CommentConfig {
  comment?: CommentSettings;
  failBuild: boolean;
  onError: 'fail' | 'warn';
  images: ReadonlyArray<{ selector: ImageSelector }>;
}

/**
 * Creates or updates this gate's comment on the pull request of the event. Returns the
 * comment's URL, or '' when none was written; a problem is one notice or warning. `deadline` is
 * the comment's share of the step deadline (main reserves a slice of timeout-seconds for it, so a
 * run that timed out against Security Center can still say so).
 */
export async function postPullRequestComment(
  report: Report,
  config: CommentConfig,
  env: NodeJS.ProcessEnv,
  deadline: Deadline,
  log: Logger,
): Promise<string> {
  const settings = config.comment;
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  if (!settings || settings.mode === 'never') {
    log.debug('Pull request comment: comment-on-pr is never.');
    return '';
  }
  if (!PULL_REQUEST_EVENTS.has(event)) {
    log.debug(`Pull request comment: not a pull request event (${event || 'none'}).`);
    return '';
  }
  const pr = pullRequestFromEvent(env);
  if (typeof pr === 'string') {
    log.notice(`Pull request comment not written: ${pr}.`);
    return '';
  }
  if (settings.token === '') {
    log.notice(
      'Pull request comment not written: github-token is empty. Leave it at its default (${{ github.token }}) or pass a token that may write pull request comments; set comment-on-pr: never to turn comments off.',
    );
    return '';
  }
  const baseUrl = (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(baseUrl)) {
    log.notice('Pull request comment not written: GITHUB_API_URL is not an http(s) URL.');
    return '';
  }
  const marker = markerFor(keyHash(commentKeyMaterial(config, env)));
  const footer = runFooter(env, new Date(), settings.key);
  return syncComment({
    token: settings.token,
    baseUrl,
    userAgent: USER_AGENT,
    pr,
    marker,
    // on-failure with a pass only updates an earlier comment (to say the failure is resolved).
    mayCreate: settings.mode === 'always' || report.result !== 'pass',
    body: (previous) =>
      buildCommentBody(
        report,
        config,
        marker,
        previous === undefined ? undefined : previousResult(previous),
        footer,
      ),
    deadline,
    log,
  });
}
