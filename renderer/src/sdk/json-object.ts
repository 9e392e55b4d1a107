/** A plain JSON object (attributes, bindings) or null: attributes are anyone's to write, so nothing is assumed. */
export const record = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
