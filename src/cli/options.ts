// The command line's options, in one table: every action input under its own name (with
// action.yml's default: test/unit/cli/options.test.ts reads action.yml and fails when the two
// drift apart, because the action's defaults live in action.yml and its reader, which this front
// end must not edit), and the CLI's own options (output format, report files, help, version).
// The argument parser, the help text and the reserved variable names all come from here, so an
// option cannot be accepted without being documented, or documented without being accepted.

/** How an option takes its value. */
export type OptionKind =
  /** A text value: `--name value` or `--name=value`. */
  | 'value'
  /** true or false, always written out: `--fail-build false` (a bare `--fail-build` is bad input). */
  | 'boolean'
  /** No value: `--help`, `--version`. Not read from the environment. */
  | 'switch';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  /** The default as action.yml declares it ('' for none); for the CLI's own options, its own. */
  default: string;
  /** When set, an unset option takes this variable's value before `default`. */
  defaultVariable?: string;
  /** The default as the help shows it, when it is more than `default` (computed defaults). */
  defaultText?: string;
  /** Placeholder for the value in the help text. */
  value?: string;
  description: string;
  /** True for action inputs: same name, same meaning, same default. */
  fromAction: boolean;
  /** False for `images`: its lines come only from SAS_IMAGE_GATE_IMAGES (the flag is --images-file). */
  flag: boolean;
  /** Help section. */
  group: string;
}

export const ENV_PREFIX = 'SAS_IMAGE_GATE_';

/** The variable an option also reads: SAS_IMAGE_GATE_<NAME>, upper case, `_` for `-`. */
export function variableName(name: string): string {
  return `${ENV_PREFIX}${name.toUpperCase().replace(/-/g, '_')}`;
}

const SELECT = 'Image selection (at least one image)';
const LIMITS = 'Limits: off, or comma-separated terms that must all hold (N in total, LEVEL:N)';
const SCAN = 'Scan state';
const POLICY = 'Verdict and exit code';
const ACCEPTED = 'Accepted risks and baselines';
const CONNECT = 'Connection and credentials';
const FILES = 'Output and report files (paths relative to the working directory)';
const GENERAL = 'General';

function action(
  name: string,
  group: string,
  value: string | undefined,
  description: string,
  def = '',
  extra: Partial<OptionSpec> = {},
): OptionSpec {
  return {
    name,
    kind: value === undefined ? 'boolean' : 'value',
    default: def,
    ...(value === undefined ? {} : { value }),
    description,
    fromAction: true,
    flag: true,
    group,
    ...extra,
  };
}

function own(
  name: string,
  group: string,
  value: string | undefined,
  description: string,
  def = '',
): OptionSpec {
  return {
    name,
    kind: value === undefined ? 'switch' : 'value',
    default: def,
    ...(value === undefined ? {} : { value }),
    description,
    fromAction: false,
    flag: true,
    group,
  };
}

/** Every option, in the order the help lists them. */
export const OPTIONS: readonly OptionSpec[] = [
  action(
    'image-digest',
    SELECT,
    '<digests>',
    'Image digest(s): sha256:<64 hex> or 64 bare hex digits; several comma- or newline-separated.',
  ),
  action('image-tag', SELECT, '<tag>', 'Image tag.'),
  action('image-uuid', SELECT, '<uuid>', "Security Center's UUID of the image."),
  action('repo-id', SELECT, '<id>', 'Container Registry repository id.'),
  action('repo-instance-id', SELECT, '<id>', 'Container Registry instance id, e.g. cri-xxxx.'),
  action(
    'repo-region-id',
    SELECT,
    '<region>',
    'Region of the repository, e.g. cn-hangzhou. Also picks the Security Center site unless --region-id or --endpoint is set.',
  ),
  action('cluster-id', SELECT, '<id>', 'Cluster id.'),
  action('scan-range', SELECT, '<ranges>', 'Comma-separated: image and/or container.'),
  action('instance-uuids', SELECT, '<ids>', 'Comma-separated instance ids.'),
  {
    ...action(
      'images',
      SELECT,
      '<lines>',
      'Several images, one per line as space-separated key=value pairs (repo-id=… image-tag=… image-digest=…), merged over the single-image options. Only as SAS_IMAGE_GATE_IMAGES (the lines themselves); on the command line use --images-file.',
    ),
    flag: false,
  },
  own(
    'images-file',
    SELECT,
    '<path>',
    'A file with the images, one per line, in the form SAS_IMAGE_GATE_IMAGES takes. SAS_IMAGE_GATE_IMAGES and SAS_IMAGE_GATE_IMAGES_FILE together are bad input.',
  ),
  action(
    'risk-status',
    SELECT,
    '<status>',
    'Which risks count: unhandled, handled or all. Risks marked handled in Security Center act as an allow-list with unhandled.',
    'unhandled',
  ),
  action(
    'policy-file',
    ACCEPTED,
    '<path>',
    'Policy file of accepted risks, relative to and inside the working directory. Empty means the default path; missing there: no policy.',
    '.github/sas-image-gate.yml',
  ),
  action(
    'max-accept-days',
    ACCEPTED,
    '<days>',
    'The longest an acceptance in the policy file may run, in days; 0: no cap.',
    '365',
  ),
  action(
    'baseline-image-tag',
    ACCEPTED,
    '<tag>',
    "Gate only what an image adds over this tag's image in the same repository.",
  ),
  action(
    'baseline-image-digest',
    ACCEPTED,
    '<digest>',
    'Gate only what the image adds over this image (one image only).',
  ),
  action(
    'max-baseline-risks',
    LIMITS,
    '<limit>',
    'Most baseline (configuration) risks allowed: off, or terms such as 5 or high:0,medium:10 (levels: high/medium/low).',
    '0',
  ),
  action(
    'max-malicious-files',
    LIMITS,
    '<limit>',
    'Most malicious files allowed: off, or terms such as 0 or high:0 (levels: high/medium/low, or serious/suspicious/remind).',
    '0',
  ),
  action(
    'max-sca-vulns',
    LIMITS,
    '<limit>',
    'Most application (SCA) vulnerabilities allowed: off, or terms such as 10 or high:0,medium:5 (levels: high/medium/low, or asap/later/nntf).',
    '0',
  ),
  action(
    'max-cve-vulns',
    LIMITS,
    '<limit>',
    'Most system (CVE) vulnerabilities allowed: off, or terms such as 10 or high:0 (levels: high/medium/low, or asap/later/nntf).',
    '0',
  ),
  action(
    'ignore-unfixable',
    LIMITS,
    undefined,
    'Leave vulnerabilities Security Center marks as having no fix out of the SCA and CVE limits (those limits are then counted from the finding lists).',
    'false',
  ),
  action(
    'fail-build',
    POLICY,
    undefined,
    'Exit 1 when a limit is exceeded. false: exit 0 (the verdict still says fail).',
    'true',
  ),
  action(
    'on-error',
    POLICY,
    '<fail|warn>',
    'When the counts could not be obtained: fail (exit 2) or warn (exit 0). The verdict is error either way, never pass; bad input always exits 2.',
    'fail',
  ),
  action(
    'require-scan',
    SCAN,
    undefined,
    'Before trusting the counts, confirm Security Center has a completed scan of the image; otherwise the verdict is error. false: plain count query.',
    'true',
  ),
  action(
    'wait-for-scan',
    SCAN,
    '<seconds>',
    'Seconds to wait for a queued or running scan, on top of --timeout-seconds. 0: do not wait.',
    '600',
  ),
  action(
    'trigger-scan',
    SCAN,
    undefined,
    'When the image has no completed (fresh enough) scan, start one and wait for it.',
    'false',
  ),
  action(
    'max-scan-age',
    SCAN,
    '<hours>',
    'Hours after which a completed scan counts as not scanned (refreshed with --trigger-scan true), or off.',
    'off',
  ),
  action('region-id', CONNECT, '<region>', 'Region whose Security Center site to query.', '', {
    defaultText: '--repo-region-id, else cn-shanghai',
  }),
  action(
    'endpoint',
    CONNECT,
    '<host|url>',
    'Security Center endpoint override: a host name or https URL (plain http only to loopback).',
  ),
  action(
    'timeout-seconds',
    CONNECT,
    '<seconds>',
    'One deadline for all Security Center calls of the run, retries included.',
    '60',
  ),
  action(
    'max-concurrency',
    CONNECT,
    '<n>',
    'Most Security Center requests in flight at once, over all images (1 to 20).',
    '4',
  ),
  action(
    'access-key-id',
    CONNECT,
    '<id>',
    'AccessKey ID. Its secret is read only from ALIBABA_CLOUD_ACCESS_KEY_SECRET (and an STS token from ALIBABA_CLOUD_SECURITY_TOKEN), never from the command line.',
    '',
    { defaultVariable: 'ALIBABA_CLOUD_ACCESS_KEY_ID' },
  ),
  action(
    'role-arn',
    CONNECT,
    '<arn>',
    'Keyless authentication (OIDC): the RAM role to assume, acs:ram::<account id>:role/<name>. With --oidc-provider-arn and the ID token in ALIBABA_CLOUD_OIDC_TOKEN_FILE (a file) or SAS_IMAGE_GATE_OIDC_TOKEN (the token), no access key is needed.',
    '',
    { defaultVariable: 'ALIBABA_CLOUD_ROLE_ARN' },
  ),
  action(
    'oidc-provider-arn',
    CONNECT,
    '<arn>',
    'Keyless authentication: the RAM OIDC provider of the CI system, acs:ram::<account id>:oidc-provider/<name>.',
    '',
    { defaultVariable: 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN' },
  ),
  action(
    'role-session-name',
    CONNECT,
    '<name>',
    'RoleSessionName for STS (2 to 64 of A-Z a-z 0-9 . @ _ -).',
    '',
    {
      defaultVariable: 'ALIBABA_CLOUD_ROLE_SESSION_NAME',
      defaultText:
        '$ALIBABA_CLOUD_ROLE_SESSION_NAME, else sas-image-gate- and the CI job id or the time',
    },
  ),
  action(
    'role-duration-seconds',
    CONNECT,
    '<seconds>',
    "Lifetime of the STS credentials, 900 to 43200 seconds; above 3600 the role's maximum session duration must be raised.",
    '900',
  ),
  action(
    'sts-endpoint',
    CONNECT,
    '<host|url>',
    'STS endpoint: a host name or https URL (plain http only to loopback).',
    'sts.aliyuncs.com',
  ),
  own(
    'format',
    FILES,
    '<text|json>',
    'Standard output: text (the verdict, the table and the listed findings) or json (exactly one JSON document, the report).',
    'text',
  ),
  action(
    'list-findings',
    FILES,
    '<n>',
    'How many findings per category the text output, the summary and the report list for each image, most severe first (0 to 1000).',
    '10',
  ),
  own('summary-file', FILES, '<path>', 'Write the Markdown summary to this file.'),
  action('report-file', FILES, '<path>', 'Write the complete report JSON to this file.'),
  action(
    'sarif-file',
    FILES,
    '<path>',
    'Write a SARIF 2.1.0 log of every finding read to this file.',
  ),
  action(
    'dockerfile',
    FILES,
    '<path>',
    'Repository-relative path of the Dockerfile the SARIF results point at.',
    'Dockerfile',
  ),
  own(
    'outputs-file',
    FILES,
    '<path>',
    'Write the outputs as SAS_IMAGE_GATE_<OUTPUT>=value lines (for GitLab artifacts:reports:dotenv).',
  ),
  own(
    'gitlab-report',
    FILES,
    '<path>',
    'Write a GitLab container-scanning report (schema 15.2.x) of every CVE and SCA finding read.',
  ),
  own(
    'junit-file',
    FILES,
    '<path>',
    'Write a JUnit XML file: one test suite per image, one test case per category.',
  ),
  own('help', GENERAL, undefined, 'Print this help and exit.'),
  own('version', GENERAL, undefined, 'Print the version and exit.'),
];

export const OPTION_BY_NAME: ReadonlyMap<string, OptionSpec> = new Map(
  OPTIONS.map((o) => [o.name, o]),
);

/** Options written as files (their paths must differ from each other). */
export const FILE_OPTIONS = [
  'summary-file',
  'report-file',
  'sarif-file',
  'outputs-file',
  'gitlab-report',
  'junit-file',
] as const;

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Secrets are never taken from the command line (process lists and CI logs show it): each of
 * these, as a flag or as SAS_IMAGE_GATE_<NAME>, is bad input naming where the secret goes.
 */
export const SECRET_OPTIONS: ReadonlyMap<string, string> = new Map([
  ['access-key-secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
  ['security-token', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
  [
    'oidc-token',
    'ALIBABA_CLOUD_OIDC_TOKEN_FILE (a file holding the ID token) or SAS_IMAGE_GATE_OIDC_TOKEN (the token)',
  ],
]);

/** Action inputs that are not options, with why (each ends a problem message). */
export const NOT_OPTIONS: ReadonlyMap<string, string> = new Map([
  [
    'github-token',
    'it is a GitHub Action input for the pull request comment; the command line writes no comment',
  ],
  [
    'comment-on-pr',
    'it is a GitHub Action input for the pull request comment; the command line writes no comment',
  ],
  [
    'comment-key',
    'it is a GitHub Action input for the pull request comment; the command line writes no comment',
  ],
  [
    'job-summary',
    'it is a GitHub Action input; write the Markdown summary with --summary-file <path>',
  ],
  [
    'oidc-audience',
    "the audience is chosen where the CI system issues the ID token (GitLab: id_tokens' aud); it must be a Client ID of the OIDC provider",
  ],
]);

/**
 * SAS_IMAGE_GATE_* variables that are not options and are never bad input: the ID token, a test
 * knob, names a pipeline may use for itself (help, version), and the outputs file's variables,
 * which GitLab hands to later jobs (a later job running the gate again must not fail on them).
 */
export const RESERVED_VARIABLES: ReadonlySet<string> = new Set([
  'SAS_IMAGE_GATE_OIDC_TOKEN',
  'SAS_IMAGE_GATE_FIRST_POLL_MS',
  'SAS_IMAGE_GATE_HELP',
  'SAS_IMAGE_GATE_VERSION',
  ...[
    'result',
    'baseline-risks',
    'malicious-files',
    'sca-vulns',
    'cve-vulns',
    'exceeded',
    'request-id',
    'scan-status',
    'scanned-at',
    'scan-task-id',
    'gated-digests',
    'accepted',
    'new-findings',
  ].map(variableName),
]);

const WIDTH = 100;
const INDENT = '      ';

function wrap(text: string, indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** The default as the help shows it. */
export function defaultShown(o: OptionSpec): string {
  if (o.defaultText) return o.defaultText;
  if (o.defaultVariable)
    return o.default ? `$${o.defaultVariable}, else ${o.default}` : `$${o.defaultVariable}`;
  return o.default === '' ? 'none' : o.default;
}

/** `sas-image-gate --help`: every option with its default, the variables, the exit codes. */
export function helpText(): string {
  const out: string[] = [
    'Usage: sas-image-gate [options]',
    '',
    ...wrap(
      "Gates a CI job on Alibaba Cloud Security Center's scan results for Container Registry images.",
      '',
      WIDTH,
    ),
    ...wrap(
      'Exit codes: 0 pass, 1 fail (a limit exceeded), 2 error (anything not established, bad input included).',
      '',
      WIDTH,
    ),
    '',
    ...wrap(
      'Every option is written --name value or --name=value (booleans take true or false) and can also be set as the variable SAS_IMAGE_GATE_<NAME> (upper case, _ for -). A flag beats the variable, the variable beats the default; an empty value counts as unset.',
      '',
      WIDTH,
    ),
  ];
  let group = '';
  for (const o of OPTIONS) {
    if (o.group !== group) {
      group = o.group;
      out.push('', `${group}:`);
    }
    const head = o.flag
      ? `--${o.name}${o.value ? ` ${o.value}` : o.kind === 'boolean' ? ' <true|false>' : ''}`
      : variableName(o.name);
    out.push(`  ${head}`);
    out.push(...wrap(o.description, INDENT, WIDTH));
    if (o.kind !== 'switch') out.push(...wrap(`[default: ${defaultShown(o)}]`, INDENT, WIDTH));
  }
  out.push(
    '',
    'Credentials (read only from the environment, never from the command line):',
    ...wrap(
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS keys); or keyless with --role-arn (ALIBABA_CLOUD_ROLE_ARN), --oidc-provider-arn (ALIBABA_CLOUD_OIDC_PROVIDER_ARN) and the ID token from the file named by ALIBABA_CLOUD_OIDC_TOKEN_FILE or in SAS_IMAGE_GATE_OIDC_TOKEN.',
      '  ',
      WIDTH,
    ),
    '',
  );
  return out.join('\n');
}
