// A JSON Schema for GitLab's container-scanning report, written by hand for these tests from the
// rules of the published schema (security-report-schemas, dist/container-scanning-report-format
// .json, 15.2.x): its required fields, enums, patterns and lengths for every field this project
// writes. No npm package ships the published schema, and it may not be copied in here, so this
// restates its rules; it is stricter than the original where that costs nothing: objects accept
// only the properties written (a new field must be added here, and checked against the published
// schema, before it can pass).
const nonEmpty = { type: 'string', minLength: 1 } as const;
const yyyymmddhhmmss = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' };

function closed(required: string[], properties: Record<string, unknown>) {
  return { type: 'object', required, properties, additionalProperties: false };
}

const party = closed(['id', 'name', 'version', 'vendor'], {
  id: nonEmpty,
  name: nonEmpty,
  version: nonEmpty,
  url: { type: 'string', pattern: '^https?://.+' },
  vendor: closed(['name'], { name: nonEmpty }),
});

const identifier = closed(['type', 'name', 'value'], {
  type: nonEmpty,
  name: nonEmpty,
  value: nonEmpty,
  url: { type: 'string', pattern: '^(https?|ftp)://.+' },
});

const vulnerability = closed(['id', 'identifiers', 'location'], {
  id: nonEmpty,
  name: { type: 'string', maxLength: 255 },
  description: { type: 'string', maxLength: 1048576 },
  severity: { enum: ['Info', 'Unknown', 'Low', 'Medium', 'High', 'Critical'] },
  solution: { type: 'string', maxLength: 7000 },
  identifiers: { type: 'array', minItems: 1, items: identifier },
  links: {
    type: 'array',
    items: closed(['url'], {
      name: { type: 'string' },
      url: { type: 'string', pattern: '^(https?|ftp)://.+' },
    }),
  },
  location: closed(['dependency', 'operating_system', 'image'], {
    dependency: closed(['package', 'version'], {
      package: closed(['name'], { name: { type: 'string' } }),
      version: { type: 'string' },
      direct: { type: 'boolean' },
    }),
    operating_system: nonEmpty,
    image: nonEmpty,
    default_branch_image: { type: 'string', maxLength: 255 },
  }),
});

export const CONTAINER_SCANNING_SCHEMA = closed(['scan', 'version', 'vulnerabilities'], {
  version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' },
  schema: { type: 'string', pattern: '^https?://.+' },
  scan: closed(['analyzer', 'scanner', 'start_time', 'end_time', 'status', 'type'], {
    analyzer: party,
    scanner: party,
    start_time: yyyymmddhhmmss,
    end_time: yyyymmddhhmmss,
    status: { enum: ['success', 'failure'] },
    type: { enum: ['container_scanning', 'container_scanning_for_registry'] },
    messages: {
      type: 'array',
      items: closed(['level', 'value'], {
        level: { enum: ['info', 'warn', 'fatal'] },
        value: nonEmpty,
      }),
    },
  }),
  vulnerabilities: { type: 'array', items: vulnerability },
});
