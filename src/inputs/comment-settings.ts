// The pull request comment inputs: github-token, comment-on-pr, comment-key.
import { type InputReader } from './reader.js';

export const COMMENT_MODES = ['always', 'on-failure', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface CommentSettings {
  mode: CommentMode;
  /** Empty when none was given; the comment step then says why it wrote nothing. */
  token: string;
  /** comment-key as given (trimmed), or '' for the default key. */
  key: string;
}

/** Longest comment-key accepted; it is hashed, so this only guards against pasted junk. */
export const MAX_COMMENT_KEY = 1024;

/** The comment settings, or undefined when they are themselves bad input (then no comment). */
export function readCommentSettings(
  input: InputReader,
  mask: (secret: string) => void,
): CommentSettings | undefined {
  const before = input.problems.length;
  const token = input.raw('github-token');
  // The runner masks ${{ github.token }} itself, but a personal token passed from a secret is
  // masked here too, and scrub() keeps it out of every text the action writes.
  if (token !== '') mask(token);
  const mode = input.choice('comment-on-pr', COMMENT_MODES, 'always');
  const key = input.raw('comment-key');
  if (key.length > MAX_COMMENT_KEY)
    input.problem(`comment-key: at most ${MAX_COMMENT_KEY} characters (got ${key.length})`);
  return input.problems.length === before ? { mode, token, key } : undefined;
}
