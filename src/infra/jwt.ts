// What a JWT says about itself, for messages: decoded without verifying (the issuer's service
// verifies it). Shared by the GitHub ID token and a CI's OIDC token file.

/** Claims worth showing (never the token): who the token says this run is. */
export function describeClaims(jwt: string): { sub?: string; aud?: string; iss?: string } {
  try {
    const part = jwt.split('.')[1] ?? '';
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const text = (v: unknown) =>
      typeof v === 'string'
        ? v
        : Array.isArray(v)
          ? v.filter((x) => typeof x === 'string').join(',')
          : undefined;
    return { sub: text(claims['sub']), aud: text(claims['aud']), iss: text(claims['iss']) };
  } catch {
    return {};
  }
}
