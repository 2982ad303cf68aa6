// A key twice in one JSON object is read by JSON.parse as its last value, so an answer could say
// two things at once and be believed in the one that passes. This scanner finds such a key in a
// text that already parsed as JSON, in one linear pass, without building a second tree. Pure.

interface Frame {
  /** Keys seen so far; null for an array. */
  keys: Set<string> | null;
  expectKey: boolean;
}

/** The first key that appears twice in one object of `json` (valid JSON), or undefined. */
export function duplicateKey(json: string): string | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (ch === '"') {
      const start = i;
      for (i++; i < json.length && json[i] !== '"'; i++) if (json[i] === '\\') i++;
      const top = stack.at(-1);
      if (top?.keys && top.expectKey) {
        // Escapes compare by what they mean ("a" and "\u0061" are one key).
        const key = JSON.parse(json.slice(start, i + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
    } else if (ch === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (ch === '[') stack.push({ keys: null, expectKey: false });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack.at(-1);
      if (top?.keys) top.expectKey = true;
    }
  }
  return undefined;
}
