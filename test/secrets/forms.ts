/**
 * The shapes a secret value could take in synthesized files: as is, escaped
 * once or twice as a JSON string (a file's content inside a resource), URL- or
 * hex-encoded, and base64-encoded at each of the three byte alignments a value
 * can have inside a longer encoded blob (edge characters, which depend on the
 * neighbouring bytes, are left out).
 */
export function secretForms(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const base64 = [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    return encoded.slice(offset === 0 ? 0 : 4, -4);
  });
  return [
    value,
    JSON.stringify(value).slice(1, -1),
    JSON.stringify(JSON.stringify(value)).slice(1, -1),
    encodeURIComponent(value),
    bytes.toString("hex"),
    ...base64,
  ];
}

/** The forms of `value` that occur in `text`. */
export function formsFoundIn(text: string, value: string): string[] {
  return secretForms(value).filter((form) => text.includes(form));
}
