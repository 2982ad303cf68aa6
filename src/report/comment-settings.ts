// The pull request comment inputs: github-token, comment-on-pr, comment-key. Called from
// parseConfig (src/inputs.ts), which stays the only place inputs are read.

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

export function readCommentSettings(
  input: (name: string) => string,
  _env: NodeJS.ProcessEnv,
  mask: (secret: string) => void,
  problems: string[],
): CommentSettings {
  const token = input('github-token');
  // The runner masks ${{ github.token }} itself, but a personal token passed from a secret is
  // masked here too, and scrub() keeps it out of every text the action writes.
  if (token !== '') mask(token);

  let mode: CommentMode = 'always';
  const rawMode = input('comment-on-pr');
  if (rawMode !== '') {
    const hit = COMMENT_MODES.find((m) => m === rawMode.toLowerCase());
    if (hit) mode = hit;
    else
      problems.push(
        `comment-on-pr: ${JSON.stringify(rawMode.slice(0, 80))} is not accepted; use one of: ${COMMENT_MODES.join(', ')}`,
      );
  }

  const key = input('comment-key');
  if (key.length > MAX_COMMENT_KEY)
    problems.push(`comment-key: at most ${MAX_COMMENT_KEY} characters (got ${key.length})`);

  return { mode, token, key };
}
