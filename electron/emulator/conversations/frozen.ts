/**
 * Freezes a stored record and the objects and arrays it holds (records are at most two levels
 * deep: a message's media list, a conversation's last message). Stored records are replaced,
 * never edited, so whoever holds one holds a copy that nothing can change, itself included.
 */
export function freezeRecord<T extends object>(record: T): T {
  for (const value of Object.values(record)) {
    if (value === null || typeof value !== 'object' || Object.isFrozen(value)) continue;
    if (Array.isArray(value)) for (const item of value as unknown[]) if (item !== null && typeof item === 'object') Object.freeze(item);
    Object.freeze(value);
  }
  return Object.freeze(record);
}
