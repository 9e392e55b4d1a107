/** The conversation `step` places away from the selected one in inbox order; stays put at the ends. */
export function adjacentConversation(order: readonly string[], selected: string | null, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const at = selected === null ? -1 : order.indexOf(selected);
  if (at === -1) return step === 1 ? (order[0] ?? null) : (order[order.length - 1] ?? null);
  return order[Math.min(order.length - 1, Math.max(0, at + step))] ?? null;
}
