/**
 * Twilio attributes as an object: REST gives a JSON string, the SDK an object. Anything that is not
 * a JSON object (bad JSON, an array, a number) is null. No electron, node: or DOM imports here.
 */
export function attributesRecord(attributes: unknown): Record<string, unknown> | null {
  let value: unknown = attributes;
  if (typeof attributes === 'string') {
    try {
      value = JSON.parse(attributes);
    } catch {
      return null;
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
